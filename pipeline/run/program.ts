// The labeling run, stage by stage: load rules → list inputs → read, decode, split, normalize, tokenize, match and
// emit (worker threads) → write in input order → coverage report. Files stream through in batches, the output order
// does not depend on the number of jobs, and outputs become visible only when complete.
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import type { InputFile } from "../domain.js"
import { jsonFile } from "../report/jsonl.js"
import { NothingLabeled, type InputError } from "../errors.js"
import { VERSION } from "../version.js"
import { listInputs, type ListingProblems } from "../input/list.js"
import { workerPool, type Batch, type Labeler } from "./pool.js"
import { makeOutputs } from "./output.js"
import type { Warning } from "../input/parse.js"
import { coverageHtml } from "../report/html.js"
import { panelCsv } from "../report/panel.js"
import { progress as showProgress, silent } from "./progress.js"
import { coverageMarkdown, coverageReport } from "../report/report.js"
import { findUserDictionary, loadRules, type LoadedRules } from "../rules/load.js"
import { segmenterSettings } from "../segment/segmenter.js"

export interface LabelOptions {
  readonly inputs: ReadonlyArray<string>
  readonly rulesDir: string
  readonly outDir: string
  readonly jobs: number
  readonly progress: boolean
  /** Also write panel.csv, the region-year panel. */
  readonly panel: boolean
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
  return yield* Effect.scoped(
    Effect.gen(function* () {
      // Labeling runs in worker threads, even for one job. They load jieba's lexicon while this thread loads the rules
      // and lists the inputs; a bad rule file or a missing input ends the run (and the workers) before any output.
      const jobs = Math.max(1, options.jobs)
      const pool = yield* workerPool({ userDictionary: yield* findUserDictionary(options.rulesDir) }, jobs)
      const rules = yield* loadRules(options.rulesDir)
      yield* pool.useRules(rules.ruleSet)
      const listing: ListingProblems = { unreadable: [], warnings: [] }
      const files = yield* listInputs(options.inputs, listing)
      return yield* labelFiles(options, rules, files, pool, jobs, listing)
    })
  )
})

/** The files a labeling run owns in its folder: after it, those it did not write (a panel.csv, eval.*) are gone. */
export const OWNED = ["labels.jsonl", "coverage.json", "coverage.md", "coverage.html", "panel.csv", "run.json", "eval.json", "eval.md"]

/** Files grouped in input order into batches of about BATCH_BYTES (a larger file is a batch of its own). */
const BATCH_BYTES = 1 << 18

export const batches = (files: ReadonlyArray<InputFile>, sizes: ReadonlyArray<number>): Array<Batch> => {
  const out: Array<Batch> = []
  let current: Array<InputFile> = []
  let bytes = 0
  files.forEach((file, i) => {
    if (current.length > 0 && bytes + sizes[i]! > BATCH_BYTES) {
      out.push({ files: current, bytes })
      current = []
      bytes = 0
    }
    current.push(file)
    bytes += sizes[i]!
  })
  if (current.length > 0) out.push({ files: current, bytes })
  return out
}

const notLabeled = (e: InputError, source = e.file): Warning => ({
  file: source,
  line: 0,
  message: `not labeled: ${e.reason}${e.offset !== undefined ? ` (byte ${e.offset})` : ""}`
})

/** Each file's size, as listed, else looked up (0 when it cannot be: the worker reading it reports why). */
const fileSizes = (files: ReadonlyArray<InputFile>) =>
  Effect.sync(() =>
    files.map((f) => {
      if (f.size !== undefined) return f.size
      try {
        return fs.statSync(f.path).size
      } catch {
        return 0
      }
    })
  )

/** This thread only hands out batches and writes the results. */
const labelFiles = (options: LabelOptions, rules: LoadedRules, files: ReadonlyArray<InputFile>, pool: Labeler, jobs: number, listing: ListingProblems) =>
  Effect.gen(function* () {
    const outputs = yield* makeOutputs(options.outDir, { exclusive: true, owns: OWNED })
    const labels = yield* outputs.open("labels.jsonl")
    const progress = options.progress ? showProgress(files.length) : silent
    // Every warning goes into the report; those about files left out are told once more, with the exit code.
    const warnings: Array<Warning> = [...listing.unreadable.map((e) => notLabeled(e)), ...listing.warnings]
    const notices: Array<Warning> = [...listing.warnings]
    const unreadable: Array<InputError> = [...listing.unreadable]
    const inputsHash = createHash("sha256")

    // Batches of files (about 256 KB each, so the workers finish together) go out two per worker in flight, so no
    // worker waits for this thread; results are taken in input order. Both bounds keep memory flat, and so does
    // handing each batch's JSONL memory back to its worker once written.
    yield* Stream.fromIterable(batches(files, yield* fileSizes(files))).pipe(
      Stream.mapEffect((batch) => Effect.map(pool.label(batch), (labeled) => ({ batch, labeled })), { concurrency: jobs * 2 }),
      Stream.runForEach(({ batch, labeled: { files: results, written } }) =>
        Effect.suspend(() => {
          const jsonl: Array<Uint8Array> = []
          results.forEach((labeled, i) => {
            const file = batch.files[i]!
            inputsHash.update(`${file.source}\0${labeled.digest}\0`)
            const r = labeled.result
            if ("unreadable" in r) {
              // An unreadable file is reported and left out; every other file is still labeled.
              const e = r.unreadable
              unreadable.push(e)
              warnings.push(notLabeled(e, file.source))
              return
            }
            warnings.push(...r.warnings)
            notices.push(...r.warnings)
            jsonl.push(r.jsonl)
            progress.update({ documents: r.documents, clauses: r.clauses, bytes: labeled.size })
          })
          // Once written, the batch's memory goes back to its worker for the next files.
          return Effect.zipRight(labels.write(jsonl), written)
        })
      )
    )
    progress.done()
    const coverage = yield* pool.coverage
    // A run that labels nothing keeps the outputs of the last one that did.
    if (coverage.clauses === 0) return yield* new NothingLabeled({ errors: unreadable })

    const run = {
      segmenter: segmenterSettings(rules.userDictionary),
      rulesHash: rules.hash,
      inputsHash: inputsHash.digest("hex").slice(0, 12),
      warnings
    }
    const report = coverageReport(coverage, rules.ruleSet, run)
    yield* outputs.put("coverage.json", jsonFile(report))
    yield* outputs.put("coverage.md", coverageMarkdown(report))
    yield* outputs.put("coverage.html", coverageHtml(report))
    if (options.panel) yield* outputs.put("panel.csv", panelCsv(coverage))
    yield* outputs.put(
      "run.json",
      jsonFile({
        clausetag_version: VERSION,
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
      files: files.length + listing.unreadable.length,
      documents: coverage.documents,
      clauses: coverage.clauses,
      labeled: coverage.labeled,
      warnings: notices,
      unreadable
    } satisfies RunSummary
  })
