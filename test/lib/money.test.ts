import t from 'tap'
import { toCents } from '../../lib/money.js'

t.test('amounts are rounded to cents, halves away from zero', async (t) => {
  t.equal(toCents(4309.999999999997), 4310, 'customer 12347 of the bundled data')
  t.equal(toCents(270.6212507465269), 270.62)
  t.equal(toCents(1.005), 1.01, 'a half that the float holds below .5')
  t.equal(toCents(2.675), 2.68)
  t.equal(toCents(0.125), 0.13)
  t.equal(toCents(-1.005), -1.01)
  t.equal(toCents(279489.02), 279489.02, 'cents stay as they are')
  t.equal(toCents(0), 0)
  t.equal(toCents(1e12 + 0.004), 1e12, 'large amounts')
  t.equal(String(toCents(0.1 + 0.2)), '0.3')
  t.ok(Number.isNaN(toCents(Number.NaN)))
})
