// The read stage's options: which file (or table, or aggregates), where to aggregate, how its columns are named, how many malformed rows are
// tolerated, which stock codes are not products. One row each (trainer/option-table); the
// trainer's TrainOptions, --help and manifest entries are built from this table.
import path from 'node:path'
import { Type } from 'typebox'
import { PROJECT_ROOT } from '../../lib/project-root.js'
import { DEFAULT_NON_PRODUCT_CODES, nonProductRuleFor } from '../non-product-codes.js'
import { list, number, option, optionTable, pairs, toggle, type OptionValues } from '../option-table/index.js'
import { TRANSACTION_FIELDS, type TransactionField } from './header.js'
import { inputLocation } from './sources/input-kind.js'

/** The bundled copy of UCI Online Retail (CC BY 4.0, see README). */
export const BUNDLED_INPUT = path.join(PROJECT_ROOT, 'data', 'online_retail.csv.gz')

export const READ_OPTIONS = optionTable('Input', {
  input: option({
    kind: inputLocation(),
    flag: 'input',
    arg: 'FILE|URL',
    help: 'transaction log: a CSV file (plain or gzip), a Parquet file, postgres://user@host/db?table=NAME (or ?query=SELECT…), or a directory of the aggregates a warehouse computed with trainer/aggregates/sql/aggregates.sql',
    default: BUNDLED_INPUT,
    helpDefault: 'the bundled UCI Online Retail data',
    // the manifest's `input` records the file by name, size and sha256, not by its path here
    manifest: 'none'
  }),
  aggregateInDatabase: option({
    kind: toggle(),
    flag: 'aggregate-in-database',
    help: 'with a postgres:// --input: compute the aggregates in the database (trainer/aggregates/sql/aggregates.sql) and read only those',
    default: false
  }),
  columns: option({
    kind: pairs<TransactionField>(),
    flag: 'columns',
    help: `map other column names: invoice=OrderId,customerId=Client,... (fields: ${TRANSACTION_FIELDS.join(' ')})`
  }),
  maxMalformedShare: option({
    kind: number({ min: 0, max: 1, noun: 'a share' }),
    flag: 'max-malformed',
    arg: 'SHARE',
    help: 'fail when more than this share of rows is malformed',
    default: 0.01
  }),
  nonProductCodes: option({
    kind: list((code) => code.toUpperCase()),
    flag: 'non-product-codes',
    help: `comma-separated stock codes never recommended (replaces the default list: ${DEFAULT_NON_PRODUCT_CODES.join(',')})`,
    // the rule in force, whether given or the default one (whose prefixes catch gift vouchers)
    manifest: {
      schema: { nonProductCodes: Type.Array(Type.String()), nonProductPrefixes: Type.Array(Type.String()) },
      write: (codes) => {
        const rule = nonProductRuleFor(codes)
        return { nonProductCodes: [...rule.codes], nonProductPrefixes: [...rule.prefixes] }
      }
    }
  })
})

export type ReadStageOptions = OptionValues<typeof READ_OPTIONS.rows>
