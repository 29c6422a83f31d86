// A small, seeded shop for the report tests: 80 customers in four behaviours (recent big
// spenders, regulars, one-off buyers, lapsed), six countries, a dozen products, one of them with
// a description written to break HTML, plus rows each cleaning rule drops.
import { buildCleaningReport } from '../../../trainer/clean.js'
import { cleanRows } from '../../helpers/trainer-data.js'
import type { TransactionRow } from '../../../trainer/transactions.js'
import { aggregateTable } from '../../../trainer/aggregates/aggregate.js'
import { pipelineReportInput, type TestReportInput } from './pipeline-input.js'
import { seededRandom as mulberry32 } from '../../../lib/seeded-random.js'
import type { EvaluationReport } from '../../../lib/artifacts/index.js'
import { FIXTURE_TRAINING_OPTIONS } from '../../helpers/fixtures.js'

export const MALICIOUS_DESCRIPTION = '<script>alert("pwned")</script> & <img src=x onerror=\'x\'> "QUOTED"'
export const MALICIOUS_COUNTRY = 'Land of <b>&</b>'
const DAY = 86_400_000
const START = Date.UTC(2011, 0, 3, 9, 0)

const PRODUCTS = [
  ['85123A', 'WHITE HANGING HEART T-LIGHT HOLDER'],
  ['22423', 'REGENCY CAKESTAND 3 TIER'],
  ['47566', 'PARTY BUNTING'],
  ['XSS1', MALICIOUS_DESCRIPTION],
  ['84879', 'ASSORTED COLOUR BIRD ORNAMENT'],
  ['22720', 'SET OF 3 CAKE TINS PANTRY DESIGN'],
  ['21212', 'PACK OF 72 RETROSPOT CAKE CASES'],
  ['22086', "PAPER CHAIN KIT 50'S CHRISTMAS"],
  ['22457', 'NATURAL SLATE HEART CHALKBOARD'],
  ['22138', 'BAKING SET 9 PIECE RETROSPOT'],
  ['23084', 'RABBIT NIGHT LIGHT'],
  ['84077', 'WORLD WAR 2 GLIDERS ASSTD DESIGNS'],
  ['POST', 'POSTAGE']
] as const
const COUNTRIES = ['United Kingdom', 'Germany', 'France', 'EIRE', MALICIOUS_COUNTRY, 'Spain']

/** Transaction rows of the synthetic shop, dirty rows included. */
export function syntheticRows (seed = 7): TransactionRow[] {
  const random = mulberry32(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const rows: TransactionRow[] = []
  let invoice = 500000
  for (let c = 0; c < 80; c++) {
    const kind = c % 4
    const orders = kind === 0 ? 12 + Math.floor(random() * 10) : kind === 1 ? 4 + Math.floor(random() * 4) : kind === 2 ? 1 : 1 + Math.floor(random() * 2)
    const lastDay = kind === 3 ? 30 + Math.floor(random() * 120) : 300 + Math.floor(random() * 60)
    const spend = kind === 0 ? 40 : kind === 1 ? 12 : kind === 2 ? 3 : 4
    const country = c % 9 === 0 ? COUNTRIES[1 + (c / 9) % (COUNTRIES.length - 1)] : COUNTRIES[0]
    for (let o = 0; o < orders; o++) {
      const day = Math.max(0, lastDay - o * (kind === 0 ? 9 : 25) - Math.floor(random() * 5))
      const id = String(invoice++)
      const lines = 1 + Math.floor(random() * 4)
      for (let l = 0; l < lines; l++) {
        const [stockCode, description] = l === 0 && c % 5 === 0 ? PRODUCTS[3] : pick(PRODUCTS)
        rows.push({
          invoice: id,
          stockCode,
          description,
          quantity: 1 + Math.floor(random() * spend),
          invoiceDate: START + day * DAY + Math.floor(random() * 8) * 3_600_000,
          unitPrice: Math.round((0.5 + random() * 6) * 100) / 100,
          customerId: String(12000 + c),
          country
        })
      }
    }
  }
  // one row for each cleaning rule
  const base = rows[0]
  rows.push({ ...base, customerId: '' })
  rows.push({ ...base, invoice: 'C' + base.invoice, quantity: -1 })
  rows.push({ ...base, quantity: 0 })
  rows.push({ ...base, unitPrice: 0 })
  return rows
}

export function syntheticReportInput (options: { k?: number, evaluation?: EvaluationReport } = {}): TestReportInput {
  const rows = syntheticRows()
  const { table, dropped } = cleanRows(rows)
  const cleaning = buildCleaningReport({ aggregates: aggregateTable(table), dropped, rowsRead: rows.length, malformed: { rows: 0, examples: [] } })
  return pipelineReportInput({
    table,
    cleaning,
    input: { fileName: 'shop <test> & "more".csv', bytes: 12345, sha256: 'a'.repeat(64), gzip: false, format: 'online-retail', rowsRead: rows.length },
    options: { ...FIXTURE_TRAINING_OPTIONS, k: options.k ?? 4, nonProductCodes: ['POST', 'M'], nonProductPrefixes: [] },
    segments: { k: options.k ?? 4, nInit: 3 },
    evaluation: options.evaluation
  })
}
