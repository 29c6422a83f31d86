// The segmentation form's reading of what people type (services/public/rfm-input.js, run in the
// browser; plain JS, so it runs here unchanged).
import t from 'tap'
import { RFM_FIELDS, parseAmount, validateRfm } from '../../../services/public/rfm-input.js'

t.test('parseAmount reads numbers as people type them', async (t) => {
  t.equal(parseAmount('30'), 30)
  t.equal(parseAmount('  30  '), 30)
  t.equal(parseAmount('1200.50'), 1200.5)
  t.equal(parseAmount('.5'), 0.5)
  t.equal(parseAmount('£350'), 350)
  t.equal(parseAmount('£ 1,234.56'), 1234.56)
  t.equal(parseAmount('1,234,567'), 1234567)
  t.equal(parseAmount('-3'), -3)
  t.equal(parseAmount('−3'), -3, 'the typographic minus too')
  t.equal(parseAmount(''), undefined)
  t.equal(parseAmount('   '), undefined)
  t.equal(parseAmount(undefined), undefined)
  for (const text of ['abc', '1e3', '1.2.3', '12,34', '1,2345', '0x10', '3 days', 'Infinity', 'NaN', '£', '--1', '1.']) {
    t.ok(Number.isNaN(parseAmount(text)), `${JSON.stringify(text)} is not a number`)
  }
  t.ok(Number.isNaN(parseAmount('9'.repeat(400))), 'too large to be finite')
})

t.test('validateRfm: the values the API accepts', async (t) => {
  t.same(validateRfm({ recency: '0', frequency: '1', monetary: '0' }), { ok: true, value: { recency: 0, frequency: 1, monetary: 0 } })
  t.same(validateRfm({ recency: '30', frequency: '5', monetary: '£1,200.50' }), { ok: true, value: { recency: 30, frequency: 5, monetary: 1200.5 } })
})

t.test('validateRfm: one message per wrong field, saying how to fix it', async (t) => {
  const empty = validateRfm({})
  t.same(empty, {
    ok: false,
    errors: {
      recency: 'Enter the days since the last purchase.',
      frequency: 'Enter the number of orders.',
      monetary: 'Enter the total spent, in pounds.'
    }
  })
  const wrong = validateRfm({ recency: '-1', frequency: '0', monetary: 'lots' })
  t.same(wrong, {
    ok: false,
    errors: {
      recency: 'Recency cannot be negative.',
      frequency: 'Frequency must be at least 1: every customer has one order or more.',
      monetary: 'Monetary must be a number, like 1200.'
    }
  })
  const fractions = validateRfm({ recency: '2.5', frequency: '1.5', monetary: '-0.01' })
  t.same(fractions, {
    ok: false,
    errors: { recency: 'Recency must be a whole number.', frequency: 'Frequency must be a whole number.', monetary: 'Monetary cannot be negative.' }
  })
  const one = validateRfm({ recency: '10', frequency: '2', monetary: '' })
  t.same(one, { ok: false, errors: { monetary: 'Enter the total spent, in pounds.' } }, 'only the wrong field')
})

t.test('the rules match the API\'s bounds (recency ≥ 0, frequency ≥ 1, monetary ≥ 0)', async (t) => {
  t.same(RFM_FIELDS.map((f) => [f.name, f.min]), [['recency', 0], ['frequency', 1], ['monetary', 0]])
})
