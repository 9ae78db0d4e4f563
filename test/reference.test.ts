// matchText against a plain reference evaluator: the rule language's meaning written out the obvious way (every
// occurrence found with indexOf, words from cutting the whole clause, windows tried pair by pair), compared with
// the compiled automaton, postings, lazy segmentation and working memory over random rules and clauses.
import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import type { CategoryId } from "../pipeline/domain.js"
import { labelClause } from "../pipeline/match/label.js"
import { compile } from "../pipeline/match/matcher.js"
import { normalize } from "../pipeline/match/normalize.js"
import type { Rule, RuleSet } from "../pipeline/rules/decode.js"
import { isWordAligned, tokensOf, wordSpan, type Tokens } from "../pipeline/segment/tokens.js"
import { clause, segmenter } from "./fixtures.js"

const WORDS = ["化债", "强化", "债务", "企业", "政府", "债券", "发行", "风险", "化解", "法治化", "债转股", "专项债券", "地方",
  "融资", "成本", "管理", "推进", "，", "、", "；", "等", "和"]
const TERMS = ["化债", "债务", "企业", "政府", "债券", "风险", "化解", "债转股", "专项债", "政府债", "地方债", "强化债务", "融资"]

type TestRule = Rule & { readonly category: CategoryId }

const termList = fc.uniqueArray(fc.constantFrom(...TERMS), { minLength: 1, maxLength: 3 })
const ruleArb = (i: number): fc.Arbitrary<TestRule> =>
  fc.record({
    any: fc.option(termList, { nil: undefined }),
    all: fc.option(fc.array(termList, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    limit: fc.option(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 8 })), { nil: undefined }),
    none: fc.option(termList, { nil: undefined }),
    none_substring: fc.option(termList, { nil: undefined }),
    subclause: fc.boolean()
  }).map((r): TestRule => ({
    id: `debt_swap.r${i}`,
    category: "debt_swap",
    description: "random",
    examples: { match: ["x"], no_match: [] },
    ...(r.any === undefined && r.all === undefined ? { any: ["债务"] } : {}),
    ...(r.any === undefined ? {} : { any: r.any }),
    ...(r.all === undefined ? {} : { all: r.all }),
    ...(r.all === undefined || r.limit === undefined ? {} : r.limit[0] ? { within: r.limit[1] } : { within_tokens: r.limit[1] }),
    ...(r.none === undefined ? {} : { none: r.none }),
    ...(r.none_substring === undefined ? {} : { none_substring: r.none_substring }),
    ...(r.subclause ? { scope: "subclause" as const } : {})
  }))
const rulesArb = fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(i))))
const clauseArb = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 16 }).map((w) => w.join(""))

/** Every occurrence of `term` in [lo, hi). */
const occurrences = (text: string, term: string, lo: number, hi: number): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  for (let i = text.indexOf(term, lo); i >= 0 && i + term.length <= hi; i = text.indexOf(term, i + 1)) out.push([i, i + term.length])
  return out
}

/** Whether the rule holds in [lo, hi) of the normalized text, by the README's definitions. */
const holds = (r: TestRule, text: string, t: Tokens, lo: number, hi: number): boolean => {
  const aligned = (term: string) => occurrences(text, term, lo, hi).filter(([s, e]) => isWordAligned(t, s, e))
  const vetoes = (r.none ?? []).some((x) => occurrences(text, x, lo, hi).some(([s, e]) => isWordAligned(t, s, e) || wordSpan(t, s, e) === 1))
  if (vetoes || (r.none_substring ?? []).some((x) => occurrences(text, x, lo, hi).length > 0)) return false
  if (r.any !== undefined && !r.any.some((x) => aligned(x).length > 0)) return false
  if (r.all === undefined) return true
  const groups = r.all.map((g) => g.flatMap(aligned))
  if (groups.some((g) => g.length === 0)) return false
  if (r.within === undefined && r.within_tokens === undefined) return true
  // Some choice of one occurrence per group fits the limit: tried exhaustively.
  const fits = (k: number, start: number, end: number): boolean => {
    if (k === groups.length) return (r.within_tokens !== undefined ? wordSpan(t, start, end) : end - start) <= (r.within_tokens ?? r.within!)
    return groups[k]!.some(([s, e]) => fits(k + 1, Math.min(start, s), Math.max(end, e)))
  }
  return fits(0, Infinity, -Infinity)
}

const subclauses = (text: string): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  let from = 0
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || ",;:。!?".includes(text[i]!)) {
      out.push([from, i])
      from = i + 1
    }
  }
  return out
}

const reference = (rules: ReadonlyArray<TestRule>, raw: string): Array<string> => {
  const text = normalize(raw).text
  const t = tokensOf(text, segmenter().cut(text))
  return rules
    .filter((r) => (r.scope === "subclause" ? subclauses(text).some(([lo, hi]) => holds(r, text, t, lo, hi)) : holds(r, text, t, 0, text.length)))
    .map((r) => r.id)
}

describe("matchText agrees with a plain reference evaluator", () => {
  it.prop("on random rules and clauses", [rulesArb, fc.array(clauseArb, { minLength: 1, maxLength: 8 })], ([rules, texts]) => {
    const matcher = compile({ files: [], rules } satisfies RuleSet)
    for (const text of texts) {
      const fired = labelClause(matcher, segmenter(), clause(text)).matches.map((m) => m.rule).sort()
      expect(fired, text).toEqual(reference(rules, text).sort())
    }
  }, { fastCheck: { numRuns: 300 } })
})
