// Schemas of /customers. The example is a real customer of the UCI Online Retail data.
import { Type } from 'typebox'
import { VersionNameSchema } from './common.js'

export const CustomerParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'the customer id of the training data (trimmed; "12347.0" also finds 12347)', examples: ['12347'] })
})

export const CustomerSchema = Type.Object({
  version: VersionNameSchema,
  id: Type.String(),
  recency: Type.Number({ description: 'whole days between the last purchase and the snapshot date of the training data' }),
  frequency: Type.Number({ description: 'distinct invoices' }),
  monetary: Type.Number({ description: 'money spent' }),
  segment: Type.Object({
    id: Type.Integer({ minimum: 0 }),
    label: Type.String()
  })
}, {
  $id: 'Customer',
  description: 'a known customer\'s RFM values and segment',
  examples: [{ version: '20261125T154500Z-3fa9c1', id: '12347', recency: 2, frequency: 7, monetary: 4310, segment: { id: 0, label: 'High-Value' } }]
})
