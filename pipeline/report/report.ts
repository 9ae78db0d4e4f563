// The coverage report as data (coverage.json) and as a page a rule author reads in a pull request (coverage.md).
// Both are rendered from one CoverageReport value with every list in a fixed order, so identical runs give
// identical bytes and a rule change shows up as a small, readable diff.
import { CATEGORY_IDS, byCodeUnit, type CategoryId } from "../domain.js"
import { FINANCE_WORDS, type Coverage } from "./coverage.js"
import { createHash } from "node:crypto"
import type { Rule, RuleSet } from "../rules/decode.js"
import type { SegmenterSettings } from "../segment/segmenter.js"

export interface RunInfo {
  readonly segmenter: SegmenterSettings
  /** Short hashes identifying the rule set and the inputs that produced the outputs. */
  readonly rulesHash: string
  readonly inputsHash: string
  readonly warnings: ReadonlyArray<{ readonly file: string; readonly line: number; readonly message: string }>
}

/** 8 hex digits identifying what a rule matches (its conditions; not its description or examples). */
export const ruleFingerprint = (r: Rule): string =>
  createHash("sha256")
    .update(JSON.stringify([r.any ?? null, r.all ?? null, r.within ?? null, r.within_tokens ?? null, r.none ?? null, r.regex ?? null, ...languageOf(r)]))
    .digest("hex")
    .slice(0, 8)

/** The newer conditions, only when a rule has them (so older rules keep their fingerprints). */
const languageOf = (r: Rule): Array<unknown> =>
  r.none_substring === undefined && r.scope === undefined && r.lists === undefined && r.yields_to === undefined
    ? []
    : [{ none_substring: r.none_substring ?? null, scope: r.scope ?? null, lists: r.lists ?? null, yields_to: r.yields_to ?? null }]

const share = (n: number, of: number): number => (of === 0 ? 0 : Math.round((n / of) * 10000) / 10000)

const CANDIDATES_SHOWN = 50

