// `clausetag rules check`: everything that can be wrong with a rule set short of a wrong judgement. Problems
// (failing examples, terms that can never match, undeclared overlaps between categories) fail the check; rules that
// never fire on the bundled corpus are listed for information, since new vocabulary may not occur there yet.
import * as Effect from "effect/Effect"
import { findAll } from "../match/automaton.js"
import { byCodeUnit, type CategoryId } from "../domain.js"
import { analyze, labelClause } from "../match/label.js"
import { isWordAligned, lazyWords, tokensOf, type WordSource } from "../segment/tokens.js"
import { listInputs, readInput } from "../input/list.js"
import { compile, type Matcher } from "../match/matcher.js"
import { normalize } from "../match/normalize.js"
import type { GoldClause } from "../report/score.js"
import { readGold } from "./eval.js"
import { makeOutputs } from "../run/output.js"
import { ruleFileJsonSchema } from "../rules/decode.js"
import { loadRules, type LoadedRules } from "../rules/load.js"
import { classesIn } from "../rules/terms.js"
import { Segmenter } from "../segment/segmenter.js"

export interface CheckReport {
  readonly rules: number
  readonly examples: number
  readonly problems: ReadonlyArray<string>
  readonly notes: ReadonlyArray<string>
  /** Worth a look, but not failures: terms shaped to one gold clause. */
  readonly warnings: ReadonlyArray<string>
}

/** Whether a `none` term vetoes every occurrence of `term`: it occurs in the term on jieba's word boundaries. */
const vetoes = (segmenter: WordSource, term: string, exclusion: string): boolean => {
  const tokens = tokensOf(term, segmenter.cut(term))
  for (let i = term.indexOf(exclusion); i >= 0; i = term.indexOf(exclusion, i + 1)) if (isWordAligned(tokens, i, i + exclusion.length)) return true
  return false
}

const clauseOf = (text: string) => ({ id: "", doc: "", region: null, year: null, index: 0, text })

/** A clause of the corpus rules are checked on, with its document. */
export interface CorpusClause {
  readonly doc: string
  readonly text: string
}

/**
 * Checks a loaded rule set; `corpus` is the bundled seeds' clauses (or any corpus given), `gold` hand-labeled clauses
 * for finding terms shaped to one sentence.
 */
export const checkRules = (
  rules: LoadedRules,
  segmenter: WordSource,
  corpus: ReadonlyArray<CorpusClause>,
  gold: ReadonlyArray<GoldClause> = []
): CheckReport => {
  const { ruleSet } = rules
  const matcher = compile(ruleSet)
  const problems: Array<string> = []
  const notes: Array<string> = []
  const fileOf = new Map(ruleSet.files.flatMap((f) => f.content.rules.map((r) => [r.id, f.file] as const)))
  let examples = 0

  for (const rule of ruleSet.rules) {
    const where = `${fileOf.get(rule.id)}: rule ${rule.id}`
    for (const text of rule.examples.match) {
      examples++
      if (!labelClause(matcher, segmenter, clauseOf(text)).matches.some((m) => m.rule === rule.id)) {
        const why = analyze(matcher, segmenter, text, { thorough: true }).result.nearMisses.find((n) => n.rule.id === rule.id)?.reason
        problems.push(`${where}: example does not match: ${text}${why ? ` (${why})` : ""} — see clausetag explain`)
      }
    }
    for (const text of rule.examples.no_match) {
      examples++
      if (labelClause(matcher, segmenter, clauseOf(text)).matches.some((m) => m.rule === rule.id)) {
        problems.push(`${where}: no_match example matches: ${text}`)
      }
    }
    if (rule.yields_to?.includes(rule.category)) problems.push(`${where}: yields_to names the rule's own category ${rule.category}: name other categories only`)
    for (const term of [...(rule.any ?? []), ...(rule.all ?? []).flat()]) {
      const veto = (rule.none_substring ?? []).find((x) => term.includes(x)) ?? (rule.none ?? []).find((x) => vetoes(segmenter, term, x))
      if (veto !== undefined) problems.push(`${where}: term 「${term}」 can never fire: it contains the exclusion 「${veto}」`)
    }
  }

  // Terms that occur somewhere (examples or corpus) but never on word boundaries: jieba always cuts through them.
  const texts = [...corpus.map((c) => c.text), ...ruleSet.rules.flatMap((r) => [...r.examples.match, ...r.examples.no_match])]
  const seen = new Int32Array(matcher.compiled.terms.length)
  const aligned = new Int32Array(matcher.compiled.terms.length)
  const fired = new Set<string>()
  texts.forEach((text, i) => {
    const { normalized, words, result } = analyze(matcher, segmenter, text)
    if (i < corpus.length) for (const f of result.fired) fired.add(f.rule.id)
    for (const hit of findAll(matcher.compiled.automaton, normalized.text)) {
      seen[hit.pattern]!++
      if (words.isWordAligned(hit.start, hit.end)) aligned[hit.pattern]!++
    }
  })
  const positive = new Set(matcher.compiled.rules.flatMap((r) => [...r.any, ...r.all.flat()]))
  for (const t of [...positive].sort((a, b) => a - b)) {
    if (seen[t]! > 0 && aligned[t] === 0) {
      const users = matcher.compiled.rules.filter((r) => r.any.includes(t) || r.all.some((g) => g.includes(t))).map((r) => r.id)
      problems.push(
        `term 「${matcher.compiled.terms[t]}」 (${users.join(", ")}) occurs ${seen[t]} times but jieba always cuts through it: ` +
          "use the whole word it sits in (clausetag explain shows the words)"
      )
    }
  }

  // A term that labels on its own (an `any` term) in two categories: intended overlaps are declared with
  // `shares_terms_with`. Terms of `all` groups only label together with others, so they claim nothing alone.
  const claims = new Map<string, Map<CategoryId, Array<string>>>()
  for (const rule of ruleSet.rules) {
    for (const term of new Set(rule.any ?? [])) {
      const byCategory = claims.get(term) ?? new Map<CategoryId, Array<string>>()
      byCategory.set(rule.category, [...(byCategory.get(rule.category) ?? []), rule.id])
      claims.set(term, byCategory)
    }
  }
  const declared = new Map(ruleSet.rules.map((r) => [r.id, new Set(r.shares_terms_with ?? [])]))
  for (const [term, byCategory] of [...claims].sort(([a], [b]) => byCodeUnit(a, b))) {
    if (byCategory.size < 2) continue
    const cats = [...byCategory.keys()]
    const undeclared = [...byCategory].flatMap(([cat, ids]) =>
      ids.filter((id) => cats.some((other) => other !== cat && !declared.get(id)!.has(other)))
    )
    const line = `term 「${term}」 is claimed by ${[...byCategory].map(([c, ids]) => `${c} (${ids.join(", ")})`).join(" and ")}`
    if (undeclared.length > 0) problems.push(`${line}: declare the overlap with shares_terms_with in ${undeclared.join(", ")}, or drop it`)
    else notes.push(`${line} (declared)`)
  }

  const named = new Set(ruleSet.files.flatMap((f) => f.content.rules.flatMap((r) => [r.any, ...(r.all ?? []), r.none, r.none_substring].flatMap(classesIn))))
  const unused = Object.keys(ruleSet.terms?.classes ?? {}).filter((c) => !named.has(c))
  if (unused.length > 0) notes.push(`term classes no rule names (${unused.length}): ${unused.map((c) => `$${c}`).join(", ")}`)

  const silent = ruleSet.rules.filter((r) => !fired.has(r.id)).map((r) => r.id)
  if (silent.length > 0) notes.push(`rules that never fire on the bundled corpus (${silent.length}): ${silent.join(", ")}`)
  return { rules: ruleSet.rules.length, examples, problems, notes, warnings: shapedTerms(matcher, segmenter, corpus, gold) }
}

