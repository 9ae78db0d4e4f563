// Intervals for the audit's ratios: a stratified bootstrap over the reviewed clauses of each stratum.
// Each replicate resamples within every stratum by Rao and Wu's (1988) rescaling
// bootstrap (r_h - 1 draws, weights rescaled, finite-population correction √(1 - r_h/N_h)): the naive bootstrap
// understates the variance by (r_h - 1)/r_h, which matters for strata of a few clauses, and a stratum reviewed in
// full has no sampling error at all. Percentile intervals follow the ratios' skew near 0 and 1 (a normal interval
// would not) and need no delta method for F1. A plain bootstrap is still blind to what a stratum never showed: with 12
// of 12 clauses right, or no miss among 150 clauses of "rest", every replicate agrees and the interval is a point.
// Errors a stratum has not shown can only make the figures worse, so the low end of each interval is read from
// replicates that add, wherever a stratum could hold a false positive (or a miss) but showed none, its unreviewed
// clauses times a draw from the Jeffreys posterior for 0 of r_h, Beta(½, r_h + ½); the high end from replicates that
// add true positives the same way where none were seen. So a zero gets the width of a Jeffreys binomial interval on
// the side where it is in doubt, and the other side keeps the bootstrap's. (The simulation test measures coverage.)
import { random, type Random } from "./random.js"

/** One stratum's reviewed clauses, as counts laid out in a flat row (metric × TP, FP, FN). */
export interface StratumCounts {
  readonly n: number
  readonly clauses: number
  /** Each reviewed clause's nonzero counts, as [index, value, index, value, …]: a clause has a few. */
  readonly rows: ReadonlyArray<ReadonlyArray<number>>
  readonly sum: Float64Array
  /** The FP and FN counts this stratum could hold but showed none of (for metrics that have an estimate). */
  readonly unseenErrors: ReadonlyArray<number>
  /** The same for TP. */
  readonly unseenHits: ReadonlyArray<number>
  /** Draws of Beta(½, n + ½) (jeffreysPool), or none when nothing is unseen. */
  readonly jeffreys: Float64Array
}

/** Precision, recall and F1 of metric m from a row of totals; null where a ratio has nothing behind it. */
export type Ratios = (t: Float64Array, m: number) => readonly [number | null, number | null, number | null]

const POOL = 2048

/**
 * Draws of Beta(½, n + ½), made once for n reviewed clauses, from their own seeded stream (so the same whatever was
 * drawn before) and kept: a replicate picks one rather than drawing a Beta each time.
 */
const pools = new Map<number, Float64Array>()
export const jeffreysPool = (n: number): Float64Array => {
  let pool = pools.get(n)
  if (pool === undefined) {
    const r = random(`jeffreys:${n}`)
    pools.set(n, (pool = Float64Array.from({ length: POOL }, () => r.beta(0.5, n + 0.5))))
  }
  return pool
}

/** Type-7 quantile of sorted values. */
export const quantile = (xs: ReadonlyArray<number>, q: number): number => {
  const at = q * (xs.length - 1)
  const i = Math.floor(at)
  return i + 1 < xs.length ? xs[i]! + (at - i) * (xs[i + 1]! - xs[i]!) : xs[i]!
}

/** One bootstrap replicate of the totals: resampled into `t`, with unseen errors into `worse`, unseen hits into `better`. */
const replicate = (groups: ReadonlyArray<StratumCounts>, r: Random, t: Float64Array, worse: Float64Array, better: Float64Array, k: Float64Array): void => {
  t.fill(0)
  for (const g of groups) {
    const rh = g.n
    const w = g.clauses / rh
    const unseen = g.clauses - rh
    if (rh >= 2 && unseen > 0) {
      const draws = rh - 1
      const lambda = Math.sqrt(1 - rh / g.clauses)
      k.fill(0, 0, rh)
      for (let d = 0; d < draws; d++) k[r.below(rh)]! += 1
      for (let i = 0; i < rh; i++) {
        const factor = w * (1 - lambda + (lambda * rh * k[i]!) / draws)
        const row = g.rows[i]!
        for (let x = 0; x < row.length; x += 2) t[row[x]!]! += factor * row[x + 1]!
      }
    } else for (let j = 0; j < g.sum.length; j++) t[j]! += w * g.sum[j]!
  }
  worse.set(t)
  better.set(t)
  for (const g of groups) {
    const unseen = g.clauses - g.n
    if (unseen === 0) continue
    for (const j of g.unseenErrors) worse[j]! += unseen * g.jeffreys[r.below(POOL)]!
    for (const j of g.unseenHits) better[j]! += unseen * g.jeffreys[r.below(POOL)]!
  }
}

/**
 * `replicates` replicates, seeded: for each metric in `metrics`, the sorted replicate values of its three ratios,
 * from the replicates with unseen errors added (for the low end) and with unseen hits added (for the high end).
 */
export const bootstrap = (
  groups: ReadonlyArray<StratumCounts>,
  width: number,
  metrics: ReadonlyArray<number>,
  ratios: Ratios,
  options: { readonly replicates: number; readonly seed: number }
) => {
  const lows = new Map(metrics.map((m) => [m, [[], [], []] as Array<Array<number>>]))
  const highs = new Map(metrics.map((m) => [m, [[], [], []] as Array<Array<number>>]))
  const r = random(`${options.seed}:bootstrap`)
  const t = new Float64Array(width)
  const worse = new Float64Array(width)
  const better = new Float64Array(width)
  const k = new Float64Array(groups.reduce((s, g) => Math.max(s, g.n), 0))
  const keep = (into: Array<Array<number>>, values: ReturnType<Ratios>) =>
    values.forEach((v, x) => {
      if (v !== null) into[x]!.push(v)
    })
  for (let b = 0; b < options.replicates && groups.length > 0; b++) {
    replicate(groups, r, t, worse, better, k)
    for (const m of metrics) {
      keep(lows.get(m)!, ratios(worse, m))
      keep(highs.get(m)!, ratios(better, m))
    }
  }
  for (const lists of [...lows.values(), ...highs.values()]) for (const xs of lists) xs.sort((a, b) => a - b)
  return { lows, highs }
}
