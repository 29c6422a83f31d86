// The value stage's one option (trainer/option-table): how far ahead the lifetime-value estimates
// look. The same H is the test period of their evaluation (./evaluate.ts), so what is scored is
// the prediction the service serves.
import { integer, option, optionTable, type OptionValues } from '../option-table/index.js'

export const VALUE_OPTIONS = optionTable('Customer value', {
  valueHorizonDays: option({
    // at most ten years: the models extrapolate one stationary rate, and a CRM plans in months
    kind: integer({ min: 1, max: 3650 }),
    flag: 'value-horizon-days',
    help: 'days ahead the expected purchases and revenue cover (and the value evaluation tests)',
    default: 90
  })
})

export type ValueOptions = OptionValues<typeof VALUE_OPTIONS.rows>