/**
 * Terms that match exactly one gold clause and nothing in the corpus outside that clause's own document: terms
 * shaped to one sentence rather than policy terms that recur.
 */
const shapedTerms = (matcher: Matcher, segmenter: WordSource, corpus: ReadonlyArray<CorpusClause>, gold: ReadonlyArray<GoldClause>): Array<string> => {
  const { compiled } = matcher
  const positive = new Set(compiled.rules.flatMap((r) => [...r.any, ...r.all.flat()]).filter((t) => t < compiled.scanned))
  const alignedTerms = (text: string): Set<number> => {
    const normalized = normalize(text).text
    const words = lazyWords(normalized, segmenter)
    return new Set(findAll(compiled.automaton, normalized).filter((h) => positive.has(h.pattern) && words.isWordAligned(h.start, h.end)).map((h) => h.pattern))
  }
  const inGold = new Map<number, Array<GoldClause>>()
  for (const g of gold) for (const t of alignedTerms(g.text)) inGold.set(t, [...(inGold.get(t) ?? []), g])
  const lone = new Map([...inGold].filter(([, clauses]) => clauses.length === 1).map(([t, [g]]) => [t, g!]))
  for (const c of corpus) {
    if (lone.size === 0) break
    for (const t of alignedTerms(c.text)) if (lone.get(t) !== undefined && lone.get(t)!.doc !== c.doc) lone.delete(t)
  }
  return [...lone].sort(([a], [b]) => a - b).map(([t, g]) => {
    const users = compiled.rules.filter((r) => r.any.includes(t) || r.all.some((group) => group.includes(t))).map((r) => r.id)
    return `term 「${compiled.terms[t]}」 (${users.join(", ")}) matches one gold clause (${g.id}) and nothing else outside its document: a policy term that will recur, or one shaped to this sentence?`
  })
}

/** Writes rules.schema.json into the rules folder, atomically like every output. */
export const writeRulesSchema = (rulesDir: string) =>
  Effect.scoped(
    Effect.gen(function* () {
      const outputs = yield* makeOutputs(rulesDir)
      yield* outputs.put(SCHEMA_FILE, ruleFileJsonSchema())
      yield* outputs.commit
      return `${rulesDir}/${SCHEMA_FILE}`
    })
  )

export const SCHEMA_FILE = "rules.schema.json"

/** Loads the rules, the corpus (the bundled seeds by default) and any gold files, and checks. */
export const rulesCheckCommand = Effect.fn("Rules.check")(function* (options: {
  rulesDir: string
  corpus: ReadonlyArray<string>
  golds?: ReadonlyArray<string>
}) {
  const rules = yield* loadRules(options.rulesDir)
  const clauses: Array<CorpusClause> = []
  for (const file of yield* listInputs(options.corpus)) {
    for (const doc of (yield* readInput(file)).documents) for (const c of doc.clauses) clauses.push({ doc: c.doc, text: c.text })
  }
  const gold: Array<GoldClause> = []
  for (const file of options.golds ?? []) gold.push(...(yield* readGold(file)))
  return yield* Effect.map(Segmenter, (s) => checkRules(rules, s, clauses, gold)).pipe(Effect.provide(Segmenter.layer(rules.userDictionary)))
})
