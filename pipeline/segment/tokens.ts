// Where jieba's words begin and end. Matching asks two questions: is this position a word boundary, and do these
// two positions fall inside the same word. Word ends are kept as a small sorted array and searched, which costs
// less per clause than an array as long as the text.
import type { Lexicon } from "./lexicon.js"

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

/** What word boundaries are computed from: jieba's cut, and the lexicon of its dictionaries. */
export interface WordSource {
  readonly cut: (text: string) => ReadonlyArray<string>
  readonly lexicon: Lexicon
}

/** Word boundaries of a text, computed lazily: from the lexicon where it decides, else by cutting a few characters. */
export interface Words {
  readonly isWordAligned: (start: number, end: number) => boolean
  readonly wordSpan: (start: number, end: number) => number
  /** The whole text's words (segments it entirely). */
  readonly all: () => Tokens
}

/**
 * Per position of the text being asked about (per thread, valid where `stamp` is the text's id): the longest word
 * there, and whether the position is certain (1) or not (2), 0 when not yet known.
 */
let longest = new Int32Array(256)
let sure = new Uint8Array(256)
let stamp = new Int32Array(256)
let texts = 0

/** The words of `text`, known lazily (see LazyWords). */
export const lazyWords = (text: string, source: WordSource): Words => new LazyWords(text, source)

/**
 * One per clause, so an object with methods rather than closures over the text (nine of them per clause were an
 * eighth of the garbage labeling made).
 */
class LazyWords implements Words {
  private whole: Tokens | undefined = undefined
  /** Pieces cut so far, each between two certain positions. */
  private pieces: Array<{ readonly offset: number; readonly end: number; readonly tokens: Tokens }> | undefined = undefined
  private readonly id: number

  constructor(
    private readonly text: string,
    private readonly source: WordSource
  ) {
    if (++texts === 0x7fffffff) {
      texts = 1
      stamp.fill(0)
    }
    this.id = texts
    if (longest.length <= text.length) {
      longest = new Int32Array(text.length * 2 + 1)
      sure = new Uint8Array(text.length * 2 + 1)
      stamp = new Int32Array(text.length * 2 + 1)
    }
  }

  all(): Tokens {
    return (this.whole ??= tokensOf(this.text, this.source.cut(this.text)))
  }

  isWordAligned(start: number, end: number): boolean {
    if (this.whole !== undefined) return isWordAligned(this.whole, start, end)
    if (this.certain(start) && this.certain(end)) return true
    const p = this.pieceOf(start, end)
    return isWordAligned(p.tokens, start - p.offset, end - p.offset)
  }

  wordSpan(start: number, end: number): number {
    if (this.whole !== undefined || end <= start) return wordSpan(this.all(), start, end)
    // Between two certain positions the cut is the whole clause's, so a piece counts the words as the whole would.
    const p = this.pieceOf(start, end)
    return wordSpan(p.tokens, start - p.offset, end - p.offset)
  }

  private known(i: number): void {
    if (stamp[i] === this.id) return
    stamp[i] = this.id
    longest[i] = -1
    sure[i] = 0
  }

  private longestAt(i: number): number {
    this.known(i)
    if (longest[i] === -1) longest[i] = this.source.lexicon.longestAt(this.text, i)
    return longest[i]!
  }

  /** No dictionary word crosses position `pos`: jieba cuts there, whatever the text around. */
  private certain(pos: number): boolean {
    if (pos <= 0 || pos >= this.text.length) return true
    this.known(pos)
    if (sure[pos] === 0) sure[pos] = this.crossed(pos) ? 2 : 1
    return sure[pos] === 1
  }

  private crossed(pos: number): boolean {
    const { text } = this
    const { lexicon } = this.source
    const unit = text.charCodeAt(pos)
    if (unit >= 0xdc00 && unit <= 0xdfff) return true // inside a surrogate pair, one character to jieba
    if (!lexicon.joins(text, pos)) return false
    for (let i = pos - 1; i >= 0 && i > pos - lexicon.maxLength; i--) {
      if (i + lexicon.reach[text.charCodeAt(i)]! > pos && i + this.longestAt(i) > pos) return true
    }
    return false
  }

  private pieceOf(start: number, end: number) {
    for (const p of (this.pieces ??= [])) if (p.offset <= start && end <= p.end) return p
    let a = start
    while (!this.certain(a)) a--
    let b = end
    while (!this.certain(b)) b++
    const piece = this.text.slice(a, b)
    const p = { offset: a, end: b, tokens: tokensOf(piece, this.source.cut(piece)) }
    this.pieces.push(p)
    return p
  }
}
