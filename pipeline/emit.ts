// Serializing records with a fixed key order (JSON.stringify keeps insertion order), one object a line, `\n` ends.
import type { LabeledClause } from "./domain.js"

// Built by hand rather than through JSON.stringify of a fresh object: this runs once per clause of the corpus.
export const labeledClauseLine = (c: LabeledClause): string => {
  const q = JSON.stringify
  let matches = ""
  for (const m of c.matches) {
    matches += `${matches === "" ? "" : ","}{"category":"${m.category}","rule":${q(m.rule)},"terms":${q(m.terms)},"start":${m.start},"end":${m.end}}`
  }
  return `{"id":${q(c.id)},"doc":${q(c.doc)},"region":${q(c.region)},"year":${q(c.year)},"index":${c.index},"text":${q(c.text)},"labels":${q(c.labels)},"matches":[${matches}]}\n`
}

/** Pretty JSON with a final newline: the form of every .json file in out/. */
export const jsonFile = (value: unknown): string => JSON.stringify(value, null, 2) + "\n"
