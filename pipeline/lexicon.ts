// jieba's dictionary words, held in JavaScript to tell where jieba must put a word boundary without asking it.
// jieba (HMM off) takes the most probable path through the words its dictionary has at each position. A position
// that no dictionary word crosses is on every such path, and the path before it does not depend on the text after
// it: the text between two such positions cuts the same alone as inside its clause (a test checks this on every
// seed and gold clause). A term whose both ends are such positions is word-aligned with no segmentation at all,
// and any other term needs only the few characters between the nearest such positions cut, not its clause.
//
// The words live in a trie: the root's children in a table by code unit, deeper edges in one open-addressing hash
// table over (node, code unit): about 13 MB for jieba's 350,000 words, built in a fraction of a second. Words of
// one code unit are left out: they cross nothing.
import * as fs from "node:fs"

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
}

/**
 * The words of jieba-format dictionaries, the first field of each line (`word [freq] [tag]`), as cppjieba reads both
 * its dictionary and user dictionaries. A word kept here that jieba did not load (from a malformed line) only makes
 * fewer positions certain, never a wrong one. Read in place, without splitting the 5 MB dictionary into lines.
 */
export const buildLexicon = (dictionaries: ReadonlyArray<string>): Lexicon => {
  // Each word as [start, end) in its dictionary's text.
  const eachWord = (f: (text: string, start: number, end: number) => void) => {
    for (const text of dictionaries) {
      for (let at = 0; at < text.length; ) {
        let end = at
        for (let c = text.charCodeAt(end); end < text.length && c !== 32 && c !== 10 && c !== 13; c = text.charCodeAt(++end));
        if (end - at >= 2) f(text, at, end)
        const newline = text.indexOf("\n", end)
        at = newline < 0 ? text.length : newline + 1
      }
    }
  }
  let units = 0
  let maxLength = 0
  const reach = new Uint8Array(0x10000)
  eachWord((text, start, end) => {
    units += end - start
    maxLength = Math.max(maxLength, end - start)
    const first = text.charCodeAt(start)
    reach[first] = Math.max(reach[first]!, Math.min(end - start, 255))
  })
  // The root's children are found by code unit directly; deeper edges in a hash table of (node, unit, child)
  // triples side by side, so that a probe reads one cache line. At most one node per code unit besides the root,
  // so the table never fills (jieba's dictionary half fills it).
  const rootChild = new Int32Array(0x10000)
  let size = 2
  while (size <= units) size *= 2
  const mask = size - 1
  const table = new Int32Array(size * 3).fill(-1)
  let nodes = 1

  /** The slot of edge (node, unit), or of the empty slot where it would go. */
  const slot = (node: number, unit: number): number => {
    let h = (Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & mask
    while (table[h * 3] !== -1 && (table[h * 3] !== node || table[h * 3 + 1] !== unit)) h = (h + 1) & mask
    return h * 3
  }
  // Adjacent pairs of code units inside words, as a set of first << 16 | second, 0 marking an empty slot (the pair
  // of two U+0000 is then always found: a look-up that is only ever conservative). Hashed by the product's top
  // bits, which depend on both units.
  const pairs = new Uint32Array(size)
  const shift = 32 - Math.log2(size)
  const pairSlot = (key: number): number => {
    let h = Math.imul(key, 0x9e3779b1) >>> shift
    while (pairs[h] !== 0 && pairs[h] !== key) h = (h + 1) & mask
    return h
  }
  const pairKey = (text: string, i: number): number => ((text.charCodeAt(i - 1) << 16) | text.charCodeAt(i)) >>> 0
  const terminal = new Uint8Array(units + 1)
  eachWord((text, start, end) => {
    for (let i = start + 1; i < end; i++) {
      const key = pairKey(text, i)
      pairs[pairSlot(key)] = key
    }
    const first = text.charCodeAt(start)
    let node = rootChild[first] || (rootChild[first] = nodes++)
    for (let i = start + 1; i < end; i++) {
      const at = slot(node, text.charCodeAt(i))
      if (table[at] === -1) {
        table[at] = node
        table[at + 1] = text.charCodeAt(i)
        table[at + 2] = nodes++
      }
      node = table[at + 2]!
    }
    terminal[node] = 1
  })

  const longestAt = (text: string, i: number): number => {
    let node = rootChild[text.charCodeAt(i)]!
    if (node === 0) return 0
    let best = 0
    const stop = Math.min(text.length, i + maxLength)
    for (let k = i + 1; k < stop; k++) {
      const at = slot(node, text.charCodeAt(k))
      if (table[at] === -1) break
      node = table[at + 2]!
      if (terminal[node] === 1) best = k - i + 1
    }
    return best
  }
  const joins = (text: string, pos: number): boolean => {
    const key = pairKey(text, pos)
    return pairs[pairSlot(key)] === key
  }
  return { maxLength, reach, longestAt, joins }
}

/** The lexicon of the dictionary files jieba loaded. */
export const loadLexicon = (files: ReadonlyArray<string>): Lexicon => buildLexicon(files.map((f) => fs.readFileSync(f, "utf8")))
