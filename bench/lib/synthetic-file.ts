// The streaming part of the synthetic data generator: the output is the real file followed by
// (factor - 1) clones of it, written gzip-compressed. Each clone is one more streamed pass over
// the input, so memory stays flat whatever the factor.
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { Writable, type Readable } from 'node:stream'
import { finished, pipeline } from 'node:stream/promises'
import { createGunzip, createGzip, type Gzip } from 'node:zlib'
import { StringDecoder } from 'node:string_decoder'
import {
  catalogueCopy, cloneCustomer, cloneInvoice, cloneShifts, cloneStockCode, customerNumber, endsInsideQuotes, findColumnRoles, idBase,
  invoiceNumber, quoteField, shiftDate, splitRawFields, unquote, type ColumnRoles
} from './synthetic-rows.js'
import { isGzip } from './gzip-magic.js'

export interface SyntheticOptions {
  /** output rows = factor × input rows */
  factor: number
  seed: number
  /** clones move back in time by 1..maxShiftDays whole days */
  maxShiftDays: number
  /** copies of the catalogue (1..factor): clone c buys copy c mod catalogueFactor */
  catalogueFactor: number
  /** gzip level of the output (1 = fastest: a 100× file is 54M rows) */
  gzipLevel: number
}

/** the real rows both generators grow from (bench/generate-synthetic.ts, bench/generate-aggregates.ts) */
export const DEFAULT_SYNTHETIC_INPUT = 'data/online_retail.csv.gz'

export const SYNTHETIC_DEFAULTS: SyntheticOptions = { factor: 10, seed: 42, maxShiftDays: 60, catalogueFactor: 1, gzipLevel: 6 }

export interface SyntheticSummary {
  input: string
  output: string
  factor: number
  seed: number
  catalogueFactor: number
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
  /** catalogue copy this clone buys (0: the real codes) */
  copy: number
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

/**
 * Consumes the decompressed input as bytes, line by line, and writes each record (rewritten for
 * clones) into `gzip`, honouring its back-pressure, in batches so the compressor sees large
 * chunks. Lines are handled as text, not parsed into values: only the invoice, date and customer
 * fields change, and every other field is copied exactly as written (quotes included).
 */
function cloneWriter (gzip: Gzip, context: PassContext, result: PassResult): Writable {
  let roles: ColumnRoles | null = null
  let partial = '' // the current line, until its line break arrives
  let pending: string | null = null // lines of a record whose quoted field spans line breaks
  let batch = ''
  const decoder = new StringDecoder('utf8')
  const dates = new Map<string, string>() // far fewer distinct timestamps than rows

  const record = (text: string): void => {
    const crlf = text.endsWith('\r')
    const line = crlf ? text.slice(0, -1) : text
    if (line === '') return
    const fields = splitRawFields(line)
    if (roles === null) {
      result.header = fields.map(unquote)
      result.header[0] = result.header[0].replace(/^\uFEFF/, '')
      roles = findColumnRoles(result.header)
      if (context.writeHeader) batch += `${text}\n`
      return
    }
    if (fields.length !== result.header.length) {
      throw new Error(`row ${result.rows + 1} has ${fields.length} fields, the header ${result.header.length}`)
    }
    result.rows++
    const invoice = unquote(fields[roles.invoice])
    const customer = unquote(fields[roles.customer])
    const customerId = customerNumber(customer)
    if (customerId !== null && customerId > result.maxCustomer) result.maxCustomer = customerId
    const invoiceId = invoiceNumber(invoice)
    if (invoiceId > result.maxInvoice) result.maxInvoice = invoiceId
    if (context.clone === 0) {
      batch += `${text}\n`
      return
    }
    fields[roles.invoice] = quoteField(cloneInvoice(invoice, context.clone, context.invoiceBase))
    fields[roles.customer] = quoteField(cloneCustomer(customer, context.clone, context.customerIdBase))
    if (context.copy > 0) fields[roles.stockCode] = quoteField(cloneStockCode(unquote(fields[roles.stockCode]), context.copy))
    const date = unquote(fields[roles.date])
    let shifted = dates.get(date)
    if (shifted === undefined) {
      shifted = shiftDate(date, context.shift)
      dates.set(date, shifted)
    }
    fields[roles.date] = quoteField(shifted)
    batch += `${fields.join(',')}${crlf ? '\r' : ''}\n`
  }

  const consume = (text: string): void => {
    let start = 0
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
      const line = partial + text.slice(start, at)
      partial = ''
      start = at + 1
      const candidate: string = pending === null ? line : `${pending}\n${line}`
      if (endsInsideQuotes(candidate)) {
        pending = candidate
        continue
      }
      pending = null
      record(candidate)
    }
    partial += text.slice(start)
  }

