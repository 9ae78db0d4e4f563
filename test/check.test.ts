// `rules check` on a measured footing: terms that match one gold clause and nothing else outside its document.
import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { checkRules } from "../pipeline/commands/check.js"
import { assembleRuleSet, decodeRuleFile } from "../pipeline/rules/decode.js"
import type { GoldClause } from "../pipeline/report/score.js"
import { ruleFile, segmenter } from "./fixtures.js"

const file = Either.getOrThrow(decodeRuleFile("rules/debt_risk_control.yaml", ruleFile("debt_risk_control", "政府债务管理与风险防控", `
  - id: debt_risk_control.campaign
    description: the campaign
    any: [一揽子化债方案, 化债任务]
    examples: { match: [落实化债任务], no_match: [] }
`)))
const rules = { ruleSet: Either.getOrThrow(assembleRuleSet([file])), hash: "x", userDictionary: null }
const gold = (id: string, doc: string, text: string): GoldClause => ({ id, doc, region: null, year: null, text, labels: ["debt_risk_control"] })
const golds = [gold("a:1", "a", "严格落实一揽子化债方案"), gold("b:1", "b", "完成化债任务"), gold("c:1", "c", "全面完成年度化债任务")]

describe("rules check: terms shaped to one sentence", () => {
  it("warns about a term that matches one gold clause and occurs only in that clause's own document", () => {
    const report = checkRules(rules, segmenter(), [{ doc: "a", text: "严格落实一揽子化债方案" }], golds)
    expect(report.warnings).toHaveLength(1)
    expect(report.warnings[0]).toMatch(/「一揽子化债方案」 \(debt_risk_control.campaign\) matches one gold clause \(a:1\)/)
  })

  it("is quiet once the term occurs in another document, or in two gold clauses", () => {
    expect(checkRules(rules, segmenter(), [{ doc: "z", text: "制定一揽子化债方案" }], golds).warnings).toEqual([])
    expect(checkRules(rules, segmenter(), [], [...golds, gold("d:1", "d", "实施一揽子化债方案")]).warnings).toEqual([])
  })
})

describe("rules check: yields_to", () => {
  it("is a problem when a rule yields to its own category", () => {
    const own = Either.getOrThrow(decodeRuleFile("rules/ppp.yaml", ruleFile("ppp", "PPP与社会资本合作", `
  - id: ppp.core
    description: PPP
    any: [ppp]
    yields_to: [ppp, government_bonds]
    examples: { match: [推广PPP模式], no_match: [] }
`)))
    const report = checkRules({ ruleSet: Either.getOrThrow(assembleRuleSet([own])), hash: "x", userDictionary: null }, segmenter(), [])
    expect(report.problems).toEqual([expect.stringMatching(/ppp.core: yields_to names the rule's own category ppp/)])
  })
})
