// The rule language's newer features, each on the examples of issue 16: word boundaries for exclusions, sub-clause
// scope, lists sharing a head noun, and precedence between categories.
import { describe, expect, it } from "@effect/vitest"
import { labelClause } from "../pipeline/match/label.js"
import { clause, matcherOf, ruleFile, segmenter } from "./fixtures.js"

const matcher = matcherOf({
  "corporate_deleveraging.yaml": ruleFile("corporate_deleveraging", "企业降杠杆与债务重组", `
  - id: corporate_deleveraging.restructuring
    description: restructuring, not where debt resolution is meant
    any: [兼并重组, 债转股]
    none: [化债]
    examples: { match: [加快市场化法治化债转股和企业兼并重组], no_match: [以兼并重组推进化债] }
  - id: corporate_deleveraging.substring
    description: the same with the exclusion as a plain substring
    any: [兼并重组, 债转股]
    none_substring: [化债]
    examples: { match: [推进企业兼并重组], no_match: [加快市场化法治化债转股] }
  - id: corporate_deleveraging.scoped
    description: enterprise debt, vetoed by government only in its own sub-clause
    all: [[企业], [债务]]
    within: 6
    none: [政府]
    scope: subclause
    examples: { match: [规范政府举债行为，化解企业债务], no_match: [化解政府和企业债务] }
`),
  "credit_support.yaml": ruleFile("credit_support", "信贷支持", `
  - id: credit_support.costs
    description: financing costs and inclusive finance, also named once for a list
    any: [融资成本, 普惠金融]
    lists: true
    examples: { match: [降低企业用能、融资、物流等成本], no_match: [降低物流成本] }
`),
  "green_finance.yaml": ruleFile("green_finance", "绿色金融", `
  - id: green_finance.fields
    description: the fields of finance
    any: [科技金融, 绿色金融, 普惠金融]
    lists: true
    examples: { match: [做好科技、绿色、普惠金融大文章], no_match: [] }
`),
  "bond_financing.yaml": ruleFile("bond_financing", "企业与金融机构债券融资", `
  - id: bond_financing.bond_loan
    description: bonds combined with loans, unless it is the special bonds'
    any: [债贷结合, 债贷组合]
    yields_to: [government_bonds]
    examples: { match: [推广债贷组合], no_match: [用好专项债券和债贷结合] }
`),
  "government_bonds.yaml": ruleFile("government_bonds", "地方政府债券", `
  - id: government_bonds.special
    description: special bonds
    any: [专项债, 专项债券]
    examples: { match: [用好专项债券], no_match: [] }
`)
})

const label = (text: string) => labelClause(matcher, segmenter(), clause(text))
const rules = (text: string) => label(text).matches.map((m) => m.rule)
const terms = (text: string, rule: string) => label(text).matches.find((m) => m.rule === rule)?.terms

describe("exclusions on word boundaries", () => {
  it("法治化|债转股 does not trip a 化债 exclusion; 化债 as a word does", () => {
    expect(segmenter().cut("加快市场化法治化债转股")).toContain("债转股")
    expect(rules("加快市场化法治化债转股和企业兼并重组")).toContain("corporate_deleveraging.restructuring")
    expect(rules("以兼并重组推进化债")).not.toContain("corporate_deleveraging.restructuring")
  })

  it("none_substring vetoes wherever the text occurs", () => {
    expect(rules("加快市场化法治化债转股")).not.toContain("corporate_deleveraging.substring")
    expect(rules("推进企业兼并重组")).toContain("corporate_deleveraging.substring")
  })
})

describe("scope: subclause", () => {
  it("an exclusion in another sub-clause does not veto", () => {
    expect(rules("规范政府举债行为，化解企业债务")).toContain("corporate_deleveraging.scoped")
    expect(rules("化解政府和企业债务")).not.toContain("corporate_deleveraging.scoped")
  })

  it("all groups must meet in one sub-clause", () => {
    expect(rules("支持企业发展，化解债务")).not.toContain("corporate_deleveraging.scoped")
    expect(rules("支持企业化解债务")).toContain("corporate_deleveraging.scoped")
  })

  it("the evidence is the sub-clause's, with offsets in the clause", () => {
    const text = "规范政府举债行为；支持企业化解债务"
    const m = label(text).matches.find((x) => x.rule === "corporate_deleveraging.scoped")!
    expect(text.slice(m.start, m.end)).toBe("企业化解债务")
  })
})

describe("lists sharing a head noun", () => {
  it("降低企业用能、融资、物流等成本 matches 融资成本, spanning the list", () => {
    const text = "降低企业用能、融资、物流等成本"
    const m = label(text).matches.find((x) => x.rule === "credit_support.costs")!
    expect(m.terms).toEqual(["融资成本"])
    expect(text.slice(m.start, m.end)).toBe("融资、物流等成本")
    expect(rules("降低物流成本")).toEqual([])
    expect(rules("加强融资管理、降低物流成本")).toEqual([])
  })

  it("科技、绿色、普惠金融 is three terms, as 科技金融、绿色金融、普惠金融 is", () => {
    expect(terms("做好科技、绿色、普惠金融大文章", "green_finance.fields")).toEqual(["普惠金融", "科技金融", "绿色金融"])
    expect(terms("做好科技金融、绿色金融、普惠金融大文章", "green_finance.fields")).toEqual(["普惠金融", "科技金融", "绿色金融"])
    expect(rules("做好科技、绿色、普惠金融大文章")).toEqual(["green_finance.fields", "credit_support.costs"])
  })

  it("needs a 、-list: a head after other text is not shared", () => {
    expect(rules("发展科技，推动绿色金融")).toEqual(["green_finance.fields"])
    expect(terms("发展科技，推动绿色金融", "green_finance.fields")).toEqual(["绿色金融"])
  })
})

describe("yields_to", () => {
  it("债贷结合 beside 专项债 yields to government_bonds; alone, or in another sub-clause, it holds", () => {
    expect(label("用好专项债券和债贷结合").labels).toEqual(["government_bonds"])
    expect(label("推广债贷结合").labels).toEqual(["bond_financing"])
    expect(label("用好专项债券，推广债贷结合").labels).toEqual(["bond_financing", "government_bonds"])
  })
})

describe("what a list is", () => {
  it("takes 等等 as 等, and members up to eight characters (a longer stretch is read as the first member's tail)", () => {
    expect(terms("降低用能、融资、物流等等成本", "credit_support.costs")).toEqual(["融资成本"])
    expect(terms("降低用能、企业的各类融资、物流等成本", "credit_support.costs")).toEqual(["融资成本"])
  })

  it("does not read a list across punctuation, nor a head glued to more than four characters", () => {
    expect(rules("支持融资，物流等成本")).toEqual([])
    expect(rules("科技、绿色发展的普惠金融").sort()).toEqual(["credit_support.costs", "green_finance.fields"])
    expect(terms("科技、绿色发展的普惠金融", "green_finance.fields")).toEqual(["普惠金融"])
  })
})
