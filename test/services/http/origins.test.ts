// CORS_ORIGINS: what the CORS plugin is given, and the one-line refusal of an entry no browser sends.
import t from 'tap'
import { parseCorsOrigins } from '../../../services/http/origins.js'
import { loadConfig } from '../../../services/plugins/external/env.js'

t.test('a comma-separated list of origins, spaces and empty entries ignored, duplicates once', async (t) => {
  t.same(parseCorsOrigins(''), [], 'empty: CORS off')
  t.same(parseCorsOrigins('https://shop.example'), ['https://shop.example'])
  t.same(parseCorsOrigins(' https://shop.example , http://localhost:8080,,https://shop.example '), ['https://shop.example', 'http://localhost:8080'])
  t.same(parseCorsOrigins('https://[::1]:8443'), ['https://[::1]:8443'])
})

t.test('* alone allows every origin; among others it is refused', async (t) => {
  t.equal(parseCorsOrigins('*'), '*')
  t.equal(parseCorsOrigins(' * '), '*')
  t.throws(() => parseCorsOrigins('*, https://shop.example'), /has \* among other origins/)
})

t.test('an entry a browser never sends as Origin is refused with the form it would send', async (t) => {
  t.throws(() => parseCorsOrigins('https://shop.example/'), { message: 'has "https://shop.example/", which a browser never sends as an origin: write https://shop.example' })
  t.throws(() => parseCorsOrigins('https://shop.example/cart'), /write https:\/\/shop\.example$/)
  t.throws(() => parseCorsOrigins('https://shop.example:443'), /write https:\/\/shop\.example$/, 'the default port')
  t.throws(() => parseCorsOrigins('HTTPS://Shop.Example'), /write https:\/\/shop\.example$/, 'upper case')
  t.throws(() => parseCorsOrigins('https://user@shop.example'), /write https:\/\/shop\.example$/)
})

t.test('what is no origin at all is refused with an example', async (t) => {
  for (const entry of ['shop.example', 'ftp://shop.example', 'null', 'file:///tmp', '/shop']) {
    t.throws(() => parseCorsOrigins(`https://ok.example,${entry}`), { message: /^has ".*", which (is not an origin: scheme, host and optional port, like https:\/\/shop\.example|a browser never sends)/ }, entry)
  }
})

t.test('a wildcard is refused: the plugin compares origins as written', async (t) => {
  t.throws(() => parseCorsOrigins('https://*.shop.example'), /never a pattern; list each origin/)
})

t.test('loadConfig: CORS off by default; a bad entry stops start-up with one line naming the setting', async (t) => {
  const dir = t.testdir()
  t.equal(loadConfig({ ARTIFACTS_DIR: dir }).CORS_ORIGINS, '')
  t.equal(loadConfig({ ARTIFACTS_DIR: dir, CORS_ORIGINS: 'https://shop.example' }).CORS_ORIGINS, 'https://shop.example')
  t.throws(() => loadConfig({ ARTIFACTS_DIR: dir, CORS_ORIGINS: 'shop.example' }), {
    name: 'ConfigError',
    message: 'invalid configuration: CORS_ORIGINS has "shop.example", which is not an origin: scheme, host and optional port, like https://shop.example or http://localhost:8080 (see .env.example)'
  })
})
