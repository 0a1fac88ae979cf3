import type React from 'react'

/**
 * Pass-through layout of the unknown-path catch-all. Next does not render a not-found.tsx that sits
 * beside a root layout when the app has several root layouts (storefront and admin; vercel/next.js
 * #59180): the boundary one segment below the [locale] layout does, inside it (header included).
 */
export default function MissingLayout({ children }: { children: React.ReactNode }) {
  return children
}
