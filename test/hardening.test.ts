// Issue 18, from the inside: long clauses, catastrophic regexes, broken characters and the bounded candidate sample.
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc } from "effect"
import { compile } from "../pipeline/match/matcher.js"
import { labelClause } from "../pipeline/match/label.js"
import { loadRules } from "../pipeline/rules/load.js"
import { decodeRuleFile } from "../pipeline/rules/decode.js"
import { LONG, labelAnyLength, pieceEnds } from "../pipeline/run/longtext.js"
import { capLength } from "../pipeline/input/split.js"
import { parseJsonl, wellFormed } from "../pipeline/input/parse.js"
import { JsonlBuffer } from "../pipeline/report/jsonl.js"
import { addDocument, emptyCoverage, mergeCoverage, type Coverage } from "../pipeline/report/coverage.js"
import { SAMPLE, sampledCandidates } from "../pipeline/report/candidates.js"
import type { LabeledClause } from "../pipeline/domain.js"
import { clause, matcherOf, ruleFile, segmenter } from "./fixtures.js"

const rules = await Effect.runPromise(loadRules("rules").pipe(Effect.provide(NodeContext.layer)))
const matcher = compile(rules.ruleSet)
const codePoints = (s: string) => Array.from(s)

describe("a clause of any length", () => {
  const filler = "优化营商环境，建设现代化产业体系，".repeat(3000)
  const text = `发行地方政府专项债券，${filler}推进市场化债转股，${filler}加大信贷支持。`

  it("comes out as one record: the union of its pieces' labels, offsets into the whole text", () => {
    expect(text.length).toBeGreaterThan(LONG * 20)
    const l = labelAnyLength(matcher, segmenter(), clause(text), false)
    expect(l.text).toBe(text)
    expect(l.labels).toEqual(expect.arrayContaining(["government_bonds", "debt_to_equity", "credit_support"]))
    const cps = codePoints(text)
    for (const m of l.matches) {
      const span = cps.slice(m.start, m.end).join("")
      for (const t of m.terms) expect(span, m.rule).toContain(t)
    }
    const dte = l.matches.find((m) => m.category === "debt_to_equity")!
    expect(dte.start).toBeGreaterThan(filler.length)
    expect(new Set(l.matches.map((m) => m.rule)).size).toBe(l.matches.length)
  })

  it("is labeled as before when it is no longer than LONG", () => {
    const short = "发行地方政府专项债券，推进市场化债转股"
    expect(labelAnyLength(matcher, segmenter(), clause(short), false)).toEqual(labelClause(matcher, segmenter(), clause(short), false))
  })

  it.prop("is cut into pieces that cover it, never inside a surrogate pair", [fc.string({ unit: "binary", minLength: 0, maxLength: 5000 })], ([s]) => {
    const ends = pieceEnds(s, 64)
    expect(ends[ends.length - 1]).toBe(s.length)
    let start = 0
    for (const end of ends) {
      expect(end - start).toBeLessThanOrEqual(64)
      const c = s.charCodeAt(end - 1)
      if (end < s.length) expect(c >= 0xd800 && c <= 0xdbff && s.charCodeAt(end) >= 0xdc00 && s.charCodeAt(end) <= 0xdfff).toBe(false)
      start = end
    }
  })
})

describe("rule regexes run in linear time", () => {
  it("a backtracking trap such as (a+)+$ decodes and runs at once", () => {
    const m = matcherOf({
      "debt_swap.yaml": ruleFile("debt_swap", "债务置换", '  - id: debt_swap.evil\n    description: trap\n    regex: "(a+)+$"\n    examples:\n      match: [aaa]\n      no_match: [bbb]\n')
    })
    // On a backtracking engine this takes longer than the test's time-out (it doubles with every "a").
    const l = labelClause(m, segmenter(), clause(`${"a".repeat(60)}!`))
    expect(l.labels).toEqual([])
    expect(labelClause(m, segmenter(), clause("aaaa")).labels).toEqual(["debt_swap"])
  }, 10_000)

  it("a regex RE2 cannot run (lookahead, back-reference) is a rule-file error at its line", () => {
    for (const regex of ["贷(?!款)", "(债)\\\\1"]) {
      const text = ruleFile("debt_swap", "债务置换", `  - id: debt_swap.x\n    description: x\n    regex: "${regex}"\n    examples:\n      match: [贷]\n      no_match: []\n`)
      const issues = Either.getLeft(decodeRuleFile("debt_swap.yaml", text))
      expect(issues._tag, regex).toBe("Some")
      const issue = (issues as { value: ReadonlyArray<{ line: number; message: string }> }).value[0]!
      expect(issue.line).toBe(7)
      expect(issue.message).toMatch(/RE2/)
    }
  })
})

