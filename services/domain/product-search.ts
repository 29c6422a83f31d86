// Product search by name in three tiers: exact (whole name or stock code), substring, then fuzzy
// (every query word matches a word of the name exactly, as a prefix, or within a few typos, in
// any order). Each tier is most popular first; the fuzzy tier puts fewer typos first, then
// popularity, because a close match to a niche product is what someone with a typo meant more
// often than a distant match to a best-seller.
//
// Built once per model version so a query never scans the catalogue object by object:
// - exact: the normalised names and codes, sorted, each with its products (compressed rows): a
//   binary search, and arrays rather than a Map because the index is built in the model loader's
//   worker and sent to the main thread, where cloning a Map of 7k keys cost ~8 ms and arrays ~1;
// - substring: a trigram index over the names, each list in popularity order; a query of 3 or more
//   letters only checks (with `includes`) the names in its rarest trigram's list, most popular
//   first, and stops as soon as the answer is full (shorter queries scan the names in popularity
//   order, stopping just as early: they match most names);
// - fuzzy: the vocabulary of name words, sorted (prefixes by binary search), a trigram index over
//   it (typo candidates share trigrams with the query word), then a bounded edit distance check;
//   words map to the products using them (compressed rows).
// No library: fuse.js and similar score every product per query (linear in the catalogue, tens of
// milliseconds at 100k products); this stays proportional to the matches.
import { allowedTypos, boundedEditDistance, normaliseSearchText, paddedTrigrams, searchWords, trigramIds } from './text-match.js'
import { buildTrigramPostings, type TrigramPostings } from './trigram-postings.js'
import { compareCodeUnits } from '../../lib/code-unit-order.js'
import { fillBy } from '../../lib/typed-arrays.js'

export type MatchKind = 'exact' | 'substring' | 'fuzzy'

export interface ProductMatch {
  /** catalogue index */
  product: number
  match: MatchKind
}

export interface SearchableProduct {
  code: string
  description: string
  customers: number
}

const MIN_PREFIX = 3

interface SearchScratch {
  epoch: number
  readonly chosen: Uint32Array // products already in the answer
  readonly tokenStamp: Uint32Array // products matched by the current query word
  readonly tokenCost: Uint16Array
  readonly tokenProducts: Uint32Array
  readonly matchStamp: Uint32Array // products that matched every query word so far
  readonly matchCount: Uint16Array
  readonly totalCost: Uint16Array
  readonly wordStamp: Uint32Array
  readonly wordShared: Uint16Array
  readonly wordCandidates: Uint32Array
  /** vocabulary words one query word may mean, and their typo counts */
  readonly matchedWords: Uint32Array
  readonly matchedCosts: Uint16Array
}

export interface ProductSearchIndex {
  readonly products: number
  /** catalogue indices, most distinct customers first (ties: catalogue order) */
  readonly byPopularity: Uint32Array
  /** position of each product in byPopularity */
  readonly rank: Uint32Array
  /** normalised names and codes, sorted; the products of exactKeys[i] are exactProducts[exactOffsets[i] .. exactOffsets[i + 1]) */
  readonly exactKeys: readonly string[]
  readonly exactOffsets: Uint32Array
  readonly exactProducts: Uint32Array
  /** normalised names in popularity order: names[k] is the name of byPopularity[k] */
  readonly names: readonly string[]
  /** trigram → popularity positions k of the names containing it, ascending (most popular first) */
  readonly nameTrigrams: TrigramPostings
  /** distinct name words, sorted */
  readonly words: readonly string[]
  readonly wordLengths: Uint16Array
  readonly wordOffsets: Uint32Array
  readonly wordProducts: Uint32Array
  /** padded trigram → words containing it (and each word's distinct trigram count) */
  readonly wordTrigrams: TrigramPostings
  readonly scratch: SearchScratch
}

