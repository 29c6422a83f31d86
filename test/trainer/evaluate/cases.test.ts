import t from 'tap'
import { buildCatalogue } from '../../../trainer/catalogue.js'
import { buildEvaluationCases } from '../../../trainer/evaluate/cases.js'
import { splitChronologically } from '../../../trainer/evaluate/split.js'
import { HAND_CUTOFF, handTable, randomLog } from './fixtures.js'

t.test('only customers on both sides with something new are evaluated', async (t) => {
  const split = splitChronologically(handTable(), { cutoff: HAND_CUTOFF })
  const built = buildCatalogue(split.train)
  const codes = built.catalogue.products.map((p) => p.code)
  const evaluation = buildEvaluationCases(split, built)
  t.equal(evaluation.customersWithTestPurchases, 5)
  t.equal(evaluation.customersWithoutHistory, 1, 'u6 bought nothing before')
  t.equal(evaluation.customersOnlyRepeats, 2, 'u2 and u5 only re-bought')
  t.same(evaluation.cases.map((c) => c.customerId), ['u1', 'u4'])
  const [u1, u4] = evaluation.cases
  t.same([...u1.history].map((p) => codes[p]), ['KA', 'KB'])
  t.same(u1.relevantCodes, ['KD', 'KX'], 'the repeat of KA is not relevant, the new product KX is')
  t.same([...u1.relevant].map((p) => p >= 0 ? codes[p] : 'new'), ['KD', 'new'], 'KX is not in the training catalogue: a negative id')
  t.same([...u4.history].map((p) => codes[p]), ['KA', 'KD'])
  t.same(u4.relevantCodes, ['KB'])
})

t.test('on random logs every case has a history and relevant items it had not bought', async (t) => {
  for (const seed of [4, 5]) {
    const split = splitChronologically(randomLog(seed))
    const built = buildCatalogue(split.train)
    const evaluation = buildEvaluationCases(split, built)
    t.ok(evaluation.cases.length > 10, `seed ${seed}: ${evaluation.cases.length} cases`)
    t.equal(evaluation.cases.length + evaluation.customersWithoutHistory + evaluation.customersOnlyRepeats, evaluation.customersWithTestPurchases)
    const trainCustomers = new Set(split.train.customerIds)
    const problems: string[] = []
    for (const c of evaluation.cases) {
      if (!trainCustomers.has(c.customerId) || c.history.length === 0) problems.push(`${c.customerId} has no history`)
      if (c.relevant.size === 0 || c.relevant.size !== c.relevantCodes.length) problems.push(`${c.customerId} relevant sizes`)
      for (const p of c.relevant) if (c.history.includes(p)) problems.push(`${c.customerId} relevant ${p} was bought before`)
      for (const code of c.relevantCodes) if (!split.testPurchases.get(c.customerId)?.includes(code)) problems.push(`${c.customerId} ${code} not bought in the test period`)
    }
    t.same(problems, [])
  }
})
