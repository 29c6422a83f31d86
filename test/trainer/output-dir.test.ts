// trainer/output-dir.ts: which file-system errors mean "the artifacts directory cannot take files"
// (issue 8, finding 1), and the check run before training. Root ignores permission bits and this
// machine has no read-only or full disk to point at, so: a real ENOSPC from /dev/full, real
// ENOTDIR and EEXIST from mkdir, the others as libuv reports them, and a check whose
// file-system calls fail on purpose.
import t from 'tap'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { isUserError, ShopperError } from '../../lib/errors.js'
import { assertOutputWritable, explainOutputErrors, outputError, type OutputFs } from '../../trainer/output-dir.js'
import { errnoError, realEnospc } from '../helpers/errno.js'

async function rejection (promise: Promise<unknown>): Promise<unknown> {
  return await promise.then(() => { throw new Error('expected a rejection') }, (error: unknown) => error)
}

t.test('errno errors of the output side become ERR_OUTPUT_UNWRITABLE: one line with the reason and the code', async (t) => {
  const dir = t.testdir({ 'a-file': 'x' })
  const out = '/srv/artifacts'
  const cases: Array<[string, unknown, string]> = [
    ['a real ENOSPC (write to /dev/full)', await realEnospc(), 'no space left on device, ENOSPC'],
    ['a real ENOTDIR (mkdir under a file)', await rejection(mkdir(path.join(dir, 'a-file', 'x'), { recursive: true })), 'part of the path is not a directory, ENOTDIR'],
    ['a real EEXIST (mkdir -p of a file)', await rejection(mkdir(path.join(dir, 'a-file'), { recursive: true })), 'it exists and is not a directory, EEXIST'],
    ['EROFS', errnoError('EROFS', 'mkdir', `${out}/.lock`), 'read-only file system, EROFS'],
    ['EDQUOT', errnoError('EDQUOT', 'write', `${out}/.tmp-1/neighbours.json`), 'disk quota exceeded, EDQUOT'],
    ['EACCES', errnoError('EACCES', 'open', `${out}/.tmp-1/neighbours.json`), 'permission denied, EACCES'],
    ['EPERM', errnoError('EPERM', 'rename', `${out}/.tmp-1`), 'operation not permitted, EPERM']
  ]
  for (const [what, error, reason] of cases) {
    const mapped = outputError(error, out)
    t.ok(isUserError(mapped), `${what}: a user error (exit 2)`)
    t.equal(mapped?.code, 'ERR_OUTPUT_UNWRITABLE', what)
    t.equal(mapped?.message, `cannot write the artifacts directory ${out} (${reason})`, what)
    t.notMatch(mapped?.message ?? '', /\n/, `${what}: one line`)
    t.equal(mapped?.cause, error, `${what}: the errno error is kept as the cause (for the log)`)
  }
})

t.test('everything else passes through: our own errors, bugs, errors that do not mean "unwritable"', async (t) => {
  const passed = [
    new ShopperError('ERR_ARTIFACTS_LOCKED', 'locked by another writer'),
    new ShopperError('ERR_LOCK_LOST', 'lost the lock'),
    new TypeError('a bug'),
    errnoError('EIO', 'write', '/srv/artifacts/x'),
    errnoError('ENOENT', 'open', '/srv/artifacts/x'),
    'a string',
    undefined
  ]
  for (const error of passed) t.equal(outputError(error, '/srv/artifacts'), undefined, String(error))
  const bug = new TypeError('a bug')
  await t.rejects(explainOutputErrors('/srv/artifacts', async () => { throw bug }), bug, 'rethrown as it is')
  t.equal(await explainOutputErrors('/srv/artifacts', async () => 42), 42, 'and a success is a success')
})

t.test('assertOutputWritable: creates a missing directory, refuses a file or a path under one', async (t) => {
  const dir = t.testdir({ 'a-file': 'x', existing: {} })
  await assertOutputWritable(path.join(dir, 'existing'))
  await assertOutputWritable(path.join(dir, 'new', 'nested'))
  await writeFile(path.join(dir, 'new', 'nested', 'probe'), 'created, writable')
  await t.rejects(assertOutputWritable(path.join(dir, 'a-file')), { code: 'ERR_OUTPUT_UNWRITABLE', message: /a-file \(it exists and is not a directory, EEXIST\)$/ })
  await t.rejects(assertOutputWritable(path.join(dir, 'a-file', 'sub')), { code: 'ERR_OUTPUT_UNWRITABLE', message: /a-file\/sub \(part of the path is not a directory, ENOTDIR\)$/ })
})

t.test('assertOutputWritable: a read-only mount (EROFS from access, even for root), a full disk, no permission', async (t) => {
  const dir = t.testdir()
  const failing = (step: 'mkdir' | 'access', code: 'EROFS' | 'ENOSPC' | 'EACCES'): OutputFs => ({
    mkdir: async (file) => { if (step === 'mkdir') throw errnoError(code, 'mkdir', file) },
    access: async (file) => { if (step === 'access') throw errnoError(code, 'access', file) }
  })
  await t.rejects(assertOutputWritable(dir, failing('access', 'EROFS')), { code: 'ERR_OUTPUT_UNWRITABLE', message: /\(read-only file system, EROFS\)$/ })
  await t.rejects(assertOutputWritable(dir, failing('mkdir', 'EROFS')), { code: 'ERR_OUTPUT_UNWRITABLE', message: /\(read-only file system, EROFS\)$/ }, 'creating it on a read-only mount')
  await t.rejects(assertOutputWritable(dir, failing('mkdir', 'ENOSPC')), { code: 'ERR_OUTPUT_UNWRITABLE', message: /\(no space left on device, ENOSPC\)$/ })
  await t.rejects(assertOutputWritable(dir, failing('access', 'EACCES')), { code: 'ERR_OUTPUT_UNWRITABLE', message: /\(permission denied, EACCES\)$/ })
})
