// Request and response schemas of /recommendations. Examples come from a model trained on the
// bundled UCI Online Retail data.
import { Type, type Static } from 'typebox'
import { VersionNameSchema, VersionParameterSchema } from './common.js'
import { ref } from './ref.js'

export const MAX_RECOMMENDATIONS = 50
export const MAX_BASKET = 100
export const MAX_EXCLUDED = 200

export const ProductCodeSchema = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'a StockCode; matched trimmed and case-insensitively',
  examples: ['85123A']
})

export const ProductRefSchema = Type.Object({
  code: Type.String({ examples: ['85123A'] }),
  description: Type.String({ examples: ['WHITE HANGING HEART T-LIGHT HOLDER'] })
}, { $id: 'ProductRef', description: 'a product of the catalogue: its stock code and name' })

const LimitSchema = Type.Integer({ minimum: 1, maximum: MAX_RECOMMENDATIONS, default: 10, description: 'how many recommendations' })

export const ProductParamsSchema = Type.Object({ product: ProductCodeSchema })

export const ProductQuerySchema = Type.Object({
  limit: Type.Optional(LimitSchema),
  // each comma-separated value is one item (http/parameters.ts), so the cap counts codes, as in the body
  exclude: Type.Optional(Type.Array(ProductCodeSchema, {
    maxItems: MAX_EXCLUDED,
    description: `codes never to recommend (e.g. already in the cart): comma-separated, or the parameter repeated; at most ${MAX_EXCLUDED} codes in all`,
    examples: [['22423,71053']]
  })),
  version: Type.Optional(VersionParameterSchema)
})
export type ProductQuery = Static<typeof ProductQuerySchema>

export const BasketBodySchema = Type.Object({
  products: Type.Array(ProductCodeSchema, {
    minItems: 1,
    maxItems: MAX_BASKET,
    description: 'the basket: product codes (unknown codes are ignored and listed in the answer)',
    examples: [['85123A', '71053']]
  }),
  limit: Type.Optional(LimitSchema),
  exclude: Type.Optional(Type.Array(ProductCodeSchema, { maxItems: MAX_EXCLUDED, description: 'codes never to recommend', examples: [['22423']] }))
}, { $id: 'BasketRequest', description: 'a basket to recommend for', examples: [{ products: ['85123A', '71053'], limit: 5, exclude: ['22423'] }] })
export type BasketBody = Static<typeof BasketBodySchema>

export const RecommendationSchema = Type.Object({
  code: Type.String(),
  description: Type.String(),
  score: Type.Number({ description: 'similarity (cosine of co-purchase, summed over the basket for baskets); 0 for popular products' }),
  sharedCustomers: Type.Integer({ description: 'customers who bought both (for baskets: the most with any one basket product); 0 for popular products' }),
  source: Type.String({
    enum: ['neighbours', 'popular'],
    description: '`neighbours`: bought by the same customers; `popular`: a best-seller filling the row'
  })
}, { $id: 'Recommendation', description: 'one recommended product' })

/** The fields every recommendation answer has (product, basket and customer answers add their subject). */
export const FallbackFields = {
  version: VersionNameSchema,
  fallback: Type.Boolean({ description: 'true when there was too little co-purchase data and the answer is popular products' }),
  reason: Type.Optional(Type.String({
    enum: ['no-co-purchase-data', 'all-neighbours-excluded'],
    description: 'why the answer is a fallback (only when fallback is true)'
  })),
  recommendations: Type.Array(ref(RecommendationSchema))
}

export const ProductRecommendationsSchema = Type.Object({
  product: ref(ProductRefSchema),
  ...FallbackFields
}, {
  $id: 'ProductRecommendations',
  description: 'Recommendations for one product',
  examples: [{
    product: { code: '85123A', description: 'WHITE HANGING HEART T-LIGHT HOLDER' },
    version: '20261125T154500Z-3fa9c1',
    fallback: false,
    recommendations: [
      { code: '21733', description: 'RED HANGING HEART T-LIGHT HOLDER', score: 0.5435, sharedCustomers: 312, source: 'neighbours' },
      { code: '22804', description: 'CANDLEHOLDER PINK HANGING HEART', score: 0.4931, sharedCustomers: 229, source: 'neighbours' }
    ]
  }, {
    product: { code: '16020C', description: 'CLEAR STATIONERY BOX SET' },
    version: '20261125T154500Z-3fa9c1',
    fallback: true,
    reason: 'no-co-purchase-data',
    recommendations: [
      { code: '22423', description: 'REGENCY CAKESTAND 3 TIER', score: 0, sharedCustomers: 0, source: 'popular' },
      { code: '85123A', description: 'WHITE HANGING HEART T-LIGHT HOLDER', score: 0, sharedCustomers: 0, source: 'popular' }
    ]
  }]
})

export type ProductRecommendations = Static<typeof ProductRecommendationsSchema>

export const BasketRecommendationsSchema = Type.Object({
  basket: Type.Array(ref(ProductRefSchema), { description: 'the basket products found in the catalogue' }),
  unknownProducts: Type.Array(Type.String(), { description: 'basket codes not in the catalogue (ignored)' }),
  ...FallbackFields
}, {
  $id: 'BasketRecommendations',
  description: 'Recommendations for a basket',
  examples: [{
    basket: [{ code: '85123A', description: 'WHITE HANGING HEART T-LIGHT HOLDER' }, { code: '71053', description: 'WHITE METAL LANTERN' }],
    unknownProducts: [],
    version: '20261125T154500Z-3fa9c1',
    fallback: false,
    recommendations: [
      { code: '21733', description: 'RED HANGING HEART T-LIGHT HOLDER', score: 0.7397, sharedCustomers: 312, source: 'neighbours' },
      { code: '82482', description: 'WOODEN PICTURE FRAME WHITE FINISH', score: 0.5288, sharedCustomers: 215, source: 'neighbours' }
    ]
  }]
})