export function buildProductSearchIndex (products: readonly SearchableProduct[]): ProductSearchIndex {
  const n = products.length
  const byPopularity = Uint32Array.from(products.keys()).sort((a, b) => (products[b].customers - products[a].customers) || (a - b))
  const rank = new Uint32Array(n)
  byPopularity.forEach((product, position) => { rank[product] = position })

  const exact = new Map<string, number[]>()
  const addExact = (key: string, product: number): void => {
    if (key === '') return
    const list = exact.get(key)
    if (!list) exact.set(key, [product])
    else if (list[list.length - 1] !== product) list.push(product)
  }
  const names: string[] = new Array(n)
  const productsOfWord = new Map<string, number[]>()
  for (let k = 0; k < n; k++) {
    const product = byPopularity[k]
    const name = normaliseSearchText(products[product].description)
    names[k] = name
    addExact(name, product)
    addExact(normaliseSearchText(products[product].code), product)
    for (const word of searchWords(name)) {
      const list = productsOfWord.get(word)
      if (!list) productsOfWord.set(word, [product])
      else if (list[list.length - 1] !== product) list.push(product)
    }
  }

  const words = [...productsOfWord.keys()].sort(compareCodeUnits)
  const wordOffsets = new Uint32Array(words.length + 1)
  let postings = 0
  words.forEach((word, w) => { postings += productsOfWord.get(word)!.length; wordOffsets[w + 1] = postings })
  const wordProducts = new Uint32Array(postings)
  words.forEach((word, w) => { wordProducts.set(productsOfWord.get(word)!, wordOffsets[w]) })

  return {
    products: n,
    byPopularity,
    rank,
    ...exactRows(exact),
    names,
    nameTrigrams: buildTrigramPostings(names, false),
    words,
    wordLengths: fillBy(new Uint16Array(words.length), (w) => words[w].length),
    wordOffsets,
    wordProducts,
    wordTrigrams: buildTrigramPostings(words, true),
    scratch: {
      epoch: 0,
      chosen: new Uint32Array(n),
      tokenStamp: new Uint32Array(n),
      tokenCost: new Uint16Array(n),
      tokenProducts: new Uint32Array(n),
      matchStamp: new Uint32Array(n),
      matchCount: new Uint16Array(n),
      totalCost: new Uint16Array(n),
      wordStamp: new Uint32Array(words.length),
      wordShared: new Uint16Array(words.length),
      wordCandidates: new Uint32Array(words.length),
      matchedWords: new Uint32Array(words.length),
      matchedCosts: new Uint16Array(words.length)
    }
  }
}

/** A search uses a few stamps per query word; restart well before the counter could wrap mid-search. */
function beginSearch (scratch: SearchScratch): number {
  if (scratch.epoch > 0xffff0000) {
    scratch.chosen.fill(0)
    scratch.tokenStamp.fill(0)
    scratch.matchStamp.fill(0)
    scratch.wordStamp.fill(0)
    scratch.epoch = 0
  }
  return ++scratch.epoch
}

function nextEpoch (scratch: SearchScratch): number {
  return ++scratch.epoch
}

