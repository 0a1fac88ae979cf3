import { beforeAll, describe, expect, it } from 'vitest'

import { api, createActors, getTestPayload, resetDatabase, type Actors } from './harness'

describe('harness', () => {
  let actors: Actors
  beforeAll(async () => {
    const payload = await getTestPayload()
    await resetDatabase(payload)
    actors = await createActors(payload)
  })

  it('serves health and authenticates users over HTTP', async () => {
    const health = await api('GET', '/health')
    expect(health.status).toBe(200)
    const me = await api<{ user: { email: string } }>('GET', '/users/me', { token: actors.fanA.token })
    expect(me.body.user.email).toBe(actors.fanA.email)
  })
})
