// Serializing records: one object a line, `\n` ends. The key order is the documented one (domain.labeledClause,
// label.ts for matches). A clause line is assembled from JSON.stringify'd pieces, so escaping is exactly
// JSON.stringify's; the pieces a corpus repeats (a document's fields, a rule's category and id) are made once.
import type { LabeledClause, Match } from "./domain.js"

const json = JSON.stringify

/** JSON text of strings seen before: rule ids, categories, terms and document fields recur on every clause. */
const seen = new Map<string, string>()
const quoted = (s: string): string => {
  let q = seen.get(s)
  if (q === undefined) {
    if (seen.size > 100_000) seen.clear()
    seen.set(s, (q = json(s)))
  }
  return q
}

const list = (xs: ReadonlyArray<string>): string => {
  let out = "["
  for (let i = 0; i < xs.length; i++) out += (i > 0 ? "," : "") + quoted(xs[i]!)
  return out + "]"
}

const matchJson = (m: Match): string =>
  `{"category":${quoted(m.category)},"rule":${quoted(m.rule)},"terms":${list(m.terms)},"start":${m.start},"end":${m.end}}`

/** One clause as a JSONL line: byte for byte `JSON.stringify(c) + "\n"`, faster (a test compares the two). */
export const labeledClauseLine = (c: LabeledClause): string => {
  let matches = "["
  for (let i = 0; i < c.matches.length; i++) matches += (i > 0 ? "," : "") + matchJson(c.matches[i]!)
  return (
    `{"id":${json(c.id)},"doc":${quoted(c.doc)},"region":${c.region === null ? "null" : quoted(c.region)},` +
    `"year":${json(c.year)},"index":${c.index},"text":${json(c.text)},"labels":${list(c.labels)},"matches":${matches}]}\n`
  )
}

/** Pretty JSON with a final newline: the form of every .json file in out/. */
export const jsonFile = (value: unknown): string => JSON.stringify(value, null, 2) + "\n"
