import config from '@payload-config'
import { getPayload } from 'payload'
import Link from 'next/link'
import React from 'react'

export const dynamic = 'force-dynamic'

/** Temporary home until the storefront (issue 4): what Callastar is, featured creators, the way in. */
export default async function HomePage() {
  const payload = await getPayload({ config })
  const creators = await payload.find({
    collection: 'creators',
    where: { featured: { equals: true } },
    limit: 6,
    depth: 0,
    overrideAccess: false,
    select: { displayName: true, bio: true, category: true, currency: true },
  })
  return (
    <main className="home">
      <h1>Callastar</h1>
      <p className="lead">Book a private, scheduled 1:1 video call with the creators you follow. Pay once, meet at the time you chose.</p>
      <section aria-labelledby="featured">
        <h2 id="featured">Featured creators</h2>
        {creators.docs.length === 0 ? (
          <p>No creators yet.</p>
        ) : (
          <ul className="creators">
            {creators.docs.map((c) => (
              <li key={c.id}>
                <strong>{c.displayName}</strong>
                {c.category ? <span className="tag">{c.category}</span> : null}
                {c.bio ? <p>{c.bio}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="cta">
        Creator or admin? <Link href="/admin">Log in to your dashboard</Link>.
      </p>
    </main>
  )
}
