// How many clauses each stratum of an audit gets. Power allocation (Bankier 1988) with exponent ½: a stratum of
// N clauses gets about λ·√N, a compromise between proportional allocation (best for corpus-wide figures, but a
// category of 10 clauses would get none) and equal allocation (best for each category's precision, but recall's
// misses hide in the large unlabeled strata, which then get too few). Every stratum first gets a floor of up to 10
// clauses (all of a smaller stratum), so each category's precision rests on some clauses; no stratum gets more than
// it has. The total is exactly n, or every clause when the run has no more than n.

const FLOOR = 10

/** Sample sizes for strata of the given sizes, summing to min(n, total). Deterministic; ties go to earlier strata. */
export const allocate = (sizes: ReadonlyArray<number>, n: number): Array<number> => {
  const total = sizes.reduce((s, x) => s + x, 0)
  if (n >= total) return [...sizes]
  const nonEmpty = sizes.filter((x) => x > 0).length
  const floorOf = Math.min(FLOOR, Math.floor(n / (2 * Math.max(1, nonEmpty))))
  const floors = sizes.map((x) => Math.min(x, floorOf))
  const at = (lambda: number) => sizes.map((x, h) => Math.min(x, Math.max(floors[h]!, lambda * Math.sqrt(x))))
  const sum = (xs: ReadonlyArray<number>) => xs.reduce((s, x) => s + x, 0)
  let lo = 0
  let hi = Math.max(1, ...sizes)
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2
    if (sum(at(mid)) < n) lo = mid
    else hi = mid
  }
  const real = at(hi)
  const out = real.map((x) => Math.floor(x))
  let left = n - sum(out)
  const order = real
    .map((x, h) => ({ h, frac: x - Math.floor(x) }))
    .filter(({ h }) => out[h]! < sizes[h]!)
    .sort((a, b) => b.frac - a.frac || a.h - b.h)
  for (const { h } of order) {
    if (left <= 0) break
    out[h]!++
    left--
  }
  // Rounding can leave a unit when the fractional parts were all in full strata; give it to any with room.
  for (let h = 0; left > 0 && h < sizes.length; h++) {
    const room = Math.min(left, sizes[h]! - out[h]!)
    out[h]! += room
    left -= room
  }
  return out
}
