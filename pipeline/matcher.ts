// The rule set compiled once into one automaton over all terms. A clause is scanned once; each occurrence is routed
// through postings to the rules it can start: rules with that term in `any`, or in their anchor group (the `all`
// group of longest, rarest terms). Only those candidates are evaluated, against the clause's own few occurrences,
// so the cost of matching follows what the clause contains, not the size of the rule set; and a clause with no
// candidate is never segmented, since only candidates ask where words begin and end.
import { buildAutomaton, findAll, type Automaton, type Hit } from "./automaton.js"
import type { CategoryId } from "./domain.js"
import { normalize } from "./normalize.js"
import type { RuleSet } from "./rules.js"
import type { Words } from "./tokens.js"
import { wakeLiterals } from "./wake.js"

export interface CompiledRule {
  readonly id: string
  readonly category: CategoryId
  readonly any: ReadonlyArray<number>
  readonly all: ReadonlyArray<ReadonlyArray<number>>
  readonly within: number | undefined
  readonly withinTokens: number | undefined
  readonly none: ReadonlyArray<number>
  readonly regex: RegExp | undefined
  /** For each term the rule uses positively: -1 for `any`, else the `all` groups it belongs to. */
  readonly slots: ReadonlyMap<number, ReadonlyArray<number>>
  readonly exclusions: ReadonlySet<number>
}

export interface Matcher {
  /** Normalized terms; a term's index is its id in the automaton. */
  readonly terms: ReadonlyArray<string>
  readonly automaton: Automaton
  readonly rules: ReadonlyArray<CompiledRule>
  /** For each term: the rules an occurrence of it makes candidates. */
  readonly anchors: ReadonlyArray<ReadonlyArray<number>>
  /** For each term: every rule that uses it in any way (for `explain`, which also reports near misses). */
  readonly users: ReadonlyArray<ReadonlyArray<number>>
  /** For each term: its positive uses as pairs (rule, slot), slot -1 for `any` and n for `all` group n. */
  readonly uses: ReadonlyArray<Int32Array>
  /** Lone-regex rules whose source gives no literals to wake on: the only ones tried on every clause. */
  readonly regexOnly: ReadonlyArray<number>
  /** Per-thread working memory for matchText, indexed by rule, so matching a clause allocates almost nothing. */
  readonly scratch: { seq: number; readonly stamp: Int32Array; readonly any: Uint8Array; readonly groups: Int32Array }
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
      regex: r.regex === undefined ? undefined : new RegExp(r.regex, "gu"),
      slots,
      exclusions: new Set(none)
    }
  })
  const woken = new Set(anchors.flatMap((rs) => [...rs]))
  const sorted = (sets: Array<Set<number>>) => sets.map((x) => [...x].sort((a, b) => a - b))
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
    scratch: { seq: 0, stamp: new Int32Array(rules.length), any: new Uint8Array(rules.length), groups: new Int32Array(rules.length) }
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

/**
 * Matches one normalized clause; `tokens` is asked for only when a candidate rule needs word boundaries. With
 * `thorough`, every rule using a term found is evaluated, so near misses are reported too. Rules fire in rule order.
 */
export const matchText = (m: Matcher, text: string, words: Words, thorough = false): MatchResult => {
  const hits = findAll(m.automaton, text)
  const fired: Array<Fired> = []
  const nearMisses: Array<NearMiss> = []
  const { scratch } = m
  const seq = (scratch.seq = (scratch.seq + 1) | 0)
  const candidates: Array<number> = []
  const wake = (r: number) => {
    if (scratch.stamp[r] === seq) return
    scratch.stamp[r] = seq
    scratch.any[r] = 0
    scratch.groups[r] = 0
    let k = candidates.length
    candidates.push(r)
    while (k > 0 && candidates[k - 1]! > r) candidates[k] = candidates[--k]!
    candidates[k] = r
  }
  for (const r of m.regexOnly) wake(r)
  const postings = thorough ? m.users : m.anchors
  for (const hit of hits) for (const r of postings[hit.pattern]!) wake(r)
  if (candidates.length === 0) return { fired, nearMisses }

  // Which conditions of which candidates the (word-aligned) occurrences satisfy, without allocating.
  const aligned: Array<boolean | undefined> = []
  const isAligned = (i: number): boolean => (aligned[i] ??= words.isWordAligned(hits[i]!.start, hits[i]!.end))
  for (let i = 0; i < hits.length; i++) {
    const uses = m.uses[hits[i]!.pattern]!
    for (let k = 0; k < uses.length; k += 2) {
      const r = uses[k]!
      if (scratch.stamp[r] !== seq) continue
      if (!isAligned(i)) break
      const slot = uses[k + 1]!
      if (slot === ANY) scratch.any[r] = 1
      else scratch.groups[r]! |= 1 << Math.min(slot, 30)
    }
  }

  for (const index of candidates) {
    const rule = m.rules[index]!
    const groupCount = Math.min(rule.all.length, 31)
    const satisfied = (rule.any.length === 0 || scratch.any[index] === 1) && scratch.groups[index] === (2 ** groupCount - 1 | 0)
    if (!satisfied && !thorough) continue
    const outcome = evaluate(m, rule, text, hits, isAligned, words, thorough)
    if (typeof outcome === "string") {
      if (outcome !== "") nearMisses.push({ rule, reason: outcome })
      continue
    }
    const veto = rule.exclusions.size === 0 ? undefined : hits.find((h) => rule.exclusions.has(h.pattern))
    if (veto !== undefined) nearMisses.push({ rule, reason: `vetoed by exclusion 「${m.terms[veto.pattern]}」` })
    else fired.push({ rule, evidence: outcome })
  }
  return { fired, nearMisses }
}

