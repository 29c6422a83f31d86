import t from 'tap'
import { Type } from 'typebox'
import { ShopperError } from '../../../lib/errors.js'
import {
  argSpec, byFlag, byStage, composeTables, date, defaultsOf, helpLines, helpListing, integer, manifestEntries, manifestSchema, oneOf,
  option, optionTable, pickOptions, resolveOptions, text, toggle, valuesFromArgs
} from '../../../trainer/option-table/index.js'

const FRUIT = optionTable('Fruit', {
  count: option({ kind: integer({ min: 1 }), flag: 'count', help: 'how many', default: 3 }),
  colour: option({ kind: oneOf(['red', 'green']), flag: 'colour', arg: 'C', help: 'which colour', default: 'red' }),
  picked: option({
    kind: date(),
    flag: 'picked',
    help: 'when it was picked',
    helpDefault: 'today',
    manifest: { schema: { picked: Type.Union([Type.String(), Type.Null()]) }, write: (picked) => ({ picked: picked?.toISOString() ?? null }) }
  })
})
const BASKET = optionTable('Basket', {
  where: option({ kind: text(), flag: 'where', arg: 'DIR', help: 'where the basket goes', required: true, manifest: 'none' }),
  ripe: option({ kind: toggle(), flag: 'ripe', short: 'r', help: 'only ripe ones', default: false })
})
const ALL = composeTables(FRUIT, BASKET)

t.test('resolving: defaults under what is given, each value checked, the option named', async (t) => {
  t.same(resolveOptions(ALL.rows, { where: '/tmp' }, byFlag), { count: 3, colour: 'red', where: '/tmp', ripe: false })
  t.same(resolveOptions(ALL.rows, { where: '/tmp', count: undefined, colour: 'green' }, byFlag), { count: 3, colour: 'green', where: '/tmp', ripe: false }, 'undefined keeps the default')
  t.throws(() => resolveOptions(ALL.rows, { where: '/tmp', count: 0 }, byFlag), new ShopperError('ERR_USAGE', '--count must be a positive integer, got 0'))
  t.throws(() => resolveOptions(ALL.rows, { where: '/tmp', colour: 'blue' as 'red' }, byFlag), new ShopperError('ERR_USAGE', '--colour must be red or green, got blue'))
  t.throws(() => resolveOptions(FRUIT.rows, { count: 2.5 }, byStage('fruit')), new ShopperError('ERR_USAGE', 'fruit: count must be a positive integer, got 2.5'))
  t.throws(() => resolveOptions(ALL.rows, {}, byFlag), new ShopperError('ERR_USAGE', '--where is required'))
  t.same(defaultsOf(ALL.rows), { count: 3, colour: 'red', ripe: false })
})

t.test('a stage gets its own share of the options', async (t) => {
  const all = resolveOptions(ALL.rows, { where: '/tmp', picked: new Date(0) }, byFlag)
  t.same(pickOptions(FRUIT, all), { count: 3, colour: 'red', picked: new Date(0) })
  t.same(pickOptions(BASKET, all), { where: '/tmp', ripe: false })
})

t.test('composing: a key or a flag declared twice is refused', async (t) => {
  t.throws(() => composeTables(FRUIT, FRUIT), { message: 'option count is declared twice' })
  const clash = optionTable('Other', { amount: option({ kind: integer(), flag: 'count', help: 'x', default: 1 }) })
  t.throws(() => composeTables(FRUIT, clash), { message: 'flag --count is declared twice' })
})

t.test('the command line: parseArgs spec, values read, errors naming the flag', async (t) => {
  t.same(argSpec(ALL.rows), {
    count: { type: 'string' }, colour: { type: 'string' }, picked: { type: 'string' }, where: { type: 'string' }, ripe: { type: 'boolean', short: 'r' }
  })
  t.same(valuesFromArgs(ALL.rows, { count: '7', ripe: true, unrelated: 'x' }), { count: 7, ripe: true }, 'absent flags stay absent')
  t.throws(() => valuesFromArgs(ALL.rows, { count: 'seven' }), new ShopperError('ERR_USAGE', '--count must be a number, got "seven"'))
  t.throws(() => valuesFromArgs(ALL.rows, { picked: 'soon' }), new ShopperError('ERR_USAGE', '--picked must be a date like 2011-12-10, got "soon"'))
})

t.test('--help: one line per option with its default, wrapped, grouped under the tables\' titles', async (t) => {
  t.same(helpLines(FRUIT.rows.count), ['  --count N                how many (default 3)'])
  t.same(helpLines(FRUIT.rows.picked), ['  --picked DATE            when it was picked (default: today)'])
  t.same(helpLines(BASKET.rows.ripe), ['  -r, --ripe               only ripe ones'], 'a switch shows no default')
  const long = option({ kind: text(), flag: 'long', help: 'word '.repeat(20).trim(), default: 'x' })
  const lines = helpLines(long)
  t.equal(lines.length, 2)
  t.ok(lines.every((line) => line.length <= 2 + 24 + 1 + 68), 'no line past the width')
  t.match(lines[1], /^ {27}word/, 'continuations under the help column')
  t.equal(helpListing([FRUIT, BASKET, optionTable('Basket', {})]), [
    'Fruit',
    '  --count N                how many (default 3)',
    '  --colour C               which colour (default red)',
    '  --picked DATE            when it was picked (default: today)',
    'Basket',
    '  --where DIR              where the basket goes',
    '  -r, --ripe               only ripe ones'
  ].join('\n'))
})

t.test('the manifest: each row\'s entries and their schema', async (t) => {
  const values = resolveOptions(ALL.rows, { where: '/tmp' }, byFlag)
  t.same(manifestEntries(ALL.rows, values), { count: 3, colour: 'red', picked: null, ripe: false }, "'none' rows are left out, writers write their own")
  const schema = manifestSchema(ALL.rows)
  t.same(Object.keys(schema), ['count', 'colour', 'picked', 'ripe'])
  t.same(schema.count, { type: 'integer', minimum: 1 })
})
