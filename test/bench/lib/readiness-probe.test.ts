// The probe against a local server that answers what the service can answer: 200, a coded 503,
// nothing at all (a timeout), and a port nobody listens on.
import { once } from 'node:events'
import http from 'node:http'
import t, { type Test } from 'tap'
import { probeOnce, runProbes } from '../../../bench/lib/readiness-probe.js'

async function serve (t: Test, handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => { server.closeAllConnections(); server.close() })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no address')
  return `http://127.0.0.1:${address.port}/health/ready`
}

t.test('outcomes: 200, the status with the body\'s code, a timeout, a refused connection', async (t) => {
  let answer = 0
  const url = await serve(t, (_request, response) => {
    answer++
    if (answer === 1) return response.end(JSON.stringify({ status: 'ready', version: 'v' }))
    if (answer === 2) {
      response.writeHead(503, { 'content-type': 'application/json' })
      return response.end(JSON.stringify({ statusCode: 503, error: 'Service Unavailable', code: 'ERR_OVERLOADED', message: 'busy' }))
    }
    if (answer === 3) {
      response.writeHead(502)
      return response.end('<html>bad gateway</html>')
    }
    // never answers
  })
  t.equal((await probeOnce(url, 5000)).outcome, '200')
  t.equal((await probeOnce(url, 5000)).outcome, '503 ERR_OVERLOADED')
  t.equal((await probeOnce(url, 5000)).outcome, '502', 'a body that is not JSON: the status alone')
  const timedOut = await probeOnce(url, 50)
  t.equal(timedOut.outcome, 'timeout')
  t.ok(timedOut.latencyMs >= 0)

  // port 1 (tcpmux): nothing listens there
  const refused = await probeOnce('http://127.0.0.1:1/health/ready', 1000)
  t.match(refused.outcome, /^error ECONNREFUSED$/)
})

t.test('runProbes: exactly `count` probes, each on a new connection; RSS of a live process', async (t) => {
  const ports = new Set<number>()
  const url = await serve(t, (request, response) => {
    ports.add(request.socket.remotePort ?? 0)
    response.end('{}')
  })
  const run = await runProbes({ url, intervalMs: 1, count: 5, timeoutMs: 1000, serverPid: process.pid })
  t.equal(run.probes.length, 5)
  t.same(run.probes.map((p) => p.outcome), ['200', '200', '200', '200', '200'])
  t.equal(ports.size, 5, 'a new connection each time')
  t.ok(run.peakRssBytes > 10 * 1024 * 1024, 'this process\'s RSS, read from /proc')
})
