/**
 * The Daily REST routes the emulator answers (under /v1, as `https://api.daily.co/v1`).
 */
import type { Route } from './http'
import { getMeeting, listMeetings, meetingParticipants } from './meetings'
import { createRoom, deleteRoom, getRoom, listRooms, updateRoom } from './rooms'
import type { EmulatorState } from './state'
import { createMeetingToken, validateMeetingToken } from './tokens'
import { clone } from './helpers'
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, updateWebhook } from './webhooks'

const NAME = '([A-Za-z0-9_%-]+)'
const ID = '([A-Za-z0-9_.%-]+)'

export const createApiRoutes = (state: EmulatorState): Route[] => [
  { method: 'POST', pattern: /^\/v1\/rooms\/?$/, handle: ({ body }) => createRoom(state, body) },
  { method: 'GET', pattern: /^\/v1\/rooms\/?$/, handle: ({ params }) => listRooms(state, params) },
  { method: 'GET', pattern: new RegExp(`^/v1/rooms/${NAME}$`), handle: ({ ids }) => clone(getRoom(state, ids[0])) },
  { method: 'POST', pattern: new RegExp(`^/v1/rooms/${NAME}$`), handle: ({ ids, body }) => updateRoom(state, ids[0], body) },
  { method: 'DELETE', pattern: new RegExp(`^/v1/rooms/${NAME}$`), handle: ({ ids }) => deleteRoom(state, ids[0]) },
  { method: 'POST', pattern: /^\/v1\/meeting-tokens\/?$/, handle: ({ body }) => createMeetingToken(state, body) },
  { method: 'GET', pattern: new RegExp(`^/v1/meeting-tokens/${ID}$`), handle: ({ ids, params }) => validateMeetingToken(state, ids[0], params.get('ignoreNbf') === 'true') },
  { method: 'GET', pattern: /^\/v1\/meetings\/?$/, handle: ({ params }) => listMeetings(state, params) },
  { method: 'GET', pattern: new RegExp(`^/v1/meetings/${ID}$`), handle: ({ ids }) => getMeeting(state, ids[0]) },
  { method: 'GET', pattern: new RegExp(`^/v1/meetings/${ID}/participants$`), handle: ({ ids, params }) => meetingParticipants(state, ids[0], params) },
  { method: 'POST', pattern: /^\/v1\/webhooks\/?$/, handle: ({ body }) => createWebhook(state, body) },
  { method: 'GET', pattern: /^\/v1\/webhooks\/?$/, handle: () => listWebhooks(state) },
  { method: 'GET', pattern: new RegExp(`^/v1/webhooks/${ID}$`), handle: ({ ids }) => clone(getWebhook(state, ids[0])) },
  { method: 'POST', pattern: new RegExp(`^/v1/webhooks/${ID}$`), handle: ({ ids, body }) => updateWebhook(state, ids[0], body) },
  { method: 'DELETE', pattern: new RegExp(`^/v1/webhooks/${ID}$`), handle: ({ ids }) => deleteWebhook(state, ids[0]) },
]
