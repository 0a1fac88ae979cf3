/**
 * A second web instance for the signalling tests (tests/int/call-signals.test.ts): its own process,
 * its own Payload, its own LISTEN connection, Payload's REST handlers over HTTP on a random port —
 * against the same database (DATABASE_URL). Prints `LISTENING <base url>` when ready; exits when
 * its parent closes stdin.
 */
import { apiBase, getTestPayload } from './harness'

const main = async () => {
  await getTestPayload()
  const base = await apiBase()
  process.stdout.write(`LISTENING ${base}\n`)
  const keepAlive = setInterval(() => undefined, 1 << 30)
  process.stdin.resume()
  process.stdin.on('end', () => {
    clearInterval(keepAlive)
    process.exit(0)
  })
}

main().catch((error) => {
  process.stderr.write(`second instance failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
