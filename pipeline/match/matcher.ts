// The rule set compiled once into one automaton over all terms. A clause is scanned once; each occurrence is routed
// through postings to the rules it can start: rules with that term in `any`, or in their anchor group (the `all`
// group of longest, rarest terms). Only those candidates are evaluated, against the clause's own few occurrences,
// so the cost of matching follows what the clause contains, not the size of the rule set; and a clause with no
// candidate is never segmented, since only candidates ask where words begin and end.
import { buildAutomaton, doubled, hitBuffer, scan, type Automaton, type HitBuffer } from "./automaton.js"
import type { CategoryId } from "../domain.js"
import { normalize } from "./normalize.js"
import type { RuleSet } from "../rules/decode.js"
import { compileRegex, type RuleRegex } from "../rules/regex.js"
import type { Words } from "../segment/tokens.js"
import { wakeLiterals } from "./wake.js"

export interface CompiledRule {
  readonly id: string
  readonly category: CategoryId
  readonly any: ReadonlyArray<number>
  readonly all: ReadonlyArray<ReadonlyArray<number>>
  readonly within: number | undefined
  readonly withinTokens: number | undefined
  readonly none: ReadonlyArray<number>
  readonly regex: RuleRegex | undefined
  /** For each term the rule uses positively: -1 for `any`, else the `all` groups it belongs to. */
  readonly slots: ReadonlyMap<number, ReadonlyArray<number>>
  readonly exclusions: ReadonlySet<number>
}

export interface Matcher {
  /** Normalized terms; a term's index is its id in the automaton. */
  readonly terms: ReadonlyArray<string>
  readonly automaton: Automaton
  readonly rules: ReadonlyArray<CompiledRule>
  /** For each term: the rules an occurrence of it makes candidates, ascending. */
  readonly anchors: ReadonlyArray<Int32Array>
  /** For each term: every rule that uses it in any way (for `explain`, which also reports near misses). */
  readonly users: ReadonlyArray<Int32Array>
  /** For each term: its positive uses as pairs (rule, slot), slot -1 for `any` and n for `all` group n. */
  readonly uses: ReadonlyArray<Int32Array>
  /** Lone-regex rules whose source gives no literals to wake on: the only ones tried on every clause. */
  readonly regexOnly: ReadonlyArray<number>
  /** Per-thread working memory for matchText, indexed by rule, so matching a clause allocates almost nothing. */
  readonly scratch: {
    seq: number
    readonly stamp: Int32Array
    readonly any: Uint8Array
    readonly groups: Int32Array
    /** Candidate rules of the clause, ascending. */
    readonly candidates: Int32Array
    readonly hits: HitBuffer
    /** Per hit: 0 not yet asked, 1 word-aligned, -1 not. */
    aligned: Int8Array
    /** Per candidate rule, its first and last entry: the list of its occurrences in `entries`. */
    readonly head: Int32Array
    readonly tail: Int32Array
    /** Entries of three: hit, slot (-1 for `any`, n for `all` group n), next entry of the same rule or -1. */
    entries: Int32Array
    /** The hits of terms some rule excludes, and how many. */
    excluded: Int32Array
    excludedCount: number
  }
  /** For each term: 1 when some rule excludes it (`none`). */
  readonly excluding: Uint8Array
  /**
   * For each rule, the conditions a clause's occurrences must cover before it is evaluated: 1 in `needsAny` when it
   * has `any` terms, and in `groupMask` a bit per `all` group (kept apart from the rule objects, for the cache).
   */
  readonly needsAny: Uint8Array
  readonly groupMask: Int32Array
}

const ANY = -1

/** The `all` group whose shortest term is longest: longer terms are rarer, so fewer clauses wake the rule. */
const anchorGroup = (groups: ReadonlyArray<ReadonlyArray<string>>): number => {
  let best = 0
  let bestLength = -1
  groups.forEach((g, i) => {
    const shortest = Math.min(...g.map((t) => t.length))
    if (shortest > bestLength) [best, bestLength] = [i, shortest]
  })
  return best
}

