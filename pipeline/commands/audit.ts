// `clausetag audit sample` and `clausetag audit report`: a stratified random sample of a run for review, and
// precision and recall of the run estimated from the reviewed part of it. The statistics are pure (report/audit-*);
// here are only the files: both commands write all their outputs at once, or none.
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { InputError, UsageError } from "../errors.js"
import { estimate, type ReviewedClause } from "../report/audit-estimate.js"
import { auditJson, auditMarkdown, type AuditPlan } from "../report/audit-report.js"
import { drawSample } from "../report/audit-sample.js"
import { FINANCE_WORDS } from "../report/coverage.js"
import { jsonFile } from "../report/jsonl.js"
import { makeOutputs } from "../run/output.js"
import { readAudit, readReviewed, readRun } from "./audit-files.js"

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6

export const auditSampleCommand = Effect.fn("Audit.sample")(function* (options: { run: string; size: number; seed: number; out: string }) {
  if (options.size < 1) return yield* new UsageError({ reason: `--size must be at least 1 (got ${options.size})` })
  if (options.seed < 0) return yield* new UsageError({ reason: `--seed must be 0 or more (got ${options.seed})` })
  const run = yield* readRun(options.run)
  const { strata, sample } = drawSample(run.clauses, options.size, options.seed)
  const lines = sample
    .map((c) => JSON.stringify({ id: c.id, doc: c.doc, region: c.region, year: c.year, text: c.text, labels: c.labels, stratum: c.stratum, weight: round6(c.weight) }) + "\n")
    .join("")
  const plan: AuditPlan = {
    rules_hash: run.rulesHash,
    inputs_hash: run.inputsHash,
    clauses: run.clauses.length,
    seed: options.seed,
    size: options.size,
    sampled: sample.length,
    candidate_words: FINANCE_WORDS,
    strata: strata.map((s) => ({ stratum: s.stratum, clauses: s.clauses, sampled: s.sampled, weight: s.sampled === 0 ? 0 : round6(s.clauses / s.sampled), predicted: s.predicted }))
  }
  // Answers already given belong to the sample they were given for: never draw another one under them.
  const sampleFile = path.join(options.out, "sample.jsonl")
  if (fs.existsSync(path.join(options.out, "reviewed.jsonl")) && fs.existsSync(sampleFile) && fs.readFileSync(sampleFile, "utf8") !== lines)
    return yield* new UsageError({
      reason: `${options.out} holds reviewed.jsonl for another sample; drawing a new one there would orphan those answers: choose another --out folder, or move reviewed.jsonl away`
    })
  yield* Effect.scoped(
    Effect.gen(function* () {
      const outputs = yield* makeOutputs(options.out)
      yield* outputs.put("sample.jsonl", lines)
      yield* outputs.put("plan.json", jsonFile(plan))
      yield* outputs.commit
    })
  )
  return plan
})

export const auditReportCommand = Effect.fn("Audit.report")(function* (options: { audit: string; replicates: number }) {
  if (options.replicates < 1) return yield* new UsageError({ reason: `--replicates must be at least 1 (got ${options.replicates})` })
  const { plan, sample } = yield* readAudit(options.audit)
  const reviewedFile = path.join(options.audit, "reviewed.jsonl")
  const answers = yield* readReviewed(reviewedFile)
  const byId = new Map(sample.map((c) => [c.id, c]))
  const reviewed: Array<ReviewedClause> = []
  for (const a of answers) {
    const c = byId.get(a.id)
    if (c === undefined)
      return yield* new InputError({ file: reviewedFile, line: a.line, reason: `${a.id} is not a clause of ${path.join(options.audit, "sample.jsonl")}: review only sampled clauses (is this the right audit folder?)` })
    reviewed.push({ stratum: c.stratum, predicted: c.labels, truth: a.labels })
  }
  if (reviewed.length === 0) return yield* new UsageError({ reason: `${reviewedFile} has no answers yet: review some clauses of sample.jsonl first` })
  const result = estimate(plan.strata, reviewed, { replicates: options.replicates, seed: plan.seed })
  yield* Effect.scoped(
    Effect.gen(function* () {
      const outputs = yield* makeOutputs(options.audit)
      yield* outputs.put("audit.json", jsonFile(auditJson(plan, result, options.replicates)))
      yield* outputs.put("audit.md", auditMarkdown(plan, result, options.replicates))
      yield* outputs.commit
    })
  )
  return result
})
