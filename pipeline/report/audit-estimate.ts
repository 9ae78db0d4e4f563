// Precision, recall and F1 of a run estimated from a reviewed stratified sample, with 95% intervals.
//
// Estimator: each reviewed clause of stratum h stands for N_h / r_h clauses of the run (N_h clauses, r_h of them
// reviewed: a partly reviewed sample is taken as a random subsample of each stratum, which it is when the sample is
// reviewed from the top of its shuffled file). TP, FP and FN totals per category, and summed over categories for
// micro figures, are these weighted sums (Horvitz–Thompson); precision, recall and F1 are ratios of them. Misses
// found in the candidate and rest strata are weighted up like any other, so recall counts the positives the rules
// never saw. Strata with no reviewed clause are left out, and named.
//
// Intervals: audit-bootstrap.ts.
import { CATEGORY_IDS, type CategoryId } from "../domain.js"
import { bootstrap, jeffreysPool, quantile, type StratumCounts } from "./audit-bootstrap.js"

export interface EstimateStratum {
  readonly stratum: string
  readonly clauses: number
  readonly sampled: number
  readonly predicted: Partial<Record<CategoryId, number>>
}

export interface ReviewedClause {
  readonly stratum: string
  readonly predicted: ReadonlyArray<CategoryId>
  readonly truth: ReadonlyArray<CategoryId>
}

export interface Interval {
  readonly estimate: number | null
  readonly low: number | null
  readonly high: number | null
}

export interface Metrics {
  readonly precision: Interval
  readonly recall: Interval
  readonly f1: Interval
}

export interface AuditEstimate {
  readonly reviewed: number
  /** Clauses of the run in strata with at least one reviewed clause: what the figures speak for. */
  readonly covered: number
  readonly micro: Metrics
  readonly categories: ReadonlyArray<{ readonly id: CategoryId; readonly reviewed: number } & Metrics>
  readonly strata: ReadonlyArray<{ readonly stratum: string; readonly clauses: number; readonly sampled: number; readonly reviewed: number }>
  /** Strata with fewer than THIN reviewed clauses (all of a smaller stratum), or less than half their sample reviewed. */
  readonly thin: ReadonlyArray<string>
  readonly unreviewed: ReadonlyArray<string>
}

export const THIN = 10
const LEVEL = 0.95
/** Metrics 0..15 are the categories, 16 is micro; each has the counts TP, FP, FN. */
const M = CATEGORY_IDS.length + 1
const TP = 0
const FP = 1
const FN = 2

const round = (x: number): number => Math.round(x * 10000) / 10000

/** TP, FP, FN of one clause for every metric, in a flat row. */
const countsOf = (c: ReviewedClause): Float64Array => {
  const row = new Float64Array(M * 3)
  const truth = new Set(c.truth)
  const predicted = new Set(c.predicted)
  CATEGORY_IDS.forEach((cat, m) => {
    const j = predicted.has(cat) ? (truth.has(cat) ? TP : FP) : truth.has(cat) ? FN : -1
    if (j < 0) return
    row[m * 3 + j] = 1
    row[(M - 1) * 3 + j]! += 1
  })
  return row
}

/** Which counts a stratum can hold at all: TP and FP only where a category is predicted, FN only where it is not. */
const possible = (s: EstimateStratum): Uint8Array => {
  const ok = new Uint8Array(M * 3)
  let any = 0
  CATEGORY_IDS.forEach((cat, m) => {
    const p = s.predicted[cat] ?? 0
    any += p
    ok[m * 3 + TP] = ok[m * 3 + FP] = p > 0 ? 1 : 0
    ok[m * 3 + FN] = p < s.clauses ? 1 : 0
  })
  ok[(M - 1) * 3 + TP] = ok[(M - 1) * 3 + FP] = any > 0 ? 1 : 0
  ok[(M - 1) * 3 + FN] = 1
  return ok
}

const ratios = (t: ArrayLike<number>, m: number): [number | null, number | null, number | null] => {
  const tp = Math.max(0, t[m * 3 + TP]!)
  const fp = Math.max(0, t[m * 3 + FP]!)
  const fn = Math.max(0, t[m * 3 + FN]!)
  return [tp + fp > 0 ? tp / (tp + fp) : null, tp + fn > 0 ? tp / (tp + fn) : null, tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null]
}

