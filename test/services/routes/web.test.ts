// The web page's routes: `/` and `/assets/*` from services/public, with content types, caching
// by ETag, the page's CSP, and nothing else of the file system reachable.
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import t from 'tap'
import { build } from '../../helpers/build.js'
import { CONTENT_TYPES, PAGE_CSP, PUBLIC_DIR, loadAssets } from '../../../services/routes/web/index.js'

const publicFiles = (await readdir(PUBLIC_DIR)).filter((name) => CONTENT_TYPES[path.extname(name)] && !name.endsWith('.d.ts'))
const assetNames = publicFiles.filter((name) => name !== 'index.html')

t.test('GET / is the page: HTML, UTF-8, a CSP that allows this origin only, revalidated by ETag', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  const response = await app.inject('/')
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'text/html; charset=utf-8')
  t.equal(response.payload, await readFile(path.join(PUBLIC_DIR, 'index.html'), 'utf8'))
  t.match(response.payload, /<title>Shopper Spectrum<\/title>/)
  t.equal(response.headers['content-security-policy'], PAGE_CSP)
  const csp = String(response.headers['content-security-policy'])
  t.match(csp, /(^|; )default-src 'none'/)
  t.match(csp, /script-src 'self'(;|$)/, 'no inline script, no other origin')
  t.match(csp, /connect-src 'self'(;|$)/, 'fetch() to this API only')
  t.notMatch(csp, /unsafe-inline|unsafe-eval|https?:|\*/)
  t.equal(response.headers['x-content-type-options'], 'nosniff')
  t.equal(response.headers['cache-control'], 'no-cache')
  t.match(response.headers.etag, /^"[\w-]{22}"$/)
  t.ok(response.headers['x-request-id'], 'the app-wide hooks run for the page too')
})

t.test('every asset is served with its content type; a matching If-None-Match answers 304', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  t.ok(assetNames.includes('app.js') && assetNames.includes('style.css'), 'the page has its script and stylesheet')
  for (const name of assetNames) {
    const url = `/assets/${name}`
    const response = await app.inject(url)
    t.equal(response.statusCode, 200, `${url} → 200`)
    t.equal(response.headers['content-type'], CONTENT_TYPES[path.extname(name)], `${url} content type`)
    t.ok(response.rawPayload.equals(await readFile(path.join(PUBLIC_DIR, name))), `${url}: the file's bytes`)
    t.equal(response.headers['cache-control'], 'no-cache', `${url}: revalidated, names carry no hash`)
    t.equal(response.headers['x-content-type-options'], 'nosniff')
    const etag = String(response.headers.etag)
    const again = await app.inject({ url, headers: { 'if-none-match': etag } })
    t.equal(again.statusCode, 304, `${url}: 304 for its ETag`)
    t.equal(again.payload, '')
    const changed = await app.inject({ url, headers: { 'if-none-match': '"something-else"' } })
    t.equal(changed.statusCode, 200, `${url}: 200 for another ETag`)
  }
  const etags = new Set(await Promise.all(assetNames.map(async (name) => (await app.inject(`/assets/${name}`)).headers.etag)))
  t.equal(etags.size, assetNames.length, 'ETags differ with the content')
})

t.test('scripts are JavaScript modules whose MIME type browsers accept', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  const script = await app.inject('/assets/app.js')
  // a module script with any other MIME type is refused by the browser
  t.match(script.headers['content-type'], /^text\/javascript/)
  const css = await app.inject('/assets/style.css')
  t.match(css.headers['content-type'], /^text\/css/)
})

t.test('everything the page references is served: its links, and every module the scripts import', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  const html = (await app.inject('/')).payload
  const referenced = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1])
  t.ok(referenced.length >= 3, 'script, stylesheet and icon')
  const imports: string[] = []
  for (const name of assetNames.filter((n) => n.endsWith('.js'))) {
    const source = (await app.inject(`/assets/${name}`)).payload
    for (const match of source.matchAll(/^import .* from '\.\/([\w-]+\.js)'$/gm)) imports.push(`/assets/${match[1]}`)
  }
  t.ok(imports.length > 5)
  for (const url of new Set([...referenced, ...imports])) {
    t.equal((await app.inject(url)).statusCode, 200, `${url} is served`)
  }
})

t.test('the page loads nothing from elsewhere and never parses API text as markup', async (t) => {
  for (const name of publicFiles) {
    const text = await readFile(path.join(PUBLIC_DIR, name), 'utf8')
    // the SVG namespace is a name, not a request
    const urls = [...text.matchAll(/\b(?:https?:)?\/\/[\w.-]+\.[a-z]{2,}[^\s"')]*/g)].map((m) => m[0]).filter((url) => url !== 'http://www.w3.org/2000/svg')
    t.same(urls, [], `${name}: no external URL`)
    t.notMatch(text, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/, `${name}: no markup from strings`)
    t.notMatch(text, /\bstyle="/, `${name}: no inline style attribute (the CSP forbids them)`)
    if (name.endsWith('.html')) t.notMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/, `${name}: no inline script`)
  }
})

t.test('only the listed files are reachable: no other path of the file system', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  const urls = [
    '/assets/', '/assets/missing.js', '/assets/format.d.ts', '/assets/README.md', '/assets/../package.json', '/assets/..%2Fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json', '/index.html', '/assets/index.html', '/services/public/app.js', '/package.json'
  ]
  for (const url of urls) {
    const response = await app.inject(url)
    t.equal(response.statusCode, 404, `${url} → 404`)
    t.equal(response.json().code, 'ERR_ROUTE_NOT_FOUND', `${url}: the JSON 404 of the API`)
  }
})

t.test('the page routes are not API: hidden from the OpenAPI document', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  const paths = Object.keys((await app.inject('/openapi.json')).json().paths)
  t.notOk(paths.includes('/'), '/ is hidden')
  t.same(paths.filter((p) => p.startsWith('/assets')), [])
})

t.test('loadAssets: servable files by extension, index.html at /, and a missing page is a start-up error', async (t) => {
  const dir = t.testdir({
    'index.html': '<!doctype html><title>x</title>',
    'app.js': 'export {}',
    'types.d.ts': 'export {}',
    'notes.md': '# not served',
    'icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    nested: { 'deep.js': 'export {}' }
  })
  const assets = await loadAssets(dir)
  t.same(assets.map((a) => [a.url, a.contentType]), [
    ['/', 'text/html; charset=utf-8'],
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/icon.svg', 'image/svg+xml; charset=utf-8']
  ])
  await t.rejects(loadAssets(t.testdir({ 'app.js': '' })), /the web page is missing: no index\.html in /)
})
