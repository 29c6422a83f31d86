// Validation and test windows: settings are chosen on one period and reported on a later one, so
// a reported score is never the score the settings were picked by.
//
//   ──────── training (validation) ────────┬── validation window ──┬──── test window ────
//   ───────────────── training (test) ──────────────────────────────┘
//   first row                       validation cutoff       test cutoff            last row
//
// The test window is the evaluation's usual one: from `last invoice − testDays` on (the README's
// "Recommendation quality" split). The validation window is the `validationDays` before it, and
// its model learns only from what precedes the validation window: the test window's rows are
// not even in its table, so no test-period purchase can shape a validation score.
import { ShopperError } from '../../lib/errors.js'
import { DAY_MS } from '../rfm.js'
import type { TransactionTable } from '../transactions.js'
import { prepareEvaluation, type EvaluationContext, type EvaluationOptions } from './evaluate.js'
import { DEFAULT_EVALUATION_DAYS } from './index.js'
import { resolveCutoff, selectRows } from './split.js'

export interface WindowOptions {
  /** length of the test window, ending at the last invoice (default 90) */
  testDays: number
  /** length of the validation window, ending where the test window starts (default 90) */
  validationDays: number
}

export const DEFAULT_WINDOW_OPTIONS: Readonly<WindowOptions> = Object.freeze({
  testDays: DEFAULT_EVALUATION_DAYS,
  validationDays: DEFAULT_EVALUATION_DAYS
})

export interface Windows {
  /** epoch ms: the validation window is [validationCutoff, testCutoff) */
  validationCutoff: number
  /** epoch ms: the test window is [testCutoff, last invoice] */
  testCutoff: number
}

function usage (message: string): ShopperError {
  return new ShopperError('ERR_USAGE', `evaluation windows: ${message}`)
}

/** The two cutoffs; throws ERR_USAGE on a bad length or when no row precedes the validation window. */
export function resolveWindows (table: TransactionTable, given: Partial<WindowOptions> = {}): Windows {
  const options = { ...DEFAULT_WINDOW_OPTIONS, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) }
  for (const key of ['testDays', 'validationDays'] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 1) throw usage(`${key} must be a positive integer, got ${String(options[key])}`)
  }
  const testCutoff = resolveCutoff(table, { evaluationDays: options.testDays })
  const validationCutoff = testCutoff - options.validationDays * DAY_MS
  let first = Infinity
  for (let r = 0; r < table.length; r++) if (table.invoiceDate[r] < first) first = table.invoiceDate[r]
  if (!(first < validationCutoff)) {
    throw usage(`no row before the validation window (${new Date(validationCutoff).toISOString()}): the data span too few days`)
  }
  return { validationCutoff, testCutoff }
}

/** The rows before `cutoff`, as a table of their own (dictionaries of only what they use). */
export function rowsBefore (table: TransactionTable, cutoff: number): TransactionTable {
  const rows: number[] = []
  for (let r = 0; r < table.length; r++) if (table.invoiceDate[r] < cutoff) rows.push(r)
  return selectRows(table, rows)
}

export interface WindowContexts {
  windows: Windows
  /** trained on the rows before the validation cutoff, scored on the validation window */
  validation: EvaluationContext
  /** trained on the rows before the test cutoff, scored on the test window */
  test: EvaluationContext
}

/**
 * Both evaluation contexts. The test context is the one `prepareEvaluation` gives with the same
 * number of days; the validation one is prepared on the table cut at the test cutoff.
 */
export function prepareWindows (table: TransactionTable, given: Partial<WindowOptions> = {},
  evaluation: Partial<Pick<EvaluationOptions, 'nonProductRule'>> = {}): WindowContexts {
  const windows = resolveWindows(table, given)
  const test = prepareEvaluation(table, { ...evaluation, cutoff: new Date(windows.testCutoff) })
  const validation = prepareEvaluation(rowsBefore(table, windows.testCutoff), { ...evaluation, cutoff: new Date(windows.validationCutoff) })
  return { windows, validation, test }
}
