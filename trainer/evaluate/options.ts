// The evaluation stage's options: whether the trainer evaluates, and the test period. One row
// each (trainer/option-table); `npm run evaluate` (./command.ts) reads --evaluation-days through
// the same row as the trainer.
import { integer, option, optionTable, toggle, type OptionValues } from '../option-table/index.js'

export const EVALUATION_OPTIONS = optionTable('Recommendations', {
  evaluate: option({
    // The split needs rows, not aggregates: with this option the trainer keeps every cleaned row
    // (~140 bytes each, trainer/transactions.ts) beside the aggregates, the one option whose
    // memory grows with the rows.
    kind: toggle(),
    flag: 'evaluate',
    help: 'measure recommendation quality on a chronological split (keeps the rows: memory grows with them)',
    default: false
  }),
  evaluationDays: option({
    // the test period is the last N × 24 h of the data (split.ts)
    kind: integer({ min: 1 }),
    flag: 'evaluation-days',
    help: 'days at the end held out as the test period',
    default: 90
  })
})

export type EvaluationStageOptions = OptionValues<typeof EVALUATION_OPTIONS.rows>

export const DEFAULT_EVALUATION_DAYS = EVALUATION_OPTIONS.rows.evaluationDays.default
