// Serializing records with a fixed key order (JSON.stringify keeps insertion order), one object a line, `\n` ends.
import type { LabeledClause } from "./domain.js"

export const labeledClauseLine = (c: LabeledClause): string =>
  JSON.stringify({
    id: c.id,
    doc: c.doc,
    region: c.region,
    year: c.year,
    index: c.index,
    text: c.text,
    labels: c.labels,
    matches: c.matches.map((m) => ({ category: m.category, rule: m.rule, terms: m.terms, start: m.start, end: m.end }))
  }) + "\n"

/** Pretty JSON with a final newline: the form of every .json file in out/. */
export const jsonFile = (value: unknown): string => JSON.stringify(value, null, 2) + "\n"
