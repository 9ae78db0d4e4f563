// Where jieba's words begin and end. Matching asks two questions: is this position a word boundary, and do these
// two positions fall inside the same word. Word ends are kept as a small sorted array and searched, which costs
// less per clause than an array as long as the text.

export interface Tokens {
  readonly words: ReadonlyArray<string>
  /** The end offset of each word, ascending; the last is the text's length. */
  readonly ends: ReadonlyArray<number>
}

/**
 * Lays `words` over `text`. jieba returns the text cut into pieces; should a piece ever differ from the text (it
 * must not, but the segmenter is native code), the remainder is treated as one character per word so that
 * matching stays strict rather than silently wrong.
 */
export const tokensOf = (text: string, words: ReadonlyArray<string>): Tokens => {
  const ends: Array<number> = []
  let pos = 0
  for (const word of words) {
    if (word.length === 0 || !text.startsWith(word, pos)) break
    pos += word.length
    ends.push(pos)
  }
  while (pos < text.length) ends.push(++pos)
  return { words, ends }
}

/** The index of the word holding code unit `pos`. */
export const wordAt = (t: Tokens, pos: number): number => {
  let lo = 0
  let hi = t.ends.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (t.ends[mid]! > pos) hi = mid
    else lo = mid + 1
  }
  return lo
}

export const isBoundary = (t: Tokens, pos: number): boolean => {
  if (pos <= 0 || pos >= t.ends[t.ends.length - 1]!) return true
  return t.ends[wordAt(t, pos - 1)] === pos
}

/**
 * A term occurrence [start, end) stands on word boundaries at both ends, or is the tail of a single word: Chinese
 * compounds put their head last, so 债券 inside the word 绿色债券 is a bond, while 负债 at the head of 负债表 and
 * 化债 across 强化|债务 are not the terms they spell.
 */
export const isWordAligned = (t: Tokens, start: number, end: number): boolean =>
  isBoundary(t, end) && (isBoundary(t, start) || wordAt(t, start) === wordAt(t, end - 1))

/** How many words the range [start, end) touches. */
export const wordSpan = (t: Tokens, start: number, end: number): number =>
  end <= start ? 0 : wordAt(t, end - 1) - wordAt(t, start) + 1

/**
 * Punctuation and spaces that no dictionary word contains. jieba's maximum-probability cut (HMM off) never puts a
 * word across one of them, so the text between two of them cuts the same alone as inside the clause (a test checks
 * this on every seed and gold clause). Word boundaries are therefore only computed for the stretches that hold a
 * candidate term: the rest of the clause is never segmented.
 */
const SEPARATORS = new Uint8Array(0x10000)
for (const c of ",、;:。()“”《》!?\"'，；：（）！？ \t\n\r\u3000") SEPARATORS[c.charCodeAt(0)] = 1
const isSeparator = (text: string, i: number): boolean => SEPARATORS[text.charCodeAt(i)] === 1

/** Position `pos` is a word boundary whatever the segmenter says: a separator or an edge of the text is beside it. */
const isEdge = (text: string, pos: number): boolean =>
  pos <= 0 || pos >= text.length || isSeparator(text, pos - 1) || isSeparator(text, pos)

/** Word boundaries of a text, segmented lazily, stretch by stretch. */
export interface Words {
  readonly isWordAligned: (start: number, end: number) => boolean
  readonly wordSpan: (start: number, end: number) => number
  /** The whole text's words (segments it entirely). */
  readonly all: () => Tokens
}

export const lazyWords = (text: string, cut: (s: string) => ReadonlyArray<string>): Words => {
  let whole: Tokens | undefined
  const all = () => (whole ??= tokensOf(text, cut(text)))
  const stretches = new Map<number, { readonly offset: number; readonly length: number; readonly tokens: Tokens }>()
  const stretchOf = (start: number, end: number) => {
    let a = start
    while (a > 0 && !isSeparator(text, a - 1)) a--
    let cached = stretches.get(a)
    if (cached === undefined) {
      let b = a
      while (b < text.length && !isSeparator(text, b)) b++
      const piece = text.slice(a, b)
      stretches.set(a, (cached = { offset: a, length: piece.length, tokens: tokensOf(piece, cut(piece)) }))
    }
    // A range that crosses a separator is answered on the whole text.
    return end <= cached.offset + cached.length ? cached : undefined
  }
  return {
    isWordAligned: (start, end) => {
      if (whole !== undefined) return isWordAligned(whole, start, end)
      // Both ends at a separator or an edge of the text: no word can cross them, nothing to segment.
      if (isEdge(text, start) && isEdge(text, end)) return true
      const s = stretchOf(start, end)
      return s === undefined ? isWordAligned(all(), start, end) : isWordAligned(s.tokens, start - s.offset, end - s.offset)
    },
    wordSpan: (start, end) => wordSpan(all(), start, end),
    all
  }
}