export const compile = (ruleSet: RuleSet): Matcher => {
  const terms: Array<string> = []
  const ids = new Map<string, number>()
  const anchors: Array<Set<number>> = []
  const users: Array<Set<number>> = []
  const termId = (raw: string, rule: number): number => {
    const t = normalize(raw).text
    let id = ids.get(t)
    if (id === undefined) {
      id = terms.length
      ids.set(t, id)
      terms.push(t)
      anchors.push(new Set())
      users.push(new Set())
    }
    users[id]!.add(rule)
    return id
  }
  const rules = ruleSet.rules.map((r, i): CompiledRule => {
    const any = (r.any ?? []).map((t) => termId(t, i))
    const all = (r.all ?? []).map((group) => group.map((t) => termId(t, i)))
    const none = (r.none ?? []).map((t) => termId(t, i))
    const slots = new Map<number, Array<number>>()
    const addSlot = (t: number, slot: number) => slots.set(t, [...(slots.get(t) ?? []), slot])
    any.forEach((t) => addSlot(t, ANY))
    all.forEach((g, gi) => g.forEach((t) => addSlot(t, gi)))
    // A lone regex wakes on the literals its matches must start with, when they can be read off its source.
    const literals = any.length === 0 && all.length === 0 && r.regex !== undefined ? wakeLiterals(r.regex) : undefined
    const wake = any.length > 0 ? any : all.length > 0 ? all[anchorGroup(r.all!)]! : (literals ?? []).map((t) => termId(t, i))
    for (const t of wake) anchors[t]!.add(i)
    return {
      id: r.id,
      category: r.category,
      any,
      all,
      within: r.within,
      withinTokens: r.within_tokens,
      none,
      regex: r.regex === undefined ? undefined : compileRegex(r.regex),
      slots,
      exclusions: new Set(none)
    }
  })
  const woken = new Set(anchors.flatMap((rs) => [...rs]))
  const excluded = new Set(rules.flatMap((r) => r.none))
  const sorted = (sets: Array<Set<number>>) => sets.map((x) => Int32Array.from(x).sort())
  const uses = terms.map((_, t) =>
    Int32Array.from(
      [...users[t]!].sort((a, b) => a - b).flatMap((r) => (rules[r]!.slots.get(t) ?? []).flatMap((slot) => [r, slot]))
    )
  )
  return {
    terms,
    automaton: buildAutomaton(terms),
    rules,
    anchors: sorted(anchors),
    users: sorted(users),
    uses,
    regexOnly: rules.flatMap((r, i) => (r.any.length === 0 && r.all.length === 0 && !woken.has(i) ? [i] : [])),
    scratch: {
      seq: 0,
      stamp: new Int32Array(rules.length),
      any: new Uint8Array(rules.length),
      groups: new Int32Array(rules.length),
      candidates: new Int32Array(rules.length),
      hits: hitBuffer(),
      aligned: new Int8Array(1024),
      head: new Int32Array(rules.length),
      tail: new Int32Array(rules.length),
      entries: new Int32Array(3 * 1024),
      excluded: new Int32Array(256),
      excludedCount: 0
    },
    excluding: Uint8Array.from(terms, (_, t) => (excluded.has(t) ? 1 : 0)),
    needsAny: Uint8Array.from(rules, (r) => (r.any.length > 0 ? 1 : 0)),
    groupMask: Int32Array.from(rules, (r) => (2 ** Math.min(r.all.length, 31) - 1) | 0)
  }
}

/** A term or pattern occurrence in the normalized text. */
export interface Evidence {
  readonly term: string
  readonly start: number
  readonly end: number
}

export interface Fired {
  readonly rule: CompiledRule
  readonly evidence: ReadonlyArray<Evidence>
}

/** Why a rule that some term touched did not fire; `explain` shows these. */
export interface NearMiss {
  readonly rule: CompiledRule
  readonly reason: string
}

export interface MatchResult {
  readonly fired: ReadonlyArray<Fired>
  readonly nearMisses: ReadonlyArray<NearMiss>
}

const NONE: ReadonlyArray<never> = []

/**
 * Matches one normalized clause; `words` is asked for only when a candidate rule needs word boundaries. With
 * `thorough`, every rule using a term found is evaluated, so near misses are reported too. Rules fire in rule order.
 */
