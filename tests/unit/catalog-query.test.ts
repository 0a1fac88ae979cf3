import { describe, expect, it } from 'vitest'

import { catalogSearch, parseCatalogQuery } from '@/domain/catalog'

/** The creators list's price range (issue 12): per currency, refused when wrong, never swapped. */
describe('creators list price range', () => {
  it('applies bounds in the chosen currency, comma or point', () => {
    const q = parseCatalogQuery({ currency: 'chf', min: '20', max: '59,90' })
    expect([q.currency, q.minPrice, q.maxPrice, q.priceProblem]).toEqual(['CHF', 20, 59.9, null])
    expect(catalogSearch(q)).toBe('?currency=CHF&min=20&max=59.9')
  })

  it('refuses min above max instead of swapping them', () => {
    const q = parseCatalogQuery({ currency: 'EUR', min: '80', max: '20' })
    expect([q.minPrice, q.maxPrice, q.priceProblem]).toEqual([null, null, 'min_above_max'])
    expect([q.minText, q.maxText]).toEqual(['80', '20'])
  })

  it('refuses amounts that are not plain prices, naming which bound', () => {
    for (const bad of ['abc', '-5', '1e3', '12.345', '10000000', '0x10', '1 000']) {
      expect(parseCatalogQuery({ currency: 'EUR', min: bad }).priceProblem, bad).toBe('min_invalid')
      expect(parseCatalogQuery({ currency: 'EUR', max: bad }).priceProblem, bad).toBe('max_invalid')
    }
    expect(parseCatalogQuery({ currency: 'EUR', min: '0', max: '0' }).priceProblem).toBeNull()
  })

  it('asks for a currency when a bound is given without one (no comparing CHF with EUR)', () => {
    expect(parseCatalogQuery({ min: '10' }).priceProblem).toBe('currency_missing')
    expect(parseCatalogQuery({ currency: 'XYZ', max: '10' }).priceProblem).toBe('currency_missing')
    const alone = parseCatalogQuery({ currency: 'GBP' })
    expect([alone.currency, alone.priceProblem]).toEqual(['GBP', null])
  })
})
