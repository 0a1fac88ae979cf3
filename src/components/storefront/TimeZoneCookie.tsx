'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

/**
 * Tells the server the browser's time zone (cookie), so guests' pages group and print times in
 * it; re-renders once when it changes (the first visit renders in UTC).
 */
export function TimeZoneCookie({ name, current }: { name: string; current: string | null }) {
  const router = useRouter()
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
    if (!zone || zone === current) return
    document.cookie = `${name}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`
    router.refresh()
  }, [name, current, router])
  return null
}
