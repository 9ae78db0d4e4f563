// What a rule change does to the labels, for a pull-request comment: per category and per rule, which clauses were
// gained or lost and which rule was responsible, and (with gold) how accuracy moved. Pure: the two sides are read
// elsewhere (diffrun.ts).
import { CATEGORY_IDS, byCodeUnit, type CategoryId } from "../domain.js"
import { cell } from "./markdown.js"

export interface SideClause {
  readonly text: string
  readonly labels: ReadonlyArray<CategoryId>
  readonly matches: ReadonlyArray<{ readonly category: CategoryId; readonly rule: string }>
}

export interface SideRule {
  readonly category: CategoryId
  readonly fingerprint: string
  readonly hits: number
}

export interface Side {
  readonly name: string
  readonly rulesHash: string
  /** Clauses by id, in output order. */
  readonly clauses: ReadonlyMap<string, SideClause>
  readonly rules: ReadonlyMap<string, SideRule>
  /** Per-category scores against gold, when asked for. */
  readonly scores?: ReadonlyMap<CategoryId, { precision: number; recall: number; f1: number }> | undefined
}

export interface ClauseChange {
  readonly id: string
  readonly text: string
  /** The rules of this category that fired on the side that has the label. */
  readonly rules: ReadonlyArray<string>
}

export interface CategoryDiff {
  readonly id: CategoryId
  readonly before: number
  readonly after: number
  readonly gained: ReadonlyArray<ClauseChange>
  readonly lost: ReadonlyArray<ClauseChange>
}

export interface RuleDiff {
  readonly id: string
  readonly category: CategoryId
  readonly change: "added" | "removed" | "changed" | "hits"
  readonly before: number | null
  readonly after: number | null
}

export interface Diff {
  readonly base: string
  readonly head: string
  readonly rulesHash: { readonly before: string; readonly after: string }
  readonly clausesChanged: number
  readonly categories: ReadonlyArray<CategoryDiff>
  readonly rules: ReadonlyArray<RuleDiff>
  readonly scores: ReadonlyArray<{ readonly id: CategoryId; readonly before: Scores; readonly after: Scores }> | null
}

type Scores = { precision: number; recall: number; f1: number }

const EMPTY: SideClause = { text: "", labels: [], matches: [] }

export const compareSides = (base: Side, head: Side): Diff => {
  const ids = [...head.clauses.keys(), ...[...base.clauses.keys()].filter((id) => !head.clauses.has(id))]
  const changed = new Set<string>()
  const categories = CATEGORY_IDS.map((id): CategoryDiff => {
    let before = 0
    let after = 0
    const gained: Array<ClauseChange> = []
    const lost: Array<ClauseChange> = []
    for (const clauseId of ids) {
      const b = base.clauses.get(clauseId) ?? EMPTY
      const h = head.clauses.get(clauseId) ?? EMPTY
      const inBase = b.labels.includes(id)
      const inHead = h.labels.includes(id)
      before += inBase ? 1 : 0
      after += inHead ? 1 : 0
      if (inBase === inHead) continue
      changed.add(clauseId)
      const side = inHead ? h : b
      const change = { id: clauseId, text: side.text, rules: side.matches.filter((m) => m.category === id).map((m) => m.rule) }
      ;(inHead ? gained : lost).push(change)
    }
    return { id, before, after, gained, lost }
  })
  const ruleIds = [...new Set([...base.rules.keys(), ...head.rules.keys()])].sort(byCodeUnit)
  const rules = ruleIds.flatMap((id): Array<RuleDiff> => {
    const b = base.rules.get(id)
    const h = head.rules.get(id)
    const category = (h ?? b)!.category
    const change = b === undefined ? "added" : h === undefined ? "removed" : b.fingerprint !== h.fingerprint ? "changed" : b.hits !== h.hits ? "hits" : undefined
    return change === undefined ? [] : [{ id, category, change, before: b?.hits ?? null, after: h?.hits ?? null }]
  })
  const scores =
    base.scores !== undefined && head.scores !== undefined
      ? CATEGORY_IDS.map((id) => ({ id, before: base.scores!.get(id)!, after: head.scores!.get(id)! }))
      : null
  return {
    base: base.name,
    head: head.name,
    rulesHash: { before: base.rulesHash, after: head.rulesHash },
    clausesChanged: changed.size,
    categories,
    rules,
    scores
  }
}

const clip = (s: string): string => (s.length > 80 ? `${s.slice(0, 80)}…` : s)
const f3 = (x: number): string => x.toFixed(3)

export const diffMarkdown = (d: Diff, cap: number): string => {
  const moved = d.categories.filter((c) => c.gained.length + c.lost.length > 0)
  if (d.clausesChanged === 0 && d.rules.length === 0) {
    return `## clausetag diff: ${d.base} → ${d.head}\n\nno change\n`
  }
  const out = [
    `## clausetag diff: ${d.base} → ${d.head}`,
    "",
    `**${d.clausesChanged} clause${d.clausesChanged === 1 ? "" : "s"} changed labels**` +
      (moved.length > 0 ? `: ${moved.map((c) => `${c.id} +${c.gained.length} −${c.lost.length}`).join("; ")}` : "") +
      ` · rules \`${d.rulesHash.before}\` → \`${d.rulesHash.after}\``,
    "",
    "| category | before | after | gained | lost |",
    "|---|---:|---:|---:|---:|",
    ...d.categories.map((c) => {
      const row = `| ${c.id} | ${c.before} | ${c.after} | ${c.gained.length} | ${c.lost.length} |`
      return c.gained.length + c.lost.length > 0 ? row.replace(`| ${c.id} |`, `| **${c.id}** |`) : row
    }),
    ""
  ]
  if (d.rules.length > 0) {
    out.push("### Rules", "", "| rule | change | hits before | hits after |", "|---|---|---:|---:|")
    for (const r of d.rules) out.push(`| \`${r.id}\` | ${r.change === "hits" ? "hits only" : r.change} | ${r.before ?? "—"} | ${r.after ?? "—"} |`)
    out.push("")
  }
  for (const c of moved) {
    for (const [verb, list] of [["gained", c.gained], ["lost", c.lost]] as const) {
      if (list.length === 0) continue
      out.push(`### ${c.id} ${verb} ${list.length}`, "")
      for (const x of list.slice(0, cap)) out.push(`- \`${x.id}\` ${cell(clip(x.text))} — ${x.rules.map((r) => `\`${r}\``).join(", ") || "no rule"}`)
      if (list.length > cap) out.push(`- and ${list.length - cap} more`)
      out.push("")
    }
  }
  if (d.scores !== null) {
    out.push("### Accuracy against gold", "", "| category | P before | P after | R before | R after | F1 before | F1 after |", "|---|---:|---:|---:|---:|---:|---:|")
    for (const s of d.scores) {
      const mark = s.before.f1 !== s.after.f1 ? "**" : ""
      out.push(`| ${mark}${s.id}${mark} | ${f3(s.before.precision)} | ${f3(s.after.precision)} | ${f3(s.before.recall)} | ${f3(s.after.recall)} | ${f3(s.before.f1)} | ${f3(s.after.f1)} |`)
    }
    out.push("")
  }
  return out.join("\n")
}

export const diffJson = (d: Diff) => ({
  base: d.base,
  head: d.head,
  rules_hash: d.rulesHash,
  clauses_changed: d.clausesChanged,
  categories: d.categories.map((c) => ({ id: c.id, before: c.before, after: c.after, gained: c.gained, lost: c.lost })),
  rules: d.rules,
  scores: d.scores
})
