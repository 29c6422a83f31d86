// A known customer: an id in; their RFM values, segment and where they were in the version before
// (GET customers/{id}), their value estimates (value-estimates.js) and what to recommend them from
// everything they bought (GET customers/{id}/recommendations), all of the same model version,
// nothing they bought among the recommendations. URLs are relative to the page, so the page also
// works behind a proxy that serves the service under a path prefix.
import { isAbort, requestJson, segment } from './api.js'
import { h, message, replace, swatch } from './dom.js'
import { formatInteger, formatMoney, formatScore, plural } from './format.js'
import { segmentColours } from './colours.js'
import { customerEstimates, valueFacts, valueNote } from './value-estimates.js'

const RECOMMENDATIONS = 10

const FALLBACK_REASONS = {
  'no-co-purchase-data': 'What this customer bought was too rarely bought with other products to go on, so these are the shop\'s most popular products they have not bought.',
  'all-neighbours-excluded': 'Everything bought with this customer\'s products they already have, so these are the shop\'s most popular products they have not bought.'
}

/** Where the customer was in the version before: a sentence. */
function previousText (customer) {
  const previous = customer.previous
  if (previous === null || previous === undefined) return 'No earlier model version to compare with.'
  if (previous.segment === null) return `New in this version: not a customer in the previous version (${previous.version}).`
  if (previous.segment.label === customer.segment.label) return `Also ${previous.segment.label} in the previous version (${previous.version}).`
  return `Was ${previous.segment.label} in the previous version (${previous.version}).`
}

/** A definition list of [term, description] pairs. */
function facts (className, pairs) {
  return h('dl', { className: `facts ${className}` }, pairs.map(([term, description]) =>
    h('div', { className: 'fact' }, h('dt', {}, term), h('dd', {}, description))))
}

/**
 * elements: { form, input, status, result }; onVersion(version) is told the version of each answer.
 * Returns { lookUp(id) }: fills the id in and looks the customer up.
 */
export function setupCustomerRecommendations ({ form, input, status, result }, onVersion = () => {}) {
  let controller

  async function onSubmit (event) {
    event?.preventDefault()
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
      const optional = (promise) => promise.catch((error) => { if (isAbort(error)) throw error; return { error } })
      const [answer, list, value] = await Promise.all([
        requestJson(`customers/${segment(id)}/recommendations?limit=${RECOMMENDATIONS}&version=${encodeURIComponent(customer.version)}`, { signal }),
        optional(requestJson(`segments?version=${encodeURIComponent(customer.version)}`, { signal })),
        optional(customerEstimates(customer, { signal }))
      ])
      replace(result, ...render(customer, answer, list.error ? undefined : list, value))
      status.textContent = `Customer ${customer.id}: ${customer.segment.label}, ${plural(answer.recommendations.length, 'recommendation')}.`
    } catch (error) {
      if (isAbort(error)) return
      replace(result, message(`Could not get this customer's recommendations: ${error.message}`, 'error'))
    } finally {
      if (controller?.signal === signal) result.removeAttribute('aria-busy')
    }
  }

  function valueSection (value) {
    const section = [h('h4', { className: 'facts-title' }, value.value ? `Value over the next ${value.value.horizonDays} days` : 'Value')]
    if (value.error) return [...section, message(`Could not get the value estimates: ${value.error.message}`, 'error')]
    if (!value.value) return [...section, h('p', { className: 'note' }, valueNote(null))]
    if (!value.estimates) return [...section, h('p', { className: 'note' }, 'This customer\'s value estimates could not be found in their segment\'s list.')]
    return [...section, facts('value-facts', valueFacts(value.estimates, value.value.horizonDays))]
  }

  function render (customer, answer, list, value) {
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
        h('p', { className: 'previous-segment' }, previousText(customer)),
        h('div', { className: 'customer-facts' },
          h('div', {}, h('h4', { className: 'facts-title' }, 'RFM values'), facts('rfm-facts', [
            ['Recency', `${plural(customer.recency, 'day')} since the last purchase`],
            ['Frequency', plural(customer.frequency, 'order')],
            ['Monetary', `${formatMoney(customer.monetary)} spent`]
          ])),
          h('div', {}, valueSection(value))),
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

  return {
    lookUp (id) {
      input.value = id
      form.scrollIntoView({ block: 'start' })
      input.focus({ preventScroll: true })
      return onSubmit()
    }
  }
}
