// The trainer's `models` command (issue 8, task 2), in-process against fixture versions published
// through the real contract: list with statuses and the pin record, pin with the service's full
// check under the writers' lock, unpin, --help, and one-line errors with exit status 2.
import t from 'tap'
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { PIN_FILE, readPin } from '../../lib/artifacts/index.js'
import { main } from '../../trainer/command.js'
import { runModelsCommand } from '../../trainer/models-command.js'
import { corruptVersion, publishFixture } from '../helpers/fixtures.js'

interface Run { status: number, stdout: string, stderr: string }

async function models (argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const status = await runModelsCommand(argv, {
    stdout: { write: (text: string) => { stdout += text } },
    stderr: { write: (text: string) => { stderr += text } },
    env
  })
  return { status, stdout, stderr }
}

/** Three versions: the oldest valid, the middle one damaged, the newest LATEST. */
async function threeVersions (dir: string) {
  const oldest = await publishFixture(dir, { variant: 1 })
  const damaged = await publishFixture(dir, { variant: 2 })
  const newest = await publishFixture(dir, { variant: 3 })
  await corruptVersion(dir, damaged.version, 'truncate')
  return { oldest: oldest.version, damaged: damaged.version, newest: newest.version }
}

function linesOf (text: string): string[] {
  return text.trimEnd().split('\n')
}

t.test('list: every version, newest first, one line each with created and status; LATEST and the pin', async (t) => {
  const dir = t.testdir()
  const { oldest, damaged, newest } = await threeVersions(dir)
  const run = await models(['list', '--out', dir])
  t.equal(run.status, 0, run.stderr)
  t.equal(run.stderr, '')
  const lines = linesOf(run.stdout)
  t.equal(lines[0], `artifacts directory ${dir}: 3 versions`)
  t.equal(lines[1], `LATEST  ${newest}`)
  t.equal(lines[2], 'PINNED  none (the API replicas follow LATEST)')
  t.equal(lines.length, 6, 'then one line per version')
  t.match(lines[3], new RegExp(`^${newest}  \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z  LATEST, valid$`))
  t.match(lines[4], new RegExp(`^${damaged}  \\S+  invalid: neighbours.bin: has \\d+ bytes, manifest says \\d+ \\(truncated or replaced\\)$`), 'the damaged one with the reason')
  t.match(lines[5], new RegExp(`^${oldest}  \\S+  valid$`))

  t.equal((await models(['pin', oldest, '--out', dir, '--by', 'ops@example', '--note', 'newest recommends badly'])).status, 0)
  const pinned = linesOf((await models(['list', '--out', dir])).stdout)
  t.match(pinned[2], new RegExp(`^PINNED  ${oldest} by ops@example at \\S+Z: "newest recommends badly"$`), 'the pin record: what, who, when, why')
  t.match(pinned[5], new RegExp(`^${oldest}  \\S+  pinned, valid$`))
})

t.test('list: links, stray files and broken pointers are shown, not hidden', async (t) => {
  const dir = t.testdir()
  const { newest } = await threeVersions(dir)
  await symlink(path.join(dir, newest), path.join(dir, '20990101T000000Z-aaaaaa'))
  await writeFile(path.join(dir, '20990101T000000Z-bbbbbb'), 'a file named like a version')
  await writeFile(path.join(dir, 'LATEST'), 'garbage\n')
  await writeFile(path.join(dir, PIN_FILE), '{"version":')
  const lines = linesOf((await models(['list', '--out', dir])).stdout)
  t.match(lines[1], /^LATEST {2}unusable: LATEST holds "garbage", which is not a version name$/)
  t.match(lines[2], /^PINNED {2}unusable: PINNED is not JSON$/)
  t.match(lines[3], /^20990101T000000Z-bbbbbb {2}-\s+invalid: not a directory$/)
  t.match(lines[4], /^20990101T000000Z-aaaaaa {2}-\s+invalid: a symbolic link named like a version; never served$/)
  t.notMatch(lines.join('\n'), /LATEST, /, 'no version is LATEST')
})

