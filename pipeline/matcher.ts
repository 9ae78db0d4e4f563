// The rule set compiled once into one automaton over all terms plus, per term, the rules that use it. A clause is
// scanned once; only the rules its terms touch (and the few regex rules) are evaluated, so the cost of matching
// does not grow with the size of the rule set.
import { buildAutomaton, findAll, type Automaton } from "./automaton.js"
import type { CategoryId } from "./domain.js"
import { normalize } from "./normalize.js"
import type { RuleSet } from "./rules.js"
import { isWordAligned, wordSpan, type Tokens } from "./tokens.js"

export interface CompiledRule {
  readonly id: string
  readonly category: CategoryId
  readonly any: ReadonlyArray<number>
  readonly all: ReadonlyArray<ReadonlyArray<number>>
  readonly within: number | undefined
  readonly withinTokens: number | undefined
  readonly none: ReadonlyArray<number>
  readonly regex: RegExp | undefined
}

export interface Matcher {
  /** Normalized terms; a term's index is its id in the automaton. */
  readonly terms: ReadonlyArray<string>
  readonly automaton: Automaton
  readonly rules: ReadonlyArray<CompiledRule>
  /** For each term: the rules that use it, in rule order. */
  readonly postings: ReadonlyArray<ReadonlyArray<number>>
  readonly regexRules: ReadonlyArray<number>
}

export const compile = (ruleSet: RuleSet): Matcher => {
  const terms: Array<string> = []
  const ids = new Map<string, number>()
  const postings: Array<Set<number>> = []
  const termId = (raw: string, rule: number): number => {
    const t = normalize(raw).text
    let id = ids.get(t)
    if (id === undefined) {
      id = terms.length
      ids.set(t, id)
      terms.push(t)
      postings.push(new Set())
    }
    postings[id]!.add(rule)
    return id
  }
  const rules = ruleSet.rules.map((r, i): CompiledRule => ({
    id: r.id,
    category: r.category,
    any: (r.any ?? []).map((t) => termId(t, i)),
    all: (r.all ?? []).map((group) => group.map((t) => termId(t, i))),
    within: r.within,
    withinTokens: r.within_tokens,
    none: (r.none ?? []).map((t) => termId(t, i)),
    regex: r.regex === undefined ? undefined : new RegExp(r.regex, "gu")
  }))
  return {
    terms,
    automaton: buildAutomaton(terms),
    rules,
    postings: postings.map((s) => [...s].sort((a, b) => a - b)),
    regexRules: rules.flatMap((r, i) => (r.regex !== undefined ? [i] : []))
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

/** Matches one normalized clause. Rules fire in rule-set order. */
export const matchText = (m: Matcher, text: string, tokens: Tokens): MatchResult => {
  const aligned = new Map<number, Array<Evidence>>()
  const present = new Set<number>()
  const touched = new Set<number>(m.regexRules)
  for (const hit of findAll(m.automaton, text)) {
    present.add(hit.pattern)
    for (const r of m.postings[hit.pattern]!) touched.add(r)
    if (!isWordAligned(tokens, hit.start, hit.end)) continue
    let list = aligned.get(hit.pattern)
    if (list === undefined) aligned.set(hit.pattern, (list = []))
    list.push({ term: m.terms[hit.pattern]!, start: hit.start, end: hit.end })
  }
  const fired: Array<Fired> = []
  const nearMisses: Array<NearMiss> = []
  for (const index of [...touched].sort((a, b) => a - b)) {
    const rule = m.rules[index]!
    const outcome = evaluate(rule, text, tokens, aligned)
    if (typeof outcome === "string") {
      if (outcome !== "") nearMisses.push({ rule, reason: outcome })
      continue
    }
    const veto = rule.none.find((t) => present.has(t))
    if (veto !== undefined) nearMisses.push({ rule, reason: `vetoed by exclusion 「${m.terms[veto]}」` })
    else fired.push({ rule, evidence: outcome })
  }
  return { fired, nearMisses }
}

/** The evidence for a rule's positive conditions, or why they fail ("" when nothing of the rule was seen). */
const evaluate = (
  rule: CompiledRule,
  text: string,
  tokens: Tokens,
  aligned: ReadonlyMap<number, ReadonlyArray<Evidence>>
): ReadonlyArray<Evidence> | string => {
  const evidence: Array<Evidence> = []
  if (rule.any.length > 0) {
    const hits = rule.any.flatMap((t) => aligned.get(t) ?? [])
    if (hits.length === 0) return ""
    evidence.push(...hits)
  }
  if (rule.all.length > 0) {
    const groups = rule.all.map((g) => g.flatMap((t) => aligned.get(t) ?? []))
    const satisfied = groups.filter((g) => g.length > 0).length
    if (satisfied < groups.length) return satisfied === 0 ? "" : `all: ${satisfied} of ${groups.length} groups present`
    const window = closestWindow(groups, rule, tokens)
    if (typeof window === "string") return window
    evidence.push(...window)
  }
  if (rule.regex !== undefined) {
    rule.regex.lastIndex = 0
    const found = rule.regex.exec(text)
    if (found === null) return evidence.length > 0 ? "regex did not match" : ""
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
  tokens: Tokens
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
      const window = items.slice(left, right + 1)
      const end = Math.max(...window.map((w) => w.e.end))
      const start = items[left]!.e.start
      const size = rule.withinTokens !== undefined ? wordSpan(tokens, start, end) : end - start
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
