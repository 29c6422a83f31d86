// `npm run generate:synthetic -- [--factor 10] [--catalogue-factor 1] [--gzip-level 6] [--out FILE] [--input FILE] [--seed N] [--max-shift-days N]`
// Writes a gzip CSV with the real rows plus (factor - 1) clones: new customer ids and invoice
// numbers, dates moved back by a seeded whole number of days per clone, and with a catalogue
// factor F, clone c buying copy c mod F of the catalogue (new stock codes). See bench/README.md.
import { parseArgs } from 'node:util'
import { integerOption, positiveInteger } from './lib/bench-options.js'
import { formatSeconds } from './lib/format.js'
import { DEFAULT_SYNTHETIC_INPUT, generateSynthetic, SYNTHETIC_DEFAULTS } from './lib/synthetic-file.js'

async function main (): Promise<number> {
  const { values } = parseArgs({
    options: {
      input: { type: 'string', default: DEFAULT_SYNTHETIC_INPUT },
      out: { type: 'string' },
      factor: { type: 'string' },
      'catalogue-factor': { type: 'string' },
      'gzip-level': { type: 'string' },
      seed: { type: 'string' },
      'max-shift-days': { type: 'string' },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help === true) {
    console.log('usage: npm run generate:synthetic -- [--factor 10] [--catalogue-factor 1] [--gzip-level 6] [--out FILE] [--input FILE] [--seed 42] [--max-shift-days 60]')
    return 0
  }
  const factor = positiveInteger('factor', values.factor, SYNTHETIC_DEFAULTS.factor)
  const seed = integerOption('seed', values.seed, SYNTHETIC_DEFAULTS.seed)
  const maxShiftDays = positiveInteger('max-shift-days', values['max-shift-days'], SYNTHETIC_DEFAULTS.maxShiftDays)
  const catalogueFactor = positiveInteger('catalogue-factor', values['catalogue-factor'], SYNTHETIC_DEFAULTS.catalogueFactor)
  const output = values.out ?? `bench/out/online_retail_x${factor}${catalogueFactor > 1 ? `_catalogue_x${catalogueFactor}` : ''}.csv.gz`
  const started = performance.now()
  console.error(`generating ${output} (${factor}× ${values.input}, ${catalogueFactor}× its catalogue, seed ${seed}) …`)
  const gzipLevel = positiveInteger('gzip-level', values['gzip-level'], SYNTHETIC_DEFAULTS.gzipLevel)
  const summary = await generateSynthetic(values.input, output, { factor, seed, maxShiftDays, catalogueFactor, gzipLevel })
  console.error(`wrote ${summary.rowsOut.toLocaleString('en-US')} rows in ${formatSeconds(performance.now() - started)}`)
  console.log(JSON.stringify(summary))
  return 0
}

main().then((code) => { process.exitCode = code }, (error: Error) => {
  console.error(`generate-synthetic: ${error.message}`)
  process.exitCode = 2
})
