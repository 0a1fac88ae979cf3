/** Transitional: emails moved to src/messages/emails, `Locale` is src/i18n/locale's. Delete with the last import (services/callRequests.ts). */
export type { Locale } from '@/i18n/locale'