/** Position of the first word ≥ `prefix` (binary search). */
function lowerBound (words: readonly string[], prefix: string): number {
  let low = 0
  let high = words.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (words[middle] < prefix) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * Collects in scratch.matchedWords/matchedCosts the vocabulary words `token` may mean: itself,
 * words it is a prefix of (3+ letters), and words within its typo allowance. Returns their count.
 */
function collectMatchingWords (index: ProductSearchIndex, token: string): number {
  const { words, wordLengths, wordTrigrams, scratch } = index
  const { matchedWords, matchedCosts, wordShared, wordCandidates, wordStamp } = scratch
  const epoch = nextEpoch(scratch)
  const maxTypos = allowedTypos(token.length)
  let matched = 0
  if (token.length < MIN_PREFIX) {
    const w = lowerBound(words, token)
    if (w < words.length && words[w] === token) { matchedWords[matched] = w; matchedCosts[matched++] = 0 }
  } else {
    for (let w = lowerBound(words, token); w < words.length && words[w].startsWith(token); w++) {
      wordStamp[w] = epoch // found without typos: the typo pass skips it
      matchedWords[matched] = w
      matchedCosts[matched++] = 0
    }
  }
  if (maxTypos === 0) return matched

  // Candidates share trigrams with the token. One typo touches at most 4 trigram positions (3 for
  // a substitution, 4 for a transposition), so a true match keeps at least (distinct trigrams −
  // 4·typos) of the token's distinct trigrams, and (by symmetry) of the word's.
  const candidateEpoch = nextEpoch(scratch)
  const tokenGrams = paddedTrigrams(token)
  let count = 0
  for (const gram of tokenGrams) {
    for (let i = wordTrigrams.offsets[gram], end = wordTrigrams.offsets[gram + 1]; i < end; i++) {
      const w = wordTrigrams.items[i]
      if (wordStamp[w] === epoch) continue
      if (wordStamp[w] !== candidateEpoch) {
        if (Math.abs(wordLengths[w] - token.length) > maxTypos) continue
        wordStamp[w] = candidateEpoch
        wordShared[w] = 1
        wordCandidates[count++] = w
      } else {
        wordShared[w]++
      }
    }
  }
  for (let i = 0; i < count; i++) {
    const w = wordCandidates[i]
    const needed = Math.max(tokenGrams.length, wordTrigrams.distinct[w]) - 4 * maxTypos
    if (wordShared[w] < needed) continue
    const distance = boundedEditDistance(token, words[w], maxTypos)
    if (distance <= maxTypos) { matchedWords[matched] = w; matchedCosts[matched++] = distance }
  }
  return matched
}

function exactRows (exact: ReadonlyMap<string, readonly number[]>): Pick<ProductSearchIndex, 'exactKeys' | 'exactOffsets' | 'exactProducts'> {
  const exactKeys = [...exact.keys()].sort(compareCodeUnits)
  const exactOffsets = new Uint32Array(exactKeys.length + 1)
  exactKeys.forEach((key, i) => { exactOffsets[i + 1] = exactOffsets[i] + (exact.get(key)?.length ?? 0) })
  const exactProducts = new Uint32Array(exactOffsets[exactKeys.length])
  exactKeys.forEach((key, i) => { exactProducts.set(exact.get(key) ?? [], exactOffsets[i]) })
  return { exactKeys, exactOffsets, exactProducts }
}

/** The products whose normalised name or code is `query` (most popular first), or none. */
function exactMatches (index: ProductSearchIndex, query: string): Uint32Array {
  const keys = index.exactKeys
  let lo = 0
  let hi = keys.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const c = compareCodeUnits(keys[mid], query)
    if (c === 0) return index.exactProducts.subarray(index.exactOffsets[mid], index.exactOffsets[mid + 1])
    if (c < 0) lo = mid + 1
    else hi = mid - 1
  }
  return index.exactProducts.subarray(0, 0)
}

function searchExact (index: ProductSearchIndex, query: string, limit: number, epoch: number, out: ProductMatch[]): void {
  for (const product of exactMatches(index, query)) {
    if (out.length >= limit) return
    if (index.scratch.chosen[product] === epoch) continue
    index.scratch.chosen[product] = epoch
    out.push({ product, match: 'exact' })
  }
}

function searchSubstring (index: ProductSearchIndex, query: string, limit: number, epoch: number, out: ProductMatch[]): void {
  const { names, nameTrigrams, byPopularity, scratch } = index
  const add = (k: number): void => {
    const product = byPopularity[k]
    if (scratch.chosen[product] === epoch) return
    scratch.chosen[product] = epoch
    out.push({ product, match: 'substring' })
  }
  if (query.length < 3) {
    for (let k = 0; k < names.length && out.length < limit; k++) if (names[k].includes(query)) add(k)
    return
  }
  // every name containing the query contains each of its trigrams: check the rarest list only
  const { offsets, items } = nameTrigrams
  let rarest = -1
  for (const gram of trigramIds(query, false)) {
    if (rarest === -1 || offsets[gram + 1] - offsets[gram] < offsets[rarest + 1] - offsets[rarest]) rarest = gram
  }
  for (let i = offsets[rarest], end = offsets[rarest + 1]; i < end && out.length < limit; i++) {
    const k = items[i]
    if (names[k].includes(query)) add(k)
  }
}

