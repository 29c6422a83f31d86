// Who moved: GET segments/transitions (the version before → the one serving, segments matched by
// label) as a from × to table of customer counts, with the customers new in this version and those
// no longer in it; each count of movers opens their list (GET segments/transitions/customers, paged
// and downloadable like an audience, by listing.js).
import { ApiError, isAbort, requestJson } from './api.js'
import { h, message, replace } from './dom.js'
import { formatInteger, plural } from './format.js'
import { createListing } from './listing.js'

/** elements: { button, status, result, movers, moversStatus }; options: { onCustomer(id), onVersion(version) } */
export function setupTransitions ({ button, status, result, movers, moversStatus }, { onCustomer, onVersion = () => {} } = {}) {
  const listing = createListing({ result: movers, status: moversStatus }, { onCustomer, onVersion })
  let controller

  async function load () {
    controller?.abort()
    controller = new AbortController()
    const { signal } = controller
    result.setAttribute('aria-busy', 'true')
    status.textContent = 'Comparing with the previous version…'
    replace(movers)
    try {
      const answer = await requestJson('segments/transitions', { signal })
      onVersion(answer.version)
      replace(result, ...render(answer))
      status.textContent = `${plural(answer.customers.inBoth - answer.customers.sameSegment, 'customer')} changed segment since ${answer.from}.`
    } catch (error) {
      if (isAbort(error)) return
      status.textContent = ''
      const earliest = error instanceof ApiError && error.code === 'ERR_NO_EARLIER_VERSION'
      replace(result, message(earliest ? `Nothing to compare with: ${error.message}.` : `Could not compare the versions: ${error.message}`, earliest ? 'info' : 'error'))
    } finally {
      if (controller?.signal === signal) result.removeAttribute('aria-busy')
    }
  }

  function showMovers (answer, from, to) {
    void listing.open({
      path: 'segments/transitions/customers',
      params: { sort: 'monetary', order: 'desc', extra: { from: answer.from, fromSegment: from, toSegment: to } },
      title: () => `${from} → ${to}`,
      summary: (page) => `Customers who were ${from} in ${page.from} and are ${to} in ${page.version}; highest spend first.`
    })
  }

  function render (answer) {
    const count = (from, to) => answer.transitions.find((t) => t.from === from && t.to === to)?.customers ?? 0
    const current = answer.segments.current
    const gone = new Map(answer.goneBySegment.map((g) => [g.segment, g.customers]))
    const added = new Map(answer.newBySegment.map((n) => [n.segment, n.customers]))
    const cell = (from, to) => {
      const n = count(from, to)
      const attrs = { role: 'cell', 'data-label': `→ ${to}` }
      if (n === 0 || from === to) return h('td', { className: `num${from === to ? ' is-same' : ''}`, attrs }, formatInteger(n))
      return h('td', { className: 'num', attrs }, h('button', {
        className: 'link-button',
        attrs: { type: 'button', 'aria-label': `${formatInteger(n)} moved from ${from} to ${to}: list them` },
        on: { click: () => showMovers(answer, from, to) }
      }, formatInteger(n)))
    }
    return [
      h('p', { className: 'listing-summary' },
        `From ${answer.from} to ${answer.version}: ${formatInteger(answer.customers.inBoth)} customers in both, ` +
        `${formatInteger(answer.customers.sameSegment)} in the same segment; ${formatInteger(answer.customers.new)} new, ${formatInteger(answer.customers.gone)} gone.`),
      // a card per row on a phone (style.css .stack-table), so any number of segments fits
      h('div', { className: 'table-scroll' }, h('table', { className: 'transitions-table stack-table', attrs: { role: 'table' } },
        h('caption', {}, 'Customers by segment then (rows) and now (columns)'),
        h('thead', { attrs: { role: 'rowgroup' } }, h('tr', { attrs: { role: 'row' } },
          h('th', { attrs: { scope: 'col', role: 'columnheader' } }, 'Then \\ now'),
          current.map((label) => h('th', { className: 'num', attrs: { scope: 'col', role: 'columnheader' } }, label)),
          h('th', { className: 'num', attrs: { scope: 'col', role: 'columnheader' } }, 'Gone'))),
        h('tbody', { attrs: { role: 'rowgroup' } },
          answer.segments.previous.map((from) => h('tr', { attrs: { role: 'row' } },
            h('th', { attrs: { scope: 'row', role: 'rowheader' } }, from),
            current.map((to) => cell(from, to)),
            h('td', { className: 'num', attrs: { role: 'cell', 'data-label': 'Gone' } }, formatInteger(gone.get(from) ?? 0)))),
          h('tr', { className: 'new-row', attrs: { role: 'row' } },
            h('th', { attrs: { scope: 'row', role: 'rowheader' } }, 'New'),
            current.map((to) => h('td', { className: 'num', attrs: { role: 'cell', 'data-label': `→ ${to}` } }, formatInteger(added.get(to) ?? 0))),
            h('td', { attrs: { role: 'cell' } }, ''))))),
      h('p', { className: 'note' }, 'Select a count to list those customers; the diagonal (same segment) is not listed.')
    ]
  }

  button.addEventListener('click', () => { void load() })
}
