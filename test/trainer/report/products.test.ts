import t from 'tap'
import type { Catalogue } from '../../../lib/artifacts/index.js'
import { productName, topProductsByCustomers, topProductsByQuantity } from '../../../trainer/report/products.js'

const catalogue: Catalogue = {
  products: [
    { code: '10', description: 'BULK ITEM', customers: 1, quantity: 900, recommendable: true },
    { code: '11', description: 'FAVOURITE', customers: 50, quantity: 300, recommendable: true },
    { code: '12', description: '', customers: 20, quantity: 300, recommendable: true },
    { code: 'POST', description: 'POSTAGE', customers: 90, quantity: 5000, recommendable: false },
    { code: '13', description: 'TIE LOW', customers: 20, quantity: 300, recommendable: true }
  ],
  popularity: [1, 4, 2, 0]
}

t.test('topProductsByQuantity: recommendable products by units, ties by customers then code', async (t) => {
  t.same(topProductsByQuantity(catalogue, 3).map(p => [p.rank, p.code]), [[1, '10'], [2, '11'], [3, '12']])
  t.notOk(topProductsByQuantity(catalogue, 10).some(p => p.code === 'POST'), 'postage is not a product')
})

t.test('topProductsByCustomers: the catalogue\'s popularity order', async (t) => {
  t.same(topProductsByCustomers(catalogue, 2).map(p => ({ rank: p.rank, code: p.code, customers: p.customers })), [
    { rank: 1, code: '11', customers: 50 }, { rank: 2, code: '13', customers: 20 }
  ])
})

t.test('productName: the description, the code when there is none, shortened with an ellipsis', async (t) => {
  t.equal(productName({ code: '11', description: 'FAVOURITE' }), 'FAVOURITE')
  t.equal(productName({ code: '12', description: '' }), '12')
  const long = productName({ code: '1', description: 'SET OF 3 REGENCY CAKE TINS IN A PRETTY PANTRY DESIGN' }, 20)
  t.equal(long.length, 20)
  t.ok(long.endsWith('…'))
})
