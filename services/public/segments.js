// Customer segmentation: recency, frequency and monetary in, the segment out (POST /segments),
// with its description, the suggested action, and where the customer sits among all segments
// (GET /segments of the same model version, drawn by segment-chart.js and listed in a table).
import { isAbort, requestJson } from './api.js'
import { h, message, replace, swatch } from './dom.js'
import { formatInteger, formatMean, formatMoney, formatShare, plural } from './format.js'
import { RFM_FIELDS, validateRfm } from './rfm-input.js'
import { segmentColours } from './colours.js'
import { drawSegmentChart } from './segment-chart.js'

/** elements: { form, status, result }; onVersion(version) is told the version of each answer */
export function setupSegments ({ form, status, result }, onVersion = () => {}) {
  const segmentsByVersion = new Map()
  let controller
  let resizeObserver

  function showFieldErrors (errors) {
    for (const field of RFM_FIELDS) {
      const input = form.elements.namedItem(field.name)
      const error = form.querySelector(`#${field.name}-error`)
      const text = errors[field.name] ?? ''
      error.textContent = text
      if (text) input.setAttribute('aria-invalid', 'true')
      else input.removeAttribute('aria-invalid')
    }
  }

  /** GET /segments of `version`, once per version (a version never changes) */
  async function segmentsOf (version, signal) {
    if (!segmentsByVersion.has(version)) {
      const list = requestJson(`/segments?version=${encodeURIComponent(version)}`, { signal })
      segmentsByVersion.set(version, list)
      list.catch(() => segmentsByVersion.delete(version))
    }
    return segmentsByVersion.get(version)
  }

  async function onSubmit (event) {
    event.preventDefault()
    const texts = Object.fromEntries(RFM_FIELDS.map((field) => [field.name, form.elements.namedItem(field.name).value]))
    const checked = validateRfm(texts)
    if (!checked.ok) {
      showFieldErrors(checked.errors)
      status.textContent = 'Check the highlighted values.'
      form.elements.namedItem(RFM_FIELDS.find((field) => checked.errors[field.name]).name).focus()
      return
    }
    showFieldErrors({})
    controller?.abort()
    controller = new AbortController()
    const { signal } = controller
    const customer = checked.value
    result.setAttribute('aria-busy', 'true')
    status.textContent = ''
    replace(result, message('Finding the segment…', 'loading'))
    try {
      const answer = await requestJson('/segments', { method: 'POST', body: customer, signal })
      onVersion(answer.version)
      let list
      let listError
      try {
        list = await segmentsOf(answer.version, signal)
      } catch (error) {
        if (isAbort(error)) throw error
        listError = error
      }
      render(customer, answer.segment, list, listError)
      status.textContent = `Segment: ${answer.segment.label}.`
    } catch (error) {
      if (isAbort(error)) return
      replace(result, message(`Could not find the segment: ${error.message}`, 'error'))
    } finally {
      if (controller?.signal === signal) result.removeAttribute('aria-busy')
    }
  }

  function render (customer, segment, list, listError) {
    resizeObserver?.disconnect()
    const colours = list ? segmentColours(list.segments.map((seg) => seg.label)) : []
    const index = list ? list.segments.findIndex((seg) => seg.id === segment.id) : -1
    const summary = h('div', { className: 'segment-summary' },
      h('p', { className: 'kicker' }, 'This customer is'),
      h('h3', { className: 'segment-label' }, index >= 0 ? swatch(colours[index]) : null, segment.label),
      h('p', { className: 'segment-description' }, segment.description),
      h('div', { className: 'action' }, h('h4', {}, 'Suggested action'), h('p', {}, segment.action)))
    if (!list) {
      replace(result, summary, message(`Could not load the other segments for the chart: ${listError.message}`, 'error'))
      return
    }
    const chart = h('div', { className: 'chart' })
    const figure = h('figure', { className: 'segment-figure' },
      h('figcaption', {}, h('strong', {}, 'Where this customer sits'), ` among the ${list.segments.length} segments of ${formatInteger(list.customers)} customers`),
      chart,
      h('p', { className: 'note' }, 'Circles: each segment\'s average customer (its centroid); the larger the circle, the more customers. Both axes are logarithmic.'))
    replace(result, summary, figure, segmentTable(customer, segment, list, colours))
    const draw = () => drawSegmentChart(chart, { segments: list.segments, colours, customer, current: segment.id })
    draw()
    let lastWidth = chart.clientWidth
    resizeObserver = new ResizeObserver(() => {
      if (chart.clientWidth !== lastWidth) { lastWidth = chart.clientWidth; draw() }
    })
    resizeObserver.observe(chart)
  }

  function segmentTable (customer, segment, list, colours) {
    const customerRow = h('tr', { className: 'customer-row' },
      h('th', { attrs: { scope: 'row' } }, 'This customer'),
      h('td', { className: 'num' }, formatInteger(customer.recency)),
      h('td', { className: 'num' }, formatInteger(customer.frequency)),
      h('td', { className: 'num' }, formatMoney(customer.monetary)))
    const rows = list.segments.map((seg, i) => {
      const isCurrent = seg.id === segment.id
      return h('tr', { className: isCurrent ? 'is-current' : '' },
        h('th', { attrs: { scope: 'row' } }, h('span', { className: 'nowrap' }, swatch(colours[i]), seg.label),
          isCurrent ? h('span', { className: 'visually-hidden' }, ' (this customer\'s segment)') : null,
          h('span', { className: 'size' }, `${plural(seg.size, 'customer')} · ${formatShare(seg.share)}`)),
        h('td', { className: 'num' }, formatMean(seg.centroid.recency)),
        h('td', { className: 'num' }, formatMean(seg.centroid.frequency)),
        h('td', { className: 'num' }, formatMoney(seg.centroid.monetary)))
    })
    return h('div', { className: 'table-scroll' }, h('table', { className: 'segments-table' },
      h('caption', {}, 'The customer beside each segment\'s average customer', h('span', { className: 'caption-note' }, 'Recency in days since the last purchase; orders and spending over the whole period.')),
      h('thead', {}, h('tr', {},
        h('th', { attrs: { scope: 'col' } }, 'Segment'),
        h('th', { className: 'num', attrs: { scope: 'col' } }, 'Recency'),
        h('th', { className: 'num', attrs: { scope: 'col' } }, 'Orders'),
        h('th', { className: 'num', attrs: { scope: 'col' } }, 'Spent'))),
      h('tbody', {}, customerRow, rows)))
  }

  form.addEventListener('submit', onSubmit)
  // a fixed value clears its message as soon as it is valid
  form.addEventListener('input', (event) => {
    const field = RFM_FIELDS.find((f) => f.name === event.target.name)
    if (!field || !event.target.hasAttribute('aria-invalid')) return
    const checked = validateRfm({ [field.name]: event.target.value })
    if (checked.ok || !checked.errors[field.name]) {
      event.target.removeAttribute('aria-invalid')
      form.querySelector(`#${field.name}-error`).textContent = ''
    }
  })
}
