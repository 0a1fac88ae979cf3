# syntax=docker/dockerfile:1
# Callastar production image. Targets:
#   web    (default) — the standalone Next.js + Payload server; migrations run at boot under an advisory lock.
#   worker           — the jobs worker (node-schedule + Payload jobs queue); run exactly one.
#   migrate          — `payload migrate` as a one-off release step, if you prefer it to migrate-on-boot.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
# The local provider emulators (emulators/: Stripe, Resend) are dev/test only and excluded by
# .dockerignore; nothing under src/ imports them, so no target (web, worker, migrate) carries them.
COPY . .
RUN npm run build

# Full source + node_modules for the CLI-based targets.
FROM build AS tools
ENV NODE_ENV=production
RUN npm prune --omit=dev --no-audit --no-fund

FROM tools AS migrate
CMD ["node", "scripts/payload.mjs", "migrate"]

FROM tools AS worker
USER node
CMD ["npx", "tsx", "src/jobs/worker.ts"]

FROM node:20-bookworm-slim AS web
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
RUN mkdir -p /app/media && chown node:node /app/media
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "server.js"]
