// CSV fixtures for the reader's tests: small transaction logs in both public schemas.
import { gzipSync } from 'node:zlib'
import { seededRandom } from '../../../lib/seeded-random.js'

export const ONLINE_RETAIL_HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'
export const ONLINE_RETAIL_II_HEADER = 'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country'

/** Data lines (no header) in the Online Retail column order; the same values for both schemas. */
export const SAMPLE_LINES = [
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom',
  '536366,22633,"HAND WARMER ""UNION JACK"", RED",6,2010-12-01 08:28:00,1.85,17850,United Kingdom',
  '536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,2010-12-01 08:34:00,1.69,13047,United Kingdom',
  '536368,22960,JAM MAKING SET WITH JARS,6,2010-12-01 08:34:00,4.25,,United Kingdom',
  'C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom',
  '536380,POST,POSTAGE,3,2010-12-01 09:45:00,18.0,12583,France',
  '536381,22139,RETROSPOT TEA SET CERAMIC 11 PC ,0,2010-12-01 09:45:00,4.95,12583,France',
  '536382,22139,RETROSPOT TEA SET CERAMIC 11 PC ,1,2010-12-01 09:45:00,0.0,12583,France',
  '536383,21730,GLASS STAR FROSTED T-LIGHT HOLDER,6,2011-12-09 12:50:00,4.25,12680,France'
]

/** The same lines with dates written the `12/1/2010 8:26` way. */
export function usDates (lines: readonly string[]): string[] {
  return lines.map((line) => line.replace(/(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):00/, (_, y: string, m: string, d: string, h: string, min: string) => `${Number(m)}/${Number(d)}/${y} ${Number(h)}:${min}`))
}

export function csv (header: string, lines: readonly string[]): string {
  return `${header}\n${lines.join('\n')}\n`
}

export function gzip (text: string | Buffer): Buffer {
  return gzipSync(text)
}

const LINE_BREAKS = ['\n', '\n', '\n', '\r\n', '\n\n']

/**
 * A small random CSV text for seed `seed`: 1–12 rows of 1–4 fields, each `plain` or one of
 * `pieces` (quotes, stray quotes, line breaks inside fields …), rows ended by LF, CRLF or an empty
 * line, the last one sometimes not ended at all. The parsers' tests compare two parsers on these.
 */
export function randomCsv (seed: number, pieces: readonly string[]): string {
  const next = seededRandom(seed)
  const lineBreak = (): string => LINE_BREAKS[Math.floor(next() * LINE_BREAKS.length)]
  let text = ''
  const rows = 1 + Math.floor(next() * 12)
  for (let r = 0; r < rows; r++) {
    const fields = Array.from({ length: 1 + Math.floor(next() * 4) }, () => next() < 0.6 ? 'plain' : pieces[Math.floor(next() * pieces.length)])
    text += fields.join(',') + (r < rows - 1 || next() < 0.7 ? lineBreak() : '')
  }
  return text
}
