// Evaluating one candidate rule against the clause's occurrences of its terms: word alignment (asked lazily, as it
// segments), exclusions, `all` windows and the regex, over the whole clause or, for a rule with `scope: subclause`,
// sub-clause by sub-clause; then precedence between the rules that fired (`yields_to`).
import { ANY, type CompiledRule } from "./compile.js"
import type { Matcher, WorkingMemory } from "./memory.js"
import type { Evidence, Fired, NearMiss } from "./result.js"
import { separatorsOf, subclauseAt, subclauseEnd, subclauseStart } from "./scope.js"
import type { Words } from "../segment/tokens.js"
import { closestWindow, evidenceOf } from "./window.js"

/** Marks an occurrence that is not word-aligned in a rule's list. */
const SKIP = -2

/** Whether hit `i` of the working memory stands on word boundaries (asked once per hit, segmenting lazily). */
const isAligned = (memory: WorkingMemory, words: Words, i: number): boolean => {
  const { aligned, hits } = memory
  if (aligned[i] === 0) aligned[i] = words.isWordAligned(hits.start[i]!, hits.end[i]!) ? 1 : -1
  return aligned[i] === 1
}

/**
 * The first hit in [lo, hi) of one of the rule's exclusions, or -1. A `none` term counts unless it straddles a word
 * boundary (化债 across 法治化|债转股 or 强化|债务): on boundaries, a word's tail, or inside one word (地方债 in 地方债券);
 * a `none_substring` term counts wherever it occurs.
 */
const vetoOf = (matcher: Matcher, rule: CompiledRule, words: Words, lo: number, hi: number): number => {
  if (rule.exclusions.size === 0) return -1
  const { memory } = matcher
  const { excluded, excludedCount, hits } = memory
  for (let k = 0; k < excludedCount; k++) {
    const i = excluded[k]!
    const pattern = hits.pattern[i]!
    if (!rule.exclusions.has(pattern) || hits.start[i]! < lo || hits.end[i]! > hi) continue
    if (rule.substrings.has(pattern) || isAligned(memory, words, i) || words.wordSpan(hits.start[i]!, hits.end[i]!) === 1) return i
  }
  return -1
}

const vetoed = (matcher: Matcher, hit: number): string => `vetoed by exclusion 「${matcher.compiled.terms[matcher.memory.hits.pattern[hit]!]}」`

/** The evidence for a rule, or why it does not fire ("" when nothing of it was seen or not `thorough`). */
export const evaluateRule = (
  matcher: Matcher,
  rule: CompiledRule,
  head: number,
  text: string,
  words: Words,
  thorough: boolean,
  seq: number
): ReadonlyArray<Evidence> | string => {
  const { memory } = matcher
  if (!rule.subclause) {
    // An exclusion vetoes whatever the rest finds; checked first, it spares evaluating for nothing.
    const veto = memory.excludedCount > 0 ? vetoOf(matcher, rule, words, 0, text.length) : -1
    if (veto >= 0 && !thorough) return ""
    const outcome = evaluate(matcher, rule, head, text, words, thorough, 0, text.length)
    return veto >= 0 && typeof outcome !== "string" ? vetoed(matcher, veto) : outcome
  }
  separatorsOf(memory, text, seq)
  const { entries, hits } = memory
  let first = memory.separatorCount
  let last = 0
  for (let e = head; e !== -1; e = entries[e * 3 + 2]!) {
    const s = subclauseAt(memory, hits.start[entries[e * 3]!]!)
    if (s < first) first = s
    if (s > last) last = s
  }
  if (head === -1) {
    // A lone regex: every sub-clause.
    first = 0
    last = memory.separatorCount
  }
  let evidence: Array<Evidence> | undefined
  let reason = ""
  for (let s = first; s <= last; s++) {
    const lo = subclauseStart(memory, s)
    const hi = subclauseEnd(memory, s, text.length)
    const outcome = evaluate(matcher, rule, head, text, words, thorough, lo, hi)
    if (typeof outcome === "string") {
      if (reason === "" && outcome !== "") reason = `in sub-clause ${s + 1}, ${outcome}`
      continue
    }
    const veto = memory.excludedCount > 0 ? vetoOf(matcher, rule, words, lo, hi) : -1
    if (veto >= 0) {
      if (thorough && reason === "") reason = `in sub-clause ${s + 1}, ${vetoed(matcher, veto)}`
      continue
    }
    if (evidence === undefined) evidence = outcome
    else for (const x of outcome) evidence.push(x)
  }
  return evidence ?? reason
}

