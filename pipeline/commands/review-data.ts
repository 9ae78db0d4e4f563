// What the review page shows, built from plain text: a run's labels.jsonl (clauses, their matches, their neighbours),
// an audit's sample.jsonl (which clauses, in which stratum) and the decisions file. Pure, so tests need no server;
// each parser names the file and line of the first problem and leaves reading and writing to review.ts.
import { isCategoryId, type CategoryId, type LabeledClause, type Match } from "../domain.js"

/** A line of a run's labels.jsonl. */
export type RunClause = LabeledClause

/** One clause to review: what the page lists, filters and counts. */
export interface ReviewItem {
  readonly id: string
  readonly doc: string
  readonly region: string | null
  readonly year: number | null
  readonly stratum: string | null
  readonly text: string
  /** The labels the rules gave. */
  readonly labels: ReadonlyArray<CategoryId>
  /** Evidence, when known (from the sample line, or the run's line for the same text). */
  readonly matches: ReadonlyArray<Match>
}

export interface Decision {
  readonly id: string
  readonly labels: ReadonlyArray<CategoryId>
}

/** A problem in an input file, at a 1-based line (0: the file as a whole). */
export interface LineProblem {
  readonly line: number
  readonly reason: string
}

export type Parsed<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly problem: LineProblem }

const fail = (line: number, reason: string): Parsed<never> => ({ ok: false, problem: { line, reason } })

type Json = Record<string, unknown>

const lines = (text: string): Array<[number, string]> =>
  text
    .split("\n")
    .map((l, i): [number, string] => [i + 1, l.replace(/\r$/, "")])
    .filter(([, l]) => l.trim() !== "")

const object = (n: number, line: string): Parsed<Json> => {
  try {
    const v: unknown = JSON.parse(line)
    return typeof v === "object" && v !== null && !Array.isArray(v) ? { ok: true, value: v as Json } : fail(n, "not a JSON object")
  } catch {
    return fail(n, "not valid JSON")
  }
}

const labelsOf = (n: number, v: unknown): Parsed<ReadonlyArray<CategoryId>> => {
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) return fail(n, '"labels" must be a list of category ids')
  const unknown = v.find((x) => !isCategoryId(x))
  if (unknown !== undefined) return fail(n, `unknown category "${unknown}" (see ../shared/taxonomy.md for the sixteen ids)`)
  return { ok: true, value: [...new Set(v as Array<CategoryId>)].sort() }
}

const text = (o: Json, key: string): string | undefined => (typeof o[key] === "string" ? (o[key] as string) : undefined)
const orNull = <A>(v: unknown, is: (x: unknown) => x is A): A | null => (is(v) ? v : null)
const isString = (x: unknown): x is string => typeof x === "string"
const isNumber = (x: unknown): x is number => typeof x === "number"

/** A run's labels.jsonl, in its own (document, clause) order. */
export const parseRun = (content: string): Parsed<ReadonlyArray<RunClause>> => {
  const out: Array<RunClause> = []
  for (const [n, line] of lines(content)) {
    const o = object(n, line)
    if (!o.ok) return o
    const v = o.value
    const id = text(v, "id"), doc = text(v, "doc"), t = text(v, "text")
    if (id === undefined || doc === undefined || t === undefined || !isNumber(v["index"])) {
      return fail(n, "not a labels.jsonl line: it needs id, doc, index and text")
    }
    const labels = labelsOf(n, v["labels"])
    if (!labels.ok) return labels
    const matches = Array.isArray(v["matches"]) ? (v["matches"] as ReadonlyArray<Match>) : []
    out.push({ id, doc, region: orNull(v["region"], isString), region_code: orNull(v["region_code"], isString), year: orNull(v["year"], isNumber), index: v["index"], text: t, labels: labels.value, matches })
  }
  return { ok: true, value: out }
}

/** An audit's sample.jsonl; fields beyond id, doc, text and labels are optional, and region/year/matches come from the run when absent. */
export const parseSample = (content: string, run: ReadonlyMap<string, RunClause>): Parsed<ReadonlyArray<ReviewItem>> => {
  const out: Array<ReviewItem> = []
  const seen = new Set<string>()
  for (const [n, line] of lines(content)) {
    const o = object(n, line)
    if (!o.ok) return o
    const v = o.value
    const id = text(v, "id"), t = text(v, "text")
    if (id === undefined || t === undefined) return fail(n, 'a sample line needs at least "id", "doc", "text" and "labels"')
    if (seen.has(id)) return fail(n, `the id ${id} occurs twice`)
    seen.add(id)
    const labels = labelsOf(n, v["labels"])
    if (!labels.ok) return labels
    const known = run.get(id)
    const sameText = known !== undefined && known.text === t
    out.push({
      id,
      doc: text(v, "doc") ?? known?.doc ?? "",
      region: v["region"] !== undefined ? orNull(v["region"], isString) : (known?.region ?? null),
      year: v["year"] !== undefined ? orNull(v["year"], isNumber) : (known?.year ?? null),
      stratum: v["stratum"] === undefined ? null : String(v["stratum"]),
      text: t,
      labels: labels.value,
      matches: Array.isArray(v["matches"]) ? (v["matches"] as ReadonlyArray<Match>) : sameText ? known.matches : []
    })
  }
  return { ok: true, value: out }
}

/** The run's clauses themselves, to review a whole run. */
export const runItems = (run: ReadonlyArray<RunClause>): ReadonlyArray<ReviewItem> =>
  run.map((c) => ({ id: c.id, doc: c.doc, region: c.region, year: c.year, stratum: null, text: c.text, labels: c.labels, matches: c.matches }))

/** The decisions file: the last line for an id wins. A last line cut off by a crash (no newline, not JSON) is `torn`. */
export const parseDecisions = (
  content: string
): Parsed<{ readonly decisions: ReadonlyMap<string, ReadonlyArray<CategoryId>>; readonly torn: boolean }> => {
  const decisions = new Map<string, ReadonlyArray<CategoryId>>()
  const all = lines(content)
  const lastComplete = content === "" || content.endsWith("\n")
  for (const [n, line] of all) {
    const isLast = n === all[all.length - 1]![0]
    const o = object(n, line)
    const id = o.ok ? text(o.value, "id") : undefined
    const labels = o.ok ? labelsOf(n, o.value["labels"]) : undefined
    if (!o.ok || id === undefined || labels === undefined || !labels.ok) {
      // Only a line the server was writing when it was killed ends without its newline before its JSON does; it was
      // never reported as saved. A whole JSON line with bad content is the user's, and reported.
      if (isLast && !lastComplete && !o.ok) return { ok: true, value: { decisions, torn: true } }
      if (!o.ok) return o
      if (id === undefined) return fail(n, 'a decision needs "id" (a string) and "labels"')
      return labels as Parsed<never>
    }
    decisions.set(id, labels.value)
  }
  return { ok: true, value: { decisions, torn: false } }
}

/** One decision as a line of the decisions file (the gold format). */
export const decisionLine = (d: Decision): string => `${JSON.stringify({ id: d.id, labels: [...d.labels].sort() })}\n`

/** Reads a posted decision, checking the id is one of this review's. */
export const parseDecision = (body: unknown, ids: ReadonlySet<string>): Parsed<Decision> => {
  if (typeof body !== "object" || body === null) return fail(0, "the body must be a JSON object")
  const o = body as Json
  const id = text(o, "id")
  if (id === undefined || !ids.has(id)) return fail(0, `no clause ${String(o["id"])} in this review`)
  const labels = labelsOf(0, o["labels"])
  return labels.ok ? { ok: true, value: { id, labels: labels.value } } : labels
}
