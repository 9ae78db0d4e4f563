// jieba's cut of a stretch of text, computed from the lexicon's tables: cppjieba's most probable path (MPSegment,
// HMM off) over the same words and weights, which gives nodejieba's words (tested against it), or declines where
// the answer could differ from jieba's own. Its scratch arrays live in the closure and grow as needed, one pair
// per lexicon, so a cut allocates nothing.
import { slot, sizes, type LexiconTables } from "./trie.js"

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
 * `bestPath` over `tables`: jieba's most probable path (HMM off) through `text` from `from` to `to`, a stretch with
 * no separator in it, pushing the end of each word onto `ends` and returning true; or false, pushing nothing, where
 * the answer could differ from jieba's own.
 */
export const pathCut = (tables: LexiconTables): ((text: string, from: number, to: number, ends: Array<number>) => boolean) => {
  const { rootChild, table, weight, minWeight } = tables
  const { mask } = sizes(tables.pairs.length)
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
  return bestPath
}
