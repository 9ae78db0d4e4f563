// Precision and recall against hand-labeled clauses: the product's measure. The arithmetic is pure and takes the
// predictions as given; the command feeds it the gold texts labeled by the real pipeline.
import { CATEGORY_IDS, byCodeUnit, isCategoryId, type CategoryId, type LabeledClause } from "../domain.js"

export interface GoldClause {
  readonly id: string
  readonly doc: string
  readonly region: string | null
  readonly year: number | null
  readonly text: string
  readonly labels: ReadonlyArray<CategoryId>
}

export interface Scores {
  readonly precision: number
  readonly recall: number
  readonly f1: number
  readonly support: number
  readonly tp: number
  readonly fp: number
  readonly fn: number
}

export interface ErrorCase {
  readonly id: string
  readonly text: string
  readonly gold: ReadonlyArray<CategoryId>
  readonly predicted: ReadonlyArray<CategoryId>
  /** The rules (and their terms) that fired for the category in question; empty for a miss. */
  readonly rules: ReadonlyArray<{ readonly rule: string; readonly terms: ReadonlyArray<string> }>
}

export interface Evaluation {
  readonly clauses: number
  readonly categories: ReadonlyArray<{ readonly id: CategoryId } & Scores>
  readonly micro: Scores
  /** Unweighted mean over the categories with gold support. */
  readonly macro: { readonly precision: number; readonly recall: number; readonly f1: number }
  readonly exactMatch: number
  readonly falsePositives: ReadonlyMap<CategoryId, ReadonlyArray<ErrorCase>>
  readonly falseNegatives: ReadonlyMap<CategoryId, ReadonlyArray<ErrorCase>>
  /** For clauses that missed gold category `a`: how often each category `b` (or "none") was predicted instead. */
  readonly confusion: ReadonlyArray<{ readonly missed: CategoryId; readonly instead: CategoryId | "none"; readonly clauses: number }>
}

const round = (x: number): number => Math.round(x * 10000) / 10000

export const scores = (tp: number, fp: number, fn: number): Scores => {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision: round(precision), recall: round(recall), f1: round(f1), support: tp + fn, tp, fp, fn }
}

/** Compares predictions with gold labels, pairing them by position. */
export const evaluate = (gold: ReadonlyArray<GoldClause>, predicted: ReadonlyArray<LabeledClause>): Evaluation => {
  const counts = new Map(CATEGORY_IDS.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]))
  const fps = new Map<CategoryId, Array<ErrorCase>>()
  const fns = new Map<CategoryId, Array<ErrorCase>>()
  const confusion = new Map<string, number>()
  let exact = 0
  gold.forEach((g, i) => {
    const p = predicted[i]!
    const want = new Set(g.labels)
    const got = new Set(p.labels)
    if (want.size === got.size && [...want].every((c) => got.has(c))) exact++
    const base = { id: g.id, text: g.text, gold: [...g.labels].sort(byCodeUnit), predicted: p.labels }
    for (const c of CATEGORY_IDS) {
      const n = counts.get(c)!
      if (want.has(c) && got.has(c)) n.tp++
      else if (got.has(c)) {
        n.fp++
        const rules = p.matches.filter((m) => m.category === c).map((m) => ({ rule: m.rule, terms: m.terms }))
        push(fps, c, { ...base, rules })
      } else if (want.has(c)) {
        n.fn++
        push(fns, c, { ...base, rules: [] })
        const instead = p.labels.filter((x) => !want.has(x))
        for (const x of instead.length > 0 ? instead : ["none"]) confusion.set(`${c}|${x}`, (confusion.get(`${c}|${x}`) ?? 0) + 1)
      }
    }
  })
  const categories = CATEGORY_IDS.map((id) => {
    const n = counts.get(id)!
    return { id, ...scores(n.tp, n.fp, n.fn) }
  })
  const sum = (k: "tp" | "fp" | "fn") => categories.reduce((s, c) => s + c[k], 0)
  const supported = categories.filter((c) => c.support > 0)
  const mean = (k: "precision" | "recall" | "f1") => round(supported.reduce((s, c) => s + c[k], 0) / Math.max(1, supported.length))
  return {
    clauses: gold.length,
    categories,
    micro: scores(sum("tp"), sum("fp"), sum("fn")),
    macro: { precision: mean("precision"), recall: mean("recall"), f1: mean("f1") },
    exactMatch: round(exact / Math.max(1, gold.length)),
    falsePositives: fps,
    falseNegatives: fns,
    confusion: [...confusion]
      .map(([k, clauses]) => {
        const [missed, instead] = k.split("|") as [CategoryId, CategoryId | "none"]
        return { missed, instead, clauses }
      })
      .sort((a, b) => b.clauses - a.clauses || byCodeUnit(a.missed, b.missed) || byCodeUnit(a.instead, b.instead))
  }
}

