// /docs (Swagger UI) under a Content-Security-Policy it works with, and never framed by another site.
import t from 'tap'
import { build } from '../../../helpers/build.js'

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
