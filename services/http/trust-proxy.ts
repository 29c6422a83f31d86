// TRUST_PROXY: whose X-Forwarded-For / -Proto / -Host headers the service believes, so that
// request.ip (logs, the `by` of an admin pin) is the client behind a reverse proxy or load
// balancer rather than the proxy. Off by default: without a proxy in front, those headers come
// from the client and anyone could claim any address. The values are what Fastify's `trustProxy`
// option takes (it hands lists to proxy-addr), checked here once when the configuration loads
// (env.ts), so a typo stops start-up instead of silently trusting nobody — or everybody.
//
// No hop count: Fastify 5.12 still accepts a number but trusts nothing with it (lib/request.js:
// "hop-count-only trust cannot validate the immediate peer", so a client could claim any
// address by sending enough hops). A setting that is accepted and does nothing is refused here,
// with what to write instead.
import { isIP } from 'node:net'

/** false: trust no proxy; true: trust every hop (only when nothing but the proxy can reach the service); a list: trust these proxies. */
export type TrustProxy = boolean | string[]

/** Names proxy-addr knows for address ranges: 127.0.0.1/8 and ::1; 169.254.0.0/16 and fe80::/10; 10/8, 172.16/12, 192.168/16 and fc00::/7. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

/** Parses the setting; throws an Error saying what is wrong with it. */
export function parseTrustProxy (setting: string): TrustProxy {
  const value = setting.trim()
  if (value === 'false') return false
  if (value === 'true') return true
  if (/^\d+$/.test(value)) {
    throw new Error(`is a hop count (${value}), which Fastify ignores (it trusts no hop count: the nearest hop could be a client); ` +
      'give the proxies\' addresses or CIDR ranges (10.0.0.0/8, loopback), or true when only the proxy can reach the service')
  }
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')
  for (const entry of entries) checkAddress(entry)
  if (entries.length === 0) throw new Error('is empty: give false, true or the proxies\' addresses')
  return entries
}

function checkAddress (entry: string): void {
  if (RANGE_NAMES.has(entry)) return
  const [address, prefix, ...rest] = entry.split('/')
  const family = isIP(address)
  const bits = family === 4 ? 32 : 128
  const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits) || (family === 4 && isIP(prefix) === 4)
  if (family === 0 || !prefixOk || rest.length > 0) {
    throw new Error(`has ${JSON.stringify(entry)}, which is not an IP address, a CIDR range (10.0.0.0/8, fd00::/8) or one of ${[...RANGE_NAMES].join(', ')}; ` +
      'or give false or true')
  }
}
