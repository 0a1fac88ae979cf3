/**
 * The storefront's pages, as the paths after `/en` or `/fr`: what the proxy tells from an unknown
 * path. Unknown paths render the catch-all 404 page ([locale]/(missing)/[...rest]) with status 404
 * set by the proxy: in production Next serves `notFound()` as an empty shell filled in only after
 * hydration (no text without JavaScript), and renders no not-found.tsx beside a root layout when
 * the app has several root layouts, as this one does (storefront, admin).
 * tests/unit/storefront-routes.test.ts checks this list against the page files.
 */
const SEGMENT = '[^/]+'

export const STOREFRONT_ROUTES: readonly RegExp[] = [
  '',
  '/creators',
  `/creators/${SEGMENT}`,
  `/creators/${SEGMENT}/opengraph-image[^/]*`,
  `/book/${SEGMENT}`,
  `/book/${SEGMENT}/success`,
  `/call/${SEGMENT}`,
  '/account',
  '/account/(bookings|history|notifications|requests|settings)',
  '/login',
  '/signup',
  '/forgot-password',
  '/reset-password',
].map((path) => new RegExp(`^${path}/?$`))

/** Whether `rest` (the path after the language, e.g. `/creators/lea`) is a storefront page. */
export const isStorefrontRoute = (rest: string): boolean => STOREFRONT_ROUTES.some((route) => route.test(rest))
