// Reads the segmentation form: what a person types (" 1,200 ", "£350.5") becomes numbers the API
// accepts, or one message per wrong field saying how to fix it. The API validates again; this
// only spares a round trip and explains better than "body/frequency must be >= 1".

/** The form's fields, in order, with what each must be. */
export const RFM_FIELDS = [
  { name: 'recency', label: 'Recency', min: 0, whole: true, missing: 'Enter the days since the last purchase.', example: '30' },
  { name: 'frequency', label: 'Frequency', min: 1, whole: true, missing: 'Enter the number of orders.', example: '5' },
  { name: 'monetary', label: 'Monetary', min: 0, whole: false, missing: 'Enter the total spent, in pounds.', example: '1200' }
]

const PLAIN_NUMBER = /^\d+(?:\.\d+)?$|^\.\d+$/
const GROUPED_NUMBER = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/

/**
 * A number as people type it: surrounding spaces, a leading "£", thousands commas ("1,200.50")
 * and a leading minus are accepted; anything else (letters, "1e3", "1.2.3", "12,34") is NaN.
 * An empty text is undefined.
 */
export function parseAmount (text) {
  let s = String(text ?? '').trim()
  if (s === '') return undefined
  let sign = 1
  if (s.startsWith('-') || s.startsWith('−')) { sign = -1; s = s.slice(1).trim() }
  if (s.startsWith('£')) s = s.slice(1).trim()
  if (GROUPED_NUMBER.test(s)) s = s.replaceAll(',', '')
  if (!PLAIN_NUMBER.test(s)) return Number.NaN
  const value = sign * Number(s)
  return Number.isFinite(value) ? value : Number.NaN
}

function checkField (field, text) {
  const value = parseAmount(text)
  if (value === undefined) return { error: field.missing }
  if (Number.isNaN(value)) return { error: `${field.label} must be a number, like ${field.example}.` }
  if (value < field.min) {
    return { error: field.min === 0 ? `${field.label} cannot be negative.` : `${field.label} must be at least ${field.min}: every customer has one order or more.` }
  }
  if (field.whole && !Number.isInteger(value)) return { error: `${field.label} must be a whole number.` }
  return { value }
}

/**
 * `texts` holds the raw text of each field. Returns `{ ok: true, value: { recency, frequency,
 * monetary } }`, or `{ ok: false, errors: { <field>: message } }` naming every wrong field.
 */
export function validateRfm (texts) {
  const value = {}
  const errors = {}
  for (const field of RFM_FIELDS) {
    const checked = checkField(field, texts[field.name])
    if ('error' in checked) errors[field.name] = checked.error
    else value[field.name] = checked.value
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value }
}
