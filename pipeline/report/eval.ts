// How an evaluation is shown: tables for the terminal, eval.json for scripts and baselines, and eval.md that lets
// a reviewer read every remaining error with the rule that caused it. With several gold files, the union is scored
// as one set, and each file and each document on its own, so that a weak report year shows.
import { CATEGORY_IDS } from "../domain.js"
import type { DocumentScores, ErrorCase, Evaluation, MultiEvaluation, Scores } from "./score.js"

const f = (x: number): string => x.toFixed(3)

export const evalTable = (e: Evaluation): string => {
  const rows = e.categories.map(
    (c) => `| ${c.id} | ${f(c.precision)} | ${f(c.recall)} | ${f(c.f1)} | ${c.support} |`
  )
  return [
    "| category | precision | recall | F1 | support |",
    "|---|---:|---:|---:|---:|",
    ...rows,
    `| **micro** | ${f(e.micro.precision)} | ${f(e.micro.recall)} | ${f(e.micro.f1)} | ${e.micro.support} |`,
    `| **macro** | ${f(e.macro.precision)} | ${f(e.macro.recall)} | ${f(e.macro.f1)} | |`
  ].join("\n")
}

/** Each gold file's micro scores, and each document's (only documents with a label, given or predicted). */
export const filesTable = (m: MultiEvaluation): string =>
  [
    "| gold | clauses | precision | recall | F1 | exact match |",
    "|---|---:|---:|---:|---:|---:|",
    ...m.files.map(({ gold, evaluation: e }) => `| ${gold} | ${e.clauses} | ${f(e.micro.precision)} | ${f(e.micro.recall)} | ${f(e.micro.f1)} | ${f(e.exactMatch)} |`)
  ].join("\n")

export const documentsTable = (m: MultiEvaluation): string =>
  [
    "| gold | document | region | year | clauses | support | precision | recall | F1 |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ...m.documents
      .filter((d) => d.support + d.fp > 0)
      .map((d) => `| ${d.gold} | ${cell(d.doc)} | ${cell(d.region ?? "")} | ${d.year ?? ""} | ${d.clauses} | ${d.support} | ${f(d.precision)} | ${f(d.recall)} | ${f(d.f1)} |`)
  ].join("\n")

const floor = (e: Evaluation) => ({
  micro_f1: Math.floor(e.micro.f1 * 1000) / 1000,
  categories: Object.fromEntries(e.categories.filter((c) => c.support > 0).map((c) => [c.id, Math.floor(c.f1 * 1000) / 1000]))
})

/** The accuracy floors `npm test` holds the rules to, per gold file: micro F1 and each category's F1, rounded down. */
export const baselineJson = (m: MultiEvaluation) => ({
  tolerance: 0.01,
  golds: Object.fromEntries(m.files.map(({ gold, evaluation }) => [gold, floor(evaluation)]))
})

const caseJson = (c: ErrorCase) => ({ id: c.id, text: c.text, gold: c.gold, predicted: c.predicted, rules: c.rules })

const documentJson = (d: DocumentScores) => ({ gold: d.gold, doc: d.doc, region: d.region, year: d.year, clauses: d.clauses, ...pick(d) })

export const evalJson = (m: MultiEvaluation, rulesHash: string) => ({
  gold: m.files.map((x) => x.gold).join(", "),
  rules_hash: rulesHash,
  ...unionJson(m.union),
  files: m.files.map(({ gold, evaluation }) => ({ gold, ...summaryJson(evaluation) })),
  documents: m.documents.map(documentJson)
})

const summaryJson = (e: Evaluation) => ({
  clauses: e.clauses,
  micro: pick(e.micro),
  macro: e.macro,
  exact_match: e.exactMatch,
  categories: e.categories.map((c) => ({ id: c.id, ...pick(c) }))
})

const unionJson = (e: Evaluation) => ({
  ...summaryJson(e),
  confusion: e.confusion,
  false_positives: Object.fromEntries(CATEGORY_IDS.filter((c) => e.falsePositives.has(c)).map((c) => [c, e.falsePositives.get(c)!.map(caseJson)])),
  false_negatives: Object.fromEntries(CATEGORY_IDS.filter((c) => e.falseNegatives.has(c)).map((c) => [c, e.falseNegatives.get(c)!.map(caseJson)]))
})

const pick = (s: Scores) => ({
  precision: s.precision,
  recall: s.recall,
  f1: s.f1,
  support: s.support,
  tp: s.tp,
  fp: s.fp,
  fn: s.fn
})

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\t/g, " ⇥ ").replace(/\n/g, " ")
const list = (xs: ReadonlyArray<string>): string => (xs.length === 0 ? "—" : xs.join(", "))

export const evalMarkdown = (m: MultiEvaluation, rulesHash: string): string => {
  const e = m.union
  const out: Array<string> = [
    "# Evaluation",
    "",
    `Gold ${m.files.map((x) => `\`${x.gold}\``).join(" + ")} (${e.clauses} clauses) · rules \`${rulesHash}\` · exact-match ${f(e.exactMatch)}`,
    "",
    evalTable(e),
    "",
    "## By gold file",
    "",
    filesTable(m),
    "",
    "## By document",
    "",
    "Micro scores over the categories of each document's clauses (documents with no label given or predicted left out).",
    "",
    documentsTable(m),
    "",
    "## Confusion",
    "",
    "For gold labels the labeler missed: what it predicted instead on those clauses (`none`: no other label).",
    "",
    "| missed | predicted instead | clauses |",
    "|---|---|---:|",
    ...e.confusion.map((c) => `| ${c.missed} | ${c.instead} | ${c.clauses} |`),
    ""
  ]
  for (const c of CATEGORY_IDS) {
    const fp = e.falsePositives.get(c) ?? []
    const fn = e.falseNegatives.get(c) ?? []
    if (fp.length + fn.length === 0) continue
    out.push(`## ${c}`, "")
    if (fp.length > 0) {
      out.push(`### False positives (${fp.length})`, "", "| id | clause | rule: terms | gold |", "|---|---|---|---|")
      for (const x of fp) out.push(`| ${x.id} | ${cell(x.text)} | ${x.rules.map((r) => `\`${r.rule}\`: ${r.terms.join("、")}`).join("; ")} | ${list(x.gold)} |`)
      out.push("")
    }
    if (fn.length > 0) {
      out.push(`### False negatives (${fn.length})`, "", "| id | clause | predicted |", "|---|---|---|")
      for (const x of fn) out.push(`| ${x.id} | ${cell(x.text)} | ${list(x.predicted)} |`)
      out.push("")
    }
  }
  return out.join("\n")
}
