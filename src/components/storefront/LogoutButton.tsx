'use client'

import React, { useState } from 'react'

/** Ends the session (Payload clears its cookie) and goes home in the same language. */
export function LogoutButton({ label, home }: { label: string; home: string }) {
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      className="linklike"
      disabled={busy}
      data-testid="logout"
      onClick={async () => {
        setBusy(true)
        await fetch('/api/users/logout', { method: 'POST', credentials: 'include' }).catch(() => undefined)
        window.location.assign(home)
      }}
    >
      {label}
    </button>
  )
}
