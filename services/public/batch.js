// Batch classification: a CSV file of customers' RFM values (a CRM export with a header naming
// id, recency, frequency, monetary) is sent as it is to POST segments (text/csv); the answers are
// shown as a table and offered as a CSV file made here (a Blob URL). The service checks the file:
// its message for a bad row names the row, the id and the field, and is shown as it is.
import { isAbort } from './api.js'
import { h, message, replace, swatch } from './dom.js'
import { formatInteger, plural } from './format.js'
import { segmentColours } from './colours.js'
import { toCsv } from './csv.js'
import { postCsv } from './csv-request.js'

/** The service's limits (POST /segments): a 4 MiB body, 10,000 rows. */
const MAX_BYTES = 4 * 1024 * 1024
/** Rows shown on the page; the download has them all. */
const SHOWN_ROWS = 200

/** elements: { form, input, status, result }; onVersion(version) is told the version of each answer */
export function setupBatch ({ form, input, status, result }, onVersion = () => {}) {
  let controller
  let blobUrl

  function fail (text) {
    input.setAttribute('aria-invalid', 'true')
    status.textContent = text
    input.focus()
  }

  async function onSubmit (event) {
    event.preventDefault()
    const file = input.files?.[0]
    if (!file) return fail('Choose a CSV file first.')
    if (file.size > MAX_BYTES) return fail(`The file is ${formatInteger(Math.ceil(file.size / 1024))} KiB; the service takes up to 4 MiB (about 10,000 customers). Split it.`)
    input.removeAttribute('aria-invalid')
    controller?.abort()
    controller = new AbortController()
    const { signal } = controller
    result.setAttribute('aria-busy', 'true')
    status.textContent = ''
    replace(result, message(`Classifying ${file.name}…`, 'loading'))
    try {
      const text = await file.text()
      const answer = await postCsv('segments', text, { signal })
      onVersion(answer.version)
      replace(result, ...render(answer, file.name))
      status.textContent = `${plural(answer.results.length, 'customer')} classified.`
    } catch (error) {
      if (isAbort(error)) return
      replace(result, message(`Could not classify ${file.name}: ${error.message}`, 'error'))
      status.textContent = ''
    } finally {
      if (controller?.signal === signal) result.removeAttribute('aria-busy')
    }
  }

  function render (answer, fileName) {
    const labels = []
    const counts = new Map()
    for (const row of answer.results) {
      labels[row.segment] = row.label
      counts.set(row.segment, (counts.get(row.segment) ?? 0) + 1)
    }
    const colours = segmentColours(labels.map((label) => label ?? ''))
    const order = [...counts.keys()].sort((a, b) => a - b)

    if (blobUrl) URL.revokeObjectURL(blobUrl)
    const csv = toCsv(['id', 'segment_id', 'segment'], answer.results.map((row) => [row.id, row.segment, row.label]))
    blobUrl = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
    const downloadName = `${fileName.replace(/\.csv$/i, '')}-segments-${answer.version}.csv`

    const rows = answer.results.slice(0, SHOWN_ROWS).map((row, i) => h('tr', {},
      h('td', { className: 'num' }, formatInteger(i + 1)),
      h('th', { attrs: { scope: 'row' } }, row.id),
      h('td', {}, h('span', { className: 'nowrap' }, swatch(colours[row.segment]), row.label))))
    return [
      h('h3', { className: 'results-title', attrs: { tabindex: '-1' } }, `${plural(answer.results.length, 'customer')} of ${fileName}`),
      h('ul', { className: 'segment-counts' }, order.map((id) =>
        h('li', {}, swatch(colours[id]), `${labels[id]}: ${formatInteger(counts.get(id))}`))),
      h('p', { className: 'listing-tools' },
        h('a', { className: 'button-link batch-download', attrs: { href: blobUrl, download: downloadName } }, 'Download the answers (CSV)'),
        h('span', { className: 'muted' }, ` id, segment_id, segment; version ${answer.version}`)),
      h('div', { className: 'table-scroll' }, h('table', { className: 'batch-table' },
        h('caption', { className: 'visually-hidden' }, `The segment of each customer of ${fileName}, in the file's order`),
        h('thead', {}, h('tr', {},
          h('th', { className: 'num', attrs: { scope: 'col' } }, 'Row'),
          h('th', { attrs: { scope: 'col' } }, 'Customer'),
          h('th', { attrs: { scope: 'col' } }, 'Segment'))),
        h('tbody', {}, rows))),
      answer.results.length > SHOWN_ROWS ? h('p', { className: 'note' }, `The first ${formatInteger(SHOWN_ROWS)} rows are shown; the download has all ${formatInteger(answer.results.length)}.`) : null
    ]
  }

  form.addEventListener('submit', onSubmit)
  input.addEventListener('change', () => {
    input.removeAttribute('aria-invalid')
    status.textContent = input.files?.[0] ? `${input.files[0].name} chosen: press Classify.` : ''
  })
}
