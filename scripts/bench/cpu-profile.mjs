/**
 * Preloaded with `--import` (NODE_OPTIONS refuses --cpu-prof): profiles the process with the
 * inspector and writes a .cpuprofile into CPU_PROFILE_DIR when it is stopped.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import path from 'node:path'

const session = new Session()
session.connect()
session.post('Profiler.enable', () => session.post('Profiler.start'))
let written = false
const write = () => {
  if (written) return
  written = true
  session.post('Profiler.stop', (error, result) => {
    if (!error) {
      const dir = process.env.CPU_PROFILE_DIR
      mkdirSync(dir, { recursive: true })
      writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile))
    }
    process.exit(0)
  })
}
process.on('SIGTERM', write)
process.on('SIGINT', write)
