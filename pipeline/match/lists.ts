// Lists: a head noun written once for a whole 、-list counts for every member. 降低企业用能、融资、物流等成本 speaks of
// 融资成本, and 科技、绿色、普惠金融 of 科技金融 and 绿色金融. A rule with `lists: true` has, beside each term of three
// characters or more, the term's list form: for each way of cutting the term into a prefix and a head of two
// characters or more, the head joins the automaton, and where it occurs after a 、-list one of whose members ends
// with the prefix, the list form is found there, spanning from the prefix to the head. The forms are found only
// from heads the scan reported, and only when some rule asks for lists.
import { pushHit, type HitBuffer } from "./automaton.js"

/** The part of a thread's working memory (memory.ts) lists use: room for a list's members. */
interface Room {
  members: Int32Array
}

/** For each scanned term that is a head: its forms, `formTerm`/`formPrefix` [headStart[t], headStart[t + 1]). */
export interface ListTable {
  readonly headStart: Int32Array
  /** The list form's term id. */
  readonly formTerm: Int32Array
  readonly formPrefix: ReadonlyArray<string>
}

/** The cuts of a term into a prefix and a head of two characters or more. */
export const splitsOf = (term: string): Array<{ readonly prefix: string; readonly head: string }> => {
  const out: Array<{ prefix: string; head: string }> = []
  for (let k = 1; k <= term.length - 2; k++) {
    const unit = term.charCodeAt(k)
    if (unit >= 0xdc00 && unit <= 0xdfff) continue
    out.push({ prefix: term.slice(0, k), head: term.slice(k) })
  }
  return out
}

export const listTable = (scanned: number, forms: ReadonlyArray<{ readonly head: number; readonly form: number; readonly prefix: string }>): ListTable => {
  const sorted = [...forms].sort((a, b) => a.head - b.head || a.form - b.form)
  const headStart = new Int32Array(scanned + 1)
  for (const f of sorted) headStart[f.head + 1]!++
  for (let t = 0; t < scanned; t++) headStart[t + 1]! += headStart[t]!
  return { headStart, formTerm: Int32Array.from(sorted, (f) => f.form), formPrefix: sorted.map((f) => f.prefix) }
}

/** Longest list member looked at (longer text is a clause, not a member), and longest text glued to a head. */
const MEMBER = 8
const GLUED = 4
const COMMA = 0x3001 // 、
const ETC = 0x7b49 // 等

/** Characters no list member holds: sub-clause and sentence punctuation, brackets, quotes, spaces. */
const stops = new Set([..."，；：。！？,;:!?()（）“”‘’\"'《》【】[] "].map((c) => c.charCodeAt(0)))

/**
 * The 、-list that ends just before a head at `at`, into `memory.members` as (start, end) pairs, last member first;
 * returns how many, 0 when there is no list. The last member is kept only when 等 stands between it and the head
 * (融资、物流等成本); glued to the head (绿色、普惠金融) it is the head's own word, found by the scan as it is.
 */
const membersBefore = (text: string, at: number, memory: Room): number => {
  let end = at
  let etc = false
  if (end >= 1 && text.charCodeAt(end - 1) === ETC) {
    etc = true
    end -= end >= 2 && text.charCodeAt(end - 2) === ETC ? 2 : 1
  }
  let count = 0
  let limit = etc ? MEMBER : GLUED
  for (let members = 0; members < 32; members++) {
    let k = end - 1
    while (k >= 0 && end - k <= limit && text.charCodeAt(k) !== COMMA && !stops.has(text.charCodeAt(k))) k--
    const listed = k >= 0 && text.charCodeAt(k) === COMMA
    if (k === end - 1) return members === 0 ? 0 : count // an empty member ends the list
    if (members === 0 && !listed) return 0
    if (members > 0 || etc) {
      if (2 * count + 2 > memory.members.length) {
        const bigger = new Int32Array(memory.members.length * 2)
        bigger.set(memory.members)
        memory.members = bigger
      }
      memory.members[2 * count] = k + 1
      memory.members[2 * count + 1] = end
      count++
    }
    if (!listed) return count
    end = k
    limit = MEMBER
  }
  return count
}

/** Adds the list forms found from the heads among the scanned hits (which stay first, in scan order). */
export const expandLists = (table: ListTable, text: string, hits: HitBuffer, memory: Room): void => {
  const { headStart, formTerm, formPrefix } = table
  const scanned = hits.count
  for (let i = 0; i < scanned; i++) {
    const pattern = hits.pattern[i]!
    const from = headStart[pattern]!
    const to = headStart[pattern + 1]!
    if (from === to) continue
    const count = membersBefore(text, hits.start[i]!, memory)
    for (let f = from; f < to; f++) {
      const prefix = formPrefix[f]!
      for (let k = 0; k < count; k++) {
        const start = memory.members[2 * k]!
        const end = memory.members[2 * k + 1]!
        if (end - start >= prefix.length && text.startsWith(prefix, end - prefix.length)) pushHit(hits, formTerm[f]!, end - prefix.length, hits.end[i]!)
      }
    }
  }
}