/**
 * The evidence for a rule's positive conditions, or why they fail: "" when nothing of the rule was seen, and a
 * reason only when `explain` (thorough) will show it.
 */
const evaluate = (
  m: Matcher,
  rule: CompiledRule,
  text: string,
  hits: ReadonlyArray<Hit>,
  isAligned: (index: number) => boolean,
  words: Words,
  thorough: boolean
): ReadonlyArray<Evidence> | string => {
  const any: Array<Evidence> = []
  const groups: Array<Array<Evidence>> = rule.all.length === 0 ? [] : rule.all.map(() => [])
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!
    const slots = rule.slots.get(h.pattern)
    if (slots === undefined || !isAligned(i)) continue
    const e = { term: m.terms[h.pattern]!, start: h.start, end: h.end }
    for (const slot of slots) (slot === ANY ? any : groups[slot]!).push(e)
  }
  if (rule.any.length > 0 && any.length === 0) return ""
  const evidence = any
  if (groups.length > 0) {
    const satisfied = groups.reduce((n, g) => n + (g.length > 0 ? 1 : 0), 0)
    if (satisfied < groups.length) return satisfied === 0 || !thorough ? "" : `all: ${satisfied} of ${groups.length} groups present`
    const window = closestWindow(groups, rule, words)
    if (typeof window === "string") return thorough ? window : ""
    evidence.push(...window)
  }
  if (rule.regex !== undefined) {
    rule.regex.lastIndex = 0
    const found = rule.regex.exec(text)
    if (found === null) return evidence.length > 0 && thorough ? "regex did not match" : ""
    evidence.push({ term: found[0], start: found.index, end: found.index + found[0].length })
  }
  return evidence
}

/**
 * With no distance limit, every hit of every group is evidence. With one, the tightest window holding a hit of
 * each group must fit the limit (characters, or jieba words); its hits are the evidence.
 */
const closestWindow = (
  groups: ReadonlyArray<ReadonlyArray<Evidence>>,
  rule: CompiledRule,
  words: Words
): ReadonlyArray<Evidence> | string => {
  if (rule.within === undefined && rule.withinTokens === undefined) return groups.flat()
  const items = groups
    .flatMap((g, group) => g.map((e) => ({ e, group })))
    .sort((a, b) => a.e.start - b.e.start || b.e.end - a.e.end)
  const counts = new Array<number>(groups.length).fill(0)
  let covered = 0
  let best: { from: number; to: number; size: number } | undefined
  for (let left = 0, right = 0; right < items.length; right++) {
    if (counts[items[right]!.group]!++ === 0) covered++
    while (covered === groups.length) {
      let end = 0
      for (let k = left; k <= right; k++) end = Math.max(end, items[k]!.e.end)
      const start = items[left]!.e.start
      const size = rule.withinTokens !== undefined ? words.wordSpan(start, end) : end - start
      if (best === undefined || size < best.size) best = { from: left, to: right, size }
      if (--counts[items[left]!.group]! === 0) covered--
      left++
    }
  }
  const limit = rule.withinTokens ?? rule.within!
  if (best === undefined || best.size > limit) {
    const unit = rule.withinTokens !== undefined ? "words" : "characters"
    return `all: groups present but ${best?.size ?? "?"} ${unit} apart (limit ${limit})`
  }
  return items.slice(best.from, best.to + 1).map((w) => w.e)
}
