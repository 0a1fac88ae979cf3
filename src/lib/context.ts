declare module 'payload' {
  interface RequestContext {
    /** Local API only: let demo data and tests create offers that start in the past. */
    allowPastStart?: boolean
  }
}
export {}
