export const ROLES = ['fan', 'creator', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** Roles a person may choose for themselves when signing up. */
export const SELF_SERVICE_ROLES: readonly Role[] = ['fan', 'creator']

/** Who may open the Payload admin panel at /admin. */
export const canUseAdminPanel = (role: Role | null | undefined): boolean =>
  role === 'creator' || role === 'admin'
