// Product recommendations: a combobox that suggests products as you type (GET /products?q=),
// and, for the product picked, the products its customers also bought (GET /recommendations/:code).
// Keyboard: ↓/↑ move through the suggestions, Enter picks (the first one if none is highlighted),
// Escape closes the list (a second Escape clears the text). Follows the WAI-ARIA combobox pattern.
import { isAbort, requestJson, segment } from './api.js'
import { h, message, replace } from './dom.js'
import { formatInteger, formatScore, plural } from './format.js'

const DEBOUNCE_MS = 200
const SUGGESTIONS = 8
const RECOMMENDATIONS = 10

const FALLBACK_REASONS = {
  'no-co-purchase-data': 'Too few customers bought this product together with others to say what goes with it, so these are the shop\'s most popular products instead.',
  'all-neighbours-excluded': 'Every product bought with this one was excluded, so these are the shop\'s most popular products instead.'
}

/** elements: { input, listbox, status, results }; onVersion(version) is told the version of each answer */
export function setupProductSearch ({ input, listbox, status, results }, onVersion = () => {}) {
  let options = []
  let active = -1
  let timer
  let searchController
  let recommendController
  let lastQuery = ''

  function setExpanded (open) {
    listbox.hidden = !open
    input.setAttribute('aria-expanded', String(open))
    if (!open) setActive(-1)
  }

  function setActive (index) {
    active = index
    listbox.querySelectorAll('[role="option"]').forEach((node, i) => {
      node.setAttribute('aria-selected', String(i === index))
      node.classList.toggle('is-active', i === index)
    })
    if (index >= 0) {
      const node = listbox.children[index]
      input.setAttribute('aria-activedescendant', node.id)
      node.scrollIntoView({ block: 'nearest' })
    } else {
      input.removeAttribute('aria-activedescendant')
    }
  }

  function renderOptions (matches) {
    options = matches
    replace(listbox, ...matches.map((product, i) => h('li', {
      attrs: { id: `product-option-${i}`, role: 'option', 'aria-selected': 'false' },
      // mousedown would move the focus out of the input before the click lands
      on: { mousedown: (event) => event.preventDefault(), click: () => pick(product) }
    }, h('span', { className: 'option-name' }, product.description),
    h('span', { className: 'option-meta' }, `${product.code} · bought by ${plural(product.customers, 'customer')}`))))
    setExpanded(matches.length > 0)
  }

  async function search (query) {
    searchController?.abort()
    searchController = new AbortController()
    try {
      const answer = await requestJson(`/products?q=${encodeURIComponent(query)}&limit=${SUGGESTIONS}`, { signal: searchController.signal })
      if (query !== lastQuery) return
      onVersion(answer.version)
      renderOptions(answer.matches)
      status.textContent = answer.matches.length === 0
        ? `No product matches “${query}”. Try fewer or other words.`
        : `${plural(answer.matches.length, 'suggestion')}: use the arrow keys or tap one.`
    } catch (error) {
      if (isAbort(error)) return
      renderOptions([])
      status.textContent = `Could not search products: ${error.message}`
    }
  }

  function onInput () {
    clearTimeout(timer)
    const query = input.value.trim()
    lastQuery = query
    if (query === '') {
      searchController?.abort()
      renderOptions([])
      status.textContent = ''
      return
    }
    timer = setTimeout(() => { void search(query) }, DEBOUNCE_MS)
  }

  function onKeydown (event) {
    const open = !listbox.hidden && options.length > 0
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      if (!open && options.length > 0) setExpanded(true)
      if (options.length > 0) setActive((active + 1) % options.length)
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      if (!open && options.length > 0) setExpanded(true)
      if (options.length > 0) setActive(active <= 0 ? options.length - 1 : active - 1)
    } else if (event.key === 'Enter') {
      if (open) {
        event.preventDefault()
        pick(options[Math.max(active, 0)])
      }
    } else if (event.key === 'Escape') {
      if (open) setExpanded(false)
      else { input.value = ''; onInput() }
    }
  }

  /** `moveFocus`: picked from the results, whose button disappears: the focus goes to the new results' title */
  function pick (product, moveFocus = false) {
    clearTimeout(timer)
    searchController?.abort()
    input.value = product.description
    lastQuery = product.description
    renderOptions([])
    status.textContent = ''
    void recommend(product.code, moveFocus)
  }

  async function recommend (code, moveFocus = false) {
    recommendController?.abort()
    recommendController = new AbortController()
    results.setAttribute('aria-busy', 'true')
    replace(results, message('Looking for products bought together…', 'loading'))
    try {
      const answer = await requestJson(`/recommendations/${segment(code)}?limit=${RECOMMENDATIONS}`, { signal: recommendController.signal })
      onVersion(answer.version)
      replace(results, ...renderRecommendations(answer))
      if (moveFocus) results.querySelector('.results-title')?.focus()
    } catch (error) {
      if (isAbort(error)) return
      replace(results, message(`Could not get recommendations: ${error.message}`, 'error'))
    } finally {
      results.removeAttribute('aria-busy')
    }
  }

  /** A recommended product's name is a button: its own recommendations, one click away. */
  function productButton (item) {
    return h('button', {
      className: 'link-button',
      attrs: { type: 'button', title: 'Show what goes with this product' },
      on: { click: () => pick(item, true) }
    }, item.description)
  }

  function renderRecommendations (answer) {
    const nodes = [h('h3', { className: 'results-title', attrs: { tabindex: '-1' } }, 'Bought with ', h('q', {}, answer.product.description), ' ',
      h('span', { className: 'code' }, answer.product.code))]
    if (answer.fallback) {
      nodes.push(h('p', { className: 'note note-fallback', attrs: { role: 'note' } },
        h('strong', {}, 'Popular products instead. '), FALLBACK_REASONS[answer.reason] ?? FALLBACK_REASONS['no-co-purchase-data']))
    }
    if (answer.recommendations.length === 0) {
      nodes.push(message('The model has nothing to recommend for this product.'))
      return nodes
    }
    const allPopular = answer.recommendations.every((r) => r.source === 'popular')
    nodes.push(h('div', { className: 'table-scroll' }, allPopular ? popularTable(answer) : similarTable(answer)))
    const filled = !allPopular && answer.recommendations.some((r) => r.source === 'popular')
    if (filled) nodes.push(h('p', { className: 'note' }, 'Rows marked “popular” are best-sellers filling the list: few products were bought together with this one.'))
    return nodes
  }

  /** Neighbours by co-purchase: the similarity and how many customers bought both. */
  function similarTable (answer) {
    const best = Math.max(...answer.recommendations.map((r) => r.score)) || 1
    const rows = answer.recommendations.map((item) => {
      const popular = item.source === 'popular'
      const bar = h('span', { className: 'score-bar', attrs: { 'aria-hidden': 'true' } })
      bar.style.width = `${Math.round((item.score / best) * 100)}%`
      return h('tr', { className: popular ? 'is-popular' : '' },
        h('td', { className: 'product-cell' }, productButton(item), ' ',
          h('span', { className: 'code' }, item.code),
          popular ? h('span', { className: 'tag' }, 'popular') : null),
        h('td', { className: 'num' }, popular ? '—' : h('span', { className: 'score' }, formatScore(item.score), h('span', { className: 'score-track' }, bar))),
        h('td', { className: 'num' }, popular ? '—' : [formatInteger(item.sharedCustomers), h('span', { className: 'unit-word' }, item.sharedCustomers === 1 ? ' customer' : ' customers')]))
    })
    return h('table', { className: 'recommendations' },
      h('caption', { className: 'visually-hidden' }, `Products bought by the customers who bought ${answer.product.description}, most similar first`),
      h('thead', {}, h('tr', {},
        h('th', { attrs: { scope: 'col' } }, 'Product'),
        h('th', { className: 'num', attrs: { scope: 'col', title: 'Cosine similarity of the customers who bought each product (1 = the same customers)' } }, 'Similarity'),
        h('th', { className: 'num', attrs: { scope: 'col', title: 'Customers who bought both products' } }, 'Bought both'))),
      h('tbody', {}, rows))
  }

  /** A popularity fallback has no similarity to show: the best-sellers, ranked. */
  function popularTable (answer) {
    return h('table', { className: 'recommendations is-fallback' },
      h('caption', { className: 'visually-hidden' }, 'The shop\'s most popular products, most customers first'),
      h('thead', {}, h('tr', {},
        h('th', { className: 'num', attrs: { scope: 'col' } }, 'Rank'),
        h('th', { attrs: { scope: 'col' } }, 'Popular product'))),
      h('tbody', {}, answer.recommendations.map((item, i) => h('tr', { className: 'is-popular' },
        h('td', { className: 'num' }, String(i + 1)),
        h('td', { className: 'product-cell' }, productButton(item), ' ', h('span', { className: 'code' }, item.code))))))
  }

  input.addEventListener('input', onInput)
  input.addEventListener('keydown', onKeydown)
  input.addEventListener('blur', () => setExpanded(false))
  input.addEventListener('focus', () => { if (options.length > 0 && input.value.trim() === lastQuery) setExpanded(true) })

  return { recommend }
}
