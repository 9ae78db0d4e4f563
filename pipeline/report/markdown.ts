// How numbers and text look in the Markdown (and HTML) reports: one way each, so that coverage.md, eval.md and the
// diff print a share or a clause alike.

/** A share in [0, 1] as a percentage with one decimal: `12.3%`. */
export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`

/**
 * Text made safe for a Markdown table cell or list item: a `|` would end the cell and a line break the row. Tabs are
 * whitespace inside a cell, and are kept.
 */
export const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\r\n|\r|\n/g, " ")
