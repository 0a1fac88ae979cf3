'use client'
import { Button, toast, useAuth, useTranslation } from '@payloadcms/ui'
import { useSearchParams } from 'next/navigation'
import React, { useCallback, useEffect, useState } from 'react'

import { localeOf } from '@/i18n/locale'
import { PAYMENT_ACCOUNT } from '@/messages/panel'

type Status = 'none' | 'pending' | 'enabled' | 'restricted'
type Profile = { stripeAccountStatus?: Status | null; chargesEnabled?: boolean | null; payoutsEnabled?: boolean | null }

const COLORS: Record<Status, string> = { none: '#6b7280', pending: '#b45309', restricted: '#b91c1c', enabled: '#15803d' }

/** Creator dashboard card: payment-account status and the way to Stripe onboarding. */
export const ConnectPaymentAccount: React.FC = () => {
  const { user } = useAuth()
  const t = PAYMENT_ACCOUNT[localeOf(useTranslation().i18n.language)]
  const params = useSearchParams()
  const [profile, setProfile] = useState<Profile | null>(null)
  const [busy, setBusy] = useState(false)
  const isCreator = (user as { role?: string } | null)?.role === 'creator'

  const load = useCallback(async () => {
    if (!user) return
    const res = await fetch('/api/creators/me', { credentials: 'include', cache: 'no-store' })
    if (res.ok) setProfile((await res.json()) as Profile)
  }, [user])

  useEffect(() => {
    if (!isCreator) return
    void load()
    // Back from Stripe: the account.updated webhook lands within seconds; look again a few times.
    if (params.get('stripe') === 'return') {
      const timers = [2000, 5000, 10000].map((ms) => setTimeout(() => void load(), ms))
      return () => timers.forEach(clearTimeout)
    }
  }, [isCreator, load, params])

  if (!isCreator) return null
  const status: Status = (profile?.stripeAccountStatus as Status | undefined) ?? 'none'
  const label = { ...t.status[status], color: COLORS[status] }

  const connect = async () => {
    setBusy(true)
    try {
      const res = await fetch('/api/creators/me/stripe/onboard', { method: 'POST', credentials: 'include' })
      const body = (await res.json()) as { url?: string; errors?: { message: string }[] }
      if (res.ok && body.url) window.location.assign(body.url)
      else toast.error(body.errors?.[0]?.message ?? t.failed)
    } catch {
      toast.error(t.network)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section data-testid="payment-account" style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 8, padding: 16, marginBottom: 24, display: 'flex', gap: 16, alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}>
      <div>
        <p style={{ margin: 0, fontWeight: 600 }}>
          {t.heading} <span data-testid="payment-account-status" style={{ color: label.color }}>{profile ? label.text : t.loading}</span>
        </p>
        <p style={{ margin: '4px 0 0', opacity: 0.8 }}>{params.get('stripe') === 'return' && status !== 'enabled' ? t.checking : label.help}</p>
      </div>
      <Button buttonStyle={status === 'enabled' ? 'secondary' : 'primary'} size="medium" disabled={busy || !profile} onClick={connect}>
        {busy ? t.opening : label.action}
      </Button>
    </section>
  )
}
