// Matching time grows faster than the length of a clause (every occurrence of a term is weighed against the
// others), so one enormous clause, such as a whole report in one JSONL `text`, would take minutes. A clause longer
// than LONG is labeled piece by piece instead, and comes out as one record: the union of its pieces' labels, each
// rule's first match, with offsets into the whole text. Pieces end after a sentence mark or a comma when one is near.
import { byCodeUnit, labeledClause, type CategoryId, type Clause, type LabeledClause, type Match } from "../domain.js"
import { labelClause } from "../match/label.js"
import type { Matcher } from "../match/matcher.js"
import type { WordSource } from "../segment/tokens.js"

/** Clauses up to this many UTF-16 code units are labeled whole (prose clauses are cut at 600 already). */
export const LONG = 4096
const PIECE = 1024
const BREAKS = new Set(["。", "！", "？", "；", "!", "?", ";", "，", ",", "、", "\n"])

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff

/** Where the pieces of `text` end (UTF-16 offsets, the last one text.length); never inside a surrogate pair. */
export const pieceEnds = (text: string, size = PIECE): Array<number> => {
  const ends: Array<number> = []
  let start = 0
  while (text.length - start > size) {
    let cut = start + size
    for (let i = start + size; i > start + size / 2; i--) {
      if (BREAKS.has(text[i - 1]!)) {
        cut = i
        break
      }
    }
    if (isHigh(text.charCodeAt(cut - 1))) cut--
    ends.push(cut)
    start = cut
  }
  ends.push(text.length)
  return ends
}

const codePoints = (text: string, from: number, to: number): number => {
  let n = 0
  for (let i = from; i < to; i++) if (!(isHigh(text.charCodeAt(i)) && i + 1 < to)) n++
  return n
}

const byPlace = (a: Match, b: Match): number => a.start - b.start || b.end - b.start - (a.end - a.start) || byCodeUnit(a.rule, b.rule)

/** `labelClause` for a clause of any length, in time linear in its length. */
export const labelAnyLength = (matcher: Matcher, segmenter: WordSource, clause: Clause, simplify: boolean): LabeledClause => {
  if (clause.text.length <= LONG) return labelClause(matcher, segmenter, clause, simplify)
  const labels = new Set<CategoryId>()
  const matches = new Map<string, Match>()
  let start = 0
  let offset = 0
  for (const end of pieceEnds(clause.text)) {
    const piece = labelClause(matcher, segmenter, { ...clause, text: clause.text.slice(start, end) }, simplify)
    for (const l of piece.labels) labels.add(l)
    for (const m of piece.matches) if (!matches.has(m.rule)) matches.set(m.rule, { ...m, start: m.start + offset, end: m.end + offset })
    offset += codePoints(clause.text, start, end)
    start = end
  }
  return labeledClause(clause, [...labels].sort(byCodeUnit), [...matches.values()].sort(byPlace))
}
