// The review server's routes over one review: the page, the list of clauses, one clause with its neighbours, a
// decision (answered only once it is on disk), and explain for a clause. Requests must name this server's own host,
// and decisions must come as JSON, so that another web page open in the browser can neither read nor write them.
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import type { CategoryId } from "../domain.js"
import { CATEGORIES } from "../taxonomy.js"
import { parseDecision, type ReviewItem, type RunClause } from "./review-data.js"
import { reviewPage } from "./review-page.js"
import type { DecisionStore } from "./review-store.js"

export interface Review {
  /** What is reviewed, for the page's title: the audit or run folder as given. */
  readonly title: string
  readonly items: ReadonlyArray<ReviewItem>
  /** The run's clauses in its order (document, then clause), and where each id is in it; empty when the run is unknown. */
  readonly run: ReadonlyArray<RunClause>
  readonly position: ReadonlyMap<string, number>
  readonly store: DecisionStore
  /** `clausetag explain` for a text, or why it cannot run. */
  readonly explain: (text: string) => Effect.Effect<string>
}

/** Clauses shown before and after the one under review. */
const CONTEXT = 2

/** Next to each other in the run, in the same document with rising clause numbers: star files restart the numbers on each record. */
const follows = (a: RunClause, b: RunClause): boolean => a.doc === b.doc && a.index < b.index

const neighbours = (review: Review, id: string) => {
  const at = review.position.get(id)
  const before: Array<RunClause> = []
  const after: Array<RunClause> = []
  if (at === undefined) return { before, after }
  const run = review.run
  for (let i = at; i > 0 && before.length < CONTEXT && follows(run[i - 1]!, run[i]!); i--) before.unshift(run[i - 1]!)
  for (let i = at; i + 1 < run.length && after.length < CONTEXT && follows(run[i]!, run[i + 1]!); i++) after.push(run[i + 1]!)
  const brief = (x: RunClause) => ({ id: x.id, index: x.index, text: x.text })
  return { before: before.map(brief), after: after.map(brief) }
}

const json = (body: unknown, status = 200) => HttpServerResponse.unsafeJson(body, { status, headers: { "cache-control": "no-store" } })

const param = (request: HttpServerRequest.HttpServerRequest, name: string): string =>
  new URL(request.url, "http://localhost").searchParams.get(name) ?? ""

export const reviewRouter = (review: Review, port: number) => {
  const ids = new Set(review.items.map((i) => i.id))
  const byId = new Map(review.items.map((i) => [i.id, i]))
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const page = reviewPage(review.title)

  const state = Effect.sync(() => {
    const reviewed: Record<string, ReadonlyArray<CategoryId>> = {}
    for (const [id, labels] of review.store.decisions) if (ids.has(id)) reviewed[id] = labels
    return json({
      title: review.title,
      save: review.store.file,
      categories: CATEGORIES,
      items: review.items.map((i) => ({ id: i.id, doc: i.doc, region: i.region, year: i.year, stratum: i.stratum, labels: i.labels })),
      reviewed
    })
  })

  const clause = Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
    const item = byId.get(param(request, "id"))
    if (item === undefined) return json({ error: `no clause ${param(request, "id")} in this review` }, 404)
    return json({ id: item.id, doc: item.doc, text: item.text, matches: item.matches, ...neighbours(review, item.id) })
  })

  const explain = Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
    const item = byId.get(param(request, "id"))
    if (item === undefined) return Effect.succeed(HttpServerResponse.text(`no clause ${param(request, "id")} in this review\n`, { status: 404 }))
    return Effect.map(review.explain(item.text), (out) => HttpServerResponse.text(`clausetag explain --id ${item.id}\n\n${out}\n`))
  })

  const decide = Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    if (!(request.headers["content-type"] ?? "").startsWith("application/json")) return json({ error: "send the decision as JSON" }, 415)
    const body = yield* Effect.orElseSucceed(request.json, () => undefined)
    const decision = parseDecision(body, ids)
    if (!decision.ok) return json({ error: decision.problem.reason }, 400)
    return yield* review.store.save(decision.value).pipe(
      Effect.as(json({ saved: true, id: decision.value.id, labels: decision.value.labels })),
      Effect.catchAll((e) => Effect.succeed(json({ error: `not saved: ${e.message}` }, 500)))
    )
  })

  const router = HttpRouter.empty.pipe(
    HttpRouter.get("/", Effect.succeed(HttpServerResponse.html(page))),
    HttpRouter.get("/api/state", state),
    HttpRouter.get("/api/clause", clause),
    HttpRouter.get("/explain", explain),
    HttpRouter.post("/api/decision", decide, { uninterruptible: true })
  )
  // DNS rebinding: a page of another site that resolves its name to 127.0.0.1 still sends its own Host.
  return Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
    hosts.has(request.headers["host"] ?? "") ? router : Effect.succeed(HttpServerResponse.text("unknown host\n", { status: 421 }))
  )
}
