/** Fails the build of the config when a plugin's option names a slug the config does not have (a typo would silently do nothing). */
export const assertSlugs = (plugin: string, kind: 'collection' | 'global', wanted: string[], present: (string | undefined)[]): void => {
  const missing = wanted.filter((slug) => !present.includes(slug))
  if (missing.length) throw new Error(`${plugin}: no ${kind} ${missing.map((s) => `"${s}"`).join(', ')} in the config.`)
}
