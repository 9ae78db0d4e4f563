// jieba's dictionary words and their weights, held in JavaScript: to tell where jieba must put a word boundary
// without cutting, and to cut the rest as jieba does. jieba (HMM off) takes the most probable path through the words
// its dictionary has at each position. A position that no dictionary word crosses is on every such path, and the
// path before it does not depend on the text after it: the text between two such positions cuts the same alone as
// inside its clause (a test checks this on every seed and gold clause). A term whose both ends are such positions
// is word-aligned with no segmentation at all, and any other term needs only the few characters between the nearest
// such positions cut, not its clause. That cut is `bestPath`: cppjieba's own algorithm over the same words and
// weights, which gives nodejieba's words (tested against it), or declines.
//
// The words live in a trie: the root's children in a table by code unit, deeper edges in one open-addressing hash
// table over (node, code unit), a weight per node: about 20 MB for jieba's 350,000 words, built in 0.3 s.
import * as fs from "node:fs"
import { entryName, readEntry, writeEntry } from "../cache.js"

export interface Lexicon {
  /** The longest word, in code units. */
  readonly maxLength: number
  /** For each code unit, the longest word that starts with it (at most 255): most need no look-up at all. */
  readonly reach: Uint8Array
  /** The length of the longest word (of two or more code units) that `text` has at `i`, or 0. */
  readonly longestAt: (text: string, i: number) => number
  /**
   * Whether some word holds the two code units around position `pos` side by side. When none does, no word can
   * cross `pos`: one look-up settles three positions in four of those matching asks about.
   */
  readonly joins: (text: string, pos: number) => boolean
  /**
   * jieba's most probable path (HMM off) through `text` from `from` to `to`, a stretch with no separator in it:
   * pushes the end of each word onto `ends` and returns true. Returns false, pushing nothing, where the answer could
   * differ from jieba's own: a stretch with a surrogate (jieba counts characters, not code units), or two paths
   * whose weights are within rounding of each other (below).
   */
  readonly bestPath: (text: string, from: number, to: number, ends: Array<number>) => boolean
}

/** What a lexicon is made of: numbers and typed arrays over shared memory, which can be sent to another thread. */
export interface LexiconTables {
  readonly maxLength: number
  /** The lowest weight of jieba's words: a character that is no word weighs this. */
  readonly minWeight: number
  readonly reach: Uint8Array
  readonly rootChild: Int32Array
  readonly table: Int32Array
  readonly weight: Float64Array
  readonly terminal: Uint8Array
  readonly pairs: Uint32Array
}

/** cppjieba's bounds: the lowest path weight, and the longest word it looks up, in characters. */
const MIN_DOUBLE = -3.14e100
const MAX_WORD_LENGTH = 512

/**
 * Path weights closer than this (relative) are a tie for this purpose. A word's weight is log(freq / total), and
 * JavaScript's log and the C library's differ in the last bit for about one word in 500 of jieba's dictionary, so
 * sums of them can too; paths this close are left to jieba itself. None occurs in the seeds or the gold clauses.
 */
const TIE = 1e-9

/**
 * The lines of dictionaries as cppjieba reads them: split at "\n" only (C++'s getline), fields split on single
 * spaces, nothing trimmed. Its dictionary lines are `word freq tag`; a user dictionary line is `word`, `word tag`
 * (the median weight of jieba's words), or `word freq tag` (its own); a line with more fields adds nothing. Words are
 * kept as offsets into their file's text, side by side in typed arrays (350,000 of them).
 */
class Entries {
  texts: Array<string> = []
  text = new Int32Array(1 << 19)
  start = new Int32Array(1 << 19)
  end = new Int32Array(1 << 19)
  /** The line's frequency, NaN when it gives none. */
  freq = new Float64Array(1 << 19)
  size = 0

  push(text: number, start: number, end: number, freq: number): void {
    if (this.size === this.start.length) {
      const grow = <A extends Int32Array | Float64Array>(a: A): A => {
        const b = new (a.constructor as new (n: number) => A)(a.length * 2)
        b.set(a)
        return b
      }
      this.text = grow(this.text)
      this.start = grow(this.start)
      this.end = grow(this.end)
      this.freq = grow(this.freq)
    }
    this.text[this.size] = text
    this.start[this.size] = start
    this.end[this.size] = end
    this.freq[this.size++] = freq
  }
}

/** The first space in text[from, end), or -1 (as when `from` is -1: no space before it either). */
const spaceIn = (text: string, from: number, end: number): number => {
  const i = from < 0 ? -1 : text.indexOf(" ", from)
  return i >= 0 && i < end ? i : -1
}

