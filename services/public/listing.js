// A paged list of customers from the API (an audience, GET segments/{segment}/customers, or the
// movers, GET segments/transitions/customers): a page at a time, "Next page" by the answer's
// opaque cursor and "Previous page" by the cursors already seen, every page from the version of
// the first (a cursor is bound to it), and a "Download CSV" link to the same list with the same
// sort and filters (format=csv: the whole list, no pages). URLs are relative to the page.
import { isAbort, requestJson } from './api.js'
import { h, message, replace } from './dom.js'
import { formatInteger } from './format.js'
import { listingQuery } from './audience-query.js'
import { audienceTable } from './audience-table.js'
import { downloadFile, hasApiKey, saveBlob } from './csv-request.js'
import { valueNote } from './value-estimates.js'

export const PAGE_SIZE = 25

/**
 * elements: { result, status }; options: { onCustomer(id), onVersion(version), what }.
 * `what` names the list in messages ("this audience", "the movers").
 * Returns { open(spec) }: spec = { path, params: { sort, order, filters, extra }, title(page), summary(page) }.
 */
export function createListing ({ result, status }, { onCustomer, onVersion = () => {} } = {}) {
  let controller
  let spec
  let version
  /** cursors[i]: the cursor of page i (null for the first) */
  let cursors = []
  let pageIndex = 0

  const url = (extra) => `${spec.path}?${listingQuery({ ...spec.params, version, ...extra })}`

  async function load (index, { focus }) {
    controller?.abort()
    controller = new AbortController()
    const { signal } = controller
    result.setAttribute('aria-busy', 'true')
    status.textContent = index === 0 ? 'Loading the customers…' : `Loading page ${index + 1}…`
    if (index === 0) replace(result, message('Loading the customers…', 'loading'))
    try {
      const page = await requestJson(url({ limit: PAGE_SIZE, cursor: cursors[index] ?? undefined }), { signal })
      if (index === 0) {
        version = page.version
        onVersion(page.version)
      }
      pageIndex = index
      if (page.nextCursor !== null) cursors[index + 1] = page.nextCursor
      else cursors = cursors.slice(0, index + 1)
      render(page)
      const first = index * PAGE_SIZE + 1
      status.textContent = page.customers.length === 0
        ? 'No customers match.'
        : `Page ${index + 1}: customers ${formatInteger(first)}–${formatInteger(first + page.customers.length - 1)}${page.nextCursor === null ? ', the last' : ''}.`
      if (focus) result.querySelector('.results-title')?.focus()
    } catch (error) {
      if (isAbort(error)) return
      status.textContent = ''
      replace(result, message(`Could not list the customers: ${error.message}`, 'error'))
    } finally {
      if (controller?.signal === signal) result.removeAttribute('aria-busy')
    }
  }

  function csvLink () {
    const href = url({ format: 'csv' })
    const link = h('a', { className: 'button-link csv-link', attrs: { href, download: '' } }, 'Download CSV')
    link.addEventListener('click', async (event) => {
      // a plain link cannot send the API key: with one, fetch the file and hand it over as a Blob
      if (!hasApiKey()) return
      event.preventDefault()
      try {
        const { blob, name } = await downloadFile(href)
        saveBlob(blob, name ?? 'customers.csv')
      } catch (error) {
        status.textContent = `Could not download the CSV: ${error.message}`
      }
    })
    return link
  }

  function render (page) {
    const first = pageIndex * PAGE_SIZE + 1
    const note = valueNote(page.value)
    const pager = h('nav', { className: 'pager', attrs: { 'aria-label': 'Pages' } },
      h('button', { className: 'secondary', attrs: { type: 'button', disabled: pageIndex === 0 }, on: { click: () => load(pageIndex - 1, { focus: true }) } }, 'Previous page'),
      h('span', { className: 'page-number' }, `Page ${pageIndex + 1}`),
      h('button', { className: 'secondary', attrs: { type: 'button', disabled: page.nextCursor === null }, on: { click: () => load(pageIndex + 1, { focus: true }) } }, 'Next page'))
    replace(result,
      h('h3', { className: 'results-title', attrs: { tabindex: '-1' } }, spec.title(page),
        page.customers.length > 0 ? h('span', { className: 'range' }, ` · customers ${formatInteger(first)}–${formatInteger(first + page.customers.length - 1)}`) : null),
      h('p', { className: 'listing-summary' }, spec.summary(page)),
      h('p', { className: 'listing-tools' }, csvLink(), h('span', { className: 'muted' }, ' the whole list, these filters, one file')),
      note ? h('p', { className: 'note', attrs: { role: 'note' } }, note) : null,
      page.customers.length === 0
        ? message(pageIndex === 0 ? 'No customer matches these filters.' : 'No more customers.')
        : audienceTable(page, { caption: `${spec.title(page)}, page ${pageIndex + 1}`, onCustomer }),
      page.customers.length > 0 || pageIndex > 0 ? pager : null)
  }

  return {
    open (next) {
      spec = next
      version = undefined
      cursors = [null]
      pageIndex = 0
      return load(0, { focus: false })
    }
  }
}
