import t from 'tap'
import { buildProductLookup, findProduct } from '../../../services/domain/product-lookup.js'

t.test('products are found by code, trimmed and case-insensitively', async (t) => {
  const lookup = buildProductLookup([{ code: '85123A' }, { code: '22423' }, { code: 'POST' }])
  t.equal(findProduct(lookup, '85123A'), 0)
  t.equal(findProduct(lookup, ' 85123a '), 0)
  t.equal(findProduct(lookup, 'post'), 2)
  t.equal(findProduct(lookup, '99999'), undefined)
  t.equal(findProduct(lookup, ''), undefined)
})
