// Calls to this service's API. Every failure becomes an ApiError whose message a person can read:
// the API's own message for a 4xx/5xx (it says what was wrong), a plain sentence for a network
// failure. Aborted requests (a newer search replaced them) are re-thrown as they are.
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

/** GET (or `method` with a JSON `body`) `path` on this origin; resolves with the JSON answer. */
export async function requestJson (path, { method = 'GET', body, signal } = {}) {
  const headers = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal })
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
