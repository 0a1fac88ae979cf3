import type { PayloadRequest } from 'payload'

import { slugify } from '@/lib/validators'

/** A URL slug for a new creator, unique among creators (`jane-doe`, then `jane-doe-2`, …). */
export const uniqueCreatorSlug = async (req: PayloadRequest, name: string): Promise<string> => {
  const base = slugify(name)
  const taken = await req.payload.find({
    collection: 'creators',
    where: { or: [{ slug: { equals: base } }, { slug: { like: `${base}-` } }] },
    limit: 1000,
    depth: 0,
    pagination: false,
    select: { slug: true },
    req,
  })
  const used = new Set(taken.docs.map((d) => d.slug))
  if (!used.has(base)) return base
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`
}