export const matchText = (m: Matcher, text: string, words: Words, thorough = false): MatchResult => {
  const { scratch } = m
  const hits = scratch.hits
  scan(m.automaton, text, hits)
  const seq = (scratch.seq = (scratch.seq + 1) | 0)
  let count = 0
  for (let k = 0; k < m.regexOnly.length; k++) count = wake(scratch, m.regexOnly[k]!, seq, count)
  const postings = thorough ? m.users : m.anchors
  for (let i = 0; i < hits.count; i++) {
    const rules = postings[hits.pattern[i]!]!
    for (let k = 0; k < rules.length; k++) count = wake(scratch, rules[k]!, seq, count)
  }
  if (count === 0) return { fired: NONE, nearMisses: NONE }
  const { stamp, candidates } = scratch

  // Each candidate's occurrences, as a list per rule (hit and slot, in hit order), and which of its conditions they
  // could satisfy: found without allocating and before asking where words begin and end, so that only a rule that
  // could fire has its occurrences checked for word alignment (which segments).
  let used = 0
  let entries = scratch.entries
  const { any, groups, head, tail } = scratch
  scratch.excludedCount = 0
  for (let i = 0; i < hits.count; i++) {
    const pattern = hits.pattern[i]!
    if (m.excluding[pattern] === 1) {
      if (scratch.excludedCount === scratch.excluded.length) scratch.excluded = doubled(scratch.excluded)
      scratch.excluded[scratch.excludedCount++] = i
    }
    const uses = m.uses[pattern]!
    for (let k = 0; k < uses.length; k += 2) {
      const r = uses[k]!
      if (stamp[r] !== seq) continue
      const slot = uses[k + 1]!
      if (slot === ANY) any[r] = 1
      else groups[r]! |= 1 << Math.min(slot, 30)
      if (used * 3 === entries.length) entries = scratch.entries = doubled(entries)
      const e = used++
      entries[e * 3] = i
      entries[e * 3 + 1] = slot
      entries[e * 3 + 2] = -1
      if (head[r] === -1) head[r] = e
      else entries[tail[r]! * 3 + 2] = e
      tail[r] = e
    }
  }
  if (scratch.aligned.length < hits.count) scratch.aligned = new Int8Array(hits.pattern.length)
  scratch.aligned.fill(0, 0, hits.count)

  let fired: Array<Fired> | undefined
  let nearMisses: Array<NearMiss> | undefined
  for (let c = 0; c < count; c++) {
    const index = candidates[c]!
    const satisfied = (m.needsAny[index] === 0 || any[index] === 1) && groups[index] === m.groupMask[index]
    if (!satisfied && !thorough) continue
    const rule = m.rules[index]!
    // An exclusion vetoes whatever the rest finds; checked first, it spares segmenting for nothing.
    const veto = scratch.excludedCount > 0 ? vetoOf(m, rule) : -1
    if (veto >= 0 && !thorough) continue
    const outcome = evaluate(m, rule, scratch.head[index]!, text, words, thorough)
    if (typeof outcome === "string") {
      if (outcome !== "") (nearMisses ??= []).push({ rule, reason: outcome })
    } else if (veto >= 0) (nearMisses ??= []).push({ rule, reason: `vetoed by exclusion 「${m.terms[hits.pattern[veto]!]}」` })
    else (fired ??= []).push({ rule, evidence: outcome })
  }
  return { fired: fired ?? NONE, nearMisses: nearMisses ?? NONE }
}

/** Makes rule `r` a candidate of the clause `seq` (once), keeping candidates ascending; returns their count. */
const wake = (scratch: Matcher["scratch"], r: number, seq: number, count: number): number => {
  if (scratch.stamp[r] === seq) return count
  scratch.stamp[r] = seq
  scratch.any[r] = 0
  scratch.groups[r] = 0
  scratch.head[r] = -1
  const { candidates } = scratch
  let k = count
  while (k > 0 && candidates[k - 1]! > r) candidates[k] = candidates[--k]!
  candidates[k] = r
  return count + 1
}

/** The first hit of one of the rule's exclusions, or -1. */
const vetoOf = (m: Matcher, rule: CompiledRule): number => {
  if (rule.exclusions.size === 0) return -1
  const { excluded, excludedCount, hits } = m.scratch
  for (let k = 0; k < excludedCount; k++) if (rule.exclusions.has(hits.pattern[excluded[k]!]!)) return excluded[k]!
  return -1
}

/** Whether hit `i` of the scratch buffer stands on word boundaries (asked once per hit, segmenting lazily). */
const isAligned = (m: Matcher, words: Words, i: number): boolean => {
  const { aligned, hits } = m.scratch
  if (aligned[i] === 0) aligned[i] = words.isWordAligned(hits.start[i]!, hits.end[i]!) ? 1 : -1
  return aligned[i] === 1
}

const evidenceOf = (m: Matcher, hit: number): Evidence => {
  const { hits } = m.scratch
  return { term: m.terms[hits.pattern[hit]!]!, start: hits.start[hit]!, end: hits.end[hit]! }
}

/**
 * The evidence for a rule's positive conditions, or why they fail: "" when nothing of the rule was seen, and a
 * reason only when `explain` (thorough) will show it. `head` starts the rule's list of occurrences.
 */