/**
 * The evidence for a rule's positive conditions among its occurrences in [lo, hi), or why they fail: "" when nothing
 * of the rule was seen, and a reason only when `explain` (thorough) will show it. `head` starts the rule's list of
 * occurrences.
 */
const evaluate = (
  matcher: Matcher,
  rule: CompiledRule,
  head: number,
  text: string,
  words: Words,
  thorough: boolean,
  lo: number,
  hi: number
): Array<Evidence> | string => {
  const { memory } = matcher
  const { entries, hits } = memory
  // The word-aligned occurrences: which groups they cover, and whether `any` has one.
  let anySeen = false
  let groupsSeen = 0
  for (let e = head; e !== -1; e = entries[e * 3 + 2]!) {
    const h = entries[e * 3]!
    if (hits.start[h]! < lo || hits.end[h]! > hi) continue
    if (!isAligned(memory, words, h)) {
      entries[e * 3 + 1] = SKIP
      continue
    }
    const slot = entries[e * 3 + 1]!
    if (slot === ANY) anySeen = true
    else groupsSeen |= 1 << Math.min(slot, 30)
  }
  if (rule.any.length > 0 && !anySeen) return ""
  const evidence: Array<Evidence> = []
  for (let e = head; e !== -1; e = entries[e * 3 + 2]!) {
    const h = entries[e * 3]!
    if (entries[e * 3 + 1] === ANY && hits.start[h]! >= lo && hits.end[h]! <= hi) evidence.push(evidenceOf(matcher, h))
  }
  if (rule.all.length > 0) {
    let satisfied = 0
    for (let g = 0; g < rule.all.length; g++) if ((groupsSeen & (1 << Math.min(g, 30))) !== 0) satisfied++
    if (satisfied < rule.all.length) return satisfied === 0 || !thorough ? "" : `all: ${satisfied} of ${rule.all.length} groups present`
    const window = closestWindow(matcher, rule, head, words, thorough, lo, hi)
    if (typeof window === "string") return window
    for (const e of window) evidence.push(e)
  }
  if (rule.regex !== undefined) {
    const whole = lo === 0 && hi === text.length
    const found = rule.regex.exec(whole ? text : text.slice(lo, hi))
    if (found === null) return evidence.length > 0 && thorough ? "regex did not match" : ""
    evidence.push({ term: found[0], start: lo + found.index, end: lo + found.index + found[0].length })
  }
  return evidence
}

/**
 * `yields_to`: a rule's evidence in a sub-clause where a rule of a category it yields to also has evidence is given
 * up; a rule left with none does not fire (债贷结合 beside 专项债 is the special bonds', not an enterprise bond).
 */
export const applyYields = (
  matcher: Matcher,
  fired: ReadonlyArray<Fired>,
  text: string,
  seq: number,
  nearMisses: Array<NearMiss> | undefined
): Array<Fired> => {
  const { memory } = matcher
  const out: Array<Fired> = []
  for (const f of fired) {
    if (f.rule.yieldsTo.length === 0) {
      out.push(f)
      continue
    }
    separatorsOf(memory, text, seq)
    let winner: Fired | undefined
    const kept = f.evidence.filter((e) => {
      const s = subclauseAt(memory, e.start)
      const other = fired.find((o) => o !== f && f.rule.yieldsTo.includes(o.rule.category) && o.evidence.some((x) => subclauseAt(memory, x.start) === s))
      winner ??= other
      return other === undefined
    })
    if (kept.length === f.evidence.length) out.push(f)
    else if (kept.length > 0) out.push({ rule: f.rule, evidence: kept })
    else nearMisses?.push({ rule: f.rule, reason: `yields to ${winner!.rule.category} (${winner!.rule.id} fired in the same sub-clause)` })
  }
  return out
}
