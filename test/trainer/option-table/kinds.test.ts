import t from 'tap'
import { OptionTextError, date, integer, integerOr, list, number, oneOf, pairs, text, toggle } from '../../../trainer/option-table/index.js'

t.test('integers: text read as a number, bounds in the check, the message and the schema alike', async (t) => {
  const positive = integer({ min: 1 })
  t.equal(positive.fromArgument('20'), 20)
  t.throws(() => positive.fromArgument('ten'), new OptionTextError('must be a number, got "ten"'))
  t.throws(() => positive.fromArgument(' '), { name: 'OptionTextError', message: 'must be a number, got " "' }, 'blank is not 0')
  t.equal(positive.mustBe(1), undefined)
  t.equal(positive.mustBe(0), 'a positive integer')
  t.equal(positive.mustBe(2.5), 'a positive integer')
  t.equal(positive.mustBe('3'), 'a positive integer', 'a string is not a number')
  t.same(positive.schema, { type: 'integer', minimum: 1 })
  t.equal(integer().mustBe(-7), undefined)
  t.equal(integer().mustBe(0.5), 'an integer')
  t.equal(integer({ min: 2, max: 9 }).mustBe(10), 'an integer between 2 and 9')
})

t.test('an integer or a word', async (t) => {
  const k = integerOr('auto', { min: 2 })
  t.equal(k.fromArgument('auto'), 'auto')
  t.equal(k.fromArgument('5'), 5)
  t.equal(k.mustBe('auto'), undefined)
  t.equal(k.mustBe(1), 'an integer ≥ 2 or auto')
  t.equal(k.placeholder, 'N|auto')
  t.same(k.schema, { anyOf: [{ type: 'integer', minimum: 2 }, { const: 'auto', type: 'string' }] })
})

t.test('numbers: finite, bounded, named', async (t) => {
  const share = number({ min: 0, max: 1, noun: 'a share' })
  t.equal(share.mustBe(0), undefined)
  t.equal(share.mustBe(1), undefined)
  t.equal(share.mustBe(1.0001), 'a share between 0 and 1')
  t.equal(share.mustBe(Number.NaN), 'a share between 0 and 1')
  t.equal(number().mustBe(Number.POSITIVE_INFINITY), 'a number')
  t.equal(number({ min: 0 }).mustBe(-1), 'a number ≥ 0')
  t.same(share.schema, { type: 'number', minimum: 0, maximum: 1 })
})

t.test('words, switches, text, dates, lists, pairs', async (t) => {
  const weighting = oneOf(['binary', 'quantity', 'log-quantity'])
  t.equal(weighting.mustBe('cubic'), 'binary, quantity or log-quantity')
  t.equal(weighting.mustBe('binary'), undefined)
  t.same(weighting.values, ['binary', 'quantity', 'log-quantity'])
  t.equal(oneOf(['log1p', 'none']).mustBe('x'), 'log1p or none')

  t.equal(toggle().takes, 'switch')
  t.equal(toggle().fromArgument(true), true)
  t.equal(toggle().mustBe('yes'), 'true or false')

  t.equal(text().fromArgument('a b'), 'a b')
  t.equal(text().mustBe(3), 'a string')

  t.equal(date().fromArgument('2011-12-10').toISOString(), '2011-12-10T00:00:00.000Z')
  t.throws(() => date().fromArgument('yesterday'), new OptionTextError('must be a date like 2011-12-10, got "yesterday"'))
  t.equal(date().mustBe(new Date(Number.NaN)), 'a valid date')

  t.same(list((code) => code.toUpperCase()).fromArgument('post, dot,,'), ['POST', 'DOT'])
  t.equal(list().mustBe(['a', 1]), 'a list of strings')

  t.same(pairs().fromArgument('invoice=Order, customerId = Client'), { invoice: 'Order', customerId: 'Client' })
  t.throws(() => pairs().fromArgument('invoice'), new OptionTextError('expects field=Column pairs separated by commas, got "invoice"'))
  t.equal(pairs().mustBe({ a: 1 }), 'a mapping of names to names')
})
