// Schemas of the audiences (GET /segments/{segment}/customers) and of the movements between versions
// (GET /segments/transitions, /segments/transitions/customers). Examples from models trained on the
// bundled UCI Online Retail data.
import { Type, type Static } from 'typebox'
import { VERSION_NAME_PATTERN_SOURCE } from '../../lib/artifacts/index.js'
import { MoneySchema, VersionNameSchema, VersionParameterSchema } from './common.js'
import { ref } from './ref.js'

export const MAX_AUDIENCE_LIMIT = 1000
export const DEFAULT_AUDIENCE_LIMIT = 100
const EXAMPLE_VERSION = '20261125T154500Z-3fa9c1'
const EXAMPLE_PREVIOUS = '20261118T154500Z-8d2e07'

const SegmentRef = Type.Object({ id: Type.Integer({ minimum: 0 }), label: Type.String() })

/** A customer's value estimates (lifetime value, values.bin): in versions that have them. */
export const ValueFieldsSchema = {
  expectedPurchases: Type.Optional(Type.Number({ minimum: 0, description: 'expected purchases (customer-days) over the value horizon; in versions with value estimates' })),
  pAlive: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'probability the customer is still active; null when the data could not estimate dropout (`value.dropout: degenerate`)' })),
  expectedOrderValue: Type.Optional(MoneySchema('expected value of one purchase', { minimum: 0 })),
  expectedRevenue: Type.Optional(MoneySchema('expected revenue over the value horizon', { minimum: 0 }))
}

export const AudienceCustomerSchema = Type.Object({
  id: Type.String(),
  recency: Type.Number({ description: 'whole days between the last purchase and the snapshot date' }),
  frequency: Type.Number({ description: 'distinct invoices' }),
  monetary: MoneySchema('money spent'),
  segment: SegmentRef,
  ...ValueFieldsSchema
}, { $id: 'AudienceCustomer', description: 'a known customer of an audience: RFM values, segment and, when the version has them, value estimates' })
export type AudienceCustomer = Static<typeof AudienceCustomerSchema>

export const ValueInfoSchema = Type.Union([
  Type.Object({
    horizonDays: Type.Integer({ minimum: 1, description: 'the days ahead expectedPurchases and expectedRevenue cover' }),
    dropout: Type.String({ enum: ['estimated', 'degenerate'], description: '`degenerate`: the data could not estimate dropout, so pAlive is null' })
  }),
  Type.Null()
], { description: 'the version\'s value estimates; null when it has none (the value fields are then absent)' })

const PageFields = {
  version: VersionNameSchema,
  sort: Type.String({ enum: ['monetary', 'frequency', 'recency', 'expectedRevenue'] }),
  order: Type.String({ enum: ['asc', 'desc'] }),
  value: ValueInfoSchema,
  customers: Type.Array(ref(AudienceCustomerSchema)),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'pass as `cursor` for the next page (with the same other parameters); null on the last page' })
}

const EXAMPLE_ROW = { id: '12347', recency: 2, frequency: 7, monetary: 4310, segment: { id: 0, label: 'High-Value' } }

export const AudiencePageSchema = Type.Object({
  segment: SegmentRef,
  size: Type.Integer({ minimum: 0, description: 'customers in the segment, before filters' }),
  ...PageFields
}, {
  $id: 'AudiencePage',
  description: 'one page of a segment\'s customers',
  examples: [{ version: EXAMPLE_VERSION, segment: { id: 0, label: 'High-Value' }, size: 714, sort: 'monetary', order: 'desc', value: null, customers: [EXAMPLE_ROW], nextCursor: 'MTAwLmJXd3F0WkVfY0FoZ0ZzQWc' }]
})

export const AudienceCsvSchema = Type.String({
  $id: 'AudienceCsv',
  description: 'the whole audience (filters applied, no pages) as a CRM import file: a header, then one line per customer in the sort order; ' +
    'columns id, recency, frequency, monetary, segment_id, segment, and expected_purchases, p_alive, expected_order_value, expected_revenue in versions with value estimates',
  examples: ['id,recency,frequency,monetary,segment_id,segment\r\n12347,2,7,4310,0,High-Value\r\n']
})

const AudienceNumber = (description: string, extra: { minimum?: number, maximum?: number } = {}) => Type.Optional(Type.Number({ ...extra, description }))