describe("output is valid UTF-8", () => {
  it("a long clause of characters outside the BMP is cut between characters", () => {
    const s = `a${"𠀀".repeat(700)}`
    for (const piece of capLength(s)) expect(wellFormed(piece)).toBe(piece)
  })

  it("a lone surrogate in JSONL becomes U+FFFD, with a warning naming the line", () => {
    const info = { doc: "s", source: "u/s.jsonl", given: { region: undefined, year: null }, fallback: { region: undefined, year: null }, traditional: false }
    const parsed = parseJsonl(info, '{"id":"a","text":"债务置换"}\n{"id":"s","text":"债务\\ud800置换\\udc00"}\n')
    expect(parsed.documents[0]!.clauses[1]!.text).toBe("债务\uFFFD置换\uFFFD")
    // Line 0 is the file-wide note that these clauses have no region or year (issue 19).
    expect(parsed.warnings.filter((w) => w.line > 0)).toEqual([expect.objectContaining({ file: "u/s.jsonl", line: 2, message: expect.stringMatching(/lone surrogate/) })])
    const b = new JsonlBuffer()
    for (const c of parsed.documents[0]!.clauses) b.add({ ...c, labels: [], matches: [] })
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(b.done())).not.toThrow()
    expect(new TextDecoder().decode(b.done())).not.toMatch(/\\ud8/)
  })

  it("a JSONL year that is not a four-digit year is warned about", () => {
    const info = { doc: "y", source: "y.jsonl", given: { region: undefined, year: null }, fallback: { region: undefined, year: null }, traditional: false }
    const parsed = parseJsonl(info, '{"id":"a","text":"债务","year":"二〇二六"}\n{"id":"b","text":"债务","year":2026}\n')
    // Line 0 is the file-wide note that these clauses have no region or year (issue 19).
    expect(parsed.warnings.filter((w) => w.line > 0)).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/二〇二六.*year null/) })])
  })
})

describe("the candidate sample", () => {
  const labeled = (text: string, id: string): LabeledClause => ({ ...clause(text, id), labels: [], matches: [] })
  /** Unlabeled finance clauses: many distinct texts, some repeated, so the sample is cut and counts matter. */
  const clauses = Array.from({ length: 3 * SAMPLE }, (_, i) => labeled(`第${i % (2 * SAMPLE + 7)}项政府债务`, `d:${i}`))
  const coverageOf = (cs: ReadonlyArray<LabeledClause>): Coverage => {
    const c = emptyCoverage()
    addDocument(c, { doc: "d", region: null, region_code: null, year: null, traditional: false }, cs)
    return c
  }
  const shown = (c: Coverage) => sampledCandidates(c).map(([text, t]) => [text, t.count, t.firstId])
  const whole = shown(coverageOf(clauses))

  it("keeps SAMPLE distinct texts, with exact counts", () => {
    expect(whole.length).toBe(SAMPLE)
    const exact = new Map<string, number>()
    for (const c of clauses) exact.set(c.text, (exact.get(c.text) ?? 0) + 1)
    for (const [text, count] of whole) expect(count).toBe(exact.get(text as string))
  })

  it.prop("is the same however the clauses are split into parts and in whatever order the parts merge",
    [fc.array(fc.integer({ min: 0, max: 3 * SAMPLE }), { maxLength: 5 }), fc.boolean()],
    ([cuts, reverse]) => {
      const at = [0, ...[...cuts].sort((a, b) => a - b), clauses.length]
      let parts = at.slice(1).map((end, i) => coverageOf(clauses.slice(at[i], end)))
      if (reverse) parts = parts.reverse()
      expect(shown(parts.reduce(mergeCoverage, emptyCoverage()))).toEqual(whole)
    },
    { fastCheck: { numRuns: 20 } }
  )
})
