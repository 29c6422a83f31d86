// The two requests api.js's requestJson does not make (it sends and reads JSON only): a text/csv
// body (POST segments with a CRM export) and a file download (an audience's CSV). Both carry the
// API key the page was given; on a 401 they let api.js ask for one (through a cheap requestJson
// of a crm route, so there is still one dialog for the whole page) and retry once.
//
// The key is read where api.js keeps it (sessionStorage, this tab only). That couples this file to
// api.js's storage: when api.js exports a request helper that takes a content type and hands back
// the Response, this file should use it and read no key itself.
import { ApiError, isAbort, requestJson } from './api.js'

const KEY_STORAGE = 'shopper-spectrum.api-key' // api.js's

function storedKey () {
  try {
    return sessionStorage.getItem(KEY_STORAGE)
  } catch {
    return null
  }
}

/** Whether the page holds an API key (then a plain link to a crm route would be refused). */
export function hasApiKey () {
  return storedKey() !== null
}

async function send (path, init) {
  const go = () => {
    const key = storedKey()
    const headers = { ...init.headers }
    if (key !== null) headers.authorization = `Bearer ${key}`
    return fetch(path, { ...init, headers })
  }
  try {
    let response = await go()
    if (response.status === 401) {
      // api.js asks for a key (or uses one another request got meanwhile); its own failure is the answer
      await requestJson('segments', { signal: init.signal })
      response = await go()
    }
    return response
  } catch (error) {
    if (isAbort(error) || error instanceof ApiError) throw error
    throw new ApiError('Could not reach the service. Check the connection and try again.', 0, 'ERR_NETWORK')
  }
}

async function failure (response) {
  let data
  try {
    data = await response.json()
  } catch {}
  const text = data && typeof data.message === 'string' ? data.message : `The service answered ${response.status} ${response.statusText}.`
  return new ApiError(text, response.status, data && typeof data.code === 'string' ? data.code : undefined)
}

/** POST `text` as text/csv to `path`; resolves with the JSON answer (errors as api.js's). */
export async function postCsv (path, text, { signal } = {}) {
  const response = await send(path, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'text/csv' }, body: text, signal })
  if (!response.ok) throw await failure(response)
  try {
    return await response.json()
  } catch (error) {
    if (isAbort(error)) throw error
    throw new ApiError('The service sent an answer this page cannot read.', response.status, 'ERR_BAD_ANSWER')
  }
}

/** GET `path` as a file (with the key) and resolves with its Blob and the file name the service gave. */
export async function downloadFile (path, { signal } = {}) {
  const response = await send(path, { method: 'GET', headers: { accept: 'text/csv' }, signal })
  if (!response.ok) throw await failure(response)
  const disposition = response.headers.get('content-disposition') ?? ''
  const name = /filename="([^"]+)"/.exec(disposition)?.[1]
  return { blob: await response.blob(), name }
}

/** Offers `blob` as a download named `name` (a temporary link to a Blob URL, revoked afterwards). */
export function saveBlob (blob, name) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
