// Recommended for a known customer: a customer id in, their segment (GET customers/{id}) and what
// to recommend them from everything they bought (GET customers/{id}/recommendations of the same
// model version), nothing they bought among it. URLs are relative to the page, so the page also
// works behind a proxy that serves the service under a path prefix.
import { isAbort, requestJson, segment } from './api.js'
import { h, message, replace, swatch } from './dom.js'
import { formatInteger, formatMoney, formatScore, plural } from './format.js'
import { segmentColours } from './colours.js'

const RECOMMENDATIONS = 10

const FALLBACK_REASONS = {
  'no-co-purchase-data': 'What this customer bought was too rarely bought with other products to go on, so these are the shop\'s most popular products they have not bought.',
  'all-neighbours-excluded': 'Everything bought with this customer\'s products they already have, so these are the shop\'s most popular products they have not bought.'
}

/** elements: { form, input, status, result }; onVersion(version) is told the version of each answer */
export function setupCustomerRecommendations ({ form, input, status, result }, onVersion = () => {}) {
  let controller

  async function onSubmit (event) {
    event.preventDefault()
    const id = input.value.trim()
    if (id === '') {
      input.setAttribute('aria-invalid', 'true')
      status.textContent = 'Enter a customer id, e.g. 12347.'
      input.focus()
      return
    }
    input.removeAttribute('aria-invalid')
    controller?.abort()
    controller = new AbortController()
    const { signal } = controller
    result.setAttribute('aria-busy', 'true')
    status.textContent = ''
    replace(result, message('Looking up the customer…', 'loading'))
    try {
      const customer = await requestJson(`customers/${segment(id)}`, { signal })
      onVersion(customer.version)
      // both answers from one model version, even if a new one becomes active in between
      const [answer, list] = await Promise.all([
        requestJson(`customers/${segment(id)}/recommendations?limit=${RECOMMENDATIONS}&version=${encodeURIComponent(customer.version)}`, { signal }),
        requestJson(`segments?version=${encodeURIComponent(customer.version)}`, { signal }).catch((error) => { if (isAbort(error)) throw error; return undefined })
      ])
      replace(result, ...render(customer, answer, list))
      status.textContent = `Customer ${customer.id}: ${customer.segment.label}, ${plural(answer.recommendations.length, 'recommendation')}.`
    } catch (error) {
      if (isAbort(error)) return
      replace(result, message(`Could not get this customer's recommendations: ${error.message}`, 'error'))
    } finally {
      if (controller?.signal === signal) result.removeAttribute('aria-busy')
    }
  }

  function render (customer, answer, list) {
    const labels = list ? list.segments.map((seg) => seg.label) : []
    const index = list ? list.segments.findIndex((seg) => seg.id === customer.segment.id) : -1
    const details = list && index >= 0 ? list.segments[index] : undefined
    const nodes = [
      h('div', { className: 'segment-summary customer-summary' },
        h('p', { className: 'kicker' }, `Customer ${customer.id} is`),
        h('h3', { className: 'segment-label' }, index >= 0 ? swatch(segmentColours(labels)[index]) : null, customer.segment.label),
        h('p', { className: 'segment-description' },
          `${plural(customer.recency, 'day')} since the last purchase, ${plural(customer.frequency, 'order')}, ${formatMoney(customer.monetary)} spent; ` +
          `${plural(answer.customer.purchasedProducts, 'distinct product')} bought.`),
        details ? h('div', { className: 'action' }, h('h4', {}, 'Suggested action'), h('p', {}, details.action)) : null),
      h('h3', { className: 'results-title', attrs: { tabindex: '-1' } }, 'Recommended for this customer')
    ]
    if (answer.fallback) {
      nodes.push(h('p', { className: 'note note-fallback', attrs: { role: 'note' } },
        h('strong', {}, 'Popular products instead. '), FALLBACK_REASONS[answer.reason] ?? FALLBACK_REASONS['no-co-purchase-data']))
    }
    if (answer.recommendations.length === 0) {
      nodes.push(message('This customer has bought everything the model could recommend.'))
      return nodes
    }
    const rows = answer.recommendations.map((item, i) => {
      const popular = item.source === 'popular'
      return h('tr', { className: popular ? 'is-popular' : '' },
        h('td', { className: 'num' }, String(i + 1)),
        h('td', { className: 'product-cell' }, item.description, ' ', h('span', { className: 'code' }, item.code),
          popular ? h('span', { className: 'tag' }, 'popular') : null),
        h('td', { className: 'num' }, popular ? '—' : formatScore(item.score)),
        h('td', { className: 'num' }, popular ? '—' : formatInteger(item.sharedCustomers)))
    })
    nodes.push(h('div', { className: 'table-scroll' }, h('table', { className: 'recommendations customer-recommendations' },
      h('caption', { className: 'visually-hidden' }, `Products recommended for customer ${customer.id} from everything they bought, best first`),
      h('thead', {}, h('tr', {},
        h('th', { className: 'num', attrs: { scope: 'col' } }, 'Rank'),
        h('th', { attrs: { scope: 'col' } }, 'Product'),
        h('th', { className: 'num', attrs: { scope: 'col', title: 'Similarity to the products the customer bought, summed over them' } }, 'Score'),
        h('th', { className: 'num', attrs: { scope: 'col', title: 'The most customers who bought it together with any one of this customer\'s products' } }, 'Bought together'))),
      h('tbody', {}, rows))))
    nodes.push(h('p', { className: 'note' }, 'Nothing this customer already bought is recommended. Rows marked “popular” are best-sellers filling the list.'))
    return nodes
  }

  form.addEventListener('submit', onSubmit)
  input.addEventListener('input', () => input.removeAttribute('aria-invalid'))
}
