// Coverage is a sum over clauses: every figure is a count, so it is accumulated clause by clause as labeling
// streams, and two partial coverages (of shards, or of worker threads) merge by adding their counts.
import type { CategoryId, Document, LabeledClause } from "../domain.js"
import { addCandidate, lowerBound, type Candidate, type CandidateKey } from "./candidates.js"
import { regionYearKey } from "./regionyear.js"

/** Words that mark a clause as about finance or debt; unlabeled clauses holding them are candidates for new rules. */
export const FINANCE_WORDS = ["债", "融资", "贷", "基金", "担保", "平台", "金融", "上市", "股权", "杠杆", "信用", "资本", "财政", "预算", "税"] as const

/** The finance or debt words a clause holds, in FINANCE_WORDS order: an unlabeled clause with any is a candidate. */
export const financeWordsIn = (text: string): Array<(typeof FINANCE_WORDS)[number]> => FINANCE_WORDS.filter((w) => text.includes(w))

/** The candidate test of the coverage report (and of the audit's candidate stratum): any finance or debt word. */
export const isCandidateText = (text: string): boolean => financeWordsIn(text).length > 0

export interface Tally {
  clauses: number
  labeled: number
}

export interface RegionYearTally extends Tally {
  documents: number
  readonly categories: Map<CategoryId, number>
}


export interface Coverage {
  documents: number
  clauses: number
  labeled: number
  readonly categories: Map<CategoryId, number>
  readonly ruleHits: Map<string, number>
  readonly ruleUnique: Map<string, number>
  /** Keyed `a|b` with a < b. */
  readonly cooccurrence: Map<string, number>
  readonly perDocument: Map<string, Tally>
  /** Keyed by regionYearKey (regionyear.ts). */
  readonly perRegionYear: Map<string, RegionYearTally>
  readonly candidateTerms: Map<string, number>
  /**
   * Unlabeled clause text → how often it occurs, and its smallest clause id (an order-free choice of example): for a
   * sample of the distinct texts, those of smallest hash (candidates.ts), with exact counts.
   */
  readonly candidates: Map<string, Candidate>
  /** The sample's bound so far: a text whose key is above it is not sampled (candidates.ts). */
  candidateBound: CandidateKey | undefined
  /** Clauses that look cut off: ending in a bare number (`…债券12`). */
  fragments: number
  /** Documents in traditional characters (matched as simplified) → their clauses. */
  readonly traditional: Map<string, number>
}

export const emptyCoverage = (): Coverage => ({
  documents: 0,
  clauses: 0,
  labeled: 0,
  categories: new Map(),
  ruleHits: new Map(),
  ruleUnique: new Map(),
  cooccurrence: new Map(),
  perDocument: new Map(),
  perRegionYear: new Map(),
  candidateTerms: new Map(),
  candidates: new Map(),
  candidateBound: undefined,
  fragments: 0,
  traditional: new Map()
})

/** `n` of `of` as a share rounded to four decimals (0 of nothing is 0), as every report and the panel give it. */
export const share = (n: number, of: number): number => (of === 0 ? 0 : Math.round((n / of) * 10000) / 10000)

const bump = <K>(m: Map<K, number>, k: K, by = 1): void => {
  m.set(k, (m.get(k) ?? 0) + by)
}

const tallyFor = <K, T>(m: Map<K, T>, k: K, make: () => T): T => {
  let t = m.get(k)
  if (t === undefined) m.set(k, (t = make()))
  return t
}

const emptyRegionYear = (): RegionYearTally => ({ documents: 0, clauses: 0, labeled: 0, categories: new Map() })

const isDigit = (text: string, i: number): boolean => text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57

/**
 * A clause that ends in a bare number after text, as when a decimal was cut off: `…置换债券88`. The same test as
 * /[^\d.]\d+(\.\d*)?$/ (a test compares them), read from the end rather than tried at every position.
 */
export const isFragment = (text: string): boolean => {
  let start = text.length
  while (start > 0 && isDigit(text, start - 1)) start--
  if (start > 0 && text.charCodeAt(start - 1) === 46) {
    // digits, a point, maybe more digits: the number starts where the digits before the point do
    const point = start - 1
    start = point
    while (start > 0 && isDigit(text, start - 1)) start--
    if (start === point) return false
  } else if (start === text.length) return false
  return start > 0 && text.charCodeAt(start - 1) !== 46
}

