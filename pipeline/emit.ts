// Serializing records: one object a line, `\n` ends. Key order is fixed where the records are made
// (domain.labeledClause), and JSON.stringify keeps insertion order.
import type { LabeledClause } from "./domain.js"

export const labeledClauseLine = (c: LabeledClause): string => JSON.stringify(c) + "\n"

/** Pretty JSON with a final newline: the form of every .json file in out/. */
export const jsonFile = (value: unknown): string => JSON.stringify(value, null, 2) + "\n"