/** Calls `f` with each line's [start, end) and the offset of each of its first three spaces (or -1). */
const eachLine = (text: string, f: (start: number, end: number, s1: number, s2: number, s3: number) => void): void => {
  for (let at = 0; at < text.length; ) {
    const newline = text.indexOf("\n", at)
    const end = newline < 0 ? text.length : newline
    const s1 = spaceIn(text, at, end)
    const s2 = spaceIn(text, s1 < 0 ? -1 : s1 + 1, end)
    f(at, end, s1, s2, spaceIn(text, s2 < 0 ? -1 : s2 + 1, end))
    at = end + 1
  }
}

/** C's atof on a frequency field: whole numbers (all of jieba's) read digit by digit, anything else by parseFloat. */
const number = (text: string, start: number, end: number): number => {
  let n = 0
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return Number.parseFloat(text.slice(start, end)) || 0
    n = n * 10 + d
  }
  return n
}

const entriesOf = (dictionary: string, userDictionaries: ReadonlyArray<string>): Entries => {
  const entries = new Entries()
  entries.texts.push(dictionary, ...userDictionaries)
  eachLine(dictionary, (start, end, s1, s2, s3) => {
    if (s1 < 0 || s2 < 0 || s3 >= 0) throw new Error(`jieba's dictionary has a line without three fields: ${dictionary.slice(start, end)}`)
    entries.push(0, start, s1, number(dictionary, s1 + 1, s2))
  })
  userDictionaries.forEach((text, t) => {
    eachLine(text, (start, end, s1, s2, s3) => {
      if (end === start || s3 >= 0) return
      const wordEnd = s1 < 0 ? end : s1
      // Three fields: atoi of the second (leading digits, else 0).
      const freq = s2 >= 0 ? Number.parseInt(text.slice(s1 + 1, s2), 10) || 0 : Number.NaN
      if (wordEnd > start) entries.push(t + 1, start, wordEnd, freq)
    })
  })
  return entries
}

/**
 * The words of jieba's dictionary and user dictionaries, read as cppjieba reads them, with the weight of each:
 * log(freq / total of the dictionary's frequencies), the median of those for a user word without a frequency. The
 * last line of a word wins. A word is held whatever its length; `longestAt`, `joins` and `reach` consider those of
 * two or more code units (a single unit crosses nothing).
 */
export const buildLexiconTables = (dictionary: string, userDictionaries: ReadonlyArray<string> = []): LexiconTables => {
  const entries = entriesOf(dictionary, userDictionaries)
  const { texts, size: count } = entries
  let units = 0
  let maxLength = 0
  const reach = shared(Uint8Array, 0x10000)
  for (let k = 0; k < count; k++) {
    const length = entries.end[k]! - entries.start[k]!
    units += length
    if (length < 2) continue
    maxLength = Math.max(maxLength, length)
    const first = texts[entries.text[k]!]!.charCodeAt(entries.start[k]!)
    reach[first] = Math.max(reach[first]!, Math.min(length, 255))
  }
  // In cppjieba's order: the total of the dictionary's frequencies, its words' weights, their minimum and median,
  // then the user words' weights.
  let jiebaWords = 0
  let total = 0
  while (jiebaWords < count && entries.text[jiebaWords] === 0) total += entries.freq[jiebaWords++]!
  const weights = new Float64Array(count)
  for (let k = 0; k < jiebaWords; k++) weights[k] = Math.log(entries.freq[k]! / total)
  const sorted = weights.slice(0, jiebaWords).sort()
  const minWeight = sorted[0]!
  const median = sorted[sorted.length >> 1]!
  for (let k = jiebaWords; k < count; k++) weights[k] = Number.isNaN(entries.freq[k]!) ? median : Math.log(entries.freq[k]! / total)

  // The root's children are found by code unit directly; deeper edges in a hash table of (node, unit, child)
  // triples side by side, so that a probe reads one cache line. At most one node per code unit besides the root,
  // so the table never fills (jieba's dictionary half fills it).
  const rootChild = shared(Int32Array, 0x10000)
  let size = 2
  while (size <= units) size *= 2
  const { mask, shift } = sizes(size)
  const table = shared(Int32Array, size * 3).fill(-1)
  // Each node's word weight, NaN where no word ends.
  const weight = shared(Float64Array, units + 1).fill(Number.NaN)
  // Adjacent pairs of code units inside words, as a set of first << 16 | second, 0 marking an empty slot (the pair
  // of two U+0000 is then always found: a look-up that is only ever conservative).
  const pairs = shared(Uint32Array, size)
  // Where a word of two or more units ends: what !isNaN(weight) says for such nodes, kept as a byte per node
  // because longestAt asks it at every position it walks, and a byte array stays in cache.
  const terminal = shared(Uint8Array, units + 1)
  let nodes = 1
  for (let k = 0; k < count; k++) {
    const text = texts[entries.text[k]!]!
    const start = entries.start[k]!
    const end = entries.end[k]!
    for (let i = start + 1; i < end; i++) {
      const key = pairKey(text, i)
      pairs[pairSlot(pairs, mask, shift, key)] = key
    }
    const first = text.charCodeAt(start)
    let node = rootChild[first] || (rootChild[first] = nodes++)
    for (let i = start + 1; i < end; i++) {
      const at = slot(table, mask, node, text.charCodeAt(i))
      if (table[at] === -1) {
        table[at] = node
        table[at + 1] = text.charCodeAt(i)
        table[at + 2] = nodes++
      }
      node = table[at + 2]!
    }
    if (end - start >= 2) terminal[node] = 1
    weight[node] = weights[k]!
  }
  return { maxLength, minWeight, reach, rootChild, table, weight, terminal, pairs }
}