/** The key of a pair of labels in `cooccurrence`, made once per pair. */
const pairKeys = new Map<string, Map<string, string>>()
const pairKey = (a: string, b: string): string => {
  let byB = pairKeys.get(a)
  if (byB === undefined) pairKeys.set(a, (byB = new Map()))
  let key = byB.get(b)
  if (key === undefined) byB.set(b, (key = `${a}|${b}`))
  return key
}

/** Counts one document's worth of labeled clauses into `c`. */
export const addDocument = (
  c: Coverage,
  doc: Pick<Document, "doc" | "region" | "region_code" | "year" | "traditional">,
  clauses: ReadonlyArray<LabeledClause>
): void => {
  c.documents++
  const ry = tallyFor(c.perRegionYear, regionYearKey(doc.region, doc.region_code, doc.year), emptyRegionYear)
  ry.documents++
  const d = tallyFor(c.perDocument, doc.doc, () => ({ clauses: 0, labeled: 0 }))
  if (doc.traditional) bump(c.traditional, doc.doc, clauses.length)
  for (const clause of clauses) addClause(c, clause, d, ry)
}

const addClause = (c: Coverage, clause: LabeledClause, d: Tally, ry: RegionYearTally): void => {
  const labeled = clause.labels.length > 0 ? 1 : 0
  c.clauses++
  c.labeled += labeled
  d.clauses++
  d.labeled += labeled
  ry.clauses++
  ry.labeled += labeled
  if (isFragment(clause.text)) c.fragments++
  if (labeled === 0) {
    const words = financeWordsIn(clause.text)
    for (const w of words) bump(c.candidateTerms, w)
    if (words.length > 0) addCandidate(c, clause.text, 1, clause.id)
    return
  }
  for (const label of clause.labels) {
    bump(c.categories, label)
    bump(ry.categories, label)
  }
  for (let i = 0; i < clause.labels.length; i++)
    for (let j = i + 1; j < clause.labels.length; j++) bump(c.cooccurrence, pairKey(clause.labels[i]!, clause.labels[j]!))
  for (const m of clause.matches) {
    bump(c.ruleHits, m.rule)
    if (!clause.matches.some((o) => o.category === m.category && o.rule !== m.rule)) bump(c.ruleUnique, m.rule)
  }
}

const addInto = <K>(into: Map<K, number>, from: ReadonlyMap<K, number>): void => {
  for (const [k, v] of from) bump(into, k, v)
}

/** Adds `from`'s counts into `into`. */
export const addCoverage = (into: Coverage, from: Coverage): void => {
  into.documents += from.documents
  into.clauses += from.clauses
  into.labeled += from.labeled
  into.fragments += from.fragments
  addInto(into.categories, from.categories)
  addInto(into.ruleHits, from.ruleHits)
  addInto(into.ruleUnique, from.ruleUnique)
  addInto(into.cooccurrence, from.cooccurrence)
  addInto(into.candidateTerms, from.candidateTerms)
  addInto(into.traditional, from.traditional)
  for (const [k, t] of from.perDocument) {
    const d = tallyFor(into.perDocument, k, () => ({ clauses: 0, labeled: 0 }))
    d.clauses += t.clauses
    d.labeled += t.labeled
  }
  for (const [k, t] of from.perRegionYear) {
    const r = tallyFor(into.perRegionYear, k, emptyRegionYear)
    r.documents += t.documents
    r.clauses += t.clauses
    r.labeled += t.labeled
    addInto(r.categories, t.categories)
  }
  if (from.candidateBound !== undefined) lowerBound(into, from.candidateBound)
  for (const [k, t] of from.candidates) addCandidate(into, k, t.count, t.firstId, t.hash)
}

/** `a` and `b` added together, as if one run had seen both. Neither input is changed; the order does not matter. */
export const mergeCoverage = (a: Coverage, b: Coverage): Coverage => {
  const out = emptyCoverage()
  addCoverage(out, a)
  addCoverage(out, b)
  return out
}
