// Calls to this service's API. Every failure becomes an ApiError whose message a person can read:
// the API's own message for a 4xx/5xx (it says what was wrong), a plain sentence for a network
// failure. Aborted requests (a newer search replaced them) are re-thrown as they are.
//
// When the service has API keys and answers 401, the page asks for a key (one dialog for all the
// requests refused at once), sends it as `Authorization: Bearer <key>` from then on, and keeps it in
// sessionStorage: this tab only, gone when the tab closes. A key the service refuses is forgotten.
import { h } from './dom.js'

export class ApiError extends Error {
  constructor (message, status, code) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
  }
}

export function isAbort (error) {
  return error instanceof DOMException && error.name === 'AbortError'
}

const KEY_STORAGE = 'shopper-spectrum.api-key'

function storedKey () {
  try {
    return sessionStorage.getItem(KEY_STORAGE)
  } catch {
    return null // storage disabled: the key lives as long as the dialog's answer
  }
}

function storeKey (key) {
  try {
    if (key === null) sessionStorage.removeItem(KEY_STORAGE)
    else sessionStorage.setItem(KEY_STORAGE, key)
  } catch {}
}

/** the dialog being shown, shared by every request refused while it is open */
let asking = null
/** the person closed the dialog without a key: not asked again until the page is reloaded */
let declined = false

/** A modal dialog with a password field; resolves with the key typed, or null. */
function showKeyDialog (wrong) {
  const input = h('input', { attrs: { type: 'password', name: 'key', required: true, autocomplete: 'off', spellcheck: 'false', 'aria-label': 'API key' } })
  const dialog = h('dialog', { className: 'key-dialog', attrs: { 'aria-labelledby': 'key-dialog-title' } },
    h('form', { attrs: { method: 'dialog' } },
      h('h2', { attrs: { id: 'key-dialog-title' } }, 'API key'),
      h('p', {}, wrong ? 'The service did not accept that key. ' : '', 'This service needs an API key: a storefront key for products and recommendations, a crm key for customers and segments. It is kept in this tab only.'),
      input,
      h('p', { className: 'key-dialog-buttons' },
        h('button', { attrs: { type: 'submit', value: 'ok' } }, 'Use this key'),
        h('button', { attrs: { type: 'submit', value: 'cancel', formnovalidate: true } }, 'Cancel'))))
  document.body.append(dialog)
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const key = dialog.returnValue === 'ok' ? input.value.trim() : ''
      dialog.remove()
      resolve(key === '' ? null : key)
    })
    dialog.showModal()
  })
}

/** The key to retry with after `used` was refused (null: none to try). */
async function askForKey (used) {
  const current = storedKey()
  if (current !== null && current !== used) return current // another request got a key meanwhile
  if (declined) return null
  if (used !== null) storeKey(null)
  asking ??= showKeyDialog(used !== null).then((key) => {
    asking = null
    if (key === null) declined = true
    else storeKey(key)
    return key
  })
  return asking
}

function send (path, { method, body, signal }, key) {
  const headers = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (key !== null) headers.authorization = `Bearer ${key}`
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal })
}

/** GET (or `method` with a JSON `body`) `path` on this origin; resolves with the JSON answer. */
export async function requestJson (path, { method = 'GET', body, signal } = {}) {
  let response
  try {
    let key = storedKey()
    response = await send(path, { method, body, signal }, key)
    // a wrong key is asked for again once; then the 401's message is the error
    for (let attempt = 0; response.status === 401 && attempt < 2; attempt++) {
      key = await askForKey(key)
      if (key === null) break
      response = await send(path, { method, body, signal }, key)
    }
  } catch (error) {
    if (isAbort(error)) throw error
    throw new ApiError('Could not reach the service. Check the connection and try again.', 0, 'ERR_NETWORK')
  }
  let data
  try {
    data = await response.json()
  } catch (error) {
    if (isAbort(error)) throw error
    data = undefined
  }
  if (!response.ok) {
    const text = data && typeof data.message === 'string' ? data.message : `The service answered ${response.status} ${response.statusText}.`
    throw new ApiError(text, response.status, data && typeof data.code === 'string' ? data.code : undefined)
  }
  if (data === undefined) throw new ApiError('The service sent an answer this page cannot read.', response.status, 'ERR_BAD_ANSWER')
  return data
}

/** Path segment: codes and version names are encoded, so "../" cannot change the path. */
export function segment (value) {
  return encodeURIComponent(String(value))
}
