// Matching a clause against the compiled rules (compile.ts) in a thread's working memory (memory.ts). The clause is
// scanned once; each occurrence is routed through postings to the rules it can start: rules with that term in
// `any`, or in their anchor group (the `all` group of longest, rarest terms). Only those candidates are evaluated,
// against the clause's own few occurrences, so the cost of matching follows what the clause contains, not the size
// of the rule set; and a clause with no candidate is never segmented, since only candidates ask where words begin
// and end.
import { doubled, scan } from "./automaton.js"
import { ANY, compileRules, type CompiledRules } from "./compile.js"
import { applyYields, evaluateRule } from "./evaluate.js"
import { expandLists } from "./lists.js"
import { WorkingMemory, type Matcher } from "./memory.js"
import type { Fired, MatchResult, NearMiss } from "./result.js"
import type { RuleSet } from "../rules/decode.js"
import type { Words } from "../segment/tokens.js"

export type { CompiledRule, CompiledRules } from "./compile.js"
export type { Matcher } from "./memory.js"
export type { Evidence, Fired, MatchResult, NearMiss } from "./result.js"

/** A matcher over `compiled` with working memory of its own (one per thread). */
export const matcherOf = (compiled: CompiledRules): Matcher => ({ compiled, memory: new WorkingMemory(compiled.rules.length) })

export const compile = (ruleSet: RuleSet): Matcher => matcherOf(compileRules(ruleSet))

const NONE: ReadonlyArray<never> = []

/**
 * Matches one normalized clause; `words` is asked for only when a candidate rule needs word boundaries. With
 * `thorough`, every rule using a term found is evaluated, so near misses are reported too. Rules fire in rule order.
 */
export const matchText = (matcher: Matcher, text: string, words: Words, thorough = false): MatchResult => {
  const { compiled: m, memory } = matcher
  const hits = memory.hits
  scan(m.automaton, text, hits)
  if (m.lists !== undefined && text.indexOf("、") >= 0) expandLists(m.lists, text, hits, memory)
  const seq = (memory.seq = (memory.seq + 1) | 0)
  let count = 0
  for (let k = 0; k < m.regexOnly.length; k++) count = wake(memory, m.regexOnly[k]!, seq, count)
  const postings = thorough ? m.users : m.anchors
  for (let i = 0; i < hits.count; i++) {
    const rules = postings[hits.pattern[i]!]!
    for (let k = 0; k < rules.length; k++) count = wake(memory, rules[k]!, seq, count)
  }
  if (count === 0) return { fired: NONE, nearMisses: NONE }
  const { stamp, candidates } = memory

  // Each candidate's occurrences, as a list per rule (hit and slot, in hit order), and which of its conditions they
  // could satisfy: found without allocating and before asking where words begin and end, so that only a rule that
  // could fire has its occurrences checked for word alignment (which segments).
  let used = 0
  let entries = memory.entries
  const { any, groups, head, tail } = memory
  memory.excludedCount = 0
  for (let i = 0; i < hits.count; i++) {
    const pattern = hits.pattern[i]!
    if (m.excluding[pattern] === 1) {
      if (memory.excludedCount === memory.excluded.length) memory.excluded = doubled(memory.excluded)
      memory.excluded[memory.excludedCount++] = i
    }
    const uses = m.uses[pattern]!
    for (let k = 0; k < uses.length; k += 2) {
      const r = uses[k]!
      if (stamp[r] !== seq) continue
      const slot = uses[k + 1]!
      if (slot === ANY) any[r] = 1
      else groups[r]! |= 1 << Math.min(slot, 30)
      if (used * 3 === entries.length) entries = memory.entries = doubled(entries)
      const e = used++
      entries[e * 3] = i
      entries[e * 3 + 1] = slot
      entries[e * 3 + 2] = -1
      if (head[r] === -1) head[r] = e
      else entries[tail[r]! * 3 + 2] = e
      tail[r] = e
    }
  }
  if (memory.aligned.length < hits.count) memory.aligned = new Int8Array(hits.pattern.length)
  memory.aligned.fill(0, 0, hits.count)

  let fired: Array<Fired> | undefined
  let nearMisses: Array<NearMiss> | undefined
  for (let c = 0; c < count; c++) {
    const index = candidates[c]!
    const satisfied = (m.needsAny[index] === 0 || any[index] === 1) && groups[index] === m.groupMask[index]
    if (!satisfied && !thorough) continue
    const rule = m.rules[index]!
    const outcome = evaluateRule(matcher, rule, head[index]!, text, words, thorough, seq)
    if (typeof outcome === "string") {
      if (outcome !== "") (nearMisses ??= []).push({ rule, reason: outcome })
    } else (fired ??= []).push({ rule, evidence: outcome })
  }
  if (fired !== undefined && m.yields) fired = applyYields(matcher, fired, text, seq, thorough ? (nearMisses ??= []) : undefined)
  return { fired: fired ?? NONE, nearMisses: nearMisses ?? NONE }
}

/** Makes rule `r` a candidate of the clause `seq` (once), keeping candidates ascending; returns their count. */
const wake = (memory: WorkingMemory, r: number, seq: number, count: number): number => {
  if (memory.stamp[r] === seq) return count
  memory.stamp[r] = seq
  memory.any[r] = 0
  memory.groups[r] = 0
  memory.head[r] = -1
  const { candidates } = memory
  let k = count
  while (k > 0 && candidates[k - 1]! > r) candidates[k] = candidates[--k]!
  candidates[k] = r
  return count + 1
}