/** An array over shared memory: the worker threads of a run share one lexicon (see prestart.ts). */
const shared = <A>(Array: { new (buffer: SharedArrayBuffer): A; readonly BYTES_PER_ELEMENT: number }, length: number): A =>
  new Array(new SharedArrayBuffer(length * Array.BYTES_PER_ELEMENT))

/** The slot of edge (node, unit) in the table (of mask + 1 slots), or of the empty slot where it would go. */
const slot = (table: Int32Array, mask: number, node: number, unit: number): number => {
  let h = (Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & mask
  while (table[h * 3] !== -1 && (table[h * 3] !== node || table[h * 3 + 1] !== unit)) h = (h + 1) & mask
  return h * 3
}

/**
 * The slot of a pair key in the pair set (of mask + 1 slots, 2 ** (32 - shift)), hashed by the product's top bits,
 * which depend on both units.
 */
const pairSlot = (pairs: Uint32Array, mask: number, shift: number, key: number): number => {
  let h = Math.imul(key, 0x9e3779b1) >>> shift
  while (pairs[h] !== 0 && pairs[h] !== key) h = (h + 1) & mask
  return h
}

/** The mask and hash shift of the edge table and the pair set, both of `size` slots (a power of two). */
const sizes = (size: number) => ({ mask: size - 1, shift: 32 - Math.log2(size) })

const pairKey = (text: string, i: number): number => ((text.charCodeAt(i - 1) << 16) | text.charCodeAt(i)) >>> 0

/** The lexicon over its tables (built here or in another thread). */
export const lexiconOf = (tables: LexiconTables): Lexicon => {
  const { maxLength, minWeight, reach, rootChild, table, weight, terminal, pairs } = tables
  const { mask, shift } = sizes(pairs.length)
  const longestAt = (text: string, i: number): number => {
    let node = rootChild[text.charCodeAt(i)]!
    if (node === 0) return 0
    let best = 0
    const stop = Math.min(text.length, i + maxLength)
    for (let k = i + 1; k < stop; k++) {
      const at = slot(table, mask, node, text.charCodeAt(k))
      if (table[at] === -1) break
      node = table[at + 2]!
      if (terminal[node] === 1) best = k - i + 1
    }
    return best
  }
  const joins = (text: string, pos: number): boolean => {
    const key = pairKey(text, pos)
    return pairs[pairSlot(pairs, mask, shift, key)] === key
  }

  // cppjieba's MPSegment: from the last character back, the best weight of the rest of the stretch from each
  // position, over the words starting there (the character alone first, then longer words); the first best wins.
  let best = new Float64Array(256)
  let length = new Int32Array(256)
  const bestPath = (text: string, from: number, to: number, ends: Array<number>): boolean => {
    const n = to - from
    if (best.length <= n) {
      best = new Float64Array(n * 2 + 1)
      length = new Int32Array(n * 2 + 1)
    }
    best[n] = 0
    for (let i = n - 1; i >= 0; i--) {
      const unit = text.charCodeAt(from + i)
      if (unit >= 0xd800 && unit <= 0xdfff) return false
      let node = rootChild[unit]!
      let top = MIN_DOUBLE
      let chosen = 1
      const alone = node === 0 || Number.isNaN(weight[node]!) ? minWeight : weight[node]!
      // cppjieba adds the rest's weight, then the word's: (0 + rest) + word.
      let value = best[i + 1]! + alone
      if (value > top) top = value
      const stop = Math.min(n, i + MAX_WORD_LENGTH)
      for (let j = i + 1; j < stop && node !== 0; j++) {
        const at = slot(table, mask, node, text.charCodeAt(from + j))
        if (table[at] === -1) break
        node = table[at + 2]!
        const w = weight[node]!
        if (Number.isNaN(w)) continue
        value = best[j + 1]! + w
        if (top > MIN_DOUBLE && Math.abs(value - top) <= TIE * Math.max(1, Math.abs(top))) return false
        if (value > top) {
          top = value
          chosen = j - i + 1
        }
      }
      best[i] = top
      length[i] = chosen
    }
    for (let i = 0; i < n; i += length[i]!) ends.push(from + i + length[i]!)
    return true
  }
  return { maxLength, reach, longestAt, joins, bestPath }
}

export const buildLexicon = (dictionary: string, userDictionaries: ReadonlyArray<string> = []): Lexicon =>
  lexiconOf(buildLexiconTables(dictionary, userDictionaries))

/**
 * The tables of jieba's dictionary file and user dictionary files, as jieba loads them: read back from the cache
 * (cache.ts) when it has them for these very bytes, else built and cached.
 */
export const loadLexiconTables = (dictionary: string, userDictionaries: ReadonlyArray<string>): LexiconTables => {
  const files = [dictionary, ...userDictionaries].map((f) => fs.readFileSync(f))
  const name = entryName("lexicon", files)
  const cached = readEntry(name, (size) => new Uint8Array(new SharedArrayBuffer(size)))
  const fromCache = cached === undefined ? undefined : tablesFromBytes(cached)
  if (fromCache !== undefined) return fromCache
  const decoder = new TextDecoder()
  const tables = buildLexiconTables(decoder.decode(files[0]), files.slice(1).map((f) => decoder.decode(f)))
  writeEntry(name, tablesToBytes(tables), 4)
  return tables
}

type ArrayName = "reach" | "rootChild" | "table" | "weight" | "terminal" | "pairs"
interface View {
  new (buffer: ArrayBufferLike, offset: number, length: number): ArrayBufferView & { readonly length: number }
  readonly BYTES_PER_ELEMENT: number
}
/** The tables' arrays, in the order they are written. */
const ARRAYS: ReadonlyArray<readonly [ArrayName, View]> = [
  ["reach", Uint8Array],
  ["rootChild", Int32Array],
  ["table", Int32Array],
  ["weight", Float64Array],
  ["terminal", Uint8Array],
  ["pairs", Uint32Array]
]
const MAGIC = "clausetag lexicon\n"

/**
 * The tables as bytes: a line naming them, the length of a JSON header and the header (the numbers, and each
 * array's offset and length), then the arrays, each at a multiple of 8 bytes.
 */
export const tablesToBytes = (tables: LexiconTables): Array<Uint8Array> => {
  const places: Record<string, [number, number]> = {}
  let offset = 0
  for (const [name] of ARRAYS) {
    places[name] = [offset, tables[name].length]
    offset += align(tables[name].byteLength)
  }
  const header = new TextEncoder().encode(JSON.stringify({ maxLength: tables.maxLength, minWeight: tables.minWeight, places }))
  const start = align(MAGIC.length + 4 + header.length)
  const head = new Uint8Array(start)
  head.set(new TextEncoder().encode(MAGIC))
  new DataView(head.buffer).setUint32(MAGIC.length, header.length, true)
  head.set(header, MAGIC.length + 4)
  const parts: Array<Uint8Array> = [head]
  for (const [name] of ARRAYS) {
    const a = tables[name]
    parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(align(a.byteLength) - a.byteLength))
  }
  return parts
}

