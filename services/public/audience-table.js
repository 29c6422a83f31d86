// A page of customers (an audience, or the movers between two segments) as a table: id, RFM values
// and, when the version has them, the value estimates over its horizon; P(alive) only when dropout
// was estimated (otherwise a note says why there is none). On a phone each row becomes a small
// card (style.css), each value with its column's name, so nothing scrolls sideways.
import { h } from './dom.js'
import { formatExpected, formatInteger, formatMoney, formatShare, plural } from './format.js'

/** The columns of a page: [title, cell(customer), numeric?]. */
function columns (page) {
  const list = [
    ['Last purchase', (c) => plural(c.recency, 'day') + ' ago', true],
    ['Orders', (c) => formatInteger(c.frequency), true],
    ['Spent', (c) => formatMoney(c.monetary), true]
  ]
  if (page.value) {
    const days = page.value.horizonDays
    list.push([`Expected purchases, ${days} days`, (c) => formatExpected(c.expectedPurchases), true])
    list.push([`Expected revenue, ${days} days`, (c) => formatMoney(c.expectedRevenue), true])
    if (page.value.dropout === 'estimated') list.push(['P(alive)', (c) => c.pAlive === null ? '—' : formatShare(c.pAlive), true])
  }
  return list
}

/** caption: the table's name; onCustomer(id), when given, makes each id a button. */
export function audienceTable (page, { caption, onCustomer }) {
  const cols = columns(page)
  const rows = page.customers.map((customer) => h('tr', { attrs: { role: 'row' } },
    h('th', { attrs: { scope: 'row', role: 'rowheader' } },
      onCustomer
        ? h('button', { className: 'link-button', attrs: { type: 'button', 'aria-label': `Customer ${customer.id}: look up` }, on: { click: () => onCustomer(customer.id) } }, customer.id)
        : customer.id),
    cols.map(([title, cell, numeric]) => h('td', { className: numeric ? 'num' : '', attrs: { role: 'cell', 'data-label': title } }, cell(customer)))))
  // roles restated: a table styled as cards (display: block) keeps its table semantics this way
  return h('div', { className: 'table-scroll' }, h('table', { className: 'audience-table stack-table', attrs: { role: 'table' } },
    h('caption', { className: 'visually-hidden' }, caption),
    h('thead', { attrs: { role: 'rowgroup' } }, h('tr', { attrs: { role: 'row' } },
      h('th', { attrs: { scope: 'col', role: 'columnheader' } }, 'Customer'),
      cols.map(([title, , numeric]) => h('th', { className: numeric ? 'num' : '', attrs: { scope: 'col', role: 'columnheader' } }, title)))),
    h('tbody', { attrs: { role: 'rowgroup' } }, rows)))
}
