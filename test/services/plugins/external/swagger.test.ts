// /docs (Swagger UI) under a Content-Security-Policy it works with, never framed by another site,
// and behind a reverse proxy's path prefix (BASE_PATH).
import t from 'tap'
import { build } from '../../../helpers/build.js'
import { loadConfig } from '../../../../services/plugins/external/env.js'

t.test('the Swagger UI page and its files carry a CSP, frame protection and nosniff', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  for (const url of ['/docs', '/docs/', '/docs/static/swagger-ui-bundle.js', '/docs/static/swagger-initializer.js', '/docs/static/index.css', '/docs/json']) {
    const response = await app.inject(url)
    t.ok(response.statusCode === 200 || response.statusCode === 302, `${url}: ${response.statusCode}`)
    const csp = String(response.headers['content-security-policy'] ?? '')
    t.match(csp, /(^|; )default-src 'self'(;|$)/, `${url}: only this origin by default`)
    t.match(csp, /(^|; )script-src 'self'(;|$)/, `${url}: scripts from this origin only, no inline script`)
    t.match(csp, /(^|; )style-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*(;|$)/, `${url}: styles from this origin, and inline ones only by hash`)
    t.match(csp, /(^|; )frame-ancestors 'none'(;|$)/, `${url}: no site may frame the docs`)
    t.match(csp, /(^|; )object-src 'none'(;|$)/)
    t.match(csp, /(^|; )base-uri 'self'(;|$)/)
    t.notMatch(csp, /upgrade-insecure-requests/, `${url}: served over plain HTTP on localhost too`)
    t.notMatch(csp, /validator\.swagger\.io/, `${url}: the document is not sent to swagger.io for a badge`)
    t.equal(response.headers['x-frame-options'], 'DENY', url)
    t.equal(response.headers['x-content-type-options'], 'nosniff', url)
  }
})

t.test('BASE_PATH: the prefix a proxy strips; /docs links to its files through it', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir(), env: { BASE_PATH: '/shopper' } })
  // at /docs the page links to its files by absolute paths: they must carry the prefix
  const page = (await app.inject('/docs')).body
  t.match(page, 'src="/shopper/docs/static/swagger-ui-bundle.js"')
  t.notMatch(page, /(src|href)="\/docs\//, 'no link that would skip the proxy\'s prefix')
  // at /docs/ the links are relative, which works behind any prefix
  t.match((await app.inject('/docs/')).body, 'src="./static/swagger-ui-bundle.js"')
  t.same((await app.inject('/docs/json')).json().servers, [{ url: '/shopper', description: 'the origin serving this document (BASE_PATH when behind a proxy that strips it)' }])
})

t.test('BASE_PATH is empty or a path of one or more segments, without a trailing slash', async (t) => {
  t.equal(loadConfig({}).BASE_PATH, '')
  t.equal(loadConfig({ BASE_PATH: '' }).BASE_PATH, '', 'empty = unset')
  t.equal(loadConfig({ BASE_PATH: '/shopper' }).BASE_PATH, '/shopper')
  t.equal(loadConfig({ BASE_PATH: '/api/shopper-v2' }).BASE_PATH, '/api/shopper-v2')
  for (const wrong of ['shopper', '/shopper/', '/', '//x', '/a b', '/x?y', 'https://example.org/x']) {
    t.throws(() => loadConfig({ BASE_PATH: wrong }), { code: 'ERR_CONFIG', message: /BASE_PATH/ }, JSON.stringify(wrong))
  }
})
