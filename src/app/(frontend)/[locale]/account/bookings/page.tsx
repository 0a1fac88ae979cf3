import { redirect } from 'next/navigation'

import { localeOrNotFound } from '@/components/storefront/server'

type Props = { params: Promise<{ locale: string }> }

/** Older links (emails, notifications) point here: upcoming calls now live at /account. */
export default async function BookingsRedirect({ params }: Props) {
  redirect(`/${localeOrNotFound((await params).locale)}/account`)
}
