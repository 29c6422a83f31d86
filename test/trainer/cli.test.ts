// The trainer's command line, run as a user would: exit statuses, one-line errors, nothing
// published on bad input, and --help.
import t, { type Test } from 'tap'
import { readdir, writeFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import path from 'node:path'
import { parseTrainArgs } from '../../trainer/command.js'
import { runTrainerCli, smallTransactionLog } from '../helpers/trainer-cli.js'
import { ONLINE_RETAIL_HEADER } from './read/fixtures.js'

async function expectNothingPublished (t: Test, out: string): Promise<void> {
  const entries = await readdir(out).catch(() => [] as string[])
  t.same(entries, [], 'nothing published, no temporary directory left')
}

t.test('--help prints usage and exits 0', async (t) => {
  const { status, stdout } = runTrainerCli(['--help'])
  t.equal(status, 0)
  t.match(stdout, /Usage: npm run train -- \[options\]/)
  t.match(stdout, /--k N\|auto/)
})

t.test('bad usage and bad input exit 2 with a one-line error and publish nothing', async (t) => {
  const dir = t.testdir({
    'unknown-header.csv': 'Order,Sku,Qty\n1,2,3\n',
    'empty-after-cleaning.csv': `${ONLINE_RETAIL_HEADER}\nC536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom\n536380,22423,CAKESTAND,3,2010-12-01 09:41:00,12.75,,United Kingdom\n`,
    'small.csv': smallTransactionLog(6),
    'malformed.csv': `${ONLINE_RETAIL_HEADER}\n536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n536366,22633,HAND WARMER,six,2010-12-01 08:28:00,1.85,17850,United Kingdom\n`
  })
  const out = path.join(dir, 'artifacts')
  const cases: Array<[string, string[], RegExp]> = [
    ['missing file', ['--input', path.join(dir, 'nope.csv')], /error: .*nope\.csv/],
    ['unknown header', ['--input', path.join(dir, 'unknown-header.csv')], /error: unknown header: expected .*InvoiceNo.*; found "Order", "Sku", "Qty"/],
    ['empty after cleaning', ['--input', path.join(dir, 'empty-after-cleaning.csv')], /error: .*(no rows|empty|nothing)/i],
    ['k larger than customers', ['--input', path.join(dir, 'small.csv'), '--k', '9'], /error: k = 9 .*(customers|distinct)/],
    ['too many malformed rows', ['--input', path.join(dir, 'malformed.csv')], /error: .*malformed.*line 3/i],
    ['unknown option', ['--frobnicate'], /error: .*frobnicate/],
    ['bad number', ['--top-k', 'ten'], /error: --top-k must be a number, got "ten"/],
    ['bad weighting', ['--weighting', 'cubic', '--input', path.join(dir, 'small.csv')], /error: --weighting must be binary, quantity or log-quantity/]
  ]
  for (const [name, args, message] of cases) {
    const { status, stderr } = runTrainerCli([...args, '--out', out, '--quiet'])
    t.equal(status, 2, `${name}: exit status 2`)
    const errorLines = stderr.split('\n').filter((line) => line.startsWith('error: '))
    t.equal(errorLines.length, 1, `${name}: one error line`)
    t.match(errorLines[0] ?? '', message, name)
    await expectNothingPublished(t, out)
  }
})

t.test('a plain small log trains and publishes a version (gzip detected by content)', async (t) => {
  const dir = t.testdir()
  const input = path.join(dir, 'log.data') // no .gz suffix on purpose
  await writeFile(input, gzipSync(smallTransactionLog(12)))
  const out = path.join(dir, 'artifacts')
  const { status, stderr, stdout } = runTrainerCli(['--input', input, '--out', out, '--k', '2', '--min-support', '1'])
  t.equal(status, 0, stderr)
  t.match(stderr, /read\+clean .* 48 rows read, 48 kept, 12 customers/)
  t.match(stderr, /published \d{8}T\d{6}Z-[0-9a-f]{6}/)
  const summary = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).at(-1)
  t.equal(summary?.msg, 'model version published')
  t.equal(summary?.k, 2)
  const entries = await readdir(out)
  t.ok(entries.includes('LATEST'))
})

t.test('argument parsing', async (t) => {
  const parsed = parseTrainArgs(['--k', 'auto', '--columns', 'invoice=Order,customerId=Client', '--non-product-codes', 'post, dot', '--as-of', '2011-12-10'], {})
  t.equal(parsed.help, false)
  if (parsed.help) return
  t.equal(parsed.options.k, 'auto')
  t.equal(parsed.options.out, 'artifacts')
  t.same(parsed.options.columns, { invoice: 'Order', customerId: 'Client' })
  t.same(parsed.options.nonProductCodes, ['POST', 'DOT'])
  t.equal(parsed.options.asOf?.toISOString(), '2011-12-10T00:00:00.000Z')
  t.equal(parseTrainArgs([], { ARTIFACTS_DIR: '/srv/models' }).help === false && (parseTrainArgs([], { ARTIFACTS_DIR: '/srv/models' }) as { options: { out: string } }).options.out, '/srv/models')
  t.throws(() => parseTrainArgs(['--columns', 'invoice'], {}), { code: 'ERR_USAGE', message: /field=Column/ })
  t.throws(() => parseTrainArgs(['--as-of', 'yesterday'], {}), { code: 'ERR_USAGE', message: /--as-of/ })
})