export const estimate = (
  strata: ReadonlyArray<EstimateStratum>,
  reviewed: ReadonlyArray<ReviewedClause>,
  options: { readonly replicates: number; readonly seed: number }
): AuditEstimate => {
  const byStratum = new Map<string, Array<Float64Array>>(strata.map((s) => [s.stratum, []]))
  for (const c of reviewed) byStratum.get(c.stratum)?.push(countsOf(c))
  const sums = strata.map((s) => {
    const sum = new Float64Array(M * 3)
    for (const row of byStratum.get(s.stratum)!) for (let j = 0; j < row.length; j++) sum[j]! += row[j]!
    return sum
  })
  const totals = new Float64Array(M * 3)
  strata.forEach((s, h) => {
    const n = byStratum.get(s.stratum)!.length
    if (n > 0) for (let j = 0; j < totals.length; j++) totals[j]! += (s.clauses / n) * sums[h]![j]!
  })
  // A metric with nothing behind it (no TP, FP or FN anywhere) has no estimate, and its replicates are not drawn.
  const live = (j: number) => totals[j - (j % 3)]! + totals[j - (j % 3) + 1]! + totals[j - (j % 3) + 2]! > 0
  const groups: Array<StratumCounts> = []
  strata.forEach((s, h) => {
    const rows = byStratum.get(s.stratum)!
    if (rows.length === 0) return
    const sum = sums[h]!
    const ok = possible(s)
    const sparse = rows.map((row) => [...row].flatMap((v, j) => (v === 0 ? [] : [j, v])))
    const unseen = [...sum.keys()].filter((j) => sum[j] === 0 && ok[j] === 1 && live(j))
    const unseenErrors = unseen.filter((j) => j % 3 !== TP)
    const unseenHits = unseen.filter((j) => j % 3 === TP)
    const jeffreys = unseen.length > 0 ? jeffreysPool(rows.length) : new Float64Array(0)
    groups.push({ n: rows.length, clauses: s.clauses, rows: sparse, sum, unseenErrors, unseenHits, jeffreys })
  })

  const metricsLive = Array.from({ length: M }, (_, m) => m).filter((m) => live(m * 3))
  const { lows, highs } = bootstrap(groups, M * 3, metricsLive, ratios, options)
  const interval = (m: number, x: number): Interval => {
    const est = ratios(totals, m)[x]!
    if (est === null) return { estimate: null, low: null, high: null }
    const low = lows.get(m)?.[x] ?? []
    const high = highs.get(m)?.[x] ?? []
    return {
      estimate: round(est),
      low: round(low.length === 0 ? est : Math.min(est, quantile(low, (1 - LEVEL) / 2))),
      high: round(high.length === 0 ? est : Math.max(est, quantile(high, 1 - (1 - LEVEL) / 2)))
    }
  }
  const metrics = (m: number): Metrics => ({ precision: interval(m, 0), recall: interval(m, 1), f1: interval(m, 2) })

  const reviewedIn = (s: string) => byStratum.get(s)?.length ?? 0
  return {
    reviewed: groups.reduce((s, g) => s + g.n, 0),
    covered: groups.reduce((s, g) => s + g.clauses, 0),
    micro: metrics(M - 1),
    categories: CATEGORY_IDS.map((id, m) => ({
      id,
      reviewed: reviewed.filter((c) => byStratum.has(c.stratum) && (c.predicted.includes(id) || c.truth.includes(id))).length,
      ...metrics(m)
    })),
    strata: strata.map((s) => ({ stratum: s.stratum, clauses: s.clauses, sampled: s.sampled, reviewed: reviewedIn(s.stratum) })),
    thin: strata.filter((s) => reviewedIn(s.stratum) < Math.min(THIN, s.clauses) || reviewedIn(s.stratum) < s.sampled / 2).map((s) => s.stratum),
    unreviewed: strata.filter((s) => reviewedIn(s.stratum) === 0).map((s) => s.stratum)
  }
}
