// The labeling run, stage by stage: start workers → load rules → list inputs → label in order → total coverage →
// write reports → commit. Reading `labelCorpus` gives the whole architecture; each stage is a named function below
// or in its own module. The workers (worker.ts) label each file: read → decode → split → label → encode → count
// (labelfile.ts). Files stream through in batches, the output order does not depend on the number of jobs, and
// outputs become visible only when complete.
import * as Effect from "effect/Effect"
import type { InputFile } from "../domain.js"
import { NothingLabeled, type InputError } from "../errors.js"
import { listInputs, type Given } from "../input/list.js"
import type { Warning } from "../input/parse.js"
import type { Coverage } from "../report/coverage.js"
import { findUserDictionary, loadRules } from "../rules/load.js"
import { labelInOrder, type Tally } from "./inorder.js"
import { makeOutputs } from "./output.js"
import { workerPool, type Labeler } from "./pool.js"
import { progress, silent } from "./progress.js"
import { writeReports } from "./reports.js"

export interface LabelOptions {
  readonly inputs: ReadonlyArray<string>
  readonly rulesDir: string
  readonly outDir: string
  readonly jobs: number
  readonly progress: boolean
  /** Also write panel.csv, the region-year panel. */
  readonly panel: boolean
  /** `--region`, `--year`: for every input. */
  readonly given?: Given
}

export interface RunSummary {
  readonly files: number
  readonly documents: number
  readonly clauses: number
  readonly labeled: number
  /** Input warnings other than files left out, in input order. */
  readonly warnings: ReadonlyArray<Warning>
  /** Files that could not be read or decoded, left out of the outputs. */
  readonly unreadable: ReadonlyArray<InputError>
}

export const labelCorpus = Effect.fn("Program.labelCorpus")(function* (options: LabelOptions) {
  const jobs = Math.max(1, options.jobs)
  return yield* Effect.scoped(
    Effect.gen(function* () {
      const pool = yield* startWorkers(options.rulesDir, jobs)
      const rules = yield* loadRulesInto(pool, options.rulesDir)
      const listed = yield* listInputs(options.inputs, options.given)
      const outputs = yield* makeOutputs(options.outDir, { exclusive: true, owns: OWNED })
      const labels = yield* outputs.open("labels.jsonl")
      const files = listed.files
      const tally = yield* labelInOrder(files, listed, pool, labels, jobs, options.progress ? progress(files.length) : silent)
      const coverage = yield* totalCoverage(pool)
      // A run that labels nothing keeps the outputs of the last one that did.
      if (coverage.clauses === 0) return yield* new NothingLabeled({ errors: tally.unreadable })
      yield* writeReports(outputs, { rules, files, tally, coverage, panel: options.panel })
      yield* outputs.commit
      return summary(files, tally, coverage)
    })
  )
})

/** The files a labeling run owns in its folder: after it, those it did not write (a panel.csv, eval.*) are gone. */
export const OWNED = ["labels.jsonl", "coverage.json", "coverage.md", "coverage.html", "panel.csv", "run.json", "eval.json", "eval.md"]

/**
 * Labeling runs in worker threads, even for one job. They load jieba's lexicon while this thread loads the rules and
 * lists the inputs; a bad rule file or a missing input ends the run (and the workers) before any output.
 */
const startWorkers = Effect.fn("Program.startWorkers")(function* (rulesDir: string, jobs: number) {
  return yield* workerPool({ userDictionary: yield* findUserDictionary(rulesDir) }, jobs)
})

/** Loads the rule set and sends it to the workers, which compile it while the inputs are listed. */
const loadRulesInto = Effect.fn("Program.loadRules")(function* (pool: Labeler, rulesDir: string) {
  const rules = yield* loadRules(rulesDir)
  yield* pool.useRules(rules.ruleSet)
  return rules
})

/** The coverage of every file, added up over the workers once all batches are back. */
const totalCoverage = Effect.fn("Program.totalCoverage")(function* (pool: Labeler) {
  return yield* pool.coverage
})

const summary = (files: ReadonlyArray<InputFile>, tally: Tally, coverage: Coverage): RunSummary => ({
  files: files.length + tally.listedUnreadable,
  documents: coverage.documents,
  clauses: coverage.clauses,
  labeled: coverage.labeled,
  warnings: tally.notices,
  unreadable: tally.unreadable
})
