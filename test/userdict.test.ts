import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { nativeJieba } from "../pipeline/segment/jieba.js"
import { labelClause } from "../pipeline/match/label.js"
import { loadJieba } from "../pipeline/segment/segmenter.js"
import { tempDir } from "./cli.js"
import { clause, matcherOf, ruleFile, seedTexts } from "./fixtures.js"

// jieba is process-global: this file loads it with a user dictionary, so it runs in a process of its own.
describe("a user dictionary", () => {
  const dict = path.join(tempDir("dict"), "userdict.txt")
  // Every form of line cppjieba reads: word, word and tag, word frequency and tag (0 too), a word jieba has
  // already, and a line of four fields, which adds nothing.
  fs.writeFileSync(dict, "绿色债券 1000 n\n隐性债务\n专项债 n\n城投 \n化债 0 n\n债务风险 5 n\n平台公司 3 n more\n")
  const jieba = loadJieba(dict)
  const rules = matcherOf({
    "bond_financing.yaml": ruleFile("bond_financing", "企业与金融机构债券融资", `
  - id: bond_financing.bonds
    description: bonds
    any: [债券]
    examples: { match: [发行绿色债券], no_match: [] }
`)
  })

  it("makes 绿色债券 one word, and the bond term 债券 still matches at its tail", () => {
    expect(jieba.cut("支持企业发行绿色债券")).toContain("绿色债券")
    expect(jieba.settings.userDictionary).toBe("userdict.txt")
    // The lexicon holds the user's words too, so 绿色|债券 is not taken for a certain cut.
    expect(jieba.lexicon.longestAt("发行绿色债券", 2)).toBe(4)
    const labeled = labelClause(rules, jieba, clause("支持企业发行绿色债券"))
    expect(labeled.labels).toEqual(["bond_financing"])
    expect(labeled.matches[0]).toMatchObject({ terms: ["债券"], start: 8, end: 10 })
  })

  it("cuts as nodejieba does with the same user dictionary", () => {
    const native = nativeJieba(dict)
    const texts = [
      "支持企业发行绿色债券", "防范化解隐性债务风险", "发行专项债支持城投平台公司转型", "积极稳妥化债，严控债务风险",
      "推动城投公司市场化转型", "化债方案", "地方政府专项债券"
    ]
    texts.push(...seedTexts())
    for (const text of texts) expect(jieba.cut(text), text).toEqual(native(text))
    // nodejieba holds one dictionary per thread: a cut with another loads that one, and back.
    expect(nativeJieba(null)("支持企业发行绿色债券")).not.toContain("绿色债券")
    expect(native("支持企业发行绿色债券")).toContain("绿色债券")
  })
})
