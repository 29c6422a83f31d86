// HTTP to a published container port. While a container (re)starts, Docker's port proxy accepts
// the connection and then may never answer; undici keeps no reference on the event loop for such
// a request and AbortSignal.timeout's timer is unref'd, so the test process would simply end with
// the request pending. A plain (ref'd) timer both bounds the request and keeps the process alive.

export interface JsonResponse<T> { status: number, body: T }

export async function fetchJson<T> (url: string, init: RequestInit = {}, timeoutMs = 10_000): Promise<JsonResponse<T>> {
  const controller = new AbortController()
  const timer = setTimeout(() => { controller.abort(new Error(`no answer from ${url} within ${timeoutMs} ms`)) }, timeoutMs)
  try {
    const response = await fetch(url, { ...init, signal: controller.signal })
    return { status: response.status, body: await response.json() as T }
  } finally {
    clearTimeout(timer)
  }
}
