// What the HTTP layer answers before a route runs: an over-long URL or header section, a method
// Node's parser does not know, an over-long path parameter, a malformed URL. The first three only
// happen on a real socket (inject() has no HTTP parser), so this test listens on a random port
// of 127.0.0.1 and writes raw requests.
import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import { build } from '../../helpers/build.js'
import { publishFixture } from '../../helpers/fixtures.js'

interface RawAnswer { status: number, headers: Record<string, string>, body: string }

/** Writes `request` as is, reads until the server closes or the answer is complete. */
async function raw (port: number, request: string): Promise<RawAnswer> {
  const socket = connect(port, '127.0.0.1')
  const chunks: Buffer[] = []
  socket.on('data', (chunk: Buffer) => chunks.push(chunk))
  socket.on('error', () => {})
  socket.write(request)
  await new Promise<void>((resolve) => {
    const done = (): void => resolve()
    socket.on('close', done)
    socket.on('end', done)
    setTimeout(done, 3000)
  })
  socket.destroy()
  const text = Buffer.concat(chunks).toString('utf8')
  const [head, ...rest] = text.split('\r\n\r\n')
  const [statusLine, ...headerLines] = head.split('\r\n')
  const headers = Object.fromEntries(headerLines.map((line) => {
    const colon = line.indexOf(':')
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]
  }))
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') }
}

async function listening (t: Test) {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, port: (app.server.address() as AddressInfo).port }
}

t.test('headers over 16 KiB: 431 with a coded JSON body', async (t) => {
  const { port } = await listening(t)
  const answer = await raw(port, `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
  t.equal(answer.status, 431)
  t.match(answer.headers['content-type'], /^application\/json/)
  t.equal(answer.headers['cache-control'], 'no-store')
  t.same(JSON.parse(answer.body), {
    statusCode: 431,
    error: 'Request Header Fields Too Large',
    code: 'ERR_HEADERS_TOO_LARGE',
    message: 'the request line and headers are larger than 16 KiB'
  })
})

t.test('a URL over 16 KiB: 414 URI Too Long, not 431', async (t) => {
  const { port } = await listening(t)
  const answer = await raw(port, `GET /products?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)
  t.equal(answer.status, 414)
  t.same(JSON.parse(answer.body), {
    statusCode: 414,
    error: 'URI Too Long',
    code: 'ERR_URI_TOO_LONG',
    message: 'the URL is longer than 16 KiB'
  })
})

t.test('a method the HTTP parser does not know: 405 with the path\'s Allow, not 400', async (t) => {
  const { port } = await listening(t)
  const known = await raw(port, 'FOO /products?q=a HTTP/1.1\r\nHost: x\r\n\r\n')
  t.equal(known.status, 405)
  t.equal(known.headers.allow, 'GET, HEAD')
  t.same(JSON.parse(known.body), { statusCode: 405, error: 'Method Not Allowed', code: 'ERR_METHOD_NOT_ALLOWED', message: 'FOO is not allowed on /products: it takes GET, HEAD' })
  const unknownPath = await raw(port, 'BREW /coffee HTTP/1.1\r\nHost: x\r\n\r\n')
  t.equal(unknownPath.status, 405)
  t.equal(unknownPath.headers.allow, '')
  const trace = await raw(port, 'TRACE /products HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
  t.equal(trace.status, 405, 'TRACE reaches the router and gets the same answer')
  t.equal(trace.headers.allow, 'GET, HEAD')
})

t.test('other malformed requests: 400 with a coded JSON body', async (t) => {
  const { port } = await listening(t)
  const answer = await raw(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n')
  t.equal(answer.status, 400)
  t.same(JSON.parse(answer.body), { statusCode: 400, error: 'Bad Request', code: 'ERR_BAD_REQUEST', message: 'the request is not valid HTTP/1.1' })
})

t.test('a path parameter over 100 characters: 414 URI Too Long (Fastify said "Bad Request")', async (t) => {
  const { app } = await listening(t)
  const response = await app.inject(`/recommendations/${'A'.repeat(101)}`)
  t.equal(response.statusCode, 414)
  t.equal(response.headers['cache-control'], 'no-store')
  t.ok(response.headers['x-request-id'])
  t.same(response.json(), { statusCode: 414, error: 'URI Too Long', code: 'ERR_URI_TOO_LONG', message: 'a path segment is longer than 100 characters' })
})

t.test('a malformed URL: 400 with the service\'s body', async (t) => {
  const { app } = await listening(t)
  const response = await app.inject('/products/%E0%A4%A')
  t.equal(response.statusCode, 400)
  t.same(response.json(), { statusCode: 400, error: 'Bad Request', code: 'FST_ERR_BAD_URL', message: 'the URL is not valid: a %-escape is malformed' })
})