/** The tables `tablesToBytes` wrote, as views into `bytes` (shared memory, if it is); undefined if they do not check. */
export const tablesFromBytes = (bytes: Uint8Array): LexiconTables | undefined => {
  try {
    if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) return undefined
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const length = view.getUint32(MAGIC.length, true)
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length))) as {
      maxLength: number
      minWeight: number
      places: Record<ArrayName, [number, number]>
    }
    const start = bytes.byteOffset + align(MAGIC.length + 4 + length)
    const arrays = {} as Record<ArrayName, ArrayBufferView & { length: number }>
    for (const [name, View] of ARRAYS) {
      const [offset, count] = header.places[name]
      if (start + offset + count * View.BYTES_PER_ELEMENT > bytes.byteOffset + bytes.byteLength) return undefined
      arrays[name] = new View(bytes.buffer, start + offset, count)
    }
    const tables = { maxLength: header.maxLength, minWeight: header.minWeight, ...arrays } as unknown as LexiconTables
    const size = tables.pairs.length
    const consistent =
      tables.reach.length === 0x10000 &&
      tables.rootChild.length === 0x10000 &&
      size > 0 &&
      (size & (size - 1)) === 0 &&
      tables.table.length === size * 3 &&
      tables.weight.length === tables.terminal.length &&
      Number.isInteger(tables.maxLength) &&
      Number.isFinite(tables.minWeight)
    return consistent ? tables : undefined
  } catch {
    return undefined
  }
}

const align = (n: number): number => (n + 7) & ~7
