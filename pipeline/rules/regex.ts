// Rule regexes run on RE2 (re2js, a pure-JavaScript port), whose matching time is linear in the text: a regex such
// as `(a+)+$` cannot hang a run, as it can on a backtracking engine. The price is RE2's syntax: no lookahead and no
// back-references (lookbehind is allowed). A regex RE2 cannot compile is a rule-file error, reported with its line.
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

/** Compiles a regex that `regexProblem` accepted (the decoder checks every rule's regex first). */
export const compileRegex = (source: string): RuleRegex => {
  const re = RE2JS.compile(source, RE2JS.LOOKBEHINDS)
  return {
    source,
    first: (text) => {
      const found = re.exec(text)
      return found === null ? null : { text: found[0] as string, index: (found as unknown as { index: number }).index }
    }
  }
}
