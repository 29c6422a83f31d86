// Request and response schemas of /segments. Examples come from a model trained on the bundled
// UCI Online Retail data (customer 12347: last purchase 2 days before the snapshot, 7 invoices, 4,310.00 spent).
import { Type } from 'typebox'
import { MoneySchema, VersionNameSchema } from './common.js'
import { ref } from './ref.js'
import { MAX_BATCH_CUSTOMERS } from '../domain/segment-batch.js'

const Recency = Type.Number({ minimum: 0, description: 'whole days since the last purchase', examples: [2] })
const Frequency = Type.Number({ minimum: 1, description: 'distinct invoices', examples: [7] })
const Monetary = Type.Number({ minimum: 0, description: 'money spent (sum of quantity × unit price)', examples: [4310] })

export const OneCustomerSchema = Type.Object({
  recency: Recency,
  frequency: Frequency,
  monetary: Monetary
}, { $id: 'OneCustomer', description: 'one customer\'s RFM values', examples: [{ recency: 2, frequency: 7, monetary: 4310 }] })

export const BatchCustomerSchema = Type.Object({
  // bodies are not coerced: a numeric id (CRM exports often have them) is declared, not converted by Ajv
  id: Type.Union([Type.String({ minLength: 1 }), Type.Number()], { description: 'your id for the customer, echoed in the answer (a number is answered as a string)', examples: ['12347'] }),
  recency: Recency,
  frequency: Frequency,
  monetary: Monetary
}, { $id: 'BatchCustomer', description: 'one customer of a batch: your id and the RFM values' })

export const CustomerBatchSchema = Type.Object({
  customers: Type.Array(ref(BatchCustomerSchema), { minItems: 1, maxItems: MAX_BATCH_CUSTOMERS })
}, {
  $id: 'CustomerBatch',
  description: `up to ${MAX_BATCH_CUSTOMERS.toLocaleString('en-US')} customers`,
  examples: [{
    customers: [
      { id: '12347', recency: 2, frequency: 7, monetary: 4310 },
      { id: '12346', recency: 326, frequency: 1, monetary: 77183.6 }
    ]
  }]
})

export const CSV_EXAMPLE = 'id,recency,frequency,monetary\n12347,2,7,4310\n12346,326,1,77183.6\n'

export const CustomersCsvSchema = Type.String({
  $id: 'CustomersCsv',
  description: `a CRM export: a header naming id, recency, frequency, monetary (any order, other columns ignored), then up to ${MAX_BATCH_CUSTOMERS.toLocaleString('en-US')} rows`,
  examples: [CSV_EXAMPLE]
})

/**
 * POST /segments reads JSON (one customer or a batch) or CSV: one request body with both media
 * types, so generated clients offer both (the CSV body is a string).
 */
export const SegmentsBodySchema = {
  content: {
    'application/json': { schema: Type.Union([ref(OneCustomerSchema), ref(CustomerBatchSchema)], { description: 'one customer, or a batch' }) },
    'text/csv': { schema: ref(CustomersCsvSchema) }
  }
}

const SegmentRefFields = {
  id: Type.Integer({ minimum: 0, examples: [0] }),
  label: Type.String({ examples: ['High-Value'] })
}

const SegmentSummaryFields = {
  ...SegmentRefFields,
  description: Type.String(),
  action: Type.String({ description: 'suggested action for customers of this segment' })
}

export const SegmentSummarySchema = Type.Object(SegmentSummaryFields, { $id: 'SegmentSummary', description: 'a segment: its label, what its customers are like, what to do with them' })

export const OneResultSchema = Type.Object({
  version: VersionNameSchema,
  segment: ref(SegmentSummarySchema)
}, {
  $id: 'OneSegmentResult',
  description: 'the segment of one customer',
  examples: [{
    version: '20261125T154500Z-3fa9c1',
    segment: {
      id: 0,
      label: 'High-Value',
      description: 'Bought recently, buy often and spend the most: the best customers.',
      action: 'VIP treatment: loyalty programme, early access to new products, personal thanks; no discounts needed.'
    }
  }]
})

export const CustomerSegmentSchema = Type.Object({
  id: Type.String(),
  segment: Type.Integer({ minimum: 0, description: 'segment id' }),
  label: Type.String()
}, { $id: 'CustomerSegment', description: 'the segment of one customer of a batch' })

export const BatchResultSchema = Type.Object({
  version: VersionNameSchema,
  results: Type.Array(ref(CustomerSegmentSchema), { description: 'one per customer, in the order sent' })
}, {
  $id: 'BatchSegmentResult',
  description: 'the segment of each customer, in order',
  examples: [{
    version: '20261125T154500Z-3fa9c1',
    results: [{ id: '12347', segment: 0, label: 'High-Value' }, { id: '12346', segment: 1, label: 'Regular' }]
  }]
})

export const SegmentSchema = Type.Object({
  ...SegmentSummaryFields,
  size: Type.Integer({ minimum: 0, description: 'customers of the training data in this segment' }),
  share: Type.Number({ minimum: 0, maximum: 1, description: 'size / all customers' }),
  centroid: Type.Object({
    recency: Type.Number({ description: 'days' }),
    frequency: Type.Number({ description: 'invoices' }),
    monetary: MoneySchema('money')
  }, { description: 'the segment\'s centre in RFM units' })
}, { $id: 'Segment', description: 'a segment of the model, with its size and centre in the training data' })

export const SegmentListSchema = Type.Object({
  version: VersionNameSchema,
  transform: Type.String({ enum: ['log1p', 'none'], description: 'applied to RFM values before standardising' }),
  customers: Type.Integer({ description: 'customers in the training data' }),
  segments: Type.Array(ref(SegmentSchema))
}, {
  $id: 'SegmentList',
  description: 'every segment of the model',
  examples: [{
    version: '20261125T154500Z-3fa9c1',
    transform: 'log1p',
    customers: 4338,
    segments: [{
      id: 0,
      label: 'High-Value',
      description: 'Bought recently, buy often and spend the most: the best customers.',
      action: 'VIP treatment: loyalty programme, early access to new products, personal thanks; no discounts needed.',
      size: 714,
      share: 0.1646,
      centroid: { recency: 7.63, frequency: 10.95, monetary: 4252.39 }
    }, {
      id: 3,
      label: 'At-Risk',
      description: 'Have not bought for a long time: about to churn, or already lost.',
      action: 'Retention / win-back campaign: a personal reminder with a time-limited offer.',
      size: 1612,
      share: 0.3716,
      centroid: { recency: 152.2, frequency: 1.26, monetary: 270.62 }
    }]
  }]
})
