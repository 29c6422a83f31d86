// The audience form's filters and the listing's query string (services/public/audience-query.js).
import t from 'tap'
import { AUDIENCE_FILTERS, listingQuery, readAudienceFilters } from '../../../services/public/audience-query.js'

t.test('filters as people type them, in the API\'s units', async (t) => {
  t.same(readAudienceFilters({}), { ok: true, filters: {} }, 'empty fields filter nothing')
  t.same(readAudienceFilters({ minExpectedRevenue: ' £1,200.50 ', minFrequency: '2', maxRecency: '90', minPAlive: '55', maxPAlive: '100' }), {
    ok: true,
    filters: { minExpectedRevenue: 1200.5, minFrequency: 2, maxRecency: 90, minPAlive: 0.55, maxPAlive: 1 }
  }, 'P(alive) is typed in percent; no float noise (55 % is 0.55)')
  t.same(readAudienceFilters({ minMonetary: '0' }), { ok: true, filters: { minMonetary: 0 } }, 'zero is a filter')
})

t.test('every wrong field says how to fix it', async (t) => {
  const read = readAudienceFilters({ minExpectedRevenue: 'lots', minMonetary: '-5', minFrequency: '1.5', minPAlive: '120' })
  t.same(read, {
    ok: false,
    errors: {
      minExpectedRevenue: 'Expected revenue at least must be a number, like 100.',
      minMonetary: 'Spent at least cannot be negative.',
      minFrequency: 'Orders at least must be a whole number.',
      minPAlive: 'P(alive) at least must be at most 100%.'
    }
  })
  t.match(readAudienceFilters({ minRecency: '100', maxRecency: '30' }), { ok: false, errors: { minRecency: /cannot be at least more days ago than at most/ } })
  t.match(readAudienceFilters({ minPAlive: '80', maxPAlive: '20' }), { ok: false, errors: { minPAlive: /cannot be more than at most/ } })
})

t.test('one query string for every page and the CSV link', async (t) => {
  t.equal(listingQuery({ sort: 'expectedRevenue', order: 'desc', filters: { minExpectedRevenue: 100, maxRecency: 90 }, version: '20261125T154500Z-3fa9c1', limit: 25 }),
    'sort=expectedRevenue&order=desc&minExpectedRevenue=100&maxRecency=90&version=20261125T154500Z-3fa9c1&limit=25')
  t.equal(listingQuery({ sort: 'monetary', order: 'asc', cursor: 'My4+/=', format: 'csv' }), 'sort=monetary&order=asc&cursor=My4%2B%2F%3D&format=csv', 'the cursor is encoded')
  t.equal(listingQuery({ extra: { from: 'v1', fromSegment: 'High-Value', toSegment: 'At Risk' }, sort: 'monetary', cursor: null }),
    'from=v1&fromSegment=High-Value&toSegment=At+Risk&sort=monetary', 'the movers\' parameters first; a null cursor is the first page')
  t.equal(new Set(AUDIENCE_FILTERS.map((f) => f.name)).size, AUDIENCE_FILTERS.length, 'one field per filter')
})
