// `clausetag eval`: label the gold clauses' texts exactly as given (no re-splitting) and score them, file by file,
// as a union and document by document.
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import { jsonFile } from "../report/jsonl.js"
import { InputError, UsageError } from "../errors.js"
import { evaluate, evaluateFiles, parseGoldLine, type GoldClause, type GoldFile } from "../report/score.js"
import { baselineJson, evalJson, evalMarkdown } from "../report/eval.js"
import * as path from "node:path"
import { labelClause } from "../match/label.js"
import { compile } from "../match/matcher.js"
import { makeOutputs } from "../run/output.js"
import { loadRules, type LoadedRules } from "../rules/load.js"
import { Segmenter } from "../segment/segmenter.js"

export const readGold = Effect.fn("Eval.readGold")(function* (file: string) {
  const fs = yield* FileSystem.FileSystem
  const text = yield* fs.readFileString(file).pipe(Effect.mapError((e) => new InputError({ file, reason: e.message.replace(/^.*?: (?=ENOENT|EACCES|EISDIR)/, "") })))
  const gold: Array<GoldClause> = []
  const lines = text.split("\n")
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === "") continue
    const parsed = parseGoldLine(lines[i]!)
    if (typeof parsed === "string") return yield* new InputError({ file, line: i + 1, reason: `${parsed}; fix or remove the line` })
    gold.push(parsed)
  }
  return gold
})

/** Labels gold clauses' texts as given with the rules; the segmenter must be the one built for these rules. */
const labelGold = (rules: LoadedRules, gold: ReadonlyArray<GoldClause>) =>
  Effect.map(Segmenter, (segmenter) => {
    const matcher = compile(rules.ruleSet)
    return gold.map((g) => labelClause(matcher, segmenter, { ...g, index: 0 }))
  })

/** Scores gold clauses labeled with the given rules. */
export const scoreGold = (rules: LoadedRules, gold: ReadonlyArray<GoldClause>) => Effect.map(labelGold(rules, gold), (predicted) => evaluate(gold, predicted))

export const evalCommand = Effect.fn("Eval.run")(function* (options: {
  golds: ReadonlyArray<string>
  rulesDir: string
  outDir: string
  /** Also record the scores as the accuracy floors in this file. */
  baseline: string | undefined
}) {
  const rules = yield* loadRules(options.rulesDir)
  const files: Array<GoldFile> = []
  for (const file of options.golds) {
    const gold = yield* readGold(file)
    const predicted = yield* labelGold(rules, gold).pipe(Effect.provide(Segmenter.layer(rules.userDictionary)))
    files.push({ name: file.split("/").pop()!, gold, predicted })
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
