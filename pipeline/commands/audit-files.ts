// Reading what the audit works from: a run's labels.jsonl and run.json, an audit folder's plan.json, sample.jsonl
// and reviewed.jsonl. Each failure names the file (and the line) and what to do; the decoding itself is pure
// (report/reviewed.ts), this module only adds the files.
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import * as path from "node:path"
import { isCategoryId } from "../domain.js"
import { InputError, UsageError } from "../errors.js"
import type { RunClause, SampledClause } from "../report/audit-sample.js"
import type { AuditPlan } from "../report/audit-report.js"
import { parseReviewed, type Reviewed } from "../report/reviewed.js"
import type { GoldClause } from "../report/score.js"

const readText = (file: string, missing: string) =>
  Effect.flatMap(FileSystem.FileSystem, (fs) => fs.readFileString(file).pipe(Effect.mapError(() => new UsageError({ reason: `no ${file}: ${missing}` }))))

/** JSONL lines as objects, with their line numbers; a line that is not JSON names its file and line. */
const jsonLines = (file: string, content: string, fix: string) =>
  Effect.forEach(
    content.split("\n").flatMap((text, i) => (text.trim() === "" ? [] : [{ text, line: i + 1 }])),
    ({ text, line }) =>
      Effect.try({
        try: () => ({ row: JSON.parse(text) as Record<string, unknown>, line }),
        catch: () => new InputError({ file, line, reason: `not valid JSON; ${fix}` })
      })
  )

const isClause = (r: Record<string, unknown>): boolean =>
  typeof r["id"] === "string" && typeof r["text"] === "string" && Array.isArray(r["labels"]) && (r["labels"] as Array<unknown>).every((l) => typeof l === "string" && isCategoryId(l))

/** A run's clauses and its hashes, from a folder written by `clausetag label` or `run`. */
export const readRun = Effect.fn("Audit.readRun")(function* (dir: string) {
  const missing = "give --run a folder written by clausetag label (or run)"
  const file = path.join(dir, "labels.jsonl")
  const rows = yield* jsonLines(file, yield* readText(file, missing), "label the corpus again")
  const clauses: Array<RunClause> = []
  for (const { row: r, line } of rows) {
    if (!isClause(r)) return yield* new InputError({ file, line, reason: "not a labeled clause (id, text, labels); label the corpus again" })
    clauses.push({ id: r["id"] as string, doc: String(r["doc"] ?? ""), region: (r["region"] as string | null) ?? null, year: (r["year"] as number | null) ?? null, text: r["text"] as string, labels: r["labels"] as RunClause["labels"] })
  }
  const runFile = path.join(dir, "run.json")
  const runText = yield* readText(runFile, missing)
  const run = yield* Effect.try({
    try: () => JSON.parse(runText) as { rules_hash?: unknown; inputs_hash?: unknown },
    catch: () => new InputError({ file: runFile, reason: "not valid JSON; label the corpus again" })
  })
  return { clauses, rulesHash: String(run.rules_hash), inputsHash: String(run.inputs_hash) }
})

/** The answers in a reviewed.jsonl. */
export const readReviewed = Effect.fn("Audit.readReviewed")(function* (file: string) {
  const parsed = parseReviewed(yield* readText(file, 'write the reviewed labels there, one {"id": …, "labels": […]} a line'))
  if ("reason" in parsed) return yield* new InputError({ file, line: parsed.line, reason: `${parsed.reason}; fix or remove the line` })
  return parsed as ReadonlyArray<Reviewed>
})

/** An audit folder's plan and sample, as `audit sample` wrote them. */
export const readAudit = Effect.fn("Audit.readAudit")(function* (dir: string) {
  const missing = `draw a sample first: clausetag audit sample --run DIR --size N --out ${dir}`
  const planFile = path.join(dir, "plan.json")
  const plan = yield* Effect.flatMap(readText(planFile, missing), (text) =>
    Effect.try({ try: () => JSON.parse(text) as AuditPlan, catch: () => new InputError({ file: planFile, reason: `not valid JSON; ${missing}` }) })
  )
  const sampleFile = path.join(dir, "sample.jsonl")
  const rows = yield* jsonLines(sampleFile, yield* readText(sampleFile, missing), missing)
  const bad = rows.find(({ row }) => !isClause(row) || typeof row["stratum"] !== "string")
  if (bad !== undefined) return yield* new InputError({ file: sampleFile, line: bad.line, reason: `not a sampled clause (id, text, labels, stratum); ${missing}` })
  return { plan, sample: rows.map(({ row }) => row) as unknown as ReadonlyArray<SampledClause> }
})

/** Reviewed answers as gold clauses, their texts taken from the run they were sampled from (`eval --run`). */
export const reviewedGold = Effect.fn("Audit.reviewedGold")(function* (file: string, runDir: string) {
  const reviewed = yield* readReviewed(file)
  const run = new Map((yield* readRun(runDir)).clauses.map((c) => [c.id, c]))
  const gold: Array<GoldClause> = []
  for (const r of reviewed) {
    const c = run.get(r.id)
    if (c === undefined)
      return yield* new InputError({ file, line: r.line, reason: `no clause ${r.id} in ${path.join(runDir, "labels.jsonl")}: give --run the run the sample was drawn from` })
    gold.push({ id: c.id, doc: c.doc, region: c.region, year: c.year, text: c.text, labels: r.labels })
  }
  return gold
})
