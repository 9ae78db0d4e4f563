// jieba's dictionary words and their weights, held in JavaScript: to tell where jieba must put a word boundary
// without cutting, and to cut the rest as jieba does. jieba (HMM off) takes the most probable path through the words
// its dictionary has at each position. A position that no dictionary word crosses is on every such path, and the
// path before it does not depend on the text after it: the text between two such positions cuts the same alone as
// inside its clause (a test checks this on every seed and gold clause). A term whose both ends are such positions
// is word-aligned with no segmentation at all, and any other term needs only the few characters between the nearest
// such positions cut, not its clause. That cut is `bestPath`: cppjieba's own algorithm over the same words and
// weights, which gives nodejieba's words (tested against it), or declines.
//
// Four modules make it: dictionary.ts reads the dictionary files, trie.ts builds the tables (the words in a trie),
// cut.ts cuts a stretch, lexicon-cache.ts keeps the tables in the cache. This one puts the look-ups together.
import { pathCut } from "./cut.js"
import { buildLexiconTables, pairKey, pairSlot, slot, sizes, type LexiconTables } from "./trie.js"

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
   * whose weights are within rounding of each other (cut.ts).
   */
  readonly bestPath: (text: string, from: number, to: number, ends: Array<number>) => boolean
}

/** The lexicon over its tables (built here or in another thread). */
export const lexiconOf = (tables: LexiconTables): Lexicon => {
  const { maxLength, reach, rootChild, table, terminal, pairs } = tables
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
  const bestPath = pathCut(tables)
  return { maxLength, reach, longestAt, joins, bestPath }
}

export const buildLexicon = (dictionary: string, userDictionaries: ReadonlyArray<string> = []): Lexicon =>
  lexiconOf(buildLexiconTables(dictionary, userDictionaries))
