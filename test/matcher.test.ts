import { describe, expect, it } from "@effect/vitest"
import { labelClause } from "../pipeline/match/label.js"
import * as fs from "node:fs"
import * as path from "node:path"
import { normalize } from "../pipeline/match/normalize.js"
import { isBoundary, isWordAligned, lazyWords, tokensOf, wordSpan } from "../pipeline/segment/tokens.js"
import { ROOT } from "./cli.js"

const GOLD = path.resolve(ROOT, "../shared/gold/dev.jsonl")
import { clause, matcherOf, ruleFile, segmenter } from "./fixtures.js"

const rules = matcherOf({
  "debt_risk_control.yaml": ruleFile("debt_risk_control", "政府债务管理与风险防控", `
  - id: debt_risk_control.resolve
    description: debt resolution
    any: [化债, 化解债务]
    examples: { match: [一揽子化债], no_match: [强化债务管理] }
`),
  "bond_financing.yaml": ruleFile("bond_financing", "企业与金融机构债券融资", `
  - id: bond_financing.bonds
    description: bonds
    any: [债券]
    none: [政府债券, 置换债券]
    examples: { match: [发行企业债券], no_match: [发行政府债券] }
  - id: bond_financing.near
    description: enterprises issuing, within a window
    all: [[企业], [发债]]
    within: 6
    examples: { match: [支持企业发债], no_match: [] }
`),
  "corporate_deleveraging.yaml": ruleFile("corporate_deleveraging", "企业降杠杆与债务重组", `
  - id: corporate_deleveraging.liabilities
    description: liabilities
    any: [负债]
    examples: { match: [企业负债过高], no_match: [自然资源资产负债表] }
`)
})

const label = (text: string) => labelClause(rules, segmenter(), clause(text))

describe("matching on word boundaries", () => {
  it("does not read 化债 across 强化|债务, but reads it as a word", () => {
    expect(label("强化债务管理").labels).toEqual([])
    expect(label("落实一揽子化债方案").labels).toEqual(["debt_risk_control"])
  })

  it("does not read 负债 at the head of 负债表", () => {
    expect(label("编制自然资源资产负债表").labels).toEqual([])
    expect(label("企业负债规模过大").labels).toEqual(["corporate_deleveraging"])
  })

  it("reads 债券 at the tail of a compound word such as 企业债券, alone and in lists", () => {
    expect(segmenter().cut("发行企业债券")).toContain("企业债券")
    const m = label("发行企业债券和绿色债券")
    expect(m.labels).toEqual(["bond_financing"])
    expect(m.matches[0]).toMatchObject({ rule: "bond_financing.bonds", terms: ["债券"], start: 4, end: 11 })
  })

  it("lets an exclusion veto the rule for the whole clause", () => {
    expect(label("争取政府债券额度").labels).toEqual([])
  })

  it("honours `within` for `all` groups", () => {
    expect(label("鼓励企业发债").matches.map((m) => m.rule)).toContain("bond_financing.near")
    expect(label("企业经营困难的，一律不得违规发债").matches.map((m) => m.rule)).not.toContain("bond_financing.near")
  })

  it("maps offsets to the original text through normalization", () => {
    const text = "  推进 一揽子 化债 "
    const m = label(text).matches[0]!
    expect(text.slice(m.start, m.end)).toBe("化债")
  })

  it("counts offsets in code points", () => {
    const text = "𠀀𠀀一揽子化债"
    const m = label(text).matches[0]!
    expect(Array.from(text).slice(m.start, m.end).join("")).toBe("化债")
  })
})

describe("word alignment", () => {
  const t = tokensOf("绿色债券发行", ["绿色债券", "发行"])
  it("accepts whole words, word sequences and word tails; rejects heads and straddles", () => {
    expect(isWordAligned(t, 0, 4)).toBe(true)
    expect(isWordAligned(t, 2, 4)).toBe(true)
    expect(isWordAligned(t, 0, 6)).toBe(true)
    expect(isWordAligned(t, 0, 2)).toBe(false)
    expect(isWordAligned(t, 2, 6)).toBe(false)
    expect(isWordAligned(t, 3, 5)).toBe(false)
  })
})

describe("segmenting only where the dictionary leaves a doubt", () => {
  // lazyWords relies on jieba cutting wherever no dictionary word crosses: such positions need no segmenting, and
  // the text between two of them cuts the same alone as in its clause. This checks both claims on every seed clause
  // and every gold clause, and the answers built on them.
  const texts = [
    ...fs.readdirSync(path.join(ROOT, "seeds")).filter((f) => f.endsWith(".txt"))
      .flatMap((f) => fs.readFileSync(path.join(ROOT, "seeds", f), "utf8").split(/[\n*]/)),
    ...(fs.existsSync(GOLD) ? fs.readFileSync(GOLD, "utf8").trim().split("\n").map((l) => JSON.parse(l).text as string) : [])
  ].map((t) => normalize(t).text).filter((t) => t.length > 0)

  it("finds a word boundary of the whole clause's cut at every position no dictionary word crosses", () => {
    const { cut, lexicon } = segmenter()
    let certain = 0
    for (const text of texts) {
      const whole = tokensOf(text, cut(text))
      const crossed = new Uint8Array(text.length + 1)
      for (let i = 0; i < text.length; i++) for (let k = i + 1; k < i + lexicon.longestAt(text, i); k++) crossed[k] = 1
      for (let pos = 1; pos < text.length; pos++) {
        // No word holds the two units around pos side by side: then none crosses it.
        if (!lexicon.joins(text, pos)) expect(crossed[pos], `${text} at ${pos}`).toBe(0)
        if (crossed[pos] === 1) continue
        expect(isBoundary(whole, pos), `${text} at ${pos}`).toBe(true)
        certain++
      }
    }
    expect(certain).toBeGreaterThan(10000)
  })

  it("knows jieba's dictionary words and only those", () => {
    const { lexicon } = segmenter()
    expect(lexicon.longestAt("中华人民共和国成立", 0)).toBe(7)
    expect(lexicon.longestAt("发行债券", 2)).toBe(2)
    expect(lexicon.longestAt("债务", 1)).toBe(0)
    expect(lexicon.longestAt("债券", 1)).toBe(0)
    expect(lexicon.joins("中华人民共和国", 3)).toBe(true)
    expect(lexicon.joins("政府债务", 2)).toBe(false)
  })

  it("gives the same word alignment and word counts as cutting the whole clause, for every range", () => {
    const cut = segmenter().cut
    let checked = 0
    for (const text of texts) {
      const whole = tokensOf(text, cut(text))
      const lazy = lazyWords(text, segmenter())
      for (let start = 0; start < text.length; start++) {
        for (let end = start + 1; end <= Math.min(text.length, start + 6); end++) {
          expect(lazy.isWordAligned(start, end), `${text} [${start}, ${end})`).toBe(isWordAligned(whole, start, end))
          expect(lazy.wordSpan(start, end), `${text} [${start}, ${end}) words`).toBe(wordSpan(whole, start, end))
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(10000)
  })
})