const evaluate = (m: Matcher, rule: CompiledRule, head: number, text: string, words: Words, thorough: boolean): ReadonlyArray<Evidence> | string => {
  const entries = m.scratch.entries
  // The word-aligned occurrences: which groups they cover, and whether `any` has one.
  let anySeen = false
  let groupsSeen = 0
  for (let e = head; e !== -1; e = entries[e * 3 + 2]!) {
    if (!isAligned(m, words, entries[e * 3]!)) {
      entries[e * 3 + 1] = SKIP
      continue
    }
    const slot = entries[e * 3 + 1]!
    if (slot === ANY) anySeen = true
    else groupsSeen |= 1 << Math.min(slot, 30)
  }
  if (rule.any.length > 0 && !anySeen) return ""
  const evidence: Array<Evidence> = []
  for (let e = head; e !== -1; e = entries[e * 3 + 2]!) if (entries[e * 3 + 1] === ANY) evidence.push(evidenceOf(m, entries[e * 3]!))
  if (rule.all.length > 0) {
    let satisfied = 0
    for (let g = 0; g < rule.all.length; g++) if ((groupsSeen & (1 << Math.min(g, 30))) !== 0) satisfied++
    if (satisfied < rule.all.length) return satisfied === 0 || !thorough ? "" : `all: ${satisfied} of ${rule.all.length} groups present`
    const window = closestWindow(m, rule, head, words, thorough)
    if (typeof window === "string") return window
    for (const e of window) evidence.push(e)
  }
  if (rule.regex !== undefined) {
    const found = rule.regex.first(text)
    if (found === null) return evidence.length > 0 && thorough ? "regex did not match" : ""
    evidence.push({ term: found.text, start: found.index, end: found.index + found.text.length })
  }
  return evidence
}

/** Marks an occurrence that is not word-aligned in a rule's list. */
const SKIP = -2

/**
 * With no distance limit, every hit of every group is evidence (group by group). With one, the tightest window
 * holding a hit of each group must fit the limit (characters, or jieba words); its hits are the evidence. When it
 * does not, why ("" unless `thorough`).
 */
const closestWindow = (m: Matcher, rule: CompiledRule, head: number, words: Words, thorough: boolean): ReadonlyArray<Evidence> | string => {
  const { entries, hits } = m.scratch
  // The aligned `all` occurrences, group by group, each group in hit order: their groups and hits, in this thread's
  // working memory (this runs for every candidate rule with `all`, and allocating here was a good part of the
  // garbage of labeling).
  let n = 0
  for (let g = 0; g < rule.all.length; g++) {
    for (let e = head; e !== -1; e = entries[e * 3 + 2]!) {
      if (entries[e * 3 + 1] !== g) continue
      if (n === windowGroup.length) {
        windowGroup = doubled(windowGroup)
        windowHit = doubled(windowHit)
        windowOrder = doubled(windowOrder)
      }
      windowGroup[n] = g
      windowHit[n++] = entries[e * 3]!
    }
  }
  const group = windowGroup
  const hit = windowHit
  if (rule.within === undefined && rule.withinTokens === undefined) {
    const all: Array<Evidence> = []
    for (let k = 0; k < n; k++) all.push(evidenceOf(m, hit[k]!))
    return all
  }
  // Sorted by start, longer first at the same start, group order kept among equals: a stable insertion sort, as
  // the lists are short (Array.prototype.sort allocates a work array on every call).
  const order = windowOrder
  for (let k = 0; k < n; k++) {
    let j = k
    for (; j > 0 && (hits.start[hit[order[j - 1]!]!]! - hits.start[hit[k]!]! || hits.end[hit[k]!]! - hits.end[hit[order[j - 1]!]!]!) > 0; j--) order[j] = order[j - 1]!
    order[j] = k
  }
  const groupCount = rule.all.length
  if (windowCounts.length < groupCount) windowCounts = new Int32Array(groupCount * 2)
  const counts = windowCounts.fill(0, 0, groupCount)
  let covered = 0
  let bestFrom = -1
  let bestTo = -1
  let bestSize = Infinity
  for (let left = 0, right = 0; right < n; right++) {
    if (counts[group[order[right]!]!]!++ === 0) covered++
    while (covered === groupCount) {
      let end = 0
      for (let k = left; k <= right; k++) end = Math.max(end, hits.end[hit[order[k]!]!]!)
      const start = hits.start[hit[order[left]!]!]!
      const size = rule.withinTokens !== undefined ? words.wordSpan(start, end) : end - start
      if (size < bestSize) {
        bestFrom = left
        bestTo = right
        bestSize = size
      }
      if (--counts[group[order[left]!]!]! === 0) covered--
      left++
    }
  }
  const limit = rule.withinTokens ?? rule.within!
  if (bestFrom < 0 || bestSize > limit) {
    if (!thorough) return ""
    const unit = rule.withinTokens !== undefined ? "words" : "characters"
    return `all: groups present but ${bestFrom < 0 ? "?" : bestSize} ${unit} apart (limit ${limit})`
  }
  const window: Array<Evidence> = []
  for (let k = bestFrom; k <= bestTo; k++) window.push(evidenceOf(m, hit[order[k]!]!))
  return window
}

/** closestWindow's working memory: each occurrence's group and hit, their order, and occurrences per group. */
let windowGroup: Int32Array = new Int32Array(64)
let windowHit: Int32Array = new Int32Array(64)
let windowOrder: Int32Array = new Int32Array(64)
let windowCounts: Int32Array = new Int32Array(16)
