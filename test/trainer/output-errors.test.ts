// The output side of training (issue 8, finding 1): an artifacts directory the trainer cannot
// write — a regular file, a path under one, a read-only or full file system — fails with the
// documented one line `error: cannot write … (reason, CODE)` and exit status 2, and is found out
// before the input is read, not after seconds of training.
//
// Here, through the command line and trainAndPublish; the error mapping itself, with EROFS,
// ENOSPC and the others, in output-dir.test.ts.
import t from 'tap'
import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { isUserError } from '../../lib/errors.js'
import { createProgress, type Progress } from '../../trainer/progress.js'
import { trainAndPublish } from '../../trainer/train.js'
import { runTrainerCli, smallTransactionLog } from '../helpers/trainer-cli.js'

t.test('--out that cannot be a directory: one line, exit 2, before any stage runs', async (t) => {
  const dir = t.testdir({ 'a-file': 'not a directory\n', 'small.csv': smallTransactionLog(8) })
  const input = path.join(dir, 'small.csv')
  const cases: Array<[string, string, RegExp]> = [
    ['a regular file', path.join(dir, 'a-file'), /^error: cannot write the artifacts directory .*a-file \(.*, EEXIST\)$/],
    ['a path under a regular file', path.join(dir, 'a-file', 'artifacts'), /^error: cannot write the artifacts directory .*a-file\/artifacts \(.*, ENOTDIR\)$/]
  ]
  for (const [what, out, message] of cases) {
    const { status, stderr } = runTrainerCli(['--input', input, '--out', out, '--k', '2', '--min-support', '1'])
    t.equal(status, 2, `${what}: exit status 2`)
    const lines = stderr.trim().split('\n')
    t.equal(lines.length, 1, `${what}: one line on stderr, no stack trace: ${stderr}`)
    t.match(lines[0], message, what)
    t.notMatch(stderr, /read\+clean/, `${what}: failed before reading the input`)
  }
})

t.test('the output directory is checked before the input is read', async (t) => {
  const dir = t.testdir({ 'a-file': 'x' })
  const { status, stderr } = runTrainerCli(['--input', path.join(dir, 'missing.csv'), '--out', path.join(dir, 'a-file')])
  t.equal(status, 2)
  t.match(stderr.trim(), /^error: cannot write the artifacts directory /, 'the output error, not "input not found"')
})

t.test('a missing --out is created (nested), as before', async (t) => {
  const dir = t.testdir({ 'small.csv': smallTransactionLog(8) })
  const out = path.join(dir, 'new', 'nested', 'artifacts')
  const { status, stderr } = runTrainerCli(['--input', path.join(dir, 'small.csv'), '--out', out, '--k', '2', '--min-support', '1', '--quiet'])
  t.equal(status, 0, stderr)
})

t.test('the output directory replaced by a file while training: one line, not a stack trace', async (t) => {
  const dir = t.testdir({ 'small.csv': smallTransactionLog(8) })
  const out = path.join(dir, 'artifacts')
  // the check at the start passes; just before publishing, someone puts a file in its place
  const quiet = createProgress(process.stderr, false)
  const progress: Progress = {
    timings: quiet.timings,
    rows: quiet.rows,
    stage (name) {
      if (name === 'publish') {
        rmSync(out, { recursive: true, force: true })
        writeFileSync(out, 'in the way\n')
      }
      return quiet.stage(name)
    }
  }
  const rejected = await trainAndPublish({ input: path.join(dir, 'small.csv'), out, k: 2, minSupport: 1 }, undefined, progress).then(() => null, (e: unknown) => e)
  t.ok(isUserError(rejected), 'a user error: exit 2, one line')
  t.match(rejected, { code: 'ERR_OUTPUT_UNWRITABLE', message: /^cannot write the artifacts directory .*artifacts \(it exists and is not a directory, EEXIST\)$/ })
})
