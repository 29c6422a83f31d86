// CORS_ORIGINS: the web origins whose pages may call the API from a browser (a storefront at
// https://shop.example). Checked once when the configuration loads (env.ts) and read by the CORS
// plugin (plugins/external/cors.ts). A browser sends `Origin: https://shop.example` exactly: no
// path, no trailing slash, lower-case host, no default port. An entry written any other way would
// never match, so it is refused with the form that would, instead of silently allowing nothing.

/** `*`: any origin; a list: those origins; empty: CORS off (no CORS headers, no preflight route). */
export type CorsOrigins = '*' | string[]

const EXAMPLE = 'https://shop.example'

/** Parses the comma-separated setting; throws an Error naming the first entry that is no origin. */
export function parseCorsOrigins (setting: string): CorsOrigins {
  const entries = setting.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')
  if (entries.includes('*')) {
    if (entries.length > 1) throw new Error(`has * among other origins: * allows every origin, give it alone or list the origins (like ${EXAMPLE})`)
    return '*'
  }
  for (const entry of entries) checkOrigin(entry)
  return [...new Set(entries)]
}

function checkOrigin (entry: string): void {
  let url: URL | undefined
  try {
    url = new URL(entry)
  } catch {}
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.host === '') {
    throw new Error(`has ${JSON.stringify(entry)}, which is not an origin: scheme, host and optional port, like ${EXAMPLE} or http://localhost:8080`)
  }
  if (url.hostname.includes('*')) {
    throw new Error(`has ${JSON.stringify(entry)}: a browser sends its own origin, never a pattern; list each origin (like ${EXAMPLE})`)
  }
  if (url.origin !== entry) {
    throw new Error(`has ${JSON.stringify(entry)}, which a browser never sends as an origin: write ${url.origin}`)
  }
}
