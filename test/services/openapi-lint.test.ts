// openapi/openapi.json passes Redocly's recommended rules (redocly.yaml) with no error and no
// warning: operationIds, security on every operation, 4xx responses, a license, server URLs,
// examples that match their schemas … Offline: Redocly CLI sends usage data unless told not to
// (redocly.yaml `telemetry: off`, REDOCLY_TELEMETRY=off) and checks npm for a newer version when
// run in a terminal (REDOCLY_SUPPRESS_UPDATE_NOTICE); the child runs with every network attempt
// refused and reported, so a new version that phones home fails this test instead of waiting.
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { OPENAPI_FILE } from '../../services/generate-openapi.js'
import { PROJECT_ROOT } from '../../lib/project-root.js'
import { DENY_NETWORK, NETWORK_ATTEMPT } from '../helpers/deny-network.js'

const REDOCLY_CLI = path.join(path.dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js')

interface LintReport {
  totals: { errors: number, warnings: number, ignored: number }
  problems: Array<{ ruleId: string, severity: string, message: string, location: Array<{ pointer?: string }> }>
}

t.test('Redocly\'s recommended rules find nothing in openapi/openapi.json, without going online', async (t) => {
  const { stdout, stderr } = await promisify(execFile)(process.execPath,
    ['--import', DENY_NETWORK, REDOCLY_CLI, 'lint', path.relative(PROJECT_ROOT, OPENAPI_FILE), '--config', 'redocly.yaml', '--format=json'],
    { cwd: PROJECT_ROOT, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, maxBuffer: 16 * 1024 * 1024 })
    .catch((error: { stdout?: string, stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? String(error) }))
  const report = JSON.parse(stdout) as LintReport
  const problems = report.problems.map((problem) => `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer ?? '?'}: ${problem.message}`)
  t.same(problems, [], 'no problem')
  t.same(report.totals, { errors: 0, warnings: 0, ignored: 0 })
  t.same(stderr.split('\n').filter((line) => line.startsWith(NETWORK_ATTEMPT)), [], 'no network access')
})
