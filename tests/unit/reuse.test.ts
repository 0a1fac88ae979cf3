import { describe, expect, it } from 'vitest'

import { reuseFor } from '@/lib/reuse'

/** A computation the test finishes by hand, counting how often it started. */
const controlled = () => {
  let calls = 0
  const pending: ((v: number) => void)[] = []
  const compute = () => {
    calls += 1
    return new Promise<number>((resolve) => pending.push(resolve))
  }
  return { compute, calls: () => calls, finish: (v: number) => pending.shift()!(v) }
}

describe('reuseFor: the freshness rule of reused figures (admin dashboard)', () => {
  it('reused until it is `ms` old, then computed again', async () => {
    let t = 0
    let n = 0
    const r = reuseFor(5_000, async () => ++n, { clock: () => t })
    expect(await r.get()).toEqual({ value: 1, reuse: 'miss' })
    t = 4_999
    expect(await r.get()).toEqual({ value: 1, reuse: 'hit' })
    t = 5_000
    expect(await r.get()).toEqual({ value: 2, reuse: 'miss' })
  })

  it('concurrent callers share one computation', async () => {
    const c = controlled()
    const r = reuseFor(5_000, c.compute, { clock: () => 0 })
    const all = Promise.all([r.get(), r.get(), r.get()])
    c.finish(7)
    expect((await all).map((x) => x.reuse)).toEqual(['miss', 'shared', 'shared'])
    expect(c.calls()).toBe(1)
  })

  it('forget (a committed write) drops the value at once', async () => {
    let n = 0
    const r = reuseFor(5_000, async () => ++n, { clock: () => 0 })
    await r.get()
    r.forget()
    expect(await r.get()).toEqual({ value: 2, reuse: 'miss' })
  })

  it('a computation running when a write commits is not kept, nor joined by later callers', async () => {
    const c = controlled()
    const r = reuseFor(5_000, c.compute, { clock: () => 0 })
    const before = r.get()
    r.forget()
    const after = r.get()
    expect(c.calls()).toBe(2)
    c.finish(1) // read before the write
    c.finish(2)
    expect(await before).toEqual({ value: 1, reuse: 'miss' })
    expect(await after).toEqual({ value: 2, reuse: 'miss' })
    expect(await r.get()).toEqual({ value: 2, reuse: 'hit' })
  })

  it('the age counts from when the computation started; `fresh` can refuse a kept value', async () => {
    let t = 0
    let fresh = true
    const c = controlled()
    const r = reuseFor(5_000, c.compute, { clock: () => t, fresh: () => fresh })
    const first = r.get()
    t = 3_000
    c.finish(1)
    await first
    t = 5_000
    const second = r.get()
    c.finish(2)
    expect(await second).toEqual({ value: 2, reuse: 'miss' })
    fresh = false
    const third = r.get()
    c.finish(3)
    expect(await third).toEqual({ value: 3, reuse: 'miss' })
  })

  it('a failed computation is not kept', async () => {
    let fail = true
    const r = reuseFor(5_000, async () => {
      if (fail) throw new Error('boom')
      return 1
    }, { clock: () => 0 })
    await expect(r.get()).rejects.toThrow('boom')
    fail = false
    expect(await r.get()).toEqual({ value: 1, reuse: 'miss' })
  })
})
