import config from '@payload-config'
import { ImageResponse } from 'next/og'
import { getPayload } from 'payload'

import { localeOf, t } from '@/i18n'

export const size = { width: 1200, height: 630 }
export const contentType = 'image/png'
export const alt = 'Callastar'

/** Open Graph card of a creator page: name, category, rating, on the brand gradient. */
export default async function Image({ params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale: raw, slug } = await params
  const locale = localeOf(raw)
  const payload = await getPayload({ config })
  const found = await payload.find({ collection: 'creators', where: { slug: { equals: slug } }, limit: 1, depth: 0, overrideAccess: false })
  const creator = found.docs[0]
  const name = creator?.displayName ?? 'Callastar'
  const rating = creator?.ratingCount ? `${(creator.ratingAverage ?? 0).toFixed(1)} · ${creator.ratingCount}` : ''
  return new ImageResponse(
    (
      <div style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', justifyContent: 'space-between', padding: 72, background: 'linear-gradient(120deg, #5b21b6, #db2777)', color: '#fff' }}>
        <div style={{ fontSize: 40, fontWeight: 700, display: 'flex' }}>Callastar</div>
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <div style={{ fontSize: 88, fontWeight: 800, display: 'flex' }}>{name}</div>
          <div style={{ fontSize: 40, display: 'flex', gap: 24 }}>
            {creator?.category ? <span>{t(locale, `category.${creator.category}`)}</span> : null}
            {rating ? (
              <span style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
                {/* Drawn, not the ★ character: the built-in font lacks it, and next/og would fetch one from Google Fonts. */}
                <svg width="36" height="36" viewBox="0 0 24 24">
                  <path fill="#fff" d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01z" />
                </svg>
                {rating}
              </span>
            ) : null}
          </div>
        </div>
        <div style={{ fontSize: 34, display: 'flex' }}>{t(locale, 'og.tagline')}</div>
      </div>
    ),
    size,
  )
}
