/**
 * Meeting sessions, driven the way daily-js clients drive Daily: a join (token and room checks,
 * capacity) starts a session when the room has none, every join and leave is recorded with its
 * time and sent as `participant.joined` / `participant.left`, the last leave ends the session
 * (`meeting.ended`, after `meetingEndedDelayMs` like Daily's ~20 s; a join meanwhile continues it),
 * and participants are ejected at their `will_eject_at` (token `eject_at_token_exp` /
 * `eject_after_elapsed`, which override the room's `eject_at_room_exp` / `eject_after_elapsed`).
 * The REST side answers GET /meetings, /meetings/:id and /meetings/:id/participants.
 */
import { randomUUID } from 'node:crypto'

import { DailyJoinError, invalid, notFound } from './errors'
import { clone, intParam, isUnixSeconds } from './helpers'
import { type EmulatorState, type MeetingRecord, nowSeconds, type ParticipantRecord } from './state'
import { decodeMeetingToken } from './tokens'
import type { JoinedParticipant, JoinInput, Meeting, MeetingParticipant } from './types'
import { emit } from './webhooks'

const participantPayload = (p: ParticipantRecord) => ({
  joined_at: p.join_time,
  session_id: p.session_id,
  room: p.room,
  user_id: p.user_id,
  user_name: p.user_name,
  owner: p.owner,
  will_eject_at: p.will_eject_at,
})

const minOf = (values: (number | null | undefined)[]): number | null => {
  const present = values.filter((value): value is number => typeof value === 'number')
  return present.length ? Math.min(...present) : null
}

export const join = (state: EmulatorState, roomName: string, input: JoinInput = {}): JoinedParticipant => {
  const at = input.at ?? nowSeconds(state)
  if (!isUnixSeconds(at)) throw invalid('at must be a Unix time in whole seconds')
  const room = state.rooms.get(roomName)
  if (!room) throw new DailyJoinError('no-room', `room ${roomName} does not exist`)
  const { nbf, exp, max_participants: capacity } = room.config
  if (typeof nbf === 'number' && at < nbf) throw new DailyJoinError('nbf-room', `room ${roomName} cannot be joined before ${nbf}`)
  if (typeof exp === 'number' && at >= exp) throw new DailyJoinError('exp-room', `room ${roomName} expired at ${exp}`)

  let token: Record<string, unknown> | null = null
  if (input.token) {
    const decoded = decodeMeetingToken(state, input.token)
    if (!decoded.ok) throw new DailyJoinError('invalid-token', `meeting token refused (${decoded.reason})`)
    token = decoded.properties
    if (typeof token.room_name === 'string' && token.room_name !== roomName) throw new DailyJoinError('not-allowed', `the token is for room ${token.room_name}`)
    if (typeof token.nbf === 'number' && at < token.nbf) throw new DailyJoinError('nbf-token', `the token is not valid before ${token.nbf}`)
    if (typeof token.exp === 'number' && at >= token.exp) throw new DailyJoinError('exp-token', `the token expired at ${token.exp}`)
  } else if (room.privacy !== 'public') {
    throw new DailyJoinError('not-allowed', `room ${roomName} is ${room.privacy}: a meeting token is needed`)
  }

  let meeting = state.meetings.get(state.ongoing.get(roomName) ?? '')
  const inside = meeting ? meeting.participants.filter((p) => p.leave_time === null).length : 0
  if (typeof capacity === 'number' && inside >= capacity) throw new DailyJoinError('meeting-full', `room ${roomName} is full (${capacity})`)

  // Token eject settings, when it has any, replace the room's.
  const tokenEjects = token !== null && (token.eject_at_token_exp === true || typeof token.eject_after_elapsed === 'number')
  const will_eject_at = tokenEjects
    ? minOf([token?.eject_at_token_exp === true ? (token.exp as number | undefined) : null, typeof token?.eject_after_elapsed === 'number' ? at + token.eject_after_elapsed : null])
    : minOf([room.config.eject_at_room_exp === true ? exp : null, typeof room.config.eject_after_elapsed === 'number' ? at + room.config.eject_after_elapsed : null])

  if (!meeting) {
    meeting = { id: randomUUID(), room: roomName, start_time: at, end_time: null, ongoing: true, max_participants: 0, participants: [] }
    state.meetings.set(meeting.id, meeting)
    state.ongoing.set(roomName, meeting.id)
    emit(state, 'meeting.started', { start_ts: at, meeting_id: meeting.id, room: roomName })
  } else {
    // Someone came back before Daily closed the session: it goes on.
    const timer = state.endTimers.get(meeting.id)
    if (timer) clearTimeout(timer)
    state.endTimers.delete(meeting.id)
    meeting.end_time = null
  }
  const participant: ParticipantRecord = {
    session_id: randomUUID(),
    meeting_id: meeting.id,
    room: roomName,
    user_id: typeof token?.user_id === 'string' ? token.user_id : '',
    user_name: typeof token?.user_name === 'string' ? token.user_name : (input.userName ?? null),
    owner: token?.is_owner === true,
    join_time: at,
    leave_time: null,
    will_eject_at,
  }
  // Without a user id in the token, Daily uses the session id.
  if (!participant.user_id) participant.user_id = participant.session_id
  meeting.participants.push(participant)
  meeting.max_participants = Math.max(meeting.max_participants, inside + 1)
  state.present.set(participant.session_id, participant)
  emit(state, 'participant.joined', participantPayload(participant))
  return { ...participantPayload(participant), meeting_id: meeting.id }
}

