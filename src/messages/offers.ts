/** Texts of offers the platform writes for a creator, in the creator's language. */
import type { Locale } from '@/i18n/locale'

const TITLE_MAX = 120

/** The title of the offer an accepted call request creates: "Call with Lea", or "Requested call" without a name. */
export const requestedCallTitle = (locale: Locale, fanFirstName: string): string => {
  const fr = locale === 'fr'
  const title = fanFirstName ? (fr ? `Appel avec ${fanFirstName}` : `Call with ${fanFirstName}`) : fr ? 'Appel sur demande' : 'Requested call'
  return title.slice(0, TITLE_MAX)
}
