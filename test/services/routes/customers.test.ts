import t from 'tap'
import { build } from '../../helpers/build.js'
import { FIXTURE_CUSTOMERS, fixtureModelFiles, publishFixture } from '../../helpers/fixtures.js'

t.test('GET /customers/:id answers a known customer\'s RFM values and segment', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const { customers, segments } = fixtureModelFiles()
  const known = customers.customers.find((c) => c.id === '12347')!

  const response = await app.inject({ url: '/customers/12347' })
  t.equal(response.statusCode, 200)
  t.same(response.json(), {
    version,
    id: '12347',
    recency: FIXTURE_CUSTOMERS[0].recency,
    frequency: FIXTURE_CUSTOMERS[0].frequency,
    monetary: FIXTURE_CUSTOMERS[0].monetary,
    segment: { id: known.segment, label: segments.segments[known.segment].label },
    previous: null,
    value: null
  }, 'no earlier version: previous is null; no values.bin: value null and no estimates')
  t.equal((await app.inject({ url: '/customers/12347.0' })).json().id, '12347', 'a spreadsheet float id')
})

t.test('unknown customers are 404; ids are validated', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const unknown = await app.inject({ url: '/customers/99999' })
  t.equal(unknown.statusCode, 404)
  t.match(unknown.json(), { statusCode: 404, code: 'ERR_CUSTOMER_NOT_FOUND', message: /customer "99999" is not in the training data of model version/ })
  const tooLong = await app.inject({ url: `/customers/${'1'.repeat(65)}` })
  t.equal(tooLong.statusCode, 400)
  const badVersion = await app.inject({ url: '/customers/12347?version=..%2F..' })
  t.equal(badVersion.statusCode, 400)
})
