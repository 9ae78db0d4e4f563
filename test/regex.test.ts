// Rule regexes run on V8's engine only when their shape cannot backtrack out of bounds, and then find exactly what
// RE2 finds: checked on every bundled rule regex over the seed and gold clauses.
import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { backtrackSafe, compileRegex, nativeRegex, re2Regex } from "../pipeline/rules/regex.js"
import { normalize } from "../pipeline/match/normalize.js"
import { ROOT } from "./cli.js"
import { corpusTexts } from "./fixtures.js"

const bundled = fs
  .readdirSync(path.join(ROOT, "rules"))
  .filter((f) => f.endsWith(".yaml"))
  .flatMap((f) => [...fs.readFileSync(path.join(ROOT, "rules", f), "utf8").matchAll(/^\s+regex: '(.*)'$/gm)].map((m) => m[1]!))

describe("rule regexes", () => {
  it("send nested or stacked repetition to RE2, and the shapes rules use to V8", () => {
    for (const s of ["(a+)+$", "(a|aa)*", "(a*)*", "a*a*b", "(?:a{0,5}){0,5}", "((ab)*c)*", "x{1000}y{1000}"]) expect(backtrackSafe(s), s).toBe(false)
    for (const s of ["(企业|公司)[^,;。]{0,10}(发行|发)[^,;。]{0,8}债", "(?<!等)资本市场(?:[^化]|$)", "(绿色|低碳)(、[^,;。]{1,6})?基金", "置换.{0,6}债"])
      expect(backtrackSafe(s), s).toBe(true)
    expect(bundled.length).toBeGreaterThan(40)
    expect(bundled.filter(backtrackSafe).length).toBeGreaterThan(bundled.length * 0.8)
  })

  it("find the same first match on either engine, for every bundled regex on every seed and gold clause", () => {
    const texts = corpusTexts().map((t) => normalize(t).text)
    for (const source of bundled.filter(backtrackSafe)) {
      const v8 = nativeRegex(source)!
      const re2 = re2Regex(source)
      for (const t of texts) expect(v8.first(t), `${source} on ${t}`).toEqual(re2.first(t))
    }
  })

  it("run a catastrophic pattern on RE2, which returns where a backtracking engine would not (2^5000 paths)", () => {
    expect(compileRegex("(a+)+$").first(`${"a".repeat(5000)}!`)).toBeNull()
  })
})
