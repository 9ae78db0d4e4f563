// The rule set compiled once into an immutable value: one automaton over all terms, and for each term the rules it
// can wake (postings) and the conditions it fills. Nothing here changes while clauses are matched, so one compiled
// rule set can serve any number of threads, each with its own working memory (memory.ts). Rules that use the
// language's newer features (lists, sub-clause scope, yields_to) set fields the matcher tests once per rule, so a
// rule set without them runs the same code as before they existed.
import { buildAutomaton, type Automaton } from "./automaton.js"
import type { CategoryId } from "../domain.js"
import { normalize } from "./normalize.js"
import type { RuleSet } from "../rules/decode.js"
import { wakeLiterals } from "./wake.js"
import { listTable, splitsOf, type ListTable } from "./lists.js"

export interface CompiledRule {
  readonly id: string
  readonly category: CategoryId
  /** Term ids; with `lists`, each term's list form (a virtual term) sits beside it. */
  readonly any: ReadonlyArray<number>
  readonly all: ReadonlyArray<ReadonlyArray<number>>
  readonly within: number | undefined
  readonly withinTokens: number | undefined
  /** Every exclusion: `none` terms (on word boundaries) and `none_substring` terms. */
  readonly none: ReadonlyArray<number>
  readonly regex: RegExp | undefined
  /** For each term the rule uses positively: -1 for `any`, else the `all` groups it belongs to. */
  readonly slots: ReadonlyMap<number, ReadonlyArray<number>>
  readonly exclusions: ReadonlySet<number>
  /** The exclusions that veto as plain substrings (`none_substring`), not only on word boundaries. */
  readonly substrings: ReadonlySet<number>
  /** `scope: subclause`: every condition and exclusion is tried within one sub-clause (between ，；：). */
  readonly subclause: boolean
  /** Categories this rule gives way to where both have evidence in one sub-clause (`yields_to`). */
  readonly yieldsTo: ReadonlyArray<CategoryId>
}

export interface CompiledRules {
  /** Normalized terms; a term's index is its id. Ids below `scanned` are the automaton's patterns. */
  readonly terms: ReadonlyArray<string>
  /** Terms past this id are list forms: never scanned for, found by lists.ts. */
  readonly scanned: number
  readonly automaton: Automaton
  readonly rules: ReadonlyArray<CompiledRule>
  /** For each term: the rules an occurrence of it makes candidates, ascending. */
  readonly anchors: ReadonlyArray<Int32Array>
  /** For each term: every rule that uses it in any way (for `explain`, which also reports near misses). */
  readonly users: ReadonlyArray<Int32Array>
  /** For each term: its positive uses as pairs (rule, slot), slot -1 for `any` and n for `all` group n. */
  readonly uses: ReadonlyArray<Int32Array>
  /** Lone-regex rules whose source gives no literals to wake on: the only ones tried on every clause. */
  readonly regexOnly: ReadonlyArray<number>
  /** For each term: 1 when some rule excludes it (`none`). */
  readonly excluding: Uint8Array
  /**
   * For each rule, the conditions a clause's occurrences must cover before it is evaluated: 1 in `needsAny` when it
   * has `any` terms, and in `groupMask` a bit per `all` group (kept apart from the rule objects, for the cache).
   */
  readonly needsAny: Uint8Array
  readonly groupMask: Int32Array
  /** The heads that list forms are found from; undefined when no rule asks for lists. */
  readonly lists: ListTable | undefined
  /** Some rule yields to another category. */
  readonly yields: boolean
}

export const ANY = -1

/** The `all` group whose shortest term is longest: longer terms are rarer, so fewer clauses wake the rule. */
const anchorGroup = (groups: ReadonlyArray<ReadonlyArray<string>>): number => {
  let best = 0
  let bestLength = -1
  groups.forEach((g, i) => {
    const shortest = Math.min(...g.map((t) => t.length))
    if (shortest > bestLength) [best, bestLength] = [i, shortest]
  })
  return best
}

