import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { normalize, toOriginal } from "../pipeline/match/normalize.js"

describe("normalize", () => {
  it("folds full-width ASCII and case, drops spaces next to Han characters, keeps them between Latin words", () => {
    expect(normalize("ＰＰＰ项目　１２３").text).toBe("ppp项目123")
    expect(normalize("政府 债券  Green   Bond 发行").text).toBe("政府债券green bond发行")
    expect(normalize("\uFEFF债\u0000券\u200b").text).toBe("债券")
  })

  it("maps normalized offsets back to the original text", () => {
    const original = "  发行 ＡＢＳ  和  绿色 债券"
    const n = normalize(original)
    const at = n.text.indexOf("绿色债券")
    const [s, e] = toOriginal(n, at, at + 4)
    expect(original.slice(s, e)).toBe("绿色 债券")
    const abs = n.text.indexOf("abs")
    expect(original.slice(...toOriginal(n, abs, abs + 3))).toBe("ＡＢＳ")
  })

  it.prop("never throws and every normalized range maps inside the original", [fc.string({ unit: "binary", maxLength: 200 })], ([s]) => {
    const n = normalize(s)
    expect(n.starts === null || n.starts.length === n.text.length).toBe(true)
    for (let i = 0; i < n.text.length; i++) {
      const [a, b] = toOriginal(n, i, i + 1)
      expect(0 <= a && a < b && b <= s.length).toBe(true)
    }
  })
})
