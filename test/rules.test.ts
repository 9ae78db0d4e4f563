import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { rulesCheckCommand } from "../pipeline/commands/check.js"
import { CATEGORY_IDS } from "../pipeline/domain.js"
import { loadRules } from "../pipeline/rules/load.js"
import { decodeRuleFile, ruleFileJsonSchema } from "../pipeline/rules/decode.js"
import * as fs from "node:fs"

const issuesOf = (file: string, text: string) =>
  Either.match(decodeRuleFile(file, text), { onLeft: (issues) => issues, onRight: () => [] })

const valid = `category: ppp
name: PPP与社会资本合作
description: test
rules:
  - id: ppp.core
    description: PPP
    any: [ppp]
    examples: { match: [推广PPP模式], no_match: [] }
`

describe("rule files", () => {
  it("decode when valid", () => {
    expect(issuesOf("rules/ppp.yaml", valid)).toEqual([])
  })

  it("report YAML syntax errors with their line", () => {
    const [issue] = issuesOf("rules/ppp.yaml", "category: ppp\nrules: [\n  - a\n")
    expect(issue).toMatchObject({ file: "rules/ppp.yaml" })
    expect(issue!.line).toBeGreaterThan(1)
    expect(issue!.message).toMatch(/^YAML:/)
  })

  it("report every schema problem at once, each at its line: unknown key, wrong type, empty terms, bad regex", () => {
    const text = valid
      .replace("    any: [ppp]\n", "    any: []\n    anyy: [x]\n    within: many\n    regex: '(['\n")
    const issues = issuesOf("rules/ppp.yaml", text)
    const byLine = (needle: string) => issues.find((i) => i.message.startsWith(needle))
    expect(byLine(".rules[0].any: a term list must not be empty")).toMatchObject({ line: 7 })
    expect(byLine(".rules[0].anyy")).toMatchObject({ line: 8 })
    expect(byLine(".rules[0].within")).toMatchObject({ line: 9 })
    expect(byLine(".rules[0].regex: invalid regular expression")).toMatchObject({ line: 10 })
  })

  it("report an unknown category and a file named for another category", () => {
    expect(issuesOf("rules/ppp.yaml", valid.replace("category: ppp", "category: pps"))[0]!.message).toMatch(/unknown category "pps"/)
    expect(issuesOf("rules/green_finance.yaml", valid)[0]).toMatchObject({ line: 1, message: expect.stringMatching(/name it ppp.yaml/) })
  })

  it.effect("bundled rules cover all sixteen categories", () =>
    Effect.gen(function* () {
      const rules = yield* loadRules("rules")
      expect(rules.ruleSet.files.map((f) => f.content.category).sort()).toEqual([...CATEGORY_IDS].sort())
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.effect("bundled rules pass `rules check`: every example, no dead terms, no undeclared overlaps", () =>
    Effect.gen(function* () {
      const report = yield* rulesCheckCommand({ rulesDir: "rules", corpus: ["seeds"] })
      expect(report.problems).toEqual([])
      expect(report.examples).toBeGreaterThan(report.rules)
    }).pipe(Effect.provide(NodeContext.layer))
  )
})

describe("rules/rules.schema.json", () => {
  it("is the JSON Schema of the decoder, so editors and the loader agree (regenerate: clausetag rules schema)", () => {
    expect(fs.readFileSync("rules/rules.schema.json", "utf8")).toBe(ruleFileJsonSchema())
    for (const f of fs.readdirSync("rules").filter((n) => n.endsWith(".yaml"))) {
      expect(fs.readFileSync(`rules/${f}`, "utf8").split("\n")[0], f).toBe("# yaml-language-server: $schema=./rules.schema.json")
    }
  })
})
