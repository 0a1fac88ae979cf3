'use client'

import Link from 'next/link'
import React, { useEffect, useState } from 'react'

/** "Join the call": live from `opensAt` (the join window) until `endsAt`, without reloading the page. */
export function JoinButton({ href, opensAt, endsAt, label, opensLabel, endedLabel }: { href: string; opensAt: string; endsAt: string; label: string; opensLabel: string; endedLabel: string }) {
  const [at, setAt] = useState<number | null>(null)
  useEffect(() => {
    setAt(Date.now())
    const timer = setInterval(() => setAt(Date.now()), 15_000)
    return () => clearInterval(timer)
  }, [])
  const open = at !== null && at >= new Date(opensAt).getTime() && at < new Date(endsAt).getTime()
  if (open) {
    return (
      <Link className="button small" href={href} data-testid="join-call">
        {label}
      </Link>
    )
  }
  const ended = at !== null && at >= new Date(endsAt).getTime()
  return (
    <span className="hint" data-testid="join-later">
      {ended ? endedLabel : opensLabel}
    </span>
  )
}
