import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { normalize } from "../pipeline/match/normalize.js"
import { loadRules } from "../pipeline/rules/load.js"
import { wakeLiterals } from "../pipeline/match/wake.js"
import { goldTexts, ROOT } from "./cli.js"

describe("wake literals of lone-regex rules", () => {
  it("are the literal starts of each alternative, and nothing when they cannot be read off", () => {
    expect(wakeLiterals("(?<!开)发债")).toEqual(["发债"])
    expect(wakeLiterals("(企业|公司)[^,;。]{0,8}专项债")).toEqual(["企业", "公司"])
    expect(wakeLiterals("(开好?|打开)前门|堵后门")).toEqual(["开", "打开", "堵后门"])
    expect(wakeLiterals("(a|b)?c")).toBeUndefined()
    expect(wakeLiterals("\\d+亿")).toBeUndefined()
    expect(wakeLiterals("债?券")).toBeUndefined()
  })

  it.effect("are contained in every match of every bundled regex rule on the seed and gold clauses", () =>
    Effect.gen(function* () {
      const rules = yield* loadRules("rules")
      const texts = [
        ...fs.readdirSync(path.join(ROOT, "seeds")).filter((f) => f.endsWith(".txt"))
          .flatMap((f) => fs.readFileSync(path.join(ROOT, "seeds", f), "utf8").split(/[\n*。；]/)),
        ...goldTexts()
      ].map((t) => normalize(t).text)
      let matched = 0
      for (const rule of rules.ruleSet.rules.filter((r) => r.regex !== undefined && r.any === undefined && r.all === undefined)) {
        const literals = wakeLiterals(rule.regex!)
        if (literals === undefined) continue
        const re = new RegExp(rule.regex!, "u")
        for (const text of texts) {
          const m = re.exec(text)
          if (m === null) continue
          matched++
          expect(literals.some((l) => m[0].includes(normalize(l).text)), `${rule.id} on ${text}`).toBe(true)
        }
      }
      expect(matched).toBeGreaterThan(50)
    }).pipe(Effect.provide(NodeContext.layer))
  )
})
