import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"
import { lexiconCut, nativeJieba } from "../pipeline/segment/jieba.js"
import { buildLexicon } from "../pipeline/segment/lexicon.js"
import { normalize } from "../pipeline/match/normalize.js"
import { segmenter } from "./fixtures.js"
import { goldTexts } from "./cli.js"

// jieba's cut is computed in JavaScript from the lexicon (jieba.ts, lexicon.ts). These compare it with nodejieba
// itself, loaded in this file's process with jieba's own small user dictionary.
const ROOT = path.resolve(import.meta.dirname, "..")
const DICT = (createRequire(import.meta.url)("nodejieba") as { DEFAULT_DICT: string }).DEFAULT_DICT

describe("jieba's cut from the lexicon", () => {
  const native = nativeJieba(null)
  /** The cut, and the stretches it left to nodejieba. */
  const counted = () => {
    const asked: Array<string> = []
    const cut = lexiconCut(segmenter().lexicon, () => (text) => {
      asked.push(text)
      return native(text)
    })
    return { cut, asked }
  }

  it("equals nodejieba's on every seed and gold clause, as written and normalized, without asking it", () => {
    const raw = [
      ...fs.readdirSync(path.join(ROOT, "seeds")).filter((f) => f.endsWith(".txt"))
        .flatMap((f) => fs.readFileSync(path.join(ROOT, "seeds", f), "utf8").split(/[\n*]/)),
      ...goldTexts()
    ]
    const texts = [...raw, ...raw.map((t) => normalize(t).text)]
    const { cut, asked } = counted()
    for (const text of texts) expect(cut(text), text).toEqual(native(text))
    expect(texts.length).toBeGreaterThan(3000)
    expect(asked).toEqual([])
  })

  it("equals nodejieba's on strings of dictionary words, characters, separators, ASCII and surrogates", () => {
    const words = fs.readFileSync(DICT, "utf8").split("\n", 60000).map((l) => l.split(" ")[0]!).filter((w) => w.length > 0)
    const chars = [...new Set(words.slice(0, 5000).join(""))]
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...words) },
      { weight: 3, arbitrary: fc.constantFrom(...chars) },
      { weight: 1, arbitrary: fc.constantFrom(" ", "，", "。", "\t", "\n", "、", "a", "1", "AT&T", "😀", "\ud800", "𠀀") }
    )
    const { cut, asked } = counted()
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const text = pieces.join("")
        expect(cut(text), JSON.stringify(text)).toEqual(native(text))
      }),
      { numRuns: 20000, seed: 20261122 }
    )
    // Left to nodejieba: stretches with a surrogate, and the few with two paths of equal weight. Word soup has more
    // of those than prose (六六|六 and 六|六六 are the same words), still few.
    expect(asked.filter((t) => /[\ud800-\udfff]/.test(t)).length).toBeGreaterThan(100)
    expect(asked.filter((t) => !/[\ud800-\udfff]/.test(t)).length).toBeLessThan(200)
  })

  it("leaves two paths of equal weight to nodejieba", () => {
    // 甲|乙丙 and 甲乙|丙 weigh log(3/T) + log(4/T) and log(6/T) + log(2/T): equal but for rounding.
    const lexicon = buildLexicon("甲 3 n\n乙丙 4 n\n甲乙 6 n\n丙 2 n\n丁 1 n\n")
    const ends: Array<number> = []
    expect(lexicon.bestPath("甲乙丙", 0, 3, ends)).toBe(false)
    expect(ends).toEqual([])
    expect(lexicon.bestPath("乙丙丁", 0, 3, ends)).toBe(true)
    expect(ends).toEqual([2, 3])
    const asked: Array<string> = []
    const cut = lexiconCut(lexicon, () => (text) => {
      asked.push(text)
      return [...text]
    })
    expect(cut("丁，甲乙丙")).toEqual(["丁", "，", "甲", "乙", "丙"])
    expect(asked).toEqual(["甲乙丙"])
  })

  it("reads a dictionary as cppjieba does: fields split on single spaces, the last line of a word winning", () => {
    // The second 甲乙 line wins: 甲乙 weighs log(0.01/T), and 甲|乙 is the better path.
    const lexicon = buildLexicon("甲 3 n\n乙 3 n\n甲乙 100 n\n甲乙 0.01 n\n", ["乙丙\t9\n", "丙丁 x\n", "戊己 1 n more\n"])
    const ends: Array<number> = []
    expect(lexicon.bestPath("甲乙", 0, 2, ends)).toBe(true)
    expect(ends).toEqual([1, 2])
    // A tab is no separator (乙丙<tab>9 is one word); two fields are a word and its tag; four are nothing.
    expect(lexicon.longestAt("乙丙", 0)).toBe(0)
    expect(lexicon.longestAt("丙丁", 0)).toBe(2)
    expect(lexicon.longestAt("戊己", 0)).toBe(0)
    expect(() => buildLexicon("甲 3\n")).toThrow(/three fields/)
  })
})