/** The query of an audience or a movers list: page, order, filters, format, version. */
export const ListingQueryFields = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_AUDIENCE_LIMIT, description: `customers per page (JSON; default ${DEFAULT_AUDIENCE_LIMIT}); not with the CSV export, which is the whole list` })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'the `nextCursor` of the previous page' })),
  sort: Type.Optional(Type.String({ enum: ['monetary', 'frequency', 'recency', 'expectedRevenue'], default: 'monetary', description: '`expectedRevenue` needs a version with value estimates (422 otherwise)' })),
  order: Type.Optional(Type.String({ enum: ['desc', 'asc'], default: 'desc' })),
  minMonetary: AudienceNumber('only customers who spent at least this much', { minimum: 0 }),
  minFrequency: AudienceNumber('only customers with at least this many invoices', { minimum: 0 }),
  minRecency: AudienceNumber('only customers whose last purchase is at least this many days old', { minimum: 0 }),
  maxRecency: AudienceNumber('only customers whose last purchase is at most this many days old', { minimum: 0 }),
  minExpectedRevenue: AudienceNumber('only customers expected to spend at least this much over the value horizon (needs value estimates)', { minimum: 0 }),
  minPAlive: AudienceNumber('only customers at least this likely to be still active (needs an estimated dropout)', { minimum: 0, maximum: 1 }),
  maxPAlive: AudienceNumber('only customers at most this likely to be still active (needs an estimated dropout)', { minimum: 0, maximum: 1 }),
  format: Type.Optional(Type.String({ enum: ['json', 'csv'], description: '`csv`: the whole list as a CSV download (also with `Accept: text/csv`)' })),
  version: Type.Optional(VersionParameterSchema)
}

export const AudienceParamsSchema = Type.Object({
  segment: Type.String({ minLength: 1, maxLength: 64, description: 'a segment id or label (any case)', examples: ['At-Risk'] })
})

// ---- movements between versions ------------------------------------------------------------
const Count = Type.Integer({ minimum: 0 })

export const SegmentTransitionsSchema = Type.Object({
  version: VersionNameSchema,
  from: VersionNameSchema,
  customers: Type.Object({
    previous: Count,
    current: Count,
    inBoth: Type.Integer({ minimum: 0, description: 'customers both versions know' }),
    sameSegment: Type.Integer({ minimum: 0, description: 'of those, customers whose segment label did not change' }),
    new: Type.Integer({ minimum: 0, description: 'customers only this version knows' }),
    gone: Type.Integer({ minimum: 0, description: 'customers only `from` knows' })
  }),
  segments: Type.Object({ previous: Type.Array(Type.String()), current: Type.Array(Type.String()) }, { description: 'each version\'s labels, by segment id; segments are matched by label' }),
  transitions: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), customers: Count }), { description: 'from label × to label → customers known to both versions; pairs with none left out' }),
  newBySegment: Type.Array(Type.Object({ segment: Type.String(), customers: Count })),
  goneBySegment: Type.Array(Type.Object({ segment: Type.String(), customers: Count }), { description: 'by the segment they were in' })
}, {
  $id: 'SegmentTransitions',
  description: 'where each segment\'s customers of version `from` are in `version`',
  examples: [{
    version: EXAMPLE_VERSION,
    from: EXAMPLE_PREVIOUS,
    customers: { previous: 4338, current: 4338, inBoth: 4338, sameSegment: 4307, new: 0, gone: 0 },
    segments: { previous: ['High-Value', 'Regular', 'Occasional', 'At-Risk'], current: ['High-Value', 'Regular', 'Occasional', 'At-Risk'] },
    transitions: [{ from: 'High-Value', to: 'High-Value', customers: 712 }, { from: 'High-Value', to: 'Regular', customers: 2 }],
    newBySegment: [{ segment: 'High-Value', customers: 0 }],
    goneBySegment: [{ segment: 'High-Value', customers: 0 }]
  }]
})

export const MoversPageSchema = Type.Object({
  from: VersionNameSchema,
  fromSegment: SegmentRef,
  toSegment: SegmentRef,
  ...PageFields
}, {
  $id: 'MoversPage',
  description: 'one page of the customers who were in `fromSegment` of version `from` and are in `toSegment` of `version`',
  examples: [{ version: EXAMPLE_VERSION, from: EXAMPLE_PREVIOUS, fromSegment: { id: 0, label: 'High-Value' }, toSegment: { id: 3, label: 'At-Risk' }, sort: 'monetary', order: 'desc', value: null, customers: [{ ...EXAMPLE_ROW, recency: 96, segment: { id: 3, label: 'At-Risk' } }], nextCursor: null }]
})

export const TransitionsQuerySchema = Type.Object({
  from: Type.Optional(Type.String({ pattern: VERSION_NAME_PATTERN_SOURCE, description: 'the earlier version (default: the version before the one answering, in the artifacts directory)' })),
  version: Type.Optional(VersionParameterSchema)
})

export const MoversQuerySchema = Type.Object({
  from: TransitionsQuerySchema.properties.from,
  fromSegment: Type.String({ minLength: 1, maxLength: 64, description: 'a segment id or label (any case) of version `from`', examples: ['High-Value'] }),
  toSegment: Type.String({ minLength: 1, maxLength: 64, description: 'a segment id or label (any case) of the version answering', examples: ['At-Risk'] }),
  ...ListingQueryFields
})
