// One clause in, one labeled clause out: normalize, cut into words, match, and map the evidence back to offsets in
// the original text. Pure given the segmenter, so a worker thread, a test and the CLI all run the same code.
import { byCodeUnit, labeledClause, packedMap, type Clause, type LabeledClause, type Match } from "../domain.js"
import { matchText, type Matcher, type MatchResult } from "./matcher.js"
import { normalize, toOriginal, type Normalized } from "./normalize.js"
import { lazyWords, type WordSource, type Words } from "../segment/tokens.js"
import { insertionSort, sortedUnique } from "../sort.js"

export interface Analysis {
  readonly normalized: Normalized
  /** jieba's words, cut only where a candidate term needs them (all of them on `words.all()`). */
  readonly words: Words
  readonly result: MatchResult
}

export interface AnalyzeOptions {
  /** Evaluate rules as soon as any of their terms occurs, so near misses are complete (for explain). */
  readonly thorough?: boolean
  /** The text is in traditional characters: match it converted to simplified. */
  readonly simplify?: boolean
}

export const analyze = (matcher: Matcher, segmenter: WordSource, text: string, options: AnalyzeOptions = {}): Analysis => {
  const normalized = normalize(text, options.simplify)
  const words = lazyWords(normalized.text, segmenter)
  return { normalized, words, result: matchText(matcher, normalized.text, words, options.thorough) }
}

/** `analyze`, then `labelFrom`, without the objects in between (once per clause of the corpus). */
export const labelClause = (matcher: Matcher, segmenter: WordSource, clause: Clause, simplify = false): LabeledClause => {
  const normalized = normalize(clause.text, simplify)
  return labeled(clause, normalized, matchText(matcher, normalized.text, lazyWords(normalized.text, segmenter), false))
}

/** The labeled clause an analysis of its text gives (explain analyzes once and reuses it). */
export const labelFrom = (clause: Clause, { normalized, result }: Analysis): LabeledClause => labeled(clause, normalized, result)

const labeled = (clause: Clause, normalized: Normalized, result: MatchResult): LabeledClause => {
  if (result.fired.length === 0) return labeledClause(clause, [], [])
  const toCodePoints = codePointIndex(clause.text)
  const matches: Array<Match> = packedMap(result.fired, ({ rule, evidence }) => {
    let start = Infinity
    let end = 0
    for (const e of evidence) {
      if (e.start < start) start = e.start
      if (e.end > end) end = e.end
    }
    const [s, e] = toOriginal(normalized, start, end)
    const terms = sortedUnique(packedMap(evidence, (e) => e.term))
    return { category: rule.category, rule: rule.id, terms, start: toCodePoints(s), end: toCodePoints(e) }
  })
  // In place by start, longer first, then rule id (sort.ts: Array.prototype.sort allocates a work array on every call,
  // and this runs for every clause with two matches or more).
  insertionSort(matches, byPlace)
  return labeledClause(clause, sortedUnique(packedMap(matches, (m) => m.category)), matches)
}

const byPlace = (a: Match, b: Match): number => a.start - b.start || b.end - b.start - (a.end - a.start) || byCodeUnit(a.rule, b.rule)

/** UTF-16 offsets to code-point offsets (what Python, R and DuckDB slice by); the identity for BMP-only text. */
const codePointIndex = (text: string): ((utf16: number) => number) => {
  if (!/[\uD800-\uDFFF]/.test(text)) return same
  return (i) => Array.from(text.slice(0, i)).length
}

const same = (i: number): number => i