function searchFuzzy (index: ProductSearchIndex, tokens: string[], limit: number, epoch: number, out: ProductMatch[]): void {
  const { wordOffsets, wordProducts, rank, scratch } = index
  const { tokenStamp, tokenCost, tokenProducts, matchStamp, matchCount, totalCost, chosen, matchedWords, matchedCosts } = scratch
  const matchEpoch = nextEpoch(scratch)
  let matched = 0
  for (let t = 0; t < tokens.length; t++) {
    const words = collectMatchingWords(index, tokens[t])
    const tokenEpoch = nextEpoch(scratch)
    matched = 0
    for (let m = 0; m < words; m++) {
      const word = matchedWords[m]
      const cost = matchedCosts[m]
      for (let i = wordOffsets[word], end = wordOffsets[word + 1]; i < end; i++) {
        const product = wordProducts[i]
        // only products that matched every earlier query word stay in the running
        if (t > 0 && (matchStamp[product] !== matchEpoch || matchCount[product] !== t)) continue
        if (tokenStamp[product] !== tokenEpoch) {
          tokenStamp[product] = tokenEpoch
          tokenCost[product] = cost
          tokenProducts[matched++] = product
        } else if (cost < tokenCost[product]) {
          tokenCost[product] = cost
        }
      }
    }
    for (let i = 0; i < matched; i++) {
      const product = tokenProducts[i]
      if (t === 0) {
        matchStamp[product] = matchEpoch
        matchCount[product] = 1
        totalCost[product] = tokenCost[product]
      } else {
        matchCount[product]++
        totalCost[product] += tokenCost[product]
      }
    }
    if (matched === 0) return
  }
  // tokenProducts[0 .. matched) now holds exactly the products that matched every query word:
  // the best `room` of them by (typos, popularity), by insertion into a short sorted list
  const room = limit - out.length
  const best: number[] = []
  for (let i = 0; i < matched; i++) {
    const product = tokenProducts[i]
    if (chosen[product] === epoch) continue
    if (best.length === room && !fuzzyBefore(totalCost, rank, product, best[room - 1])) continue
    let position = best.length === room ? room - 1 : best.length
    if (best.length < room) best.push(product)
    while (position > 0 && fuzzyBefore(totalCost, rank, product, best[position - 1])) { best[position] = best[position - 1]; position-- }
    best[position] = product
  }
  for (const product of best) {
    chosen[product] = epoch
    out.push({ product, match: 'fuzzy' })
  }
}

function fuzzyBefore (totalCost: Uint16Array, rank: Uint32Array, a: number, b: number): boolean {
  return totalCost[a] !== totalCost[b] ? totalCost[a] < totalCost[b] : rank[a] < rank[b]
}

/** Up to `limit` products matching `query`: exact, then substring, then fuzzy matches. */
export function searchProducts (index: ProductSearchIndex, query: string, limit: number): ProductMatch[] {
  const normalised = normaliseSearchText(query)
  const out: ProductMatch[] = []
  if (normalised === '' || limit <= 0 || index.products === 0) return out
  const epoch = beginSearch(index.scratch)
  searchExact(index, normalised, limit, epoch, out)
  if (out.length < limit) searchSubstring(index, normalised, limit, epoch, out)
  if (out.length < limit) {
    const tokens = searchWords(normalised)
    if (tokens.length > 0) searchFuzzy(index, tokens, limit, epoch, out)
  }
  return out
}