t.test('pin: checks the version fully, records who, when and why, and says what it did', async (t) => {
  const dir = t.testdir()
  const { oldest, newest } = await threeVersions(dir)
  const run = await models(['pin', oldest, '--out', dir, '--by', 'alice', '--note', 'rollback: ticket 42'])
  t.equal(run.status, 0, run.stderr)
  const pin = await readPin(dir)
  t.match(pin, { state: 'pinned', record: { version: oldest, by: 'alice', note: 'rollback: ticket 42', at: /Z$/ } })
  const lines = linesOf(run.stdout)
  t.match(lines[0], new RegExp(`^pinned ${oldest} by alice at \\S+: "rollback: ticket 42"$`))
  t.match(lines[1], /^ {2}valid: created \S+, 103 rows, k = 3, 8 products$/)
  t.equal(lines[2], '  replaces: no pin')
  t.match(lines[3], new RegExp(`^every API replica on .* serves ${oldest} within its poll interval, whatever LATEST \\(${newest}\\) says`))

  const again = await models(['pin', newest, '--out', dir])
  t.equal(again.status, 0)
  t.match(linesOf(again.stdout)[2], new RegExp(`^ {2}replaces: ${oldest} by alice at `), 'names the pin it replaced')
  t.match(await readPin(dir), { record: { version: newest, by: /^.+@.+$/ } }, 'by defaults to user@host')
})

t.test('pin refuses, in one line with exit 2, what cannot serve; the pin before stays', async (t) => {
  const dir = t.testdir()
  const { oldest, damaged } = await threeVersions(dir)
  t.equal((await models(['pin', oldest, '--out', dir])).status, 0)
  const before = await readFile(path.join(dir, PIN_FILE), 'utf8')
  await symlink(path.join(dir, oldest), path.join(dir, '20990101T000000Z-aaaaaa'))
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown version', ['pin', '20200101T000000Z-abcdef'], /^error: model version 20200101T000000Z-abcdef is not in the artifacts directory /],
    ['an invalid version, with the reason', ['pin', damaged], new RegExp(`^error: model version ${damaged} cannot serve, so it was not pinned: neighbours.bin: has \\d+ bytes, manifest says \\d+ \\(truncated or replaced\\)$`)],
    ['a link named like a version', ['pin', '20990101T000000Z-aaaaaa'], /^error: model version 20990101T000000Z-aaaaaa is not a directory \(a symbolic link\?\)/],
    ['not a version name', ['pin', '../etc'], /^error: invalid model version name "..\/etc"/]
  ]
  for (const [what, argv, message] of cases) {
    const run = await models([...argv, '--out', dir])
    t.equal(run.status, 2, `${what}: exit 2`)
    t.equal(linesOf(run.stderr).length, 1, `${what}: one line`)
    t.match(run.stderr.trimEnd(), message, what)
    t.equal(run.stdout, '', `${what}: nothing claimed`)
    t.equal(await readFile(path.join(dir, PIN_FILE), 'utf8'), before, `${what}: the pin before is untouched`)
  }
})

t.test('unpin: removes the record and says what replicas follow; twice is fine; an unusable PINNED is removed too', async (t) => {
  const dir = t.testdir()
  const { oldest, newest } = await threeVersions(dir)
  await models(['pin', oldest, '--out', dir, '--by', 'bob'])
  const run = await models(['unpin', '--out', dir])
  t.equal(run.status, 0, run.stderr)
  t.match(run.stdout, new RegExp(`^unpinned ${oldest} by bob at \\S+\\nevery API replica on .* follows LATEST \\(${newest}\\) again within its poll interval\\n$`))
  t.same(await readPin(dir), { state: 'none' })
  const twice = await models(['unpin', '--out', dir])
  t.equal(twice.status, 0)
  t.equal(twice.stdout, `nothing was pinned; every API replica follows LATEST (${newest})\n`)
  await writeFile(path.join(dir, PIN_FILE), 'not json')
  const broken = await models(['unpin', '--out', dir])
  t.equal(broken.status, 0)
  t.match(broken.stdout, /^removed an unusable PINNED \(PINNED is not JSON\)/)
  t.same(await readPin(dir), { state: 'none' })
})

