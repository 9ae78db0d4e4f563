// The audit as data (audit.json, fixed key order, figures to 4 places) and as a page to read (audit.md), both from
// one estimate and the sample's plan, so that the same review always gives the same bytes.
import type { AuditEstimate, Interval, Metrics } from "./audit-estimate.js"
import type { StratumPlan } from "./audit-sample.js"

/** plan.json: what the sample was drawn from and how. */
export interface AuditPlan {
  readonly rules_hash: string
  readonly inputs_hash: string
  readonly clauses: number
  readonly seed: number
  readonly size: number
  readonly sampled: number
  readonly candidate_words: ReadonlyArray<string>
  readonly strata: ReadonlyArray<StratumPlan & { readonly weight: number }>
}

const metrics = (m: Metrics) => ({ precision: m.precision, recall: m.recall, f1: m.f1 })

export const auditJson = (plan: AuditPlan, e: AuditEstimate, replicates: number) => ({
  rules_hash: plan.rules_hash,
  inputs_hash: plan.inputs_hash,
  seed: plan.seed,
  level: 0.95,
  replicates,
  clauses: plan.clauses,
  sampled: plan.sampled,
  reviewed: e.reviewed,
  covered_clauses: e.covered,
  micro: metrics(e.micro),
  categories: e.categories.map((c) => ({
    id: c.id,
    ...metrics(c),
    reviewed: c.reviewed,
    predicted: plan.strata.reduce((s, x) => s + (x.predicted[c.id] ?? 0), 0)
  })),
  strata: e.strata,
  thin: e.thin,
  unreviewed: e.unreviewed
})

const f = (x: number | null): string => (x === null ? "—" : x.toFixed(3))
const cell = (i: Interval): string => (i.estimate === null ? "—" : `${f(i.estimate)} (${f(i.low)}–${f(i.high)})`)

export const auditMarkdown = (plan: AuditPlan, e: AuditEstimate, replicates: number): string => {
  const json = auditJson(plan, e, replicates)
  const out = [
    "# How good are the labels of this run?",
    "",
    `Rules \`${plan.rules_hash}\` · inputs \`${plan.inputs_hash}\` · ${plan.clauses} clauses · sample seed ${plan.seed}.`,
    "",
    `${e.reviewed} of the ${plan.sampled} sampled clauses are reviewed. They stand for ${e.covered} of the run's ${plan.clauses} clauses` +
      (e.unreviewed.length > 0 ? ` (the strata with no reviewed clause, ${e.unreviewed.join(", ")}, are left out)` : "") +
      ".",
    "",
    "**What the numbers mean.** Precision: of the labels the rules put on this run's clauses, the share a reviewer " +
      "would confirm. Recall: of the labels this run's clauses should carry, the share the rules found; it counts the " +
      "labels missed on clauses the rules left unlabeled, weighted up from the sample to the whole run. F1 is their " +
      "harmonic mean. Micro figures pool every label of every category. Each reviewed clause stands for the clauses of " +
      "its stratum that were not reviewed (its weight), so the figures estimate the whole run, not only the sample. " +
      `In brackets, the 95% interval (stratified bootstrap, ${replicates} replicates): intervals made this way from this many ` +
      "reviewed clauses hold the run's true figure 19 times in 20. A wide interval means more clauses need review, not that the rules are bad; " +
      "an interval that is a single point means every clause behind the figure was reviewed.",
    "",
    "| | precision | recall | F1 |",
    "|---|---|---|---|",
    `| **micro** | ${cell(e.micro.precision)} | ${cell(e.micro.recall)} | ${cell(e.micro.f1)} |`,
    "",
    "| category | precision | recall | F1 | reviewed clauses | labeled in run |",
    "|---|---|---|---|---:|---:|",
    ...json.categories
      .filter((c) => c.reviewed > 0 || c.predicted > 0)
      .map((c) => `| ${c.id} | ${cell(c.precision)} | ${cell(c.recall)} | ${cell(c.f1)} | ${c.reviewed} | ${c.predicted} |`),
    "",
    "Reviewed clauses of a category: those it was predicted for or a reviewer gave it. Categories with neither are left out.",
    "",
    "## Strata",
    "",
    "Each clause of the run is in one stratum: its rarest predicted category; else `candidate` when it holds a finance " +
      `or debt word (${plan.candidate_words.join(" ")}); else \`rest\`.`,
    "",
    "| stratum | clauses | sampled | reviewed |",
    "|---|---:|---:|---:|",
    ...e.strata.map((s) => `| ${s.stratum} | ${s.clauses} | ${s.sampled} | ${s.reviewed} |`),
    ""
  ]
  if (e.thin.length > 0)
    out.push(
      `**Still thin** (fewer than 10 reviewed clauses, or all of a smaller stratum, or less than half of its sample): ${e.thin.join(", ")}. ` +
        "Review more of their sampled clauses (from the top of sample.jsonl) to narrow the intervals.",
      ""
    )
  return out.join("\n")
}