const finishMeeting = (state: EmulatorState, meeting: MeetingRecord) => {
  state.endTimers.delete(meeting.id)
  if (!meeting.ongoing) return
  meeting.ongoing = false
  if (state.ongoing.get(meeting.room) === meeting.id) state.ongoing.delete(meeting.room)
  emit(state, 'meeting.ended', { start_ts: meeting.start_time, end_ts: meeting.end_time ?? nowSeconds(state), meeting_id: meeting.id, room: meeting.room })
}

export const leave = (state: EmulatorState, sessionId: string, at?: number) => {
  const participant = state.present.get(sessionId)
  if (!participant) throw new DailyJoinError('not-allowed', `no participant with session ${sessionId} is in a meeting`)
  const time = Math.max(participant.join_time, at ?? nowSeconds(state))
  if (!isUnixSeconds(time)) throw invalid('at must be a Unix time in whole seconds')
  participant.leave_time = time
  state.present.delete(sessionId)
  emit(state, 'participant.left', { ...participantPayload(participant), duration: time - participant.join_time })
  const meeting = state.meetings.get(participant.meeting_id)!
  if (meeting.participants.some((p) => p.leave_time === null)) return
  meeting.end_time = time
  if (state.meetingEndedDelayMs <= 0) return finishMeeting(state, meeting)
  const timer = setTimeout(() => finishMeeting(state, meeting), state.meetingEndedDelayMs)
  timer.unref()
  state.endTimers.set(meeting.id, timer)
}

/** Everyone still in the meeting leaves now and the session ends without Daily's delay (the room was deleted). */
export const endMeetingNow = (state: EmulatorState, meetingId: string) => {
  const meeting = state.meetings.get(meetingId)
  if (!meeting) return
  for (const p of meeting.participants) if (p.leave_time === null) leave(state, p.session_id)
  const timer = state.endTimers.get(meetingId)
  if (timer) clearTimeout(timer)
  if (meeting.end_time === null) meeting.end_time = nowSeconds(state)
  finishMeeting(state, meeting)
}

/** Ejects (at their `will_eject_at`) everyone due at `at`; returns how many left. */
export const ejectDue = (state: EmulatorState, at = nowSeconds(state)): number => {
  const due = [...state.present.values()].filter((p) => p.will_eject_at !== null && p.will_eject_at <= at).sort((a, b) => a.will_eject_at! - b.will_eject_at!)
  for (const p of due) leave(state, p.session_id, p.will_eject_at!)
  return due.length
}

const participantOf = (state: EmulatorState, p: ParticipantRecord): MeetingParticipant => ({
  user_id: p.user_id === p.session_id ? null : p.user_id,
  participant_id: p.session_id,
  user_name: p.user_name,
  join_time: p.join_time,
  duration: (p.leave_time ?? nowSeconds(state)) - p.join_time,
})

const meetingOf = (state: EmulatorState, m: MeetingRecord): Meeting => ({
  id: m.id,
  room: m.room,
  start_time: m.start_time,
  duration: (m.end_time ?? nowSeconds(state)) - m.start_time,
  ongoing: m.ongoing,
  max_participants: m.max_participants,
  participants: m.participants.map((p) => participantOf(state, p)),
})

const timeParam = (params: URLSearchParams, name: string): number | null => {
  const raw = params.get(name)
  if (raw === null) return null
  const value = Number(raw)
  if (!isUnixSeconds(value)) throw invalid(`${name} must be a Unix time in seconds`)
  return value
}

/** GET /meetings: newest first; filters `room`, `timeframe_start`, `timeframe_end`, `ongoing`; pages by meeting id. */
export const listMeetings = (state: EmulatorState, params: URLSearchParams) => {
  const room = params.get('room')
  const from = timeParam(params, 'timeframe_start')
  const to = timeParam(params, 'timeframe_end')
  const ongoing = params.get('ongoing')
  const limit = intParam(params, 'limit', 100, 100)
  const all = [...state.meetings.values()]
    .filter((m) => (!room || m.room === room) && (from === null || m.start_time >= from) && (to === null || m.start_time < to) && (ongoing === null || String(m.ongoing) === ongoing))
    .sort((a, b) => b.start_time - a.start_time)
  const after = params.get('starting_after')
  const before = params.get('ending_before')
  let start = 0
  let end = all.length
  if (after) {
    const index = all.findIndex((m) => m.id === after)
    if (index < 0) throw invalid(`starting_after: no meeting with id ${after}`)
    start = index + 1
  } else if (before) {
    const index = all.findIndex((m) => m.id === before)
    if (index < 0) throw invalid(`ending_before: no meeting with id ${before}`)
    end = index
    start = Math.max(0, end - limit)
  }
  return { total_count: all.length, data: all.slice(start, Math.min(end, start + limit)).map((m) => meetingOf(state, m)) }
}

export const getMeeting = (state: EmulatorState, id: string): Meeting => {
  const meeting = state.meetings.get(id)
  if (!meeting) throw notFound(`meeting ${id} was not found`)
  return clone(meetingOf(state, meeting))
}

/** GET /meetings/:id/participants: in join order; `limit`, `joined_after` / `joined_before` (participant ids). */
export const meetingParticipants = (state: EmulatorState, id: string, params: URLSearchParams) => {
  const meeting = state.meetings.get(id)
  if (!meeting) throw notFound(`meeting ${id} was not found`)
  const limit = intParam(params, 'limit', 100, 100)
  let list = meeting.participants
  const after = params.get('joined_after')
  const before = params.get('joined_before')
  // An unknown participant id leaves nothing after (or before) it.
  if (after) {
    const index = list.findIndex((p) => p.session_id === after)
    list = index < 0 ? [] : list.slice(index + 1)
  }
  if (before) {
    const index = list.findIndex((p) => p.session_id === before)
    list = index < 0 ? [] : list.slice(0, index)
  }
  return { data: list.slice(0, limit).map((p) => participantOf(state, p)) }
}
