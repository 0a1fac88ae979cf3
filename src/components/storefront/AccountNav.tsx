'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import React from 'react'

/** The account's sections, the current one marked. */
export function AccountNav({ items, label }: { items: { href: string; label: string; testId: string }[]; label: string }) {
  const pathname = usePathname()
  return (
    <nav className="account-nav" aria-label={label}>
      {items.map((item) => (
        <Link key={item.href} href={item.href} aria-current={pathname === item.href ? 'page' : undefined} data-testid={item.testId}>
          {item.label}
        </Link>
      ))}
    </nav>
  )
}
