// For a child process that must work offline (a linter, a code generator): `node --import
// DENY_NETWORK ...` makes every DNS lookup and every TCP/UDP connection fail at once and writes
// one line per attempt to stderr, starting with NETWORK_ATTEMPT, so a test can assert there was none.
export const NETWORK_ATTEMPT = 'network attempt refused:'

const guard = `
import dns from 'node:dns'
import dgram from 'node:dgram'
import net from 'node:net'
const refuse = (what) => {
  process.stderr.write(${JSON.stringify(NETWORK_ATTEMPT)} + ' ' + what + '\\n')
  return Object.assign(new Error('offline: ' + what), { code: 'ENETUNREACH' })
}
dns.lookup = (host, ...rest) => { const done = rest.pop(); process.nextTick(done, refuse('dns ' + host)) }
dns.promises.lookup = async (host) => { throw refuse('dns ' + host) }
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function (...args) {
  // net.connect() passes its normalised arguments as one array
  const first = Array.isArray(args[0]) ? args[0][0] : args[0]
  const options = typeof first === 'object' && first !== null ? first : {}
  // a local socket (IPC, a pipe) is not the network
  if (typeof options.path === 'string' || (typeof first === 'string' && !/^[0-9]+$/.test(first))) return connect.apply(this, args)
  const error = refuse('tcp ' + (options.host ?? args[1] ?? 'localhost') + ':' + (options.port ?? first))
  process.nextTick(() => this.destroy(error))
  return this
}
dgram.Socket.prototype.send = function () { throw refuse('udp') }
`

/** The `--import` argument that installs the guard. */
export const DENY_NETWORK = `data:text/javascript,${encodeURIComponent(guard)}`
