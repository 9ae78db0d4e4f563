import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc } from "effect"
import { addDocument, emptyCoverage, isFragment, mergeCoverage, type Coverage } from "../pipeline/report/coverage.js"
import type { LabeledClause } from "../pipeline/domain.js"
import { JsonlBuffer, labeledClauseLine } from "../pipeline/report/jsonl.js"
import { labelClause } from "../pipeline/match/label.js"
import { labelBatch } from "../pipeline/run/labelfile.js"
import { batches } from "../pipeline/run/inorder.js"
import { loadRules } from "../pipeline/rules/load.js"
import { splitProse } from "../pipeline/input/split.js"
import { clause, segmenter } from "./fixtures.js"
import { compile } from "../pipeline/match/matcher.js"

const rules = await Effect.runPromise(loadRules("rules").pipe(Effect.provide(NodeContext.layer)))
const matcher = compile(rules.ruleSet)
const label = (text: string, simplify = false) => labelClause(matcher, segmenter(), clause(text), simplify)

/** Policy words mixed with filler, so generated clauses do match rules. */
const WORDS = ["政府债务", "化解", "风险", "置换债券", "专项债券", "融资平台", "转型", "企业", "发行", "公司债券", "绿色债券", "信贷",
  "贷款", "担保", "基金", "上市", "债转股", "强化", "债务", "管理", "资产负债表", "PPP", "财税体制改革", "积极", "推进", "，", "、", "“", "”"]
const clauseArb = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: "grapheme", maxLength: 3 })), { minLength: 1, maxLength: 14 })
  .map((parts) => parts.join("").replace(/[。！？；!?;\r\n\t]/gu, ""))
  .filter((s) => s.trim().length > 0)

describe("properties over arbitrary text", () => {
  it.prop("labeling never throws, and every match points inside its clause", [fc.string({ unit: "binary", maxLength: 120 })], ([text]) => {
    for (const simplify of [false, true]) {
      const l = label(text, simplify)
      const length = Array.from(text).length
      for (const m of l.matches) expect(0 <= m.start && m.start < m.end && m.end <= length).toBe(true)
      expect(l.labels).toEqual([...new Set(l.matches.map((m) => m.category))].sort())
    }
  })

  it.prop("a clause line is byte for byte JSON.stringify of the labeled clause",
    [clauseArb, fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom("北京", "a\"b\\c", null), fc.constantFrom(2017, null)],
    ([policy, noise, region, year]) => {
      const l = { ...label(policy + noise), region, year }
      expect(labeledClauseLine(l)).toEqual(new TextEncoder().encode(JSON.stringify(l) + "\n"))
    })

  it.prop("a buffer of clause lines is their JSON.stringify lines, as documents, regions and years change",
    [fc.array(fc.tuple(clauseArb, fc.constantFrom("d1", "d2"), fc.constantFrom("北京", null), fc.constantFrom(2017, 2018, null)), { maxLength: 12 })],
    ([rows]) => {
      const labeled = rows.map(([policy, doc, region, year], i) => ({ ...label(policy), doc, region, year, index: i + 1 }))
      const buffer = new JsonlBuffer(16)
      for (const l of labeled) buffer.add(l)
      expect(new TextDecoder().decode(buffer.done())).toBe(labeled.map((l) => JSON.stringify(l) + "\n").join(""))
    })

  it("finds every occurrence in a clause with hundreds of them (working memory grows)", () => {
    const text = Array.from({ length: 300 }, () => "发行置换债券化解存量债务").join("，")
    const l = label(text)
    const swap = l.matches.find((m) => m.category === "debt_swap")!
    expect(swap.start).toBe(2)
    expect(swap.end).toBe(text.length - 6)
  })

  it("a batch's JSONL is its clauses' lines, also when it outgrows the room first made for it", () => {
    const texts = ["发行置换债券化解存量债务", "推进融资平台市场化转型", "加强生态环境保护"]
    const clauses = Array.from({ length: 3_000 }, (_, i) => clause(texts[i % 3]!, `d:${i + 1}`))
    const doc = { doc: "d", source: "d.txt", format: "prose" as const, region: null, region_code: null, year: null, traditional: false, clauses }
    const coverage = emptyCoverage()
    const { jsonl } = labelBatch(matcher, segmenter(), [doc], { coverage }, 100)
    const expected = clauses.map((c) => JSON.stringify(labelClause(matcher, segmenter(), c)) + "\n").join("")
    expect(new TextDecoder().decode(jsonl)).toBe(expected)
    expect(coverage.clauses).toBe(3_000)
  })

  it.prop("a clause gets the same labels alone and inside a document", [clauseArb, clauseArb, clauseArb], ([before, c, after]) => {
    const doc = `${before}。\n${c}；${after}。`
    const inside = splitProse(doc).find((x) => x.replace(/[；。]$/u, "").trim() === c.trim())
    fc.pre(inside !== undefined)
    expect(label(inside!).labels).toEqual(label(c).labels)
  })
})

