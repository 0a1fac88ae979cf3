'use client'
import { Button, toast, useAuth } from '@payloadcms/ui'
import { useSearchParams } from 'next/navigation'
import React, { useCallback, useEffect, useState } from 'react'

type Status = 'none' | 'pending' | 'enabled' | 'restricted'
type Profile = { stripeAccountStatus?: Status | null; chargesEnabled?: boolean | null; payoutsEnabled?: boolean | null }

const LABELS: Record<Status, { text: string; color: string; action: string; help: string }> = {
  none: { text: 'Not connected', color: '#6b7280', action: 'Connect payment account', help: 'Connect a Stripe account to publish offers and get paid.' },
  pending: { text: 'Onboarding not finished', color: '#b45309', action: 'Finish onboarding', help: 'Stripe still needs a few details before fans can pay you.' },
  restricted: { text: 'Action needed', color: '#b91c1c', action: 'Update details', help: 'Stripe needs more information: payments or payouts are paused.' },
  enabled: { text: 'Ready: you can take payments', color: '#15803d', action: 'Review details', help: 'Fans can book and pay; payouts go to your Stripe account.' },
}

/** Creator dashboard card: payment-account status and the way to Stripe onboarding. */
export const ConnectPaymentAccount: React.FC = () => {
  const { user } = useAuth()
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
  const label = LABELS[status]

  const connect = async () => {
    setBusy(true)
    try {
      const res = await fetch('/api/creators/me/stripe/onboard', { method: 'POST', credentials: 'include' })
      const body = (await res.json()) as { url?: string; errors?: { message: string }[] }
      if (res.ok && body.url) window.location.assign(body.url)
      else toast.error(body.errors?.[0]?.message ?? 'Could not open the payment onboarding.')
    } catch {
      toast.error('Network error: try again.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <section data-testid="payment-account" style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 8, padding: 16, marginBottom: 24, display: 'flex', gap: 16, alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}>
      <div>
        <p style={{ margin: 0, fontWeight: 600 }}>
          Payment account: <span data-testid="payment-account-status" style={{ color: label.color }}>{profile ? label.text : 'Loading…'}</span>
        </p>
        <p style={{ margin: '4px 0 0', opacity: 0.8 }}>{params.get('stripe') === 'return' && status !== 'enabled' ? 'Thanks! Checking your account with Stripe…' : label.help}</p>
      </div>
      <Button buttonStyle={status === 'enabled' ? 'secondary' : 'primary'} size="medium" disabled={busy || !profile} onClick={connect}>
        {busy ? 'Opening Stripe…' : label.action}
      </Button>
    </section>
  )
}
