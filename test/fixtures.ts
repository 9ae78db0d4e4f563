// Small rule sets and clauses built in memory, and the corpus of real clauses (the seeds and the gold clauses), shared
// by the tests.
import { Either } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import type { Clause } from "../pipeline/domain.js"
import { compile, type Matcher } from "../pipeline/match/matcher.js"
import { assembleRuleSet, decodeRuleFile } from "../pipeline/rules/decode.js"
import { loadJieba, type SegmenterShape } from "../pipeline/segment/segmenter.js"
import { goldTexts, ROOT } from "./cli.js"

let jieba: SegmenterShape | undefined
/** Real jieba, loaded once per test file. */
export const segmenter = (): SegmenterShape => (jieba ??= loadJieba(null))

/** Compiles rule files given as `{ "<category>.yaml": yamlText }`; throws on any problem, with the messages. */
export const matcherOf = (files: Record<string, string>): Matcher => {
  const loaded = Object.entries(files).map(([file, text]) =>
    Either.getOrThrowWith(decodeRuleFile(file, text), (issues) => new Error(issues.map((i) => i.message).join("\n")))
  )
  return compile(Either.getOrThrowWith(assembleRuleSet(loaded), (issues) => new Error(issues.map((i) => i.message).join("\n"))))
}

/** A rule file's text: the category header, then the given `rules:` items (YAML, indented two spaces). */
export const ruleFile = (category: string, name: string, rules: string): string =>
  `category: ${category}\nname: ${name}\ndescription: test\nrules:\n${rules.replace(/^\n/, "")}`

export const clause = (text: string, id = "t:1"): Clause => ({ id, doc: "t", region: null, region_code: null, year: null, index: 1, text })

/** The text of each bundled seed file (seeds/*.txt), in name order. */
export const seedFiles = (): Array<string> =>
  fs
    .readdirSync(path.join(ROOT, "seeds"))
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => fs.readFileSync(path.join(ROOT, "seeds", f), "utf8"))

/** The seeds as clause-sized texts: split at line ends and at the star records' `*`. */
export const seedTexts = (): Array<string> => seedFiles().flatMap((text) => text.split(/[\n*]/))

/** Every seed and gold text: the real clauses that claims about segmenting and matching are checked on. */
export const corpusTexts = (): Array<string> => [...seedTexts(), ...goldTexts()]
