// Schemas of /customers. The examples are a real customer of the UCI Online Retail data.
import { Type, type Static } from 'typebox'
import { MoneySchema, VersionNameSchema } from './common.js'
import { FallbackFields, ProductQuerySchema } from './recommendations.js'
import { ValueFieldsSchema, ValueInfoSchema } from './audiences.js'

export const CustomerParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'the customer id of the training data (trimmed; "12347.0" also finds 12347)', examples: ['12347'] })
})

export const CustomerSchema = Type.Object({
  version: VersionNameSchema,
  id: Type.String(),
  recency: Type.Number({ description: 'whole days between the last purchase and the snapshot date of the training data' }),
  frequency: Type.Number({ description: 'distinct invoices' }),
  monetary: MoneySchema('money spent'),
  segment: Type.Object({
    id: Type.Integer({ minimum: 0 }),
    label: Type.String()
  }),
  previous: Type.Union([
    Type.Object({
      version: VersionNameSchema,
      segment: Type.Union([Type.Object({ id: Type.Integer({ minimum: 0 }), label: Type.String() }), Type.Null()], { description: 'the customer\'s segment in that version; null: the customer is new since' })
    }),
    Type.Null()
  ], { description: 'where the customer was in the version before this one (in the artifacts directory); null when there is none or it cannot be loaded' }),
  value: ValueInfoSchema,
  ...ValueFieldsSchema
}, {
  $id: 'Customer',
  description: 'a known customer\'s RFM values and segment, their segment in the version before, and their value estimates when the version has them',
  examples: [{
    version: '20261125T154500Z-3fa9c1',
    id: '12347',
    recency: 2,
    frequency: 7,
    monetary: 4310,
    segment: { id: 0, label: 'High-Value' },
    previous: { version: '20261118T154500Z-8d2e07', segment: { id: 0, label: 'High-Value' } },
    value: { horizonDays: 90, dropout: 'estimated' },
    expectedPurchases: 1.9412,
    pAlive: 0.9731,
    expectedOrderValue: 602.18,
    expectedRevenue: 1168.95
  }]
})

/** The parameters of a product's recommendations (limit, exclude, version), for a customer's. */
export const CustomerRecommendationsQuerySchema = ProductQuerySchema

export const CustomerRecommendationsSchema = Type.Object({
  customer: Type.Object({
    id: Type.String({ description: 'the customer id as the training data has it' }),
    purchasedProducts: Type.Integer({ minimum: 0, description: 'distinct products the customer bought in the training data: what the recommendations start from, none of them recommended' })
  }),
  ...FallbackFields
}, {
  $id: 'CustomerRecommendations',
  description: 'Recommendations for a known customer, from everything they bought',
  examples: [{
    customer: { id: '12347', purchasedProducts: 103 },
    version: '20261125T154500Z-3fa9c1',
    fallback: false,
    recommendations: [
      { code: '23245', description: 'SET OF 3 REGENCY CAKE TINS', score: 0.2666, sharedCustomers: 301, source: 'neighbours' },
      { code: '22730', description: 'ALARM CLOCK BAKELIKE IVORY', score: 0.2221, sharedCustomers: 199, source: 'neighbours' }
    ]
  }]
})
export type CustomerRecommendations = Static<typeof CustomerRecommendationsSchema>
