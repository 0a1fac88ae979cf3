/** Notification texts of this area (see ./index.ts). */
import { notification } from './template'

const _example = notification

export const CALL_REQUEST_NOTIFICATIONS = {}
