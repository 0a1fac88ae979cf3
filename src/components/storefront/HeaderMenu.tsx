'use client'

import { usePathname } from 'next/navigation'
import React, { useEffect, useId, useState } from 'react'

/**
 * The header's secondary items (dashboard, log out, language). Wide screens show them in the row;
 * phones fold them behind one button so the header stays one row at 375 px.
 */
export function HeaderMenu({ label, children }: { label: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false)
  const pathname = usePathname()
  const id = useId()
  useEffect(() => setOpen(false), [pathname])
  return (
    <div className={`header-menu${open ? ' open' : ''}`}>
      <button type="button" className="header-menu__toggle" aria-expanded={open} aria-controls={id} aria-label={label} title={label} onClick={() => setOpen((o) => !o)} data-testid="header-menu">
        <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <path d="M4 6h16M4 12h16M4 18h16" />
        </svg>
      </button>
      <div className="header-menu__panel" id={id}>
        {children}
      </div>
    </div>
  )
}
