// Several replicas on one artifacts directory (issue 8, "model operations with several
// replicas"): a pin made through one replica's admin API reaches the other within its poll
// interval; a killed and restarted replica comes back pinned; unpinning through either one
// returns both to LATEST. Real processes, real HTTP.
import t from 'tap'
import { TEST_ADMIN_TOKEN } from '../helpers/build.js'
import { publishFixture } from '../helpers/fixtures.js'
import { listeningUrl, spawnServer } from '../helpers/server-process.js'

const POLL_INTERVAL_MS = 500
const CONVERGE_WITHIN_MS = 2000

interface Active { active: string, pinned: string | null, following: string, pin: { version: string, by: string, at: string, note?: string } | null }

async function active (base: string): Promise<Active> {
  return await (await fetch(`${base}/models/active`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).json() as Active
}

/** Polls until `check` holds or the time is up; returns the milliseconds it took (or throws). */
async function within (ms: number, what: string, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now()
  for (;;) {
    if (await check()) return Date.now() - started
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

t.test('two replicas on one directory converge on a pin, keep it across a restart, and unpin together', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const v2 = await publishFixture(dir, { variant: 1 })
  const env = { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', MAX_EVENT_LOOP_DELAY_MS: '0', ARTIFACTS_DIR: dir, ADMIN_TOKEN: TEST_ADMIN_TOKEN, TRAIN_ON_START: 'false', POLL_INTERVAL_MS: String(POLL_INTERVAL_MS) }
  const start = async () => {
    const server = spawnServer(t, env)
    return { server, base: await listeningUrl(server) }
  }
  const a = await start()
  let b = await start()
  t.equal((await active(b.base)).active, v2.version)

  const pin = await fetch(`${a.base}/models/active`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    body: JSON.stringify({ version: v1.version, by: 'ops-alice', note: 'roll back' })
  })
  t.equal(pin.status, 200)
  const pinned = await pin.json() as Active
  t.match(pinned, { active: v1.version, pinned: v1.version, following: 'pinned', pin: { version: v1.version, by: 'ops-alice', note: 'roll back' } })
  const took = await within(CONVERGE_WITHIN_MS, 'the other replica serves the pin', async () => (await active(b.base)).active === v1.version)
  t.ok(true, `the other replica followed in ${took} ms (poll interval ${POLL_INTERVAL_MS} ms)`)
  t.same((await active(b.base)).pin, pinned.pin, 'both replicas tell the same story: who, when, why')

  b.server.child.kill('SIGKILL')
  await b.server.exited
  b = await start()
  t.match(await active(b.base), { active: v1.version, pinned: v1.version, pin: { by: 'ops-alice' } }, 'a restarted replica starts pinned')

  const unpin = await fetch(`${b.base}/models/active`, { method: 'DELETE', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
  t.equal(unpin.status, 200)
  t.match(await unpin.json(), { active: v2.version, pinned: null, following: 'latest' })
  await within(CONVERGE_WITHIN_MS, 'the first replica follows LATEST again', async () => (await active(a.base)).active === v2.version)
  t.match(await active(a.base), { pinned: null, pin: null })
})
