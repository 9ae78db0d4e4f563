// `clausetag review`: reads what is to be reviewed (an audit sample, or a whole run), opens the decisions file, then
// serves the page on 127.0.0.1 until SIGINT or SIGTERM interrupts it; closing the scope stops the server and drops
// the lock. Imported by commands.ts only when `review` runs, so that other commands do not load the HTTP server.
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as fs from "node:fs"
import { createServer } from "node:http"
import * as path from "node:path"
import { InputError, UsageError } from "../errors.js"
import { loadRules } from "../rules/load.js"
import { loadJieba } from "../segment/segmenter.js"
import { explainText } from "./explain.js"
import { parseRun, parseSample, runItems, type Parsed, type RunClause } from "./review-data.js"
import { reviewRouter, type Review } from "./review-server.js"
import { lockDecisions, openStore } from "./review-store.js"

export interface ReviewOptions {
  readonly audit: string | undefined
  readonly run: string | undefined
  readonly save: string | undefined
  readonly port: number
  readonly rulesDir: string
}

const readText = (file: string) =>
  Effect.try({ try: () => fs.readFileSync(file, "utf8"), catch: (e) => new InputError({ file, reason: (e as Error).message }) })

const decoded = <A>(file: string, parsed: Parsed<A>, fix: string) =>
  parsed.ok ? Effect.succeed(parsed.value) : Effect.fail(new InputError({ file, line: parsed.problem.line, reason: `${parsed.problem.reason}; ${fix}` }))

const readJson = (file: string): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(fs.readFileSync(file, "utf8"))
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** The run an audit was drawn from: `--run`, else a `run` folder named in plan.json, as given or relative to the audit. */
const auditRun = (audit: string, given: string | undefined): string | undefined => {
  if (given !== undefined) return given
  const named = readJson(path.join(audit, "plan.json"))?.["run"]
  if (typeof named !== "string") return undefined
  return [named, path.join(audit, named)].find((dir) => fs.existsSync(path.join(dir, "labels.jsonl")))
}

/** Where plan.json and the run's run.json both name rules and inputs hashes, the ones that differ. */
const mismatches = (audit: string, runDir: string): ReadonlyArray<string> => {
  const plan = readJson(path.join(audit, "plan.json"))
  const run = readJson(path.join(runDir, "run.json"))
  if (plan === undefined || run === undefined) return []
  return ["rules_hash", "inputs_hash"].filter((k) => typeof plan[k] === "string" && typeof run[k] === "string" && plan[k] !== run[k])
}

const loadRun = Effect.fn("Review.loadRun")(function* (dir: string) {
  const file = path.join(dir, "labels.jsonl")
  if (!fs.existsSync(file)) return yield* new UsageError({ reason: `no ${file}: --run names a folder written by \`clausetag label\` or \`run\`` })
  return yield* decoded(file, parseRun(yield* readText(file)), "is this a labels.jsonl written by clausetag?")
})

const index = (run: ReadonlyArray<RunClause>) => ({ run, position: new Map(run.map((c, i) => [c.id, i])) })

/** What to show and where to save, from the options. */
const prepare = Effect.fn("Review.prepare")(function* (o: ReviewOptions) {
  if (o.audit === undefined) {
    if (o.run === undefined || o.save === undefined) {
      return yield* new UsageError({ reason: "give an audit folder (clausetag review AUDIT) or a run and a file for the decisions (clausetag review --run out --save reviewed.jsonl)" })
    }
    const run = yield* loadRun(o.run)
    return { title: o.run, items: runItems(run), save: o.save, ...index(run) }
  }
  const sampleFile = path.join(o.audit, "sample.jsonl")
  if (!fs.existsSync(sampleFile)) {
    return yield* new UsageError({ reason: `no ${sampleFile}: draw a sample first with clausetag audit sample --run DIR --size N --out ${o.audit}` })
  }
  const runDir = auditRun(o.audit, o.run)
  const run = runDir === undefined ? [] : yield* loadRun(runDir)
  if (runDir === undefined) {
    yield* Console.error(`clausetag: no run given: the page shows no context and no matches; add --run DIR, the folder the sample was drawn from`)
  } else {
    const differ = mismatches(o.audit, runDir)
    if (differ.length > 0) {
      yield* Console.error(
        `clausetag: ${runDir} is not the run ${o.audit} was drawn from (its ${differ.join(" and ")} differ from plan.json's): ` +
          "context and matches are shown only for clauses of the same id and text"
      )
    }
  }
  const indexed = index(run)
  const runById = new Map(run.map((c) => [c.id, c]))
  const items = yield* decoded(sampleFile, parseSample(yield* readText(sampleFile), runById), "each line needs id, doc, text and labels")
  return { title: o.audit, items, save: o.save ?? path.join(o.audit, "reviewed.jsonl"), ...indexed }
})

/** explain for the page: the rules and jieba are loaded on the first request, and a rules problem is its answer. */
const explainer = Effect.fn("Review.explainer")(function* (rulesDir: string) {
  const files = yield* FileSystem.FileSystem
  const loaded = yield* Effect.cached(
    Effect.either(loadRules(rulesDir)).pipe(
      Effect.map((rules) => (Either.isRight(rules) ? { rules: rules.right, jieba: loadJieba(rules.right.userDictionary) } : rules.left)),
      Effect.provideService(FileSystem.FileSystem, files)
    )
  )
  return (text: string): Effect.Effect<string> =>
    Effect.map(loaded, (l) => ("rules" in l ? explainText(l.rules, l.jieba, text) : `explain is unavailable: the rules in ${rulesDir} do not load:\n${l.message}`))
})

export const reviewCommand = Effect.fn("Review.run")(function* (o: ReviewOptions) {
  const prepared = yield* prepare(o)
  const explain = yield* explainer(o.rulesDir)
  const http = createServer()
  const server = yield* NodeHttpServer.make(() => http, { host: "127.0.0.1", port: o.port }).pipe(
    Effect.mapError((e) => new UsageError({ reason: `cannot listen on 127.0.0.1:${o.port} (${String(e.cause)}): choose another --port, or 0 for any free one` }))
  )
  const port = server.address._tag === "TcpAddress" ? server.address.port : o.port
  // The lock first: opening the store may cut off a torn last line, which must not be another server's line in writing.
  yield* lockDecisions(prepared.save, port)
  const store = yield* openStore(prepared.save)
  // On a stop, the decision being written is finished, then browsers' kept-alive connections are closed, which the
  // server's own close would wait for.
  yield* Effect.addFinalizer(() => Effect.zipRight(store.drain, Effect.sync(() => http.closeAllConnections())))
  const review: Review = { title: prepared.title, items: prepared.items, run: prepared.run, position: prepared.position, store, explain }
  yield* server.serve(reviewRouter(review, port))
  const done = prepared.items.filter((i) => store.decisions.has(i.id)).length
  yield* Console.log(`http://127.0.0.1:${port}/`)
  yield* Console.error(`reviewing ${prepared.items.length} clauses (${done} reviewed) → ${prepared.save}; Ctrl-C stops the server`)
  return yield* Effect.never
}, Effect.scoped)
