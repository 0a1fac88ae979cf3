/** Cookie names the proxy and the pages agree on (kept free of imports: the proxy bundles this). */
export const LOCALE_COOKIE = 'callastar-locale'
/** The browser's IANA time zone, set by TimeZoneCookie; guests' times are printed in it. */
export const TZ_COOKIE = 'callastar-tz'
/** Payload's session cookie (cookiePrefix "payload"): its presence means the page is personal. */
export const AUTH_COOKIE = 'payload-token'
