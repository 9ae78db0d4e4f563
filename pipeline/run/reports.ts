// The run's reports, written from the total coverage once every file is labeled: coverage.json, .md and .html, the
// panel when asked for, and run.json. They go to the run's outputs, which show them only when the run commits.
import * as Effect from "effect/Effect"
import type { InputFile } from "../domain.js"
import type { Coverage } from "../report/coverage.js"
import { coverageHtml } from "../report/html.js"
import { jsonFile } from "../report/jsonl.js"
import { panelCsv } from "../report/panel.js"
import { coverageMarkdown, coverageReport } from "../report/report.js"
import type { LoadedRules } from "../rules/load.js"
import { segmenterSettings } from "../segment/segmenter.js"
import type { Tally } from "./inorder.js"
import type { Outputs } from "./output.js"
import { VERSION } from "../version.js"

export interface ReportInputs {
  readonly rules: LoadedRules
  readonly files: ReadonlyArray<InputFile>
  readonly tally: Tally
  readonly coverage: Coverage
  /** Also write panel.csv, the region-year panel. */
  readonly panel: boolean
}

export const writeReports = Effect.fn("Program.writeReports")(function* (outputs: Outputs, { rules, files, tally, coverage, panel }: ReportInputs) {
  const run = {
    segmenter: segmenterSettings(rules.userDictionary),
    rulesHash: rules.hash,
    inputsHash: tally.inputsHash(),
    warnings: tally.warnings
  }
  const report = coverageReport(coverage, rules.ruleSet, run)
  yield* outputs.put("coverage.json", jsonFile(report))
  yield* outputs.put("coverage.md", coverageMarkdown(report))
  yield* outputs.put("coverage.html", coverageHtml(report))
  if (panel) yield* outputs.put("panel.csv", panelCsv(coverage))
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
})
