// Who is evaluated, on what: a customer who bought before the cutoff (their history, the basket
// we recommend from) and who bought, from the cutoff on, at least one recommendable product they
// had not bought before (what we hope to predict).
//
// Repeat purchases are not relevant items: every method excludes what the customer already
// bought (as the service does), so a repeat could never be a hit and would only lower every
// method's recall alike. Customers whose test purchases are all repeats are counted, not scored.
import type { BuiltCatalogue } from '../catalogue.js'
import { buildPurchaseMatrix } from '../neighbours/purchase-matrix.js'
import type { ChronologicalSplit } from './split.js'

export interface EvaluationCase {
  customerId: string
  /** index of the customer in the train table */
  trainCustomer: number
  /** distinct train-catalogue indices bought before the cutoff, ascending (non-products included) */
  history: Int32Array
  /**
   * Product codes bought from the cutoff on and not before, recommendable, in order of first
   * purchase; products new in the test period are included (no method can find them, and they
   * were bought all the same).
   */
  relevantCodes: readonly string[]
  /** the same products as train-catalogue indices; a product absent from the train catalogue gets a unique negative id */
  relevant: ReadonlySet<number>
}

export interface EvaluationCases {
  cases: EvaluationCase[]
  /** customers with a recommendable purchase in the test period */
  customersWithTestPurchases: number
  /** of those, customers with no purchase before the cutoff (nothing to recommend from) */
  customersWithoutHistory: number
  /** of those, customers who bought before but only repeated earlier purchases */
  customersOnlyRepeats: number
}

export function buildEvaluationCases (split: ChronologicalSplit, built: BuiltCatalogue): EvaluationCases {
  const { train } = split
  const products = built.catalogue.products
  const matrix = buildPurchaseMatrix(train, built.catalogueIndex, products.length)
  const trainCustomer = new Map(train.customerIds.map((id, c) => [id, c]))
  const catalogueIndex = new Map(products.map((product, p) => [product.code, p]))

  const cases: EvaluationCase[] = []
  let customersWithoutHistory = 0
  let customersOnlyRepeats = 0
  let unseen = 0
  for (const [customerId, codes] of split.testPurchases) {
    const c = trainCustomer.get(customerId)
    const history = c === undefined ? new Int32Array(0) : matrix.product.slice(matrix.rowOffsets[c], matrix.rowOffsets[c + 1])
    if (c === undefined || history.length === 0) {
      customersWithoutHistory++
      continue
    }
    const bought = new Set(history)
    const relevantCodes: string[] = []
    const relevant = new Set<number>()
    for (const code of codes) {
      const p = catalogueIndex.get(code)
      if (p !== undefined && bought.has(p)) continue
      relevantCodes.push(code)
      relevant.add(p ?? -(++unseen))
    }
    if (relevant.size === 0) {
      customersOnlyRepeats++
      continue
    }
    cases.push({ customerId, trainCustomer: c, history, relevantCodes, relevant })
  }
  return { cases, customersWithTestPurchases: split.testPurchases.size, customersWithoutHistory, customersOnlyRepeats }
}
