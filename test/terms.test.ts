// Term classes (rules/terms.yaml): decoded as strictly as rule files, expanded into the rules that name them, and
// part of the rules hash.
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { assembleRuleSet, decodeRuleFile } from "../pipeline/rules/decode.js"
import { loadRules } from "../pipeline/rules/load.js"
import { decodeTermsFile } from "../pipeline/rules/terms.js"
import { tempDir } from "./cli.js"
import { ruleFile } from "./fixtures.js"

const terms = `classes:
  platforms:
    description: financing platforms
    terms: [城投, 交投, 水投]
`
const rules = ruleFile("platform_building", "融资平台组建与壮大", `
  - id: platform_building.groups
    description: groups
    all: [[$platforms, 投资集团], [组建]]
    none: [$platforms_typo]
    examples: { match: [组建城投], no_match: [] }
`)

const decodedTerms = () => Either.getOrThrow(decodeTermsFile("rules/terms.yaml", terms))

describe("term classes", () => {
  it("decode strictly: unknown keys, bad names, empty lists and classes naming classes are errors at their line", () => {
    const bad = `classes:\n  Platforms:\n    description: x\n    terms: [a]\n  empty:\n    description: x\n    terms: []\n  ok:\n    description: x\n    terms: [$other]\n    extra: 1\n`
    const issues = Either.getOrElse(Either.flip(decodeTermsFile("rules/terms.yaml", bad)), () => [])
    const messages = issues.map((i) => `${i.line}: ${i.message}`).join("\n")
    expect(messages).toMatch(/3: .classes.Platforms: unknown key; allowed here: a string matching the pattern/)
    expect(messages).toMatch(/7: .*a class needs at least one term/)
    expect(messages).toMatch(/10: .*a class holds terms, not other classes/)
    expect(messages).toMatch(/11: .*extra: unknown key/)
  })

  it("expand in place where a rule names them, and an unknown class is reported at its rule", () => {
    const file = Either.getOrThrow(decodeRuleFile("rules/platform_building.yaml", rules))
    const issues = Either.getOrElse(Either.flip(assembleRuleSet([file], decodedTerms())), () => [])
    expect(issues).toEqual([expect.objectContaining({ line: 5, message: expect.stringMatching(/no term class \$platforms_typo.*terms.yaml/) })])
    const fixed = Either.getOrThrow(decodeRuleFile("rules/platform_building.yaml", rules.replace("    none: [$platforms_typo]\n", "")))
    const set = Either.getOrThrow(assembleRuleSet([fixed], decodedTerms()))
    expect(set.rules[0]!.all).toEqual([["城投", "交投", "水投", "投资集团"], ["组建"]])
  })

  it.effect("are read from terms.yaml by loadRules, and an edit of it changes the rules hash", () =>
    Effect.gen(function* () {
      const dir = tempDir("terms")
      fs.writeFileSync(path.join(dir, "platform_building.yaml"), rules.replace("    none: [$platforms_typo]\n", ""))
      fs.writeFileSync(path.join(dir, "terms.yaml"), terms)
      const before = yield* loadRules(dir)
      expect(before.ruleSet.rules[0]!.all![0]).toContain("水投")
      fs.writeFileSync(path.join(dir, "terms.yaml"), terms.replace(", 水投]", ", 旅投]"))
      const after = yield* loadRules(dir)
      expect(after.ruleSet.rules[0]!.all![0]).toContain("旅投")
      expect(after.hash).not.toBe(before.hash)
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.effect("the bundled classes are used by rules of several categories", () =>
    Effect.gen(function* () {
      const loaded = yield* loadRules("rules")
      const users = new Set(loaded.ruleSet.files.filter((f) => f.content.rules.some((r) => JSON.stringify(r).includes('"$'))).map((f) => f.content.category))
      expect(users.size).toBeGreaterThanOrEqual(3)
    }).pipe(Effect.provide(NodeContext.layer))
  )
})