export const coverageReport = (c: Coverage, rules: RuleSet, run: RunInfo) => {
  const names = new Map(rules.files.map((f) => [f.content.category, f.content.name]))
  return {
    rules_hash: run.rulesHash,
    inputs_hash: run.inputsHash,
    segmenter: { engine: run.segmenter.engine, hmm: run.segmenter.hmm, user_dictionary: run.segmenter.userDictionary },
    totals: { documents: c.documents, clauses: c.clauses, labeled: c.labeled, share: share(c.labeled, c.clauses) },
    categories: CATEGORY_IDS.map((id) => ({
      id,
      name: names.get(id) ?? null,
      clauses: c.categories.get(id) ?? 0,
      share: share(c.categories.get(id) ?? 0, c.clauses)
    })),
    rules: rules.rules.map((r) => ({
      id: r.id,
      category: r.category,
      fingerprint: ruleFingerprint(r),
      hits: c.ruleHits.get(r.id) ?? 0,
      unique: c.ruleUnique.get(r.id) ?? 0
    })),
    never_fired: rules.rules.filter((r) => !c.ruleHits.has(r.id)).map((r) => r.id),
    cooccurrence: [...c.cooccurrence]
      .sort(([a, x], [b, y]) => y - x || byCodeUnit(a, b))
      .map(([pair, clauses]) => {
        const [a, b] = pair.split("|") as [CategoryId, CategoryId]
        return { a, b, clauses }
      }),
    documents: [...c.perDocument]
      .sort(([a], [b]) => byCodeUnit(a, b))
      .map(([doc, t]) => ({ doc, clauses: t.clauses, labeled: t.labeled, share: share(t.labeled, t.clauses) })),
    region_years: [...c.perRegionYear]
      .map(([key, t]) => {
        const [region, year] = JSON.parse(key) as [string | null, number | null]
        return { region, year, documents: t.documents, clauses: t.clauses, labeled: t.labeled, share: share(t.labeled, t.clauses) }
      })
      .sort((a, b) => byCodeUnit(a.region ?? "", b.region ?? "") || (a.year ?? 0) - (b.year ?? 0)),
    candidate_terms: FINANCE_WORDS.map((term) => ({ term, clauses: c.candidateTerms.get(term) ?? 0 })).filter((t) => t.clauses > 0),
    candidates: [...c.candidates]
      .sort(([a, x], [b, y]) => y.count - x.count || byCodeUnit(a, b))
      .slice(0, CANDIDATES_SHOWN)
      .map(([text, t]) => ({ text, count: t.count, example_id: t.firstId })),
    input_quality: {
      warnings: run.warnings.length,
      fragments: c.fragments,
      traditional_documents: [...c.traditional.keys()].sort(byCodeUnit),
      messages: run.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`)
    }
  }
}

export type CoverageReport = ReturnType<typeof coverageReport>

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`
const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ")

export const coverageMarkdown = (r: CoverageReport): string => {
  const lines: Array<string> = []
  const push = (...ls: Array<string>) => lines.push(...ls)
  push(
    "# Coverage",
    "",
    `Rules \`${r.rules_hash}\` · inputs \`${r.inputs_hash}\` · segmenter ${r.segmenter.engine}, HMM ${r.segmenter.hmm ? "on" : "off"}, user dictionary ${r.segmenter.user_dictionary ?? "none"}`,
    "",
    `${r.totals.documents} documents, ${r.totals.clauses} clauses, ${r.totals.labeled} labeled (${pct(r.totals.share)}).`,
    "",
    "## Categories",
    "",
    "| category | 中文 | clauses | share |",
    "|---|---|---:|---:|",
    ...r.categories.map((c) => `| \`${c.id}\` | ${c.name ?? ""} | ${c.clauses} | ${pct(c.share)} |`),
    "",
    "## Rules",
    "",
    "Unique: clauses no other rule of the same category labels.",
    "",
    "| rule | category | hits | unique |",
    "|---|---|---:|---:|",
    ...r.rules.map((x) => `| \`${x.id}\` | ${x.category} | ${x.hits} | ${x.unique} |`),
    "",
    "## Rules that never fired",
    "",
    ...(r.never_fired.length === 0 ? ["None."] : r.never_fired.map((id) => `- \`${id}\``)),
    "",
    "## Co-occurrence",
    "",
    "| category | category | clauses |",
    "|---|---|---:|",
    ...r.cooccurrence.map((x) => `| ${x.a} | ${x.b} | ${x.clauses} |`),
    "",
    "## Documents",
    "",
    "| document | clauses | labeled | share |",
    "|---|---:|---:|---:|",
    ...r.documents.map((d) => `| ${d.doc} | ${d.clauses} | ${d.labeled} | ${pct(d.share)} |`),
    "",
    "## Region-years",
    "",
    "| region | year | documents | clauses | labeled | share |",
    "|---|---:|---:|---:|---:|---:|",
    ...r.region_years.map((x) => `| ${x.region ?? "—"} | ${x.year ?? "—"} | ${x.documents} | ${x.clauses} | ${x.labeled} | ${pct(x.share)} |`),
    "",
    "## Candidates for new rules",
    "",
    "Unlabeled clauses that still contain finance or debt words, most frequent first.",
    "",
    `Words: ${r.candidate_terms.map((t) => `${t.term} ${t.clauses}`).join(" · ") || "none"}`,
    "",
    "| count | clause | example id |",
    "|---:|---|---|",
    ...r.candidates.map((x) => `| ${x.count} | ${cell(x.text)} | ${x.example_id} |`),
    "",
    "## Input quality",
    "",
    `${r.input_quality.warnings} warnings; ${r.input_quality.fragments} clauses look cut off (end in a bare number).`,
    "",
    r.input_quality.traditional_documents.length === 0
      ? "No document in traditional characters."
      : `In traditional characters, matched after conversion to simplified: ${r.input_quality.traditional_documents.join(", ")}.`,
    "",
    ...r.input_quality.messages.map((m) => `- ${cell(m)}`)
  )
  return lines.join("\n") + "\n"
}
