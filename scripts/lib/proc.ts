import { spawn, spawnSync, type ChildProcess } from 'node:child_process'

const COLORS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m']
let next = 0

/** Spawns a long-running child whose output lines are prefixed with its name. */
export const startProcess = (name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess => {
  const color = COLORS[next++ % COLORS.length]
  // Own process group, so stopping it also stops what npx/next spawn underneath.
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  const prefix = `${color}[${name}]\x1b[0m `
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = ''
    stream?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) if (line.trim() && !line.includes('npm warn')) process.stdout.write(prefix + line + '\n')
    })
  }
  return child
}

/** Stops a process started by startProcess and everything it spawned. */
export const stopProcess = (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void => {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, signal)
    } catch {
      child.kill(signal)
    }
  }
}

/**
 * Runs a command to completion with inherited output; throws when it fails. Exit code 13 (Node 20
 * gave up on a pending top-level await while loading modules, before doing anything) is retried.
 */
export const run = (command: string, args: string[], env: NodeJS.ProcessEnv): void => {
  for (let attempt = 1; ; attempt++) {
    const result = spawnSync(command, args, { env, stdio: 'inherit' })
    if (result.status === 0) return
    if (result.status === 13 && attempt < 3) continue
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`)
  }
}

export const waitForHttp = async (url: string, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url)
      if (res.status < 500) return true
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  return false
}
