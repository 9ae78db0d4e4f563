// Where jieba's words begin and end, as arrays indexed by code unit. Matching asks two questions of them: is this
// position a word boundary, and do these two positions fall inside the same word.

export interface Tokens {
  readonly words: ReadonlyArray<string>
  /** For each code unit of the text: the index of the word it belongs to. */
  readonly wordOf: Int32Array
}

/**
 * Lays `words` over `text`. jieba returns the text cut into pieces; should a piece ever differ from the text (it
 * must not, but the segmenter is native code), the remainder is treated as one character per word so that
 * matching stays strict rather than silently wrong.
 */
export const tokensOf = (text: string, words: ReadonlyArray<string>): Tokens => {
  const wordOf = new Int32Array(text.length)
  let pos = 0
  let w = 0
  for (; w < words.length && pos < text.length; w++) {
    const word = words[w]!
    if (!text.startsWith(word, pos) || word.length === 0) break
    wordOf.fill(w, pos, pos + word.length)
    pos += word.length
  }
  for (; pos < text.length; pos++, w++) wordOf[pos] = w
  return { words, wordOf }
}

export const isBoundary = (t: Tokens, pos: number): boolean =>
  pos <= 0 || pos >= t.wordOf.length || t.wordOf[pos] !== t.wordOf[pos - 1]

/**
 * A term occurrence [start, end) stands on word boundaries at both ends, or is the tail of a single word: Chinese
 * compounds put their head last, so 债券 inside the word 绿色债券 is a bond, while 负债 at the head of 负债表 and
 * 化债 across 强化|债务 are not the terms they spell.
 */
export const isWordAligned = (t: Tokens, start: number, end: number): boolean =>
  isBoundary(t, end) && (isBoundary(t, start) || t.wordOf[start] === t.wordOf[end - 1])

/** How many words the range [start, end) touches. */
export const wordSpan = (t: Tokens, start: number, end: number): number =>
  end <= start ? 0 : t.wordOf[end - 1]! - t.wordOf[start]! + 1
