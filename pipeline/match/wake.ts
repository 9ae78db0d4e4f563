// A rule made of a regex alone would have to be tried on every clause, so its cost would grow with the rule set.
// Instead each such regex is read for the literal text every match must begin with (per top-level alternative),
// and those literals join the automaton as wake-up terms: the regex runs only on clauses that contain one. When
// the source is too complex to read that way, the rule is simply tried on every clause, which is always correct.

const META = new Set([..."\\^$.|?*+()[]{}"])
const QUANTIFIER = new Set(["?", "*", "{"])

/** Splits `source` at `|` outside groups and classes. */
const alternatives = (source: string): Array<string> | undefined => {
  const out: Array<string> = []
  let depth = 0
  let inClass = false
  let start = 0
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (c === "\\") i++
    else if (inClass) inClass = c !== "]"
    else if (c === "[") inClass = true
    else if (c === "(") depth++
    else if (c === ")") depth--
    else if (c === "|" && depth === 0) {
      out.push(source.slice(start, i))
      start = i + 1
    }
  }
  if (depth !== 0 || inClass) return undefined
  out.push(source.slice(start))
  return out
}

/** The index just past the group opening at `open`, or -1. */
const groupEnd = (s: string, open: number): number => {
  let depth = 0
  let inClass = false
  for (let i = open; i < s.length; i++) {
    const c = s[i]!
    if (c === "\\") i++
    else if (inClass) inClass = c !== "]"
    else if (c === "[") inClass = true
    else if (c === "(") depth++
    else if (c === ")" && --depth === 0) return i + 1
  }
  return -1
}

/** The literal characters an alternative must start with ("" when there are none to rely on). */
const literalPrefix = (alt: string): string => {
  let s = alt
  // Lookarounds match no text: skip them.
  while (/^\(\?<?[=!]/.test(s)) {
    const end = groupEnd(s, 0)
    if (end < 0) return ""
    s = s.slice(end)
  }
  let out = ""
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (META.has(c)) break
    if (QUANTIFIER.has(s[i + 1] ?? "")) break
    out += c
  }
  return out
}

/**
 * The literals one of which every match of `source` contains, or undefined when they cannot be read off. An
 * alternative that starts with a group of alternatives (not optional) contributes each branch's literal prefix.
 */
export const wakeLiterals = (source: string): Array<string> | undefined => {
  const alts = alternatives(source)
  if (alts === undefined) return undefined
  const literals: Array<string> = []
  for (const alt of alts) {
    const direct = literalPrefix(alt)
    if (direct !== "") {
      literals.push(direct)
      continue
    }
    const s = alt.replace(/^(\(\?<?[=!][^)]*\))+/, "")
    if (!s.startsWith("(") || s.startsWith("(?<") || s.startsWith("(?=") || s.startsWith("(?!")) return undefined
    const end = groupEnd(s, 0)
    if (end < 0 || QUANTIFIER.has(s[end] ?? "") || s[end] === "+") return undefined
    const inner = alternatives(s.slice(s.startsWith("(?:") ? 3 : 1, end - 1))
    if (inner === undefined) return undefined
    for (const branch of inner) {
      const prefix = literalPrefix(branch)
      if (prefix === "") return undefined
      literals.push(prefix)
    }
  }
  return [...new Set(literals)]
}
