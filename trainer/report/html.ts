// HTML assembly that escapes by default: every value interpolated into `html` is escaped unless
// it is already SafeHtml (markup this module or the chart renderer produced). Product
// descriptions, countries and file names come from the input file and may hold `<`, `&` or quotes.

/** Markup that is safe to insert as is. */
export class SafeHtml {
  constructor (readonly value: string) {}
  toString (): string { return this.value }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[]

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml (text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c])
}

function render (value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(String(value))
}

/** Tagged template: `html\`<td>${description}</td>\`` escapes `description`. */
export function html (strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]
  return new SafeHtml(out)
}

/** Marks trusted markup (produced by code, never by data) as safe. */
export function raw (markup: string): SafeHtml {
  return new SafeHtml(markup)
}
