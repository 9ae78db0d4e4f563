// `clausetag eval`: label the gold clauses' texts exactly as given (no re-splitting) and score them, file by file,
// as a union and document by document.
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import { jsonFile } from "../report/jsonl.js"
import { InputError, UsageError } from "../errors.js"
import { evaluate, evaluateFiles, parseGoldLine, type Evaluation, type GoldClause, type GoldFile } from "../report/score.js"
import { baselineJson, evalJson, evalMarkdown } from "../report/eval.js"
import * as path from "node:path"
import type { LabeledClause } from "../domain.js"
import { labelClause } from "../match/label.js"
import { compile } from "../match/matcher.js"
import { makeOutputs } from "../run/output.js"
import { loadRules, type LoadedRules } from "../rules/load.js"
import { loadSegmenter } from "../segment/segmenter.js"
import type { WordSource } from "../segment/tokens.js"
import { reviewedGold } from "./audit-files.js"

export const readGold = Effect.fn("Eval.readGold")(function* (file: string) {
  const fs = yield* FileSystem.FileSystem
  const text = yield* fs.readFileString(file).pipe(Effect.mapError((e) => new InputError({ file, reason: e.message.replace(/^.*?: (?=ENOENT|EACCES|EISDIR)/, "") })))
  const gold: Array<GoldClause> = []
  const lines = text.split("\n")
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue
    const parsed = parseGoldLine(line)
    if (typeof parsed === "string") return yield* new InputError({ file, line: i + 1, reason: `${parsed}; fix or remove the line` })
    gold.push(parsed)
  }
  return gold
})

/** Labels gold clauses' texts as given with the rules; the segmenter must be the one loaded for these rules. */
const labelGold = (rules: LoadedRules, gold: ReadonlyArray<GoldClause>, segmenter: WordSource): Array<LabeledClause> => {
  const matcher = compile(rules.ruleSet)
  return gold.map((g) => labelClause(matcher, segmenter, { ...g, region_code: null, index: 0 }))
}

/** Scores gold clauses labeled with the given rules. */
export const scoreGold = (rules: LoadedRules, gold: ReadonlyArray<GoldClause>, segmenter: WordSource): Evaluation =>
  evaluate(gold, labelGold(rules, gold, segmenter))

export const evalCommand = Effect.fn("Eval.run")(function* (options: {
  golds: ReadonlyArray<string>
  /** Texts come from this run's labels.jsonl, by id: a gold file may hold only ids and labels (an audit's review). */
  run?: string | undefined
  rulesDir: string
  outDir: string
  /** Also record the scores as the accuracy floors in this file. */
  baseline: string | undefined
}) {
  const rules = yield* loadRules(options.rulesDir)
  const segmenter = yield* loadSegmenter(rules.userDictionary)
  const files: Array<GoldFile> = []
  for (const file of options.golds) {
    const gold = options.run === undefined ? yield* readGold(file) : yield* reviewedGold(file, options.run)
    files.push({ name: path.basename(file), gold, predicted: labelGold(rules, gold, segmenter) })
  }
  const names = files.map((f) => f.name)
  const twice = names.find((n, i) => names.indexOf(n) !== i)
  if (twice !== undefined) return yield* new UsageError({ reason: `two gold files are named ${twice}: give each --gold a file of its own name` })
  const evaluation = evaluateFiles(files)
  yield* Effect.scoped(
    Effect.gen(function* () {
      const outputs = yield* makeOutputs(options.outDir)
      yield* outputs.put("eval.json", jsonFile(evalJson(evaluation, rules.hash)))
      yield* outputs.put("eval.md", evalMarkdown(evaluation, rules.hash))
      yield* outputs.commit
    })
  )
  if (options.baseline !== undefined) {
    const file = options.baseline
    yield* Effect.scoped(
      Effect.gen(function* () {
        const outputs = yield* makeOutputs(path.dirname(file))
        yield* outputs.put(path.basename(file), jsonFile(baselineJson(evaluation)))
        yield* outputs.commit
      })
    )
  }
  return evaluation
})
