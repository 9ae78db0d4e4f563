// The labeling run, stage by stage: load rules → ingest (read, decode, split) → label (normalize, tokenize, match)
// → emit JSONL → coverage report. Documents stream through one at a time; outputs become visible only when complete.
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { emptyCoverage, addDocument } from "./coverage.js"
import { jsonFile, labeledClauseLine } from "./emit.js"
import { listInputs, readInput } from "./ingest.js"
import { labelClause } from "./label.js"
import { makeOutputs } from "./output.js"
import type { Warning } from "./parse.js"
import { coverageMarkdown, coverageReport } from "./report.js"
import { loadRules, type LoadedRules } from "./ruleset.js"
import { Segmenter } from "./segmenter.js"

export interface LabelOptions {
  readonly inputs: ReadonlyArray<string>
  readonly rulesDir: string
  readonly outDir: string
}

export interface RunSummary {
  readonly files: number
  readonly documents: number
  readonly clauses: number
  readonly labeled: number
  readonly warnings: number
}

export const labelCorpus = Effect.fn("Program.labelCorpus")(function* (options: LabelOptions) {
  const rules = yield* loadRules(options.rulesDir)
  return yield* labelWith(options, rules).pipe(Effect.provide(Segmenter.layer(rules.userDictionary)))
})

const labelWith = (options: LabelOptions, rules: LoadedRules) =>
  Effect.scoped(
    Effect.gen(function* () {
      const segmenter = yield* Segmenter
      const files = yield* listInputs(options.inputs)
      const outputs = yield* makeOutputs(options.outDir)
      const labels = yield* outputs.open("labels.jsonl")
      const coverage = emptyCoverage()
      const warnings: Array<Warning> = []
      const inputsHash = createHash("sha256")
      for (const file of files) {
        const read = yield* readInput(file)
        inputsHash.update(`${file.source}\0${read.digest}\0`)
        warnings.push(...read.warnings)
        for (const doc of read.documents) {
          const labeled = doc.clauses.map((c) => labelClause(rules.matcher, segmenter.cut, c))
          yield* labels.write(labeled.map(labeledClauseLine).join(""))
          addDocument(coverage, doc.doc, doc.region, doc.year, labeled)
        }
      }
      const run = {
        segmenter: segmenter.settings,
        rulesHash: rules.hash,
        inputsHash: inputsHash.digest("hex").slice(0, 12),
        warnings
      }
      const report = coverageReport(coverage, rules.ruleSet, run)
      yield* outputs.put("coverage.json", jsonFile(report))
      yield* outputs.put("coverage.md", coverageMarkdown(report))
      yield* outputs.put(
        "run.json",
        jsonFile({
          rules_hash: run.rulesHash,
          inputs_hash: run.inputsHash,
          inputs: files.map((f) => f.source),
          documents: coverage.documents,
          clauses: coverage.clauses,
          labeled: coverage.labeled,
          segmenter: report.segmenter
        })
      )
      yield* outputs.commit
      return {
        files: files.length,
        documents: coverage.documents,
        clauses: coverage.clauses,
        labeled: coverage.labeled,
        warnings: warnings.length
      } satisfies RunSummary
    })
  )
