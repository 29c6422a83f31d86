// API keys and their scopes: who may call what (services/plugins/app/auth.ts maps routes to
// scopes). Keys come from API_KEYS (`scope:key,scope:key`), from the file API_KEYS_FILE (one
// `scope:key` per line) and from ADMIN_TOKEN (an admin key); they are read and checked once, when
// the configuration loads (env.ts), and a bad entry stops start-up with one line naming where it
// is — never the key itself.
//
// Scopes are ordered, each including the ones before it: storefront ⊂ crm ⊂ admin. A CRM system
// that reads customers may also read the product catalogue and its recommendations (nothing there
// is about a person); ops holding the admin key already hold the artifacts directory, every
// customer's RFM values included, so the admin key reading customers gives away nothing new, and
// one key is enough to check every route of a replica. Give each caller the narrowest key.
import { createHash, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { BlockList, isIP } from 'node:net'
import { inspect } from 'node:util'

export const SCOPES = ['storefront', 'crm', 'admin'] as const
export type Scope = typeof SCOPES[number]

/** Whether a key of scope `held` may call a route that needs `needed` (each scope includes the ones before it). */
export function grants (held: Scope, needed: Scope): boolean {
  return SCOPES.indexOf(held) >= SCOPES.indexOf(needed)
}

export function isScope (value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value)
}

export const MIN_KEY_LENGTH = 16
/** RFC 6750's b64token: what an `Authorization: Bearer` header can carry as it is */
const KEY_PATTERN = /^[A-Za-z0-9._~+/-]+=*$/

export interface ApiKeyEntry { scope: Scope, key: string }

/** SHA-256: every stored and presented key becomes 32 bytes, so comparing them is constant-time whatever their lengths. */
function digest (key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest()
}

/**
 * The configured keys. Only their SHA-256 digests are kept, and the table serialises (JSON, which
 * pino uses, and util.inspect) as the number of keys per scope: logging the configuration cannot
 * write a key.
 */
export class ApiKeys {
  readonly #entries: ReadonlyArray<{ scope: Scope, digest: Buffer }>

  constructor (entries: readonly ApiKeyEntry[]) {
    this.#entries = entries.map(({ scope, key }) => ({ scope, digest: digest(key) }))
  }

  /** number of keys */
  get size (): number {
    return this.#entries.length
  }

  /** keys per scope, e.g. { storefront: 1, crm: 2, admin: 1 } */
  counts (): Record<Scope, number> {
    const counts = { storefront: 0, crm: 0, admin: 0 }
    for (const { scope } of this.#entries) counts[scope]++
    return counts
  }

  /**
   * The scope of `key`, or undefined when it is no configured key. Constant-time: every stored
   * digest is compared (no exit at the first match, so the time says nothing about which key
   * matched or how many came before it), each with timingSafeEqual on 32 bytes.
   * (@fastify/bearer-auth's own `keys` comparison is constant-time per key, but stops at the first
   * match and answers only yes or no: the scope needs to know which key it was.)
   */
  scopeOf (key: string): Scope | undefined {
    const presented = digest(key)
    let found: Scope | undefined
    for (const entry of this.#entries) {
      if (timingSafeEqual(entry.digest, presented) && found === undefined) found = entry.scope
    }
    return found
  }

  toJSON (): Record<Scope, number> {
    return this.counts()
  }

  [inspect.custom] (): string {
    return `ApiKeys ${JSON.stringify(this.counts())}`
  }
}

/** Parses one `scope:key` entry; throws an Error saying what is wrong, never quoting the key. */
function parseEntry (text: string): ApiKeyEntry {
  const colon = text.indexOf(':')
  if (colon < 0) throw new Error(`is not scope:key (the scopes: ${SCOPES.join(', ')})`)
  const scope = text.slice(0, colon).trim()
  const key = text.slice(colon + 1).trim()
  if (!isScope(scope)) throw new Error(`has the unknown scope ${JSON.stringify(scope.slice(0, 20))} (the scopes: ${SCOPES.join(', ')})`)
  return { scope, key: checkKey(key) }
}

function checkKey (key: string): string {
  if (key.length < MIN_KEY_LENGTH) throw new Error(`has a key of ${key.length} characters: a key needs ${MIN_KEY_LENGTH} or more (openssl rand -hex 24 makes one)`)
  if (!KEY_PATTERN.test(key)) throw new Error('has a key with a character an Authorization: Bearer header cannot carry (letters, digits and - . _ ~ + / only, = at the end)')
  return key
}

/** An entry and where it was written (`API_KEYS entry 2`, `API_KEYS_FILE /run/secrets/keys line 3`), for messages. */
type Located = ApiKeyEntry & { at: string }

function located (at: string, parse: () => ApiKeyEntry): Located {
  try {
    return { ...parse(), at }
  } catch (error) {
    throw new Error(`${at} ${(error as Error).message}`)
  }
}

/** `API_KEYS`: comma-separated entries (a key never holds a comma). */
function fromSetting (setting: string): Located[] {
  return setting.split(',').flatMap((part, i) => part.trim() === '' ? [] : [located(`API_KEYS entry ${i + 1}`, () => parseEntry(part))])
}

/** `API_KEYS_FILE`: one entry per line; blank lines and lines starting with # are skipped. */
function fromFile (file: string): Located[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new Error(`API_KEYS_FILE ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
  return text.split(/\r?\n/).flatMap((line, i) => {
    const content = line.trim()
    return content === '' || content.startsWith('#') ? [] : [located(`API_KEYS_FILE ${file} line ${i + 1}`, () => parseEntry(content))]
  })
}

export interface ApiKeySettings { API_KEYS?: string, API_KEYS_FILE?: string, ADMIN_TOKEN?: string }

/**
 * Every configured key, from the three settings. Throws an Error (one line, naming the setting, the
 * file and line or the entry) for a malformed entry, an unreadable file, or a key given twice.
 */
export function loadApiKeys (settings: ApiKeySettings): ApiKeys {
  const { API_KEYS, API_KEYS_FILE, ADMIN_TOKEN } = settings
  const entries = [
    ...(API_KEYS ? fromSetting(API_KEYS) : []),
    ...(API_KEYS_FILE ? fromFile(API_KEYS_FILE) : []),
    ...(ADMIN_TOKEN ? [located('ADMIN_TOKEN', () => ({ scope: 'admin' as const, key: checkKey(ADMIN_TOKEN) }))] : [])
  ]
  // a key given twice is a copy-and-paste mistake, and with two scopes it would be ambiguous
  const seen = new Map<string, string>()
  for (const { key, at } of entries) {
    const before = seen.get(key)
    if (before !== undefined) throw new Error(`${at} repeats the key of ${before}: give each key once, with one scope`)
    seen.set(key, at)
  }
  return new ApiKeys(entries)
}

const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

/** Whether binding `host` keeps the service on this machine: localhost, 127.0.0.0/8, ::1 (0.0.0.0, ::, a name: no). */
export function isLoopbackHost (host: string): boolean {
  const address = host.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  if (address === 'localhost') return true
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)
  if (mapped) return LOOPBACK.check(mapped[1], 'ipv4')
  const family = isIP(address)
  return family === 4 ? LOOPBACK.check(address, 'ipv4') : family === 6 ? LOOPBACK.check(address, 'ipv6') : false
}
