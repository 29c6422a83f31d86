// The value stage's options (trainer/option-table): how far ahead the lifetime-value estimates
// look (the same H is the test period of their evaluation, ./evaluate.ts, so what is scored is
// the prediction the service serves), and above how many customers the models fit a sample.
import { integer, option, optionTable, type OptionValues } from '../option-table/index.js'

export const VALUE_OPTIONS = optionTable('Customer value', {
  valueHorizonDays: option({
    // at most ten years: the models extrapolate one stationary rate, and a CRM plans in months
    kind: integer({ min: 1, max: 3650 }),
    flag: 'value-horizon-days',
    help: 'days ahead the expected purchases and revenue cover (and the value evaluation tests)',
    default: 90
  }),
  valueFitSample: option({
    // Each Nelder-Mead step evaluates the likelihood over every fitted customer (hundreds of
    // steps, a hypergeometric function each for BG/NBD): 26 s at 200k customers on two busy cores,
    // most of 20 minutes at 10M, for four parameters a few hundred thousand customers pin down.
    kind: integer({ min: 10 }),
    flag: 'value-fit-sample',
    help: 'above this many customers, the lifetime-value models fit a fixed seeded sample of this many (every customer is still predicted)',
    default: 200_000
  })
})

export type ValueOptions = OptionValues<typeof VALUE_OPTIONS.rows>