const push = <K, V>(m: Map<K, Array<V>>, k: K, v: V): void => {
  const list = m.get(k)
  if (list === undefined) m.set(k, [v])
  else list.push(v)
}

/** Parses one gold line; returns a reason when the line is not a gold clause. */
export const parseGoldLine = (line: string): GoldClause | string => {
  let v: unknown
  try {
    v = JSON.parse(line)
  } catch {
    return "not valid JSON"
  }
  const r = v as Record<string, unknown>
  if (typeof v !== "object" || v === null || typeof r["text"] !== "string" || !Array.isArray(r["labels"])) {
    return 'needs a string "text" and an array "labels"'
  }
  const labels = r["labels"] as Array<unknown>
  const unknown = labels.find((l) => typeof l !== "string" || !isCategoryId(l))
  if (unknown !== undefined) return `unknown category ${JSON.stringify(unknown)}: use the ids of the taxonomy`
  return {
    id: String(r["id"] ?? ""),
    doc: typeof r["doc"] === "string" ? r["doc"] : "",
    region: typeof r["region"] === "string" ? r["region"] : null,
    year: typeof r["year"] === "number" ? r["year"] : null,
    text: r["text"] as string,
    labels: labels as Array<CategoryId>
  }
}

/** One gold file's clauses and their predictions. */
export interface GoldFile {
  readonly name: string
  readonly gold: ReadonlyArray<GoldClause>
  readonly predicted: ReadonlyArray<LabeledClause>
}

/** A document's clauses scored together (micro over the categories): which report years and regions are weak. */
export interface DocumentScores extends Scores {
  readonly gold: string
  readonly doc: string
  readonly region: string | null
  readonly year: number | null
  readonly clauses: number
}

export interface MultiEvaluation {
  /** All files' clauses as one set. */
  readonly union: Evaluation
  readonly files: ReadonlyArray<{ readonly gold: string; readonly evaluation: Evaluation }>
  /** Per gold file and document, in file then document order (code units). */
  readonly documents: ReadonlyArray<DocumentScores>
}

/** Scores each gold file, their union, and every document of each. */
export const evaluateFiles = (files: ReadonlyArray<GoldFile>): MultiEvaluation => {
  const documents: Array<DocumentScores> = []
  for (const f of files) {
    const byDoc = new Map<string, { first: GoldClause; clauses: number; tp: number; fp: number; fn: number }>()
    f.gold.forEach((g, i) => {
      const d = byDoc.get(g.doc) ?? { first: g, clauses: 0, tp: 0, fp: 0, fn: 0 }
      byDoc.set(g.doc, d)
      d.clauses++
      const got = new Set(f.predicted[i]!.labels)
      const want = new Set(g.labels)
      for (const c of got) if (want.has(c)) d.tp++
      else d.fp++
      for (const c of want) if (!got.has(c)) d.fn++
    })
    for (const [doc, d] of [...byDoc].sort(([a], [b]) => byCodeUnit(a, b))) {
      documents.push({ gold: f.name, doc, region: d.first.region, year: d.first.year, clauses: d.clauses, ...scores(d.tp, d.fp, d.fn) })
    }
  }
  return {
    union: evaluate(files.flatMap((f) => f.gold), files.flatMap((f) => f.predicted)),
    files: files.map((f) => ({ gold: f.name, evaluation: evaluate(f.gold, f.predicted) })),
    documents
  }
}
