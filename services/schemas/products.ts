// Request and response schemas of /products. Examples come from a model trained on the bundled
// UCI Online Retail data.
import { Type, type Static } from 'typebox'
import { VersionNameSchema, VersionParameterSchema } from './common.js'
import { ref } from './ref.js'

export const MAX_SEARCH_RESULTS = 100

export const SearchQuerySchema = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100, description: 'words of the product name (typos are tolerated), or a stock code', examples: ['cakestnd'] }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SEARCH_RESULTS, default: 10, description: 'how many matches' })),
  version: Type.Optional(VersionParameterSchema)
})
export type SearchQuery = Static<typeof SearchQuerySchema>

export const ProductMatchSchema = Type.Object({
  code: Type.String(),
  description: Type.String(),
  customers: Type.Integer({ description: 'distinct customers who bought it' }),
  match: Type.String({
    enum: ['exact', 'substring', 'fuzzy'],
    description: '`exact`: the whole name or the stock code; `substring`: the name contains the query; `fuzzy`: every query word matches a name word exactly, as a prefix or with a typo, in any order'
  })
}, { $id: 'ProductMatch', description: 'a product matching the query, and how' })

export const SearchResultSchema = Type.Object({
  version: VersionNameSchema,
  query: Type.String(),
  matches: Type.Array(ref(ProductMatchSchema), { description: 'exact matches, then substring, then fuzzy; most popular first within a kind (fuzzy: fewest typos first)' })
}, {
  $id: 'ProductSearch',
  description: 'Products matching the query',
  examples: [{
    version: '20261125T154500Z-3fa9c1',
    query: 'cakestnd',
    matches: [
      { code: '22423', description: 'REGENCY CAKESTAND 3 TIER', customers: 881, match: 'fuzzy' },
      { code: '22776', description: 'SWEETHEART CAKESTAND 3 TIER', customers: 327, match: 'fuzzy' }
    ]
  }]
})

export const CodeParamsSchema = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64, description: 'a StockCode; matched trimmed and case-insensitively', examples: ['22423'] })
})

export const ProductDetailSchema = Type.Object({
  version: VersionNameSchema,
  code: Type.String(),
  description: Type.String(),
  customers: Type.Integer({ description: 'distinct customers who bought it' }),
  quantity: Type.Number({ description: 'units sold' }),
  recommendable: Type.Boolean({ description: 'false for non-product codes (postage, fees, discounts …), which are never recommended' }),
  popularityRank: Type.Optional(Type.Integer({ minimum: 1, description: '1 = bought by the most customers, among recommendable products; absent for non-recommendable ones' })),
  neighbours: Type.Integer({ description: 'products it has co-purchase neighbours with (0: its recommendations are popular products)' })
}, {
  $id: 'Product',
  description: 'One product of the catalogue',
  examples: [{
    version: '20261125T154500Z-3fa9c1',
    code: '22423',
    description: 'REGENCY CAKESTAND 3 TIER',
    customers: 881,
    quantity: 12402,
    recommendable: true,
    popularityRank: 1,
    neighbours: 20
  }]
})
