// Drawing an audit sample from a run: every clause falls in exactly one stratum (its rarest predicted category, else
// "candidate" when it holds finance or debt words, else "rest"), and a seeded simple random sample is drawn in each.
// Pure: the command reads labels.jsonl and writes what this returns, so the same run and seed give the same bytes.
import { CATEGORY_IDS, byCodeUnit, type CategoryId, type LabeledClause } from "../domain.js"
import { isCandidateText } from "./coverage.js"
import { allocate } from "./audit-allocate.js"
import { choose, random } from "./random.js"

export const CANDIDATE = "candidate"
export const REST = "rest"

/** What the audit needs of a labeled clause: everything but its matches. */
export type RunClause = Pick<LabeledClause, "id" | "doc" | "region" | "year" | "text" | "labels">

export interface StratumPlan {
  readonly stratum: string
  readonly clauses: number
  readonly sampled: number
  /** Clauses of the stratum that carry each category (taxonomy order; categories with none left out). */
  readonly predicted: Partial<Record<CategoryId, number>>
}

export interface SampledClause extends RunClause {
  readonly stratum: string
  /** Inverse inclusion probability: clauses of the stratum / clauses sampled from it. */
  readonly weight: number
}

export interface AuditSample {
  readonly strata: ReadonlyArray<StratumPlan>
  /** In a seeded random order: reviewing from the top and stopping anywhere leaves a random subsample of each stratum. */
  readonly sample: ReadonlyArray<SampledClause>
}

/** Strata in a fixed order: categories in taxonomy order, then candidate, then rest. */
const stratumOrder = (s: string): number => {
  const i = (CATEGORY_IDS as ReadonlyArray<string>).indexOf(s)
  return i >= 0 ? i : s === CANDIDATE ? CATEGORY_IDS.length : CATEGORY_IDS.length + 1
}

/** A clause's stratum; `counts` are the run's clauses per category, and the rarest wins (ties by id). */
export const stratumOf = (c: Pick<RunClause, "text" | "labels">, counts: ReadonlyMap<CategoryId, number>): string => {
  if (c.labels.length === 0) return isCandidateText(c.text) ? CANDIDATE : REST
  let best = c.labels[0]!
  for (const l of c.labels) {
    const d = (counts.get(l) ?? 0) - (counts.get(best) ?? 0)
    if (d < 0 || (d === 0 && byCodeUnit(l, best) < 0)) best = l
  }
  return best
}

export const drawSample = (clauses: ReadonlyArray<RunClause>, size: number, seed: number): AuditSample => {
  const counts = new Map<CategoryId, number>()
  for (const c of clauses) for (const l of c.labels) counts.set(l, (counts.get(l) ?? 0) + 1)
  const members = new Map<string, Array<RunClause>>()
  for (const c of clauses) {
    const s = stratumOf(c, counts)
    const list = members.get(s)
    if (list === undefined) members.set(s, [c])
    else list.push(c)
  }
  const names = [...members.keys()].sort((a, b) => stratumOrder(a) - stratumOrder(b))
  const sizes = allocate(names.map((s) => members.get(s)!.length), size)
  const strata: Array<StratumPlan> = []
  const sample: Array<SampledClause> = []
  names.forEach((stratum, h) => {
    const list = members.get(stratum)!
    const predicted: Partial<Record<CategoryId, number>> = {}
    for (const cat of CATEGORY_IDS) {
      const n = list.filter((c) => c.labels.includes(cat)).length
      if (n > 0) predicted[cat] = n
    }
    strata.push({ stratum, clauses: list.length, sampled: sizes[h]!, predicted })
    const weight = sizes[h]! === 0 ? 0 : list.length / sizes[h]!
    const picked = choose(random(`${seed}:sample:${stratum}`), list.length, sizes[h]!).sort((a, b) => a - b)
    for (const i of picked) sample.push({ ...pick(list[i]!), stratum, weight })
  })
  const order = choose(random(`${seed}:order`), sample.length, sample.length)
  return { strata, sample: order.map((i) => sample[i]!) }
}

const pick = (c: RunClause): RunClause => ({ id: c.id, doc: c.doc, region: c.region, year: c.year, text: c.text, labels: c.labels })
