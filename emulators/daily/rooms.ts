/**
 * Rooms: POST /rooms, GET /rooms, GET|POST|DELETE /rooms/:name, with Daily's defaults (public
 * unless told otherwise, never expiring without `exp`) and its errors (duplicate name, unknown room,
 * unknown property).
 */
import { randomUUID } from 'node:crypto'

import { invalid, notFound } from './errors'
import { checkProperties, clone, intParam, isPlainObject, type PlainObject, type PropertyKind, randomName } from './helpers'
import { endMeetingNow } from './meetings'
import { type EmulatorState, nowMs } from './state'
import type { Room, RoomConfig, RoomPrivacy } from './types'

/** Room properties the emulator accepts (Daily's list; the ones that only matter to Prebuilt are kept as given). */
export const ROOM_PROPERTIES: Record<string, PropertyKind> = {
  nbf: 'integer',
  exp: 'integer',
  max_participants: 'integer',
  eject_at_room_exp: 'boolean',
  eject_after_elapsed: 'integer',
  enable_chat: 'boolean',
  enable_screenshare: 'boolean',
  start_video_off: 'boolean',
  start_audio_off: 'boolean',
  enable_knocking: 'boolean',
  enable_prejoin_ui: 'boolean',
  enable_people_ui: 'boolean',
  enable_pip_ui: 'boolean',
  enable_emoji_reactions: 'boolean',
  enable_hand_raising: 'boolean',
  enable_network_ui: 'boolean',
  enable_noise_cancellation_ui: 'boolean',
  enable_video_processing_ui: 'boolean',
  enable_advanced_chat: 'boolean',
  enable_hidden_participants: 'boolean',
  enable_recording: 'string',
  enable_dialout: 'boolean',
  owner_only_broadcast: 'boolean',
  autojoin: 'boolean',
  lang: 'string',
  geo: 'string',
  sfu_switchover: 'integer',
  signaling_impl: 'string',
  permissions: 'object',
}

const PRIVACY: RoomPrivacy[] = ['public', 'private', 'org']
const NAME = /^[A-Za-z0-9_-]{1,128}$/
export const MAX_PARTICIPANTS_LIMIT = 200

const checkConfig = (input: unknown): RoomConfig => {
  const config = checkProperties('room property', input, ROOM_PROPERTIES) as RoomConfig
  for (const key of ['nbf', 'exp', 'eject_after_elapsed'] as const) {
    const value = config[key]
    if (value !== undefined && value < 0) throw invalid(`${key} must not be negative`)
  }
  if (config.max_participants !== undefined && (config.max_participants < 1 || config.max_participants > MAX_PARTICIPANTS_LIMIT)) {
    throw invalid(`max_participants must be between 1 and ${MAX_PARTICIPANTS_LIMIT}`)
  }
  return config
}

const checkPrivacy = (value: unknown): RoomPrivacy | undefined => {
  if (value === undefined) return undefined
  if (!PRIVACY.includes(value as RoomPrivacy)) throw invalid(`privacy must be one of ${PRIVACY.join(', ')}`)
  return value as RoomPrivacy
}

export const getRoom = (state: EmulatorState, name: string): Room => {
  const room = state.rooms.get(name)
  if (!room) throw notFound(`room ${name} was not found`)
  return room
}

export const createRoom = (state: EmulatorState, body: PlainObject): Room => {
  if (body.name !== undefined && (typeof body.name !== 'string' || !NAME.test(body.name))) {
    throw invalid('name may only contain letters, digits, "-" and "_" (at most 128 characters)')
  }
  let name = body.name as string | undefined
  if (name && state.rooms.has(name)) throw invalid(`a room named ${name} already exists`)
  while (!name || state.rooms.has(name)) name = randomName()
  const room: Room = {
    id: randomUUID(),
    name,
    api_created: true,
    privacy: checkPrivacy(body.privacy) ?? 'public',
    url: `${state.roomUrlBase}/${name}`,
    created_at: new Date(nowMs(state)).toISOString(),
    config: checkConfig(body.properties),
  }
  state.rooms.set(name, room)
  return clone(room)
}

/** POST /rooms/:name: changes privacy and merges properties (a null property removes it). */
export const updateRoom = (state: EmulatorState, name: string, body: PlainObject): Room => {
  const room = getRoom(state, name)
  const privacy = checkPrivacy(body.privacy)
  const cleared = isPlainObject(body.properties) ? Object.keys(body.properties).filter((key) => body.properties && (body.properties as PlainObject)[key] === null) : []
  const given = isPlainObject(body.properties) ? Object.fromEntries(Object.entries(body.properties).filter(([, value]) => value !== null)) : body.properties
  const config = checkConfig(given)
  for (const key of cleared) {
    if (!ROOM_PROPERTIES[key]) throw invalid(`unknown room property '${key}'`)
    delete room.config[key]
  }
  if (privacy) room.privacy = privacy
  Object.assign(room.config, config)
  return clone(room)
}

/** DELETE /rooms/:name: anyone still in the room is ejected and its meeting ends. */
export const deleteRoom = (state: EmulatorState, name: string) => {
  getRoom(state, name)
  const meetingId = state.ongoing.get(name)
  if (meetingId) endMeetingNow(state, meetingId)
  state.rooms.delete(name)
  return { deleted: true, name }
}

/** GET /rooms: newest first, pages of `limit` (≤ 100) after `starting_after` / before `ending_before` (room ids). */
export const listRooms = (state: EmulatorState, params: URLSearchParams) => {
  const all = [...state.rooms.values()].reverse()
  const limit = intParam(params, 'limit', 100, 100)
  const after = params.get('starting_after')
  const before = params.get('ending_before')
  let start = 0
  let end = all.length
  if (after) {
    const index = all.findIndex((room) => room.id === after)
    if (index < 0) throw invalid(`starting_after: no room with id ${after}`)
    start = index + 1
  } else if (before) {
    const index = all.findIndex((room) => room.id === before)
    if (index < 0) throw invalid(`ending_before: no room with id ${before}`)
    end = index
    start = Math.max(0, end - limit)
  }
  return { total_count: all.length, data: clone(all.slice(start, Math.min(end, start + limit))) }
}
