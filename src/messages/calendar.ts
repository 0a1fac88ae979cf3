/** The texts of a booking's calendar file (.ics), in the language of whoever downloads it. */
import type { Locale } from '@/i18n/locale'

export type CalendarEventData = { creatorName: string; title: string; callUrl: string }

export const CALENDAR_EVENT: Record<Locale, (d: CalendarEventData) => { summary: string; description: string }> = {
  en: (d) => ({ summary: `Callastar call with ${d.creatorName}: ${d.title}`, description: `Join the call here (opens 15 minutes before): ${d.callUrl}` }),
  fr: (d) => ({ summary: `Appel Callastar avec ${d.creatorName} : ${d.title}`, description: `Rejoignez l’appel ici (ouvert 15 minutes avant) : ${d.callUrl}` }),
}
