// The web page of the original Streamlit app: `/` and its assets under `/assets/`, from
// services/public. Plain HTML, CSS and ES modules, no build step. The files are read once when
// the plugin registers and each gets one route: a handful of small files known at start-up need
// no static-file server, and a fixed table of routes cannot be walked out of (no path from the
// request ever reaches the file system). Hidden from the OpenAPI document: it is not API.
import { createHash } from 'node:crypto'
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { PROJECT_ROOT } from '../../../lib/project-root.js'

export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'services', 'public')
export const ASSETS_PREFIX = '/assets/'
const INDEX_FILE = 'index.html'

/** Served file types; anything else in the folder (a .d.ts for the tests, notes) is not served. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8'
}

/**
 * The page talks to this origin only: its own scripts, styles and icon, and fetch() to the API.
 * No inline script or style (the scripts set styles through the CSSOM, which CSP allows).
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join('; ')

// file names carry no content hash, so a browser must revalidate (cheap: 304 by ETag) to see a new release
const CACHE_CONTROL = 'no-cache'

export interface Asset {
  /** URL path: `/` for index.html, `/assets/<name>` for the others */
  url: string
  body: Buffer
  contentType: string
  etag: string
}

/** Reads the servable files of `dir` (one level, by extension) into memory. */
export async function loadAssets (dir: string = PUBLIC_DIR): Promise<Asset[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const assets: Asset[] = []
  for (const entry of entries) {
    const contentType = CONTENT_TYPES[path.extname(entry.name)]
    if (!entry.isFile() || !contentType || entry.name.endsWith('.d.ts')) continue
    const body = await readFile(path.join(dir, entry.name))
    assets.push({
      url: entry.name === INDEX_FILE ? '/' : ASSETS_PREFIX + entry.name,
      body,
      contentType,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`
    })
  }
  if (!assets.some((asset) => asset.url === '/')) throw new Error(`the web page is missing: no ${INDEX_FILE} in ${dir}`)
  return assets.sort((a, b) => a.url.localeCompare(b.url))
}

function notModified (request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match']
  return header !== undefined && header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

function serve (asset: Asset) {
  return async function (request: FastifyRequest, reply: FastifyReply) {
    reply
      .header('cache-control', CACHE_CONTROL)
      .header('etag', asset.etag)
      .header('x-content-type-options', 'nosniff')
    if (asset.url === '/') reply.header('content-security-policy', PAGE_CSP).header('referrer-policy', 'same-origin')
    if (notModified(request, asset.etag)) return reply.code(304).send()
    return reply.header('content-type', asset.contentType).send(asset.body)
  }
}

export interface WebRoutesOptions {
  /** where the page's files are (tests); default services/public */
  publicDir?: string
}

const webRoutes: FastifyPluginAsync<WebRoutesOptions> = async function (fastify, options) {
  for (const asset of await loadAssets(options.publicDir)) {
    fastify.get(asset.url, { schema: { hide: true } }, serve(asset))
  }
}

export default webRoutes
