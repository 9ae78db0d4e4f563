import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { isHeading, paragraphs, sentences, splitProse, wrapWidth } from "../pipeline/input/split.js"

const nonSpace = (s: string) => s.replace(/\s+/gu, "")

describe("split", () => {
  it("cuts after sentence marks and keeps closing quotes with their sentence", () => {
    expect(sentences("加大信贷投放。支持企业发债；推进“债转股”！是否可行？")).toEqual([
      "加大信贷投放。",
      "支持企业发债；",
      "推进“债转股”！",
      "是否可行？"
    ])
    expect(sentences("他说：“要防范风险。”然后离开")).toEqual(["他说：“要防范风险。”", "然后离开"])
  })

  it("keeps headings on their own lines and table rows whole", () => {
    expect(splitProse("一、指导思想\n坚持稳中求进。深化改革。\n（三）加强监管\n北京\t6.5\t持续推进改革。完善机制。")).toEqual([
      "一、指导思想",
      "坚持稳中求进。",
      "深化改革。",
      "（三）加强监管",
      "北京\t6.5\t持续推进改革。完善机制。"
    ])
    expect(["一、总体要求", "（三）加强监管", "12.完善机制", "第三章 附则"].every(isHeading)).toBe(true)
    expect(isHeading("2024年目标")).toBe(false)
  })

  it("joins hard-wrapped lines back into sentences, but not across headings or finished lines", () => {
    const wrapped = [
      "一、有保有控实施差异化信贷",
      "加大对高新技术企业、重大技术装备、基础工业、智能制造及智能化改造、乡村振兴",
      "等项目的支持力度。对钢铁、有色、建材、船舶、煤炭等产能过剩行业中有竞争力、有市",
      "场、有效益，但暂时经营困难的企业，要区别对待，继续给予信贷支持。严格限制信贷资",
      "金通过投资投机性购房等方式违规流入房地产领域。",
      "二、靶向精准实施分类投放",
      "对全市100户重点工业企业和100户成长型工业企业以及产融合作银企对接白名单企",
      "业，加大信贷支持力度。"
    ].join("\n")
    expect(wrapWidth(wrapped.split("\n"))).toBeGreaterThanOrEqual(38)
    expect(paragraphs(wrapped)[0]).toBe("一、有保有控实施差异化信贷")
    const clauses = splitProse(wrapped)
    expect(clauses).toContain("对钢铁、有色、建材、船舶、煤炭等产能过剩行业中有竞争力、有市场、有效益，但暂时经营困难的企业，要区别对待，继续给予信贷支持。")
    expect(clauses).toContain("二、靶向精准实施分类投放")
    expect(clauses.at(-1)).toBe("对全市100户重点工业企业和100户成长型工业企业以及产融合作银企对接白名单企业，加大信贷支持力度。")
  })

  it("does not join lines of ordinary prose that is not wrapped", () => {
    expect(splitProse("第一段没有句号\n第二段也没有")).toEqual(["第一段没有句号", "第二段也没有"])
  })

  it("cuts a runaway clause at commas", () => {
    const long = Array.from({ length: 200 }, (_, i) => `第${i}项措施`).join("，")
    const pieces = splitProse(long)
    expect(pieces.length).toBeGreaterThan(1)
    expect(pieces.every((p) => p.length <= 600)).toBe(true)
    expect(pieces.join("")).toBe(long)
  })

  const textArb = fc.array(
    fc.oneof(
      fc.constantFrom("。", "；", "！", "？", "\n", "\r\n", "\t", " ", "”", "一、", "（二）", "债券", "融资平台", "，"),
      fc.string({ unit: "grapheme", maxLength: 8 }),
      fc.string({ unit: fc.constantFrom(..."政府债务风险防控化解存量金融"), minLength: 30, maxLength: 45 })
    ),
    { maxLength: 60 }
  ).map((parts) => parts.join(""))

  it.prop("loses no text: clauses hold every non-space character in order", [textArb], ([text]) => {
    expect(nonSpace(splitProse(text).join(""))).toBe(nonSpace(text))
  })

  it.prop("never yields an empty or untrimmed clause", [textArb], ([text]) => {
    for (const c of splitProse(text)) expect(c.length > 0 && c === c.trim()).toBe(true)
  })
})
