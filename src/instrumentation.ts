/** Next.js boot hook; the Node-only work (env check, Payload init + migrations) lives in instrumentation-node. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node')
}
