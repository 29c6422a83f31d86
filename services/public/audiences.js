// Audiences: pick a segment, sort and filter its known customers (GET segments?version= for the
// choice, then the listing of listing.js), page through them and download the same list as CSV.
// The filter fields are made from AUDIENCE_FILTERS, so the form, the check and the query string
// cannot disagree.
import { isAbort, requestJson, segment } from './api.js'
import { h, replace } from './dom.js'
import { plural } from './format.js'
import { AUDIENCE_FILTERS, AUDIENCE_SORTS, readAudienceFilters } from './audience-query.js'
import { createListing } from './listing.js'

const ORDER_WORDS = {
  desc: { monetary: 'highest spend first', frequency: 'most orders first', recency: 'longest since the last purchase first', expectedRevenue: 'highest expected revenue first' },
  asc: { monetary: 'lowest spend first', frequency: 'fewest orders first', recency: 'most recent purchase first', expectedRevenue: 'lowest expected revenue first' }
}

/**
 * elements: { form, segmentSelect, sortSelect, orderSelect, filters, status, result };
 * options: { onCustomer(id), onVersion(version) }. Returns { show(segmentId) }.
 */
export function setupAudiences ({ form, segmentSelect, sortSelect, orderSelect, filters, status, result }, { onCustomer, onVersion = () => {} } = {}) {
  const listing = createListing({ result, status }, { onCustomer, onVersion })

  for (const sort of AUDIENCE_SORTS) sortSelect.append(h('option', { attrs: { value: sort.value } }, sort.label))
  orderSelect.append(h('option', { attrs: { value: 'desc' } }, 'Highest first'), h('option', { attrs: { value: 'asc' } }, 'Lowest first'))
  const inputs = {}
  const errors = {}
  const fields = {}
  for (const field of AUDIENCE_FILTERS) {
    const id = `audience-${field.name}`
    inputs[field.name] = h('input', { attrs: { id, name: field.name, type: 'text', inputmode: field.whole ? 'numeric' : 'decimal', autocomplete: 'off', placeholder: `e.g. ${field.example}`, 'aria-describedby': `${id}-error` } })
    errors[field.name] = h('p', { className: 'field-error', attrs: { id: `${id}-error` } })
    fields[field.name] = h('div', { className: 'field' },
      h('label', { attrs: { for: id } }, field.label, ' ', h('span', { className: 'unit' }, field.unit)),
      inputs[field.name], errors[field.name])
    filters.append(fields[field.name])
  }
  const pAliveNote = h('p', { className: 'note p-alive-note', attrs: { id: 'audience-p-alive-note', hidden: true } })
  filters.append(pAliveNote)

  async function loadSegments () {
    try {
      const list = await requestJson('segments')
      replace(segmentSelect, list.segments.map((seg) => h('option', { attrs: { value: String(seg.id) } }, `${seg.label} (${plural(seg.size, 'customer')})`)))
      segmentSelect.disabled = false
      form.querySelector('button[type="submit"]').disabled = false
    } catch (error) {
      if (isAbort(error)) return
      replace(segmentSelect, h('option', { attrs: { value: '' } }, 'Segments unavailable'))
      status.textContent = `Could not load the segments: ${error.message}`
    }
  }

  /** After an answer: P(alive) filters only where the version estimated dropout. */
  function notePAlive (page) {
    const estimated = page.value?.dropout === 'estimated'
    for (const field of AUDIENCE_FILTERS.filter((f) => f.pAlive)) {
      inputs[field.name].disabled = !estimated
      fields[field.name].hidden = !estimated
    }
    pAliveNote.hidden = estimated
    pAliveNote.textContent = estimated ? '' : 'P(alive) filters: this model version has no P(alive) (its data could not estimate dropout).'
  }

  function onSubmit (event) {
    event.preventDefault()
    const texts = Object.fromEntries(AUDIENCE_FILTERS.map((field) => [field.name, inputs[field.name].disabled ? '' : inputs[field.name].value]))
    const checked = readAudienceFilters(texts)
    for (const field of AUDIENCE_FILTERS) {
      const text = checked.ok ? '' : checked.errors[field.name] ?? ''
      errors[field.name].textContent = text
      if (text) inputs[field.name].setAttribute('aria-invalid', 'true')
      else inputs[field.name].removeAttribute('aria-invalid')
    }
    if (!checked.ok) {
      status.textContent = 'Check the highlighted filters.'
      inputs[AUDIENCE_FILTERS.find((field) => checked.errors[field.name]).name].focus()
      return
    }
    const id = segmentSelect.value
    const sort = sortSelect.value
    const order = orderSelect.value
    const filterCount = Object.keys(checked.filters).length
    void listing.open({
      path: `segments/${segment(id)}/customers`,
      params: { sort, order, filters: checked.filters },
      title: (page) => `${page.segment.label} customers`,
      summary: (page) => {
        notePAlive(page)
        return `${plural(page.size, 'customer')} in ${page.segment.label}${filterCount > 0 ? ` before the ${plural(filterCount, 'filter')}` : ''}; ` +
          `${ORDER_WORDS[order][sort]}. Version ${page.version}.`
      }
    })
  }

  segmentSelect.disabled = true
  form.querySelector('button[type="submit"]').disabled = true
  form.addEventListener('submit', onSubmit)
  form.addEventListener('input', (event) => { if (event.target.hasAttribute('aria-invalid')) event.target.removeAttribute('aria-invalid') })
  void loadSegments()

  return {
    /** Lists segment `id`'s customers with the form's current sort and filters. */
    show (id) {
      segmentSelect.value = String(id)
      form.requestSubmit()
    }
  }
}
