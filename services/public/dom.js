// Building DOM nodes. Text from the API only ever becomes text nodes (textContent), never markup:
// product descriptions come from the shop's data and may hold "<", "&" or quotes.
const SVG_NS = 'http://www.w3.org/2000/svg'

function append (parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    parent.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child)
  }
}

/**
 * h('p', { className: 'note', attrs: { role: 'note' }, on: { click } }, 'text', childNode …).
 * Strings are inserted as text.
 */
export function h (tag, props = {}, ...children) {
  const node = document.createElement(tag)
  if (props.className) node.className = props.className
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : String(value))
  }
  for (const [event, listener] of Object.entries(props.on ?? {})) node.addEventListener(event, listener)
  append(node, children)
  return node
}

/** An SVG element; attribute values are set as attributes (never parsed as markup). */
export function s (tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value))
  }
  append(node, children)
  return node
}

/** Replaces the children of `node`. */
export function replace (node, ...children) {
  node.replaceChildren()
  append(node, children)
}

/** A message in place of results: kind 'error' (role alert), 'info' or 'loading'. */
export function message (text, kind = 'info') {
  return h('p', { className: `message message-${kind}`, attrs: kind === 'error' ? { role: 'alert' } : {} }, text)
}

/** A coloured square before a segment's name (the colour is set through the CSSOM, allowed by the page's CSP). */
export function swatch (colour) {
  const node = h('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } })
  node.style.backgroundColor = colour
  return node
}
