// How an evaluation is shown: a table for the terminal, eval.json for scripts and baselines, and eval.md that lets
// a reviewer read every remaining error with the rule that caused it.
import { CATEGORY_IDS } from "../domain.js"
import { cell } from "./markdown.js"
import type { ErrorCase, Evaluation } from "./score.js"

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

/** The accuracy floor `npm test` holds the rules to: micro F1 and each category's F1, rounded down to 3 places. */
export const baselineJson = (e: Evaluation, gold: string) => ({
  gold,
  tolerance: 0.01,
  micro_f1: Math.floor(e.micro.f1 * 1000) / 1000,
  categories: Object.fromEntries(e.categories.filter((c) => c.support > 0).map((c) => [c.id, Math.floor(c.f1 * 1000) / 1000]))
})

const caseJson = (c: ErrorCase) => ({ id: c.id, text: c.text, gold: c.gold, predicted: c.predicted, rules: c.rules })

export const evalJson = (e: Evaluation, gold: string, rulesHash: string) => ({
  gold,
  rules_hash: rulesHash,
  clauses: e.clauses,
  micro: pick(e.micro),
  macro: e.macro,
  exact_match: e.exactMatch,
  categories: e.categories.map((c) => ({ id: c.id, ...pick(c) })),
  confusion: e.confusion,
  false_positives: Object.fromEntries(CATEGORY_IDS.filter((c) => e.falsePositives.has(c)).map((c) => [c, e.falsePositives.get(c)!.map(caseJson)])),
  false_negatives: Object.fromEntries(CATEGORY_IDS.filter((c) => e.falseNegatives.has(c)).map((c) => [c, e.falseNegatives.get(c)!.map(caseJson)]))
})

const pick = (s: { precision: number; recall: number; f1: number; support: number; tp: number; fp: number; fn: number }) => ({
  precision: s.precision,
  recall: s.recall,
  f1: s.f1,
  support: s.support,
  tp: s.tp,
  fp: s.fp,
  fn: s.fn
})

const list = (xs: ReadonlyArray<string>): string => (xs.length === 0 ? "—" : xs.join(", "))

export const evalMarkdown = (e: Evaluation, gold: string, rulesHash: string): string => {
  const out: Array<string> = [
    "# Evaluation",
    "",
    `Gold \`${gold}\` (${e.clauses} clauses) · rules \`${rulesHash}\` · exact-match ${f(e.exactMatch)}`,
    "",
    evalTable(e),
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