t.test('the directory: --out, else $ARTIFACTS_DIR, else ./artifacts; a missing one is an error, not an empty list', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  t.match((await models(['list'], { ARTIFACTS_DIR: dir })).stdout, new RegExp(`^artifacts directory ${dir}: 1 version\\n`))
  const other = t.testdir()
  t.match((await models(['list', '--out', other], { ARTIFACTS_DIR: dir })).stdout, /: 0 versions\n/, '--out wins')
  for (const [argv, env] of [[['list', '--out', path.join(dir, 'nope')], {}], [['unpin'], { ARTIFACTS_DIR: path.join(dir, 'nope') }]] as const) {
    const run = await models([...argv], env)
    t.equal(run.status, 2)
    t.match(run.stderr, /^error: no artifacts directory at .*nope; choose it with --out DIR or \$ARTIFACTS_DIR \(see models --help\)\n$/)
  }
  await mkdir(path.join(dir, 'sub'))
  await writeFile(path.join(dir, 'sub', 'file'), 'x')
  t.match((await models(['list', '--out', path.join(dir, 'sub', 'file')])).stderr, /^error: the artifacts directory .* is not a directory/)
})

t.test('bad usage: one line, exit 2', async (t) => {
  const cases: Array<[string[], RegExp]> = [
    [[], /^error: models: expected a command: list, pin VERSION or unpin/],
    [['frobnicate'], /^error: models: unknown command "frobnicate"/],
    [['pin'], /^error: models pin expects one VERSION \(see models --help\)/],
    [['pin', 'a', 'b'], /^error: models pin expects one VERSION, got 2: "a b"/],
    [['list', 'extra'], /^error: models list takes no arguments, got "extra"/],
    [['unpin', '--note', 'why'], /^error: --note and --by belong to models pin, not models unpin/],
    [['pin', 'x', '--by', ' '], /^error: --by must be 1 to 200 characters/],
    [['pin', 'x', '--note', 'n'.repeat(501)], /^error: --note has 501 characters; at most 500/],
    [['list', '--frobnicate'], /^error: Unknown option '--frobnicate'/]
  ]
  for (const [argv, message] of cases) {
    const run = await models(argv, { ARTIFACTS_DIR: t.testdirName })
    t.equal(run.status, 2, argv.join(' '))
    t.equal(linesOf(run.stderr).length, 1, `${argv.join(' ')}: one line`)
    t.match(run.stderr, message, argv.join(' '))
  }
})

t.test('--help, -h, help, pin --help: the usage, exit 0', async (t) => {
  for (const argv of [['--help'], ['-h'], ['help'], ['pin', '--help']]) {
    const run = await models(argv)
    t.equal(run.status, 0, argv.join(' '))
    t.match(run.stdout, /^Usage: npm run models -- <command> \[options\]/)
    t.match(run.stdout, /pin VERSION/)
    t.match(run.stdout, /409 ERR_ARTIFACTS_READ_ONLY/)
  }
})

t.test('the trainer\'s command line dispatches `models` and trains otherwise', async (t) => {
  const dir = t.testdir()
  const { newest } = await threeVersions(dir)
  let stdout = ''
  const io = { stdout: { write: (text: string) => { stdout += text } }, stderr: { write: () => {} }, env: {} }
  t.equal(await main(['models', 'list', '--out', dir], io), 0)
  t.match(stdout, new RegExp(`LATEST  ${newest}`))
  stdout = ''
  t.equal(await main(['--help'], io), 0)
  t.match(stdout, /^Usage: npm run train -- \[options\]/, 'the training help, as before')
  t.match(stdout, /npm run train -- models --help/, 'which points at the models command')
})
