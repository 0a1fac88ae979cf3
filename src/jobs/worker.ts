/**
 * `npm run worker` entry. It has no static imports on purpose: under Node 20 + tsx, dynamically
 * importing the config after statically importing part of its module graph sometimes never
 * settles (the process hangs or exits 13). The environment check runs first so a production worker
 * without its secrets stops with a one-line message; a timer keeps the loop alive while loading.
 */
const loading = setInterval(() => {}, 1000)
const { missingProductionEnv } = await import('../lib/env')
if (process.env.NODE_ENV === 'production') {
  const missing = missingProductionEnv()
  if (missing.length) {
    console.error(`Callastar refuses to start in production: missing ${missing.join(', ')}. Set them in the environment (see .env.example).`)
    process.exit(1)
  }
}
await import('./worker-main')
clearInterval(loading)

export {}