const labeledArb = fc.record({
  id: fc.string({ minLength: 1, maxLength: 6 }),
  doc: fc.constantFrom("a", "b", "c"),
  region: fc.constantFrom("北京", "上海", null),
  year: fc.constantFrom(2017, 2024, null),
  index: fc.nat(),
  text: clauseArb
})

describe("coverage", () => {
  const cover = (docs: ReadonlyArray<ReadonlyArray<LabeledClause>>): Coverage => {
    const c = emptyCoverage()
    for (const clauses of docs) if (clauses.length > 0) addDocument(c, { ...clauses[0]!, traditional: false }, clauses)
    return c
  }
  it.prop(
    "of shards merged equals coverage of the whole, in either order",
    [fc.array(fc.array(labeledArb, { minLength: 1, maxLength: 4 }), { maxLength: 8 }), fc.nat()],
    ([docs, cut]) => {
      const labeled = docs.map((d) => d.map((c) => ({ ...label(c.text), ...c, doc: d[0]!.doc, region: d[0]!.region, year: d[0]!.year })))
      const k = docs.length === 0 ? 0 : cut % (docs.length + 1)
      const whole = cover(labeled)
      expect(mergeCoverage(cover(labeled.slice(0, k)), cover(labeled.slice(k)))).toEqual(whole)
      expect(mergeCoverage(cover(labeled.slice(k)), cover(labeled.slice(0, k)))).toEqual(whole)
    }
  )
})

describe("batches of files for the workers", () => {
  it.prop("keep every file once, in order, each batch within 256 KB unless it is one larger file",
    [fc.array(fc.oneof(fc.nat(300_000), fc.nat(2_000_000)), { maxLength: 60 })],
    ([sizes]) => {
      const files = sizes.map((_, i) => ({ path: `f${i}.txt`, source: `f${i}.txt`, entry: undefined }))
      const out = batches(files, sizes)
      expect(out.flatMap((b) => b.files)).toEqual(files)
      let at = 0
      for (const b of out) {
        expect(b.bytes).toBe(sizes.slice(at, at + b.files.length).reduce((n, s) => n + s, 0))
        at += b.files.length
      }
      for (const b of out) {
        expect(b.files.length).toBeGreaterThan(0)
        expect(b.files.length === 1 || b.bytes <= 1 << 18).toBe(true)
      }
    })
})

describe("clauses that look cut off", () => {
  const FRAGMENT = /[^\d.]\d+(\.\d*)?$/u
  it.prop("are found as the regular expression finds them", [fc.stringMatching(/^[a-z债券.0-9。 ]{0,12}$/)], ([text]) => {
    expect(isFragment(text)).toBe(FRAGMENT.test(text))
  })
  it("are numbers cut off after text", () => {
    expect(["置换债券88", "置换债券88.", "置换债券8.5"].every(isFragment)).toBe(true)
    expect(["88", "债券.5", "债券1.2.3", "债券", "债券88亿元"].some(isFragment)).toBe(false)
  })
})
