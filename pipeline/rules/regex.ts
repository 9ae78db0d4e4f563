// Rule regexes never run in more than linear time. Every regex must compile on RE2 (re2js, a pure-JavaScript port of
// the linear-time engine): that is the language rule files are written in (no lookahead, no back-references;
// lookbehind is allowed), checked by the decoder with the line. A regex then runs on V8's own engine when its shape
// cannot make that engine backtrack out of bounds (`backtrackSafe`), since re2js is several times slower per call,
// and on RE2 otherwise: `(a+)+$` cannot hang a run.
import { RE2JS } from "re2js"

/** A compiled rule regex: its first match in a text, at UTF-16 offsets, or null. */
export interface RuleRegex {
  readonly source: string
  readonly first: (text: string) => { readonly text: string; readonly index: number } | null
}

/** Why RE2 cannot compile `source`, or undefined when it can. */
export const regexProblem = (source: string): string | undefined => {
  try {
    RE2JS.compile(source, RE2JS.LOOKBEHINDS)
    return undefined
  } catch (e) {
    const reason = (e as Error).message.replace(/^error parsing regexp: /, "")
    return `invalid regular expression for RE2, the linear-time engine (no lookahead (?= (?!, no back-references): ${reason}`
  }
}

/** How many ways a backtracking engine may try at one start position before `backtrackSafe` sends a regex to RE2. */
const MAX_TRIES = 100_000

interface Frame {
  /** A quantifier (other than `?`) anywhere inside. */
  quantified: boolean
  /** An alternation or `?` anywhere inside. */
  branches: boolean
}

/**
 * Whether a backtracking engine runs `source` in time linear in the text, up to a constant: at most one unbounded
 * quantifier (`*`, `+`, `{n,}`), on a single character, class or escape; no group repeated (other than by `?`)
 * that holds another quantifier; bounded quantifiers whose product of counts stays under MAX_TRIES. This is what rule regexes look
 * like (`(企业|公司)[^,;。]{0,10}(发行|发)`); nested or stacked repetition (`(a+)+`, `a*a*`) is not.
 */
export const backtrackSafe = (source: string): boolean => {
  const frames: Array<Frame> = [{ quantified: false, branches: false }]
  let last: "none" | "simple" | Frame = "none"
  let unbounded = 0
  let tries = 1
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    const top = frames[frames.length - 1]!
    if (c === "\\") {
      i += source[i + 1] === "p" || source[i + 1] === "P" ? source.indexOf("}", i) - i : 1
      last = "simple"
    } else if (c === "[") {
      for (i++; i < source.length && source[i] !== "]"; i++) if (source[i] === "\\") i++
      last = "simple"
    } else if (c === "(") {
      frames.push({ quantified: false, branches: false })
      if (source[i + 1] === "?") i += source[i + 2] === "<" && (source[i + 3] === "=" || source[i + 3] === "!") ? 3 : 2
      last = "none"
    } else if (c === ")") {
      const group = frames.pop()!
      const parent = frames[frames.length - 1]
      if (parent === undefined) return false
      parent.quantified ||= group.quantified
      parent.branches ||= group.branches
      last = group
    } else if (c === "|") {
      top.branches = true
      last = "none"
    } else if (c === "*" || c === "+" || c === "?" || c === "{") {
      let max = Infinity
      if (c === "?") max = 1
      else if (c === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i))
        if (m === null) {
          last = "simple"
          continue
        }
        max = m[2] === undefined ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3])
        i += m[0].length - 1
      }
      if (source[i + 1] === "?") i++
      if (last === "none") return false
      if (max === 1) top.branches = true
      else top.quantified = true
      if (last !== "simple" && (max === Infinity || (last.quantified && max > 1))) return false
      if (max === Infinity) unbounded++
      else tries *= max + 1
      if (unbounded > 1 || tries > MAX_TRIES) return false
      last = "none"
    } else last = "simple"
  }
  return frames.length === 1
}

/** `source` on V8's backtracking engine; undefined for RE2 syntax V8 does not read (such as `(?P<name>…)`). */
export const nativeRegex = (source: string): RuleRegex | undefined => {
  let native: RegExp
  try {
    native = new RegExp(source, "u")
  } catch {
    return undefined
  }
  return {
    source,
    first: (text) => {
      const found = native.exec(text)
      return found === null ? null : { text: found[0], index: found.index }
    }
  }
}

/** `source` on RE2, in linear time. */
export const re2Regex = (source: string): RuleRegex => {
  const re = RE2JS.compile(source, RE2JS.LOOKBEHINDS)
  return {
    source,
    first: (text) => {
      const found = re.exec(text)
      return found === null ? null : { text: found[0] as string, index: (found as unknown as { index: number }).index }
    }
  }
}

/** Compiles a regex that `regexProblem` accepted (the decoder checks every rule's regex first). */
export const compileRegex = (source: string): RuleRegex => (backtrackSafe(source) ? nativeRegex(source) : undefined) ?? re2Regex(source)
