// `clausetag explain`: everything a rule author needs to see why a clause got, or did not get, a label.
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import * as path from "node:path"
import { UsageError } from "../errors.js"
import { analyze, labelFrom } from "../match/label.js"
import { compile } from "../match/matcher.js"
import { normalize } from "../match/normalize.js"
import { classesIn } from "../rules/terms.js"
import { isTraditional } from "../input/traditional.js"
import { loadRules, type LoadedRules } from "../rules/load.js"
import { Segmenter, type SegmenterShape } from "../segment/segmenter.js"

export const explainText = (rules: LoadedRules, segmenter: SegmenterShape, text: string): string => {
  const simplify = isTraditional(text)
  const analysis = analyze(compile(rules.ruleSet), segmenter, text, { thorough: true, simplify })
  const { normalized, words, result } = analysis
  // Thorough evaluation fires the same rules (a rule fires only when its anchor terms occur), and adds near misses.
  const labeled = labelFrom({ id: "", doc: "", region: null, year: null, index: 0, text }, analysis)
  const lines = [
    `text:       ${text}`,
    `normalized: ${normalized.text}${simplify ? "  (traditional characters, matched as simplified)" : ""}`,
    `words:      ${words.all().words.join(" / ")}`,
    `labels:     ${labeled.labels.join(", ") || "(none)"}`,
    "",
    result.fired.length === 0 ? "No rule matched." : "Matched:"
  ]
  for (const { rule, evidence } of result.fired) {
    const m = labeled.matches.find((x) => x.rule === rule.id)!
    const classes = classesOf(rules, rule.id)
    const shown = evidence.map((e) => {
      const written = normalized.text.slice(e.start, e.end)
      const from = classes.filter((c) => rules.ruleSet.terms?.classes[c]?.terms.some((t) => normalize(t).text === e.term))
      return `「${e.term}」@${e.start}${written === e.term ? "" : ` (list: ${written})`}${from.map((c) => ` ($${c})`).join("")}`
    })
    lines.push(`  ${rule.category}  ${rule.id}${rule.subclause ? " (sub-clause)" : ""}  [${m.start}, ${m.end})  ${shown.join(" ")}`)
  }
  if (result.nearMisses.length > 0) {
    lines.push("", "Came close:")
    for (const n of result.nearMisses) lines.push(`  ${n.rule.category}  ${n.rule.id}: ${n.reason}`)
  }
  return lines.join("\n")
}

/** The term classes a rule names ($name), as written in its file. */
const classesOf = (rules: LoadedRules, id: string): Array<string> => {
  const raw = rules.ruleSet.files.flatMap((f) => f.content.rules).find((r) => r.id === id)
  return raw === undefined ? [] : [...new Set([...classesIn(raw.any), ...(raw.all ?? []).flatMap(classesIn)])]
}

/** The text of a clause of the last run, looked up by id in `out/labels.jsonl`. */
const clauseText = Effect.fn("Explain.clauseText")(function* (outDir: string, id: string) {
  const fs = yield* FileSystem.FileSystem
  const file = path.join(outDir, "labels.jsonl")
  const content = yield* fs.readFileString(file).pipe(
    Effect.mapError(() => new UsageError({ reason: `no ${file} to look the id up in: run \`clausetag run\` (or \`label\`) first` }))
  )
  const needle = `{"id":${JSON.stringify(id)},`
  const line = content.split("\n").find((l) => l.startsWith(needle))
  if (line === undefined) return yield* new UsageError({ reason: `no clause with id ${id} in ${file}` })
  return (JSON.parse(line) as { text: string }).text
})

export const explainCommand = Effect.fn("Explain.run")(function* (options: {
  text: string | undefined
  id: string | undefined
  rulesDir: string
  outDir: string
}) {
  const rules = yield* loadRules(options.rulesDir)
  const text =
    options.id !== undefined
      ? yield* clauseText(options.outDir, options.id)
      : options.text !== undefined
        ? options.text
        : yield* new UsageError({ reason: 'give a clause to explain, e.g. clausetag explain "发行置换债券", or --id ID' })
  return yield* Effect.map(Segmenter, (segmenter) => explainText(rules, segmenter, text)).pipe(
    Effect.provide(Segmenter.layer(rules.userDictionary))
  )
})
