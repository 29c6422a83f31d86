// The streaming part of the synthetic data generator: the output is the real file followed by
// (factor - 1) clones of it, written gzip-compressed. Each clone is one more streamed pass over
// the input, so memory stays flat whatever the factor.
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { Writable, type Readable } from 'node:stream'
import { finished, pipeline } from 'node:stream/promises'
import { createGunzip, createGzip, type Gzip } from 'node:zlib'
import { parse } from 'csv-parse'
import {
  cloneCustomer, cloneInvoice, cloneShifts, csvLine, customerNumber, findColumnRoles, idBase,
  invoiceNumber, shiftDate, type ColumnRoles
} from './synthetic-rows.js'
import { isGzip } from './gzip-magic.js'

export interface SyntheticOptions {
  /** output rows = factor × input rows */
  factor: number
  seed: number
  /** clones move back in time by 1..maxShiftDays whole days */
  maxShiftDays: number
}

export const SYNTHETIC_DEFAULTS: SyntheticOptions = { factor: 10, seed: 42, maxShiftDays: 60 }

export interface SyntheticSummary {
  input: string
  output: string
  factor: number
  seed: number
  rowsIn: number
  rowsOut: number
  /** day shift of each clone (clone 0 = the real rows, shift 0) */
  shifts: number[]
  customerIdBase: number
  invoiceBase: number
}

const BATCH_CHARS = 1 << 16

interface PassContext {
  clone: number
  shift: number
  customerIdBase: number
  invoiceBase: number
  writeHeader: boolean
}

interface PassResult {
  header: string[]
  rows: number
  maxCustomer: number
  maxInvoice: number
}

/** Writes into `gzip` honouring its back-pressure, in batches so the compressor sees large chunks. */
function cloneWriter (gzip: Gzip, context: PassContext, result: PassResult): Writable {
  let roles: ColumnRoles | null = null
  let batch = ''
  const dates = new Map<string, string>() // far fewer distinct timestamps than rows
  const flush = (callback: (error?: Error | null) => void): void => {
    const chunk = batch
    batch = ''
    if (chunk === '' || gzip.write(chunk)) callback()
    else gzip.once('drain', () => callback())
  }
  return new Writable({
    objectMode: true,
    write (record: string[], _encoding, callback) {
      try {
        if (roles === null) {
          result.header = record
          roles = findColumnRoles(record)
          if (context.writeHeader) batch += csvLine(record)
          callback()
          return
        }
        result.rows++
        const customer = customerNumber(record[roles.customer])
        if (customer !== null && customer > result.maxCustomer) result.maxCustomer = customer
        const invoice = invoiceNumber(record[roles.invoice])
        if (invoice > result.maxInvoice) result.maxInvoice = invoice
        if (context.clone > 0) {
          record[roles.invoice] = cloneInvoice(record[roles.invoice], context.clone, context.invoiceBase)
          record[roles.customer] = cloneCustomer(record[roles.customer], context.clone, context.customerIdBase)
          const original = record[roles.date]
          let shifted = dates.get(original)
          if (shifted === undefined) {
            shifted = shiftDate(original, context.shift)
            dates.set(original, shifted)
          }
          record[roles.date] = shifted
        }
        batch += csvLine(record)
        if (batch.length >= BATCH_CHARS) flush(callback)
        else callback()
      } catch (error) {
        callback(error as Error)
      }
    },
    final (callback) { flush(callback) }
  })
}

async function clonePass (input: string, gzipped: boolean, gzip: Gzip, context: PassContext): Promise<PassResult> {
  const result: PassResult = { header: [], rows: 0, maxCustomer: 0, maxInvoice: 0 }
  const stages: Array<Readable | NodeJS.ReadWriteStream> = [createReadStream(input, { highWaterMark: 1 << 20 })]
  if (gzipped) stages.push(createGunzip())
  stages.push(parse({ bom: true }))
  await pipeline([...stages, cloneWriter(gzip, context, result)])
  return result
}

/**
 * Writes `output` (gzip): the rows of `input` (plain or gzip CSV, either UCI schema) followed by
 * `factor - 1` clones with new customer ids and invoice numbers and shifted dates.
 * The output is written to a temporary name and renamed when complete.
 */
export async function generateSynthetic (input: string, output: string, options: Partial<SyntheticOptions> = {}): Promise<SyntheticSummary> {
  const { factor, seed, maxShiftDays } = { ...SYNTHETIC_DEFAULTS, ...options }
  const shifts = cloneShifts(factor, seed, maxShiftDays)
  const gzipped = await isGzip(input)
  await mkdir(path.dirname(path.resolve(output)), { recursive: true })
  const partial = `${output}.partial`
  const gzip = createGzip()
  const file = createWriteStream(partial)
  gzip.pipe(file)
  try {
    // Pass 0 copies the real rows and finds the largest ids, which fix the clones' id ranges.
    const original = await clonePass(input, gzipped, gzip, { clone: 0, shift: 0, customerIdBase: 0, invoiceBase: 0, writeHeader: true })
    const customerIdBase = idBase(original.maxCustomer)
    const invoiceBase = idBase(original.maxInvoice)
    for (let clone = 1; clone < factor; clone++) {
      const pass = await clonePass(input, gzipped, gzip, { clone, shift: shifts[clone], customerIdBase, invoiceBase, writeHeader: false })
      if (pass.rows !== original.rows) throw new Error(`input changed while generating: pass ${clone} read ${pass.rows} rows, pass 0 read ${original.rows}`)
    }
    gzip.end()
    await finished(file)
    await rename(partial, output)
    return { input, output, factor, seed, rowsIn: original.rows, rowsOut: original.rows * factor, shifts, customerIdBase, invoiceBase }
  } catch (error) {
    gzip.destroy()
    file.destroy()
    await rm(partial, { force: true })
    throw error
  }
}
