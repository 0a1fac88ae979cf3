import type {
  CollectionAfterChangeHook,
  CollectionAfterErrorHook,
  CollectionAfterLoginHook,
  CollectionAfterOperationHook,
  CollectionBeforeOperationHook,
  CollectionBeforeValidateHook,
} from 'payload'
import { APIError, ValidationError } from 'payload'

import { isAdminReq, isSystemOrAdmin } from '@/access'
import { SELF_SERVICE_ROLES, type Role } from '@/domain/roles'
import { now } from '@/lib/clock'
import { uniqueCreatorSlug } from '@/services/creators'
import { sendEmail } from '@/services/email'
import { actorOf, logSystem } from '@/services/logs'

export const MIN_PASSWORD_LENGTH = 8

/** Payload only requires 3 characters; we require 8 on sign-up, change and reset. */
export const enforcePasswordPolicy: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (!['create', 'update', 'updateByID', 'resetPassword'].includes(operation)) return args
  const password = (args as { data?: { password?: unknown } }).data?.password
  if (typeof password === 'string' && password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError({
      collection: 'users',
      errors: [{ path: 'password', message: `Password must be at least ${MIN_PASSWORD_LENGTH} characters.` }],
    })
  }
  return args
}

/**
 * Sign-up may ask to be a fan (default) or a creator. Asking for `admin` without being an admin is
 * refused with 403 and logged, whatever else the body says.
 */
export const resolveSignupRole: CollectionBeforeValidateHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data) return data
  // Admins, and our own server code (local API: seed, scripts), may create any role.
  if (isSystemOrAdmin(req)) return data
  const asked = (data.role ?? 'fan') as Role
  if (!SELF_SERVICE_ROLES.includes(asked)) {
    await logSystem(req.payload, {
      level: 'WARNING',
      type: 'auth.privilege_escalation',
      actor: actorOf(req),
      message: `Sign-up refused: role "${String(asked)}" cannot be chosen at sign-up`,
      metadata: { email: data.email },
    })
    throw new APIError('You cannot choose this role. Sign up as a fan or a creator.', 403, undefined, true)
  }
  return { ...data, role: asked }
}

/** A new creator gets their profile in the same transaction; everyone gets a welcome email. */
export const afterUserCreated: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  if (doc.role === 'creator') {
    await req.payload.create({
      collection: 'creators',
      data: {
        user: doc.id,
        displayName: doc.name,
        slug: await uniqueCreatorSlug(req, doc.name),
        currency: 'EUR',
      },
      req,
    })
  }
  await logSystem(req.payload, {
    req,
    level: 'INFO',
    type: 'auth.signup',
    actor: isAdminReq(req) ? 'ADMIN' : 'GUEST',
    actorId: (req.user as { id?: number } | null)?.id ?? doc.id,
    message: `User ${doc.id} signed up as ${doc.role}`,
    metadata: { userId: doc.id, role: doc.role, createdByAdmin: isAdminReq(req) },
  })
  await sendEmail(req.payload, {
    req,
    template: 'welcome',
    to: { email: doc.email, userId: doc.id, locale: doc.locale, timezone: doc.timezone },
    data: { name: doc.name, role: doc.role },
    idempotencyKey: `welcome/${doc.id}`,
  })
  return doc
}

export const logLogin: CollectionAfterLoginHook = async ({ req, user }) => {
  await logSystem(req.payload, {
    level: 'INFO',
    type: 'auth.login',
    actor: actorOf({ user }),
    actorId: user.id,
    message: `User ${user.id} logged in`,
    metadata: { userId: user.id },
  })
}

/** Failed logins and lockouts (5 failures → locked 10 minutes), logged as warnings. */
export const logFailedLogin: CollectionAfterErrorHook = async ({ error, req }) => {
  if (!req.pathname?.endsWith('/users/login')) return
  const email = typeof req.data?.email === 'string' ? req.data.email.toLowerCase() : undefined
  if (error.name === 'LockedAuth') {
    await logSystem(req.payload, {
      level: 'WARNING',
      type: 'auth.login_locked',
      actor: 'GUEST',
      message: 'Login refused: account is locked after too many failed attempts',
      metadata: { email },
    })
    return
  }
  if (error.name !== 'AuthenticationError') return
  const found = email
    ? await req.payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0, showHiddenFields: true })
    : null
  const user = found?.docs[0] as { id: number; lockUntil?: string | null; loginAttempts?: number } | undefined
  const lockedNow = Boolean(user?.lockUntil && new Date(user.lockUntil) > now())
  await logSystem(req.payload, {
    level: 'WARNING',
    type: lockedNow ? 'auth.lockout' : 'auth.login_failed',
    actor: 'GUEST',
    actorId: user?.id,
    message: lockedNow
      ? `Account ${user?.id} locked for 10 minutes after 5 failed logins`
      : 'Login failed: wrong email or password',
    metadata: { email, attempts: user?.loginAttempts ?? null, knownUser: Boolean(user) },
  })
}

export const logPasswordReset: CollectionAfterOperationHook = async ({ operation, req, result }) => {
  if (operation !== 'resetPassword') return result
  const user = (result as { user?: { id?: number } } | undefined)?.user
  await logSystem(req.payload, {
    level: 'INFO',
    type: 'auth.password_reset',
    actor: 'USER',
    actorId: user?.id,
    message: `User ${user?.id ?? '?'} reset their password`,
  })
  return result
}
