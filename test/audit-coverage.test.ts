// The audit's promise, checked where the truth is known: on a simulated run (categories at known precision and
// recall, one of them rare, misses in the unlabeled strata), the 95% intervals of `audit report` hold the run's true
// figures about 95% of the time over many seeds, for a fully and for a half reviewed sample. Fewer bootstrap
// replicates than the command's 1,000 keep it fast; the code path is the same.
import { describe, expect, it } from "@effect/vitest"
import type { CategoryId } from "../pipeline/domain.js"
import { estimate, type Interval } from "../pipeline/report/audit-estimate.js"
import { drawSample } from "../pipeline/report/audit-sample.js"
import { simulate, trueScores, type SimCategory } from "./audit-sim.js"

const CATEGORIES: ReadonlyArray<SimCategory> = [
  { id: "debt_risk_control", positives: 180, recall: 0.8, precision: 0.9 },
  { id: "credit_support", positives: 120, recall: 0.9, precision: 0.95 },
  { id: "fiscal_reform", positives: 80, recall: 0.95, precision: 0.8 },
  { id: "ppp", positives: 50, recall: 0.7, precision: 0.85 },
  { id: "green_finance", positives: 10, recall: 0.8, precision: 0.9 }
]
/** Categories whose strata are large enough for a per-category claim (the rare green_finance is not). */
const LARGE: ReadonlyArray<CategoryId> = ["debt_risk_control", "credit_support", "fiscal_reform"]
const SEEDS = 200
const REPLICATES = 200

describe("audit intervals on a simulated run", () => {
  const corpus = simulate("coverage", 3000, CATEGORIES)
  const truth = new Map(corpus.map((c) => [c.id, c.truth]))
  const target = (id?: CategoryId) => trueScores(corpus, id)

  const tally = new Map<string, { hits: number; width: number; n: number }>()
  const count = (key: string, i: Interval, value: number) => {
    const t = tally.get(key) ?? { hits: 0, width: 0, n: 0 }
    if (i.low !== null && i.high !== null) {
      t.hits += i.low <= value && value <= i.high ? 1 : 0
      t.width += i.high - i.low
    }
    t.n++
    tally.set(key, t)
  }
  for (let seed = 1; seed <= SEEDS; seed++) {
    const { strata, sample } = drawSample(corpus, 250, seed)
    const answers = sample.map((c) => ({ stratum: c.stratum, predicted: c.labels, truth: truth.get(c.id)! }))
    for (const [name, reviewed] of [["full", answers], ["half", answers.slice(0, answers.length / 2)]] as const) {
      const e = estimate(strata, reviewed, { replicates: REPLICATES, seed })
      count(`${name} micro precision`, e.micro.precision, target().precision)
      count(`${name} micro recall`, e.micro.recall, target().recall)
      for (const c of e.categories.filter((x) => LARGE.includes(x.id) && name === "full")) {
        count(`${c.id} precision`, c.precision, target(c.id).precision)
        count(`${c.id} recall`, c.recall, target(c.id).recall)
      }
    }
  }
  const coverage = (key: string) => tally.get(key)!.hits / tally.get(key)!.n
  const width = (key: string) => tally.get(key)!.width / tally.get(key)!.n

  it.each(["full", "half"])("micro precision and recall: %s review", (name) => {
    for (const m of ["precision", "recall"]) {
      const key = `${name} micro ${m}`
      expect(coverage(key), key).toBeGreaterThanOrEqual(0.9)
    }
    // Not by being uselessly wide: precision's interval is a few points, recall's wider (its misses hide in "rest").
    expect(width(`${name} micro precision`)).toBeLessThan(name === "full" ? 0.15 : 0.2)
    expect(width(`${name} micro recall`)).toBeLessThan(name === "full" ? 0.3 : 0.45)
    expect(coverage(`${name} micro precision`)).toBeLessThan(0.995)
  })

  it.each(LARGE)("per category: %s", (id) => {
    expect(coverage(`${id} precision`), `${id} precision`).toBeGreaterThanOrEqual(0.9)
    expect(coverage(`${id} recall`), `${id} recall`).toBeGreaterThanOrEqual(0.9)
    expect(width(`${id} precision`)).toBeLessThan(0.35)
  })

  it("prints the coverage table (for the record)", () => {
    const rows = [...tally].map(([k, t]) => `${k}: coverage ${(t.hits / t.n).toFixed(3)}, mean width ${(t.width / t.n).toFixed(3)}`)
    console.log(rows.join("\n"))
    expect(rows.length).toBeGreaterThan(0)
  })
})