  const flush = (callback: (error?: Error | null) => void): void => {
    const chunk = batch
    batch = ''
    if (chunk === '' || gzip.write(chunk)) callback()
    else gzip.once('drain', () => callback())
  }

  return new Writable({
    write (chunk: Buffer, _encoding, callback) {
      try {
        consume(decoder.write(chunk))
        if (batch.length >= BATCH_CHARS) flush(callback)
        else callback()
      } catch (error) {
        callback(error as Error)
      }
    },
    final (callback) {
      try {
        consume(decoder.end())
        const last: string = pending === null ? partial : `${pending}\n${partial}`
        if (last !== '') record(last)
        flush(callback)
      } catch (error) {
        callback(error as Error)
      }
    }
  })
}

async function clonePass (input: string, gzipped: boolean, gzip: Gzip, context: PassContext): Promise<PassResult> {
  const result: PassResult = { header: [], rows: 0, maxCustomer: 0, maxInvoice: 0 }
  const stages: Array<Readable | NodeJS.ReadWriteStream> = [createReadStream(input, { highWaterMark: 1 << 20 })]
  if (gzipped) stages.push(createGunzip())
  await pipeline([...stages, cloneWriter(gzip, context, result)])
  if (result.header.length === 0) throw new Error(`${input} is empty: no header line`)
  return result
}

/**
 * Writes `output` (gzip): the rows of `input` (plain or gzip CSV, either UCI schema) followed by
 * `factor - 1` clones with new customer ids and invoice numbers and shifted dates.
 * The output is written to a temporary name and renamed when complete.
 */
export async function generateSynthetic (input: string, output: string, options: Partial<SyntheticOptions> = {}): Promise<SyntheticSummary> {
  const { factor, seed, maxShiftDays, catalogueFactor, gzipLevel } = { ...SYNTHETIC_DEFAULTS, ...options }
  const shifts = cloneShifts(factor, seed, maxShiftDays)
  if (!Number.isInteger(catalogueFactor) || catalogueFactor < 1 || catalogueFactor > factor) throw new RangeError(`catalogueFactor must be an integer from 1 to the factor (${factor}), got ${catalogueFactor}`)
  const gzipped = await isGzip(input)
  await mkdir(path.dirname(path.resolve(output)), { recursive: true })
  const partial = `${output}.partial`
  const gzip = createGzip({ level: gzipLevel })
  const file = createWriteStream(partial)
  gzip.pipe(file)
  try {
    // Pass 0 copies the real rows and finds the largest ids, which fix the clones' id ranges.
    const original = await clonePass(input, gzipped, gzip, { clone: 0, shift: 0, copy: 0, customerIdBase: 0, invoiceBase: 0, writeHeader: true })
    const customerIdBase = idBase(original.maxCustomer)
    const invoiceBase = idBase(original.maxInvoice)
    for (let clone = 1; clone < factor; clone++) {
      const pass = await clonePass(input, gzipped, gzip, { clone, shift: shifts[clone], copy: catalogueCopy(clone, catalogueFactor), customerIdBase, invoiceBase, writeHeader: false })
      if (pass.rows !== original.rows) throw new Error(`input changed while generating: pass ${clone} read ${pass.rows} rows, pass 0 read ${original.rows}`)
    }
    gzip.end()
    await finished(file)
    await rename(partial, output)
    return { input, output, factor, seed, catalogueFactor, rowsIn: original.rows, rowsOut: original.rows * factor, shifts, customerIdBase, invoiceBase }
  } catch (error) {
    gzip.destroy()
    file.destroy()
    await rm(partial, { force: true })
    throw error
  }
}
