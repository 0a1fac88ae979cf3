import type { PaymentMode } from '@/domain/apiTypes'
import { stripeMode } from '@/integrations/stripe/client'

/**
 * How the booking page takes payment: the test-card form against the Stripe emulator, Stripe
 * Elements with the publishable key, or not at all (real keys but no publishable key). The page asks
 * this service, not the Stripe integration (DESIGN.md: app → services → integrations).
 */
export const checkoutPaymentMode = (): { mode: PaymentMode; publishableKey: string | null } => {
  if (stripeMode() === 'emulator') return { mode: 'test-card', publishableKey: null }
  // Read literally: Next inlines NEXT_PUBLIC_* at build time only for `process.env.NAME`.
  const key = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY?.trim()
  return key ? { mode: 'stripe', publishableKey: key } : { mode: 'unavailable', publishableKey: null }
}