export const compileRules = (ruleSet: RuleSet): CompiledRules => {
  const terms: Array<string> = []
  const ids = new Map<string, number>()
  const anchors: Array<Set<number>> = []
  const users: Array<Set<number>> = []
  const intern = (t: string, key: string): number => {
    let id = ids.get(key)
    if (id === undefined) {
      id = terms.length
      ids.set(key, id)
      terms.push(t)
      anchors.push(new Set())
      users.push(new Set())
    }
    return id
  }
  const termId = (raw: string, rule: number): number => {
    const t = normalize(raw).text
    const id = intern(t, t)
    users[id]!.add(rule)
    return id
  }
  // Real terms first: they are the automaton's patterns, and so are the heads that list forms are found from.
  const real = ruleSet.rules.map((r, i) => ({
    any: (r.any ?? []).map((t) => termId(t, i)),
    all: (r.all ?? []).map((group) => group.map((t) => termId(t, i))),
    none: [...(r.none ?? []), ...(r.none_substring ?? [])].map((t) => termId(t, i)),
    substrings: (r.none_substring ?? []).map((t) => termId(t, i)),
    literals: r.any === undefined && r.all === undefined && r.regex !== undefined ? wakeLiterals(r.regex)?.map((t) => termId(t, i)) : undefined
  }))
  const listed = new Set<number>()
  ruleSet.rules.forEach((r, i) => {
    if (r.lists === true) for (const t of [...real[i]!.any, ...real[i]!.all.flat()]) if (terms[t]!.length >= 3) listed.add(t)
  })
  const splits = [...listed].sort((a, b) => a - b).flatMap((t) => splitsOf(terms[t]!).map(({ head, prefix }) => ({ head: intern(head, head), term: t, prefix })))
  const scanned = terms.length
  // A term's list form is a term of its own, used only by the rules that ask for lists.
  const form = new Map([...listed].sort((a, b) => a - b).map((t) => [t, intern(terms[t]!, `\0${terms[t]}`)]))
  const withForm = (t: number, rule: number): Array<number> => {
    const f = ruleSet.rules[rule]!.lists === true ? form.get(t) : undefined
    if (f === undefined) return [t]
    users[f]!.add(rule)
    return [t, f]
  }
  const rules = ruleSet.rules.map((r, i): CompiledRule => {
    const { none, substrings, literals } = real[i]!
    const any = real[i]!.any.flatMap((t) => withForm(t, i))
    const all = real[i]!.all.map((g) => g.flatMap((t) => withForm(t, i)))
    const slots = new Map<number, Array<number>>()
    const addSlot = (t: number, slot: number) => slots.set(t, [...(slots.get(t) ?? []), slot])
    any.forEach((t) => addSlot(t, ANY))
    all.forEach((g, gi) => g.forEach((t) => addSlot(t, gi)))
    // A lone regex wakes on the literals its matches must start with, when they can be read off its source.
    const wake = any.length > 0 ? any : all.length > 0 ? all[anchorGroup(r.all!)]! : (literals ?? [])
    for (const t of wake) anchors[t]!.add(i)
    return {
      id: r.id,
      category: r.category,
      any,
      all,
      within: r.within,
      withinTokens: r.within_tokens,
      none,
      // Without the g flag, exec keeps no state in the regex: the compiled rules stay a value.
      regex: r.regex === undefined ? undefined : new RegExp(r.regex, "u"),
      slots,
      exclusions: new Set(none),
      substrings: new Set(substrings),
      subclause: r.scope === "subclause",
      yieldsTo: r.yields_to ?? []
    }
  })
  const woken = new Set(anchors.flatMap((rs) => [...rs]))
  const excluded = new Set(rules.flatMap((r) => r.none))
  const sorted = (sets: Array<Set<number>>) => sets.map((x) => Int32Array.from(x).sort())
  const uses = terms.map((_, t) =>
    Int32Array.from(
      [...users[t]!].sort((a, b) => a - b).flatMap((r) => (rules[r]!.slots.get(t) ?? []).flatMap((slot) => [r, slot]))
    )
  )
  return {
    terms,
    scanned,
    automaton: buildAutomaton(terms.slice(0, scanned)),
    rules,
    anchors: sorted(anchors),
    users: sorted(users),
    uses,
    regexOnly: rules.flatMap((r, i) => (r.any.length === 0 && r.all.length === 0 && !woken.has(i) ? [i] : [])),
    excluding: Uint8Array.from(terms, (_, t) => (excluded.has(t) ? 1 : 0)),
    needsAny: Uint8Array.from(rules, (r) => (r.any.length > 0 ? 1 : 0)),
    groupMask: Int32Array.from(rules, (r) => (2 ** Math.min(r.all.length, 31) - 1) | 0),
    lists: splits.length === 0 ? undefined : listTable(scanned, splits.map((s) => ({ head: s.head, form: form.get(s.term)!, prefix: s.prefix }))),
    yields: rules.some((r) => r.yieldsTo.length > 0)
  }
}
