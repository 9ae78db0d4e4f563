// A corpus whose truth is known, for the audit's coverage tests: clauses with true labels, predicted labels at a
// chosen precision and recall per category, finance words in most relevant clauses, and misses in the unlabeled rest.
import type { CategoryId } from "../pipeline/domain.js"
import type { RunClause } from "../pipeline/report/audit-sample.js"
import { random } from "../pipeline/report/random.js"

export interface SimCategory {
  readonly id: CategoryId
  /** Clauses truly in the category. */
  readonly positives: number
  readonly recall: number
  readonly precision: number
}

export interface SimClause extends RunClause {
  readonly truth: ReadonlyArray<CategoryId>
}

/**
 * `clauses` clauses; each category's positives are spread at random, each found with probability `recall`, and
 * false positives added to reach `precision` in expectation. A positive clause holds a finance word with
 * probability `worded` (so misses fall in "candidate" or, the rest of the time, in "rest").
 */
export const simulate = (seed: string, clauses: number, categories: ReadonlyArray<SimCategory>, worded = 0.85): Array<SimClause> => {
  const r = random(`sim:${seed}`)
  const truth: Array<Set<CategoryId>> = Array.from({ length: clauses }, () => new Set())
  const predicted: Array<Set<CategoryId>> = Array.from({ length: clauses }, () => new Set())
  for (const c of categories) {
    for (let k = 0; k < c.positives; k++) truth[r.below(clauses)]!.add(c.id)
    const fpRate = ((c.positives * c.recall) / c.precision - c.positives * c.recall) / clauses
    for (let i = 0; i < clauses; i++) {
      if (truth[i]!.has(c.id)) {
        if (r.next() < c.recall) predicted[i]!.add(c.id)
      } else if (r.next() < fpRate) predicted[i]!.add(c.id)
    }
  }
  return truth.map((t, i) => {
    const relevant = t.size > 0 || predicted[i]!.size > 0
    const text = relevant ? (r.next() < worded ? `发行债券${i}` : `推进改革${i}`) : r.next() < 0.08 ? `财政收入${i}` : `绿色发展${i}`
    return {
      id: `sim:${String(i).padStart(5, "0")}`,
      doc: "sim",
      region: null,
      year: null,
      text,
      labels: [...predicted[i]!].sort(),
      truth: [...t].sort()
    }
  })
}

/** The corpus's own TP, FP, FN for a category, or summed over all (micro). */
export const trueScores = (corpus: ReadonlyArray<SimClause>, category?: CategoryId) => {
  let tp = 0
  let fp = 0
  let fn = 0
  for (const c of corpus) {
    for (const id of category === undefined ? new Set([...c.labels, ...c.truth]) : [category]) {
      const p = c.labels.includes(id)
      const t = c.truth.includes(id)
      if (p && t) tp++
      else if (p) fp++
      else if (t) fn++
    }
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn) }
}
