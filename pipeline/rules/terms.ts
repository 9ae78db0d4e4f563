// Terms, and the shared term classes of rules/terms.yaml: named lists (financing platforms, instruments, …) defined
// once and used by rules of several categories as `$name`, so that the lists stop drifting apart. The file is
// decoded as strictly as rule files; a rule set is assembled with its classes expanded in place, so that matching,
// the rules hash, the cache and `rules check` all see plain terms.
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { RuleIssue } from "../errors.js"
import { decodeYaml } from "./yamlfile.js"

/** The file of term classes, beside the rule files. */
export const TERMS_FILE = "terms.yaml"

const CLASS_NAME = /^[a-z][a-z0-9_]*$/

export const Term = Schema.NonEmptyTrimmedString.annotations({
  description: "A policy term, matched on word boundaries; or $name, the terms of class name in terms.yaml"
})
export const Terms = Schema.Array(Term).pipe(Schema.minItems(1, { message: () => "a term list must not be empty" }))

const PlainTerm = Schema.NonEmptyTrimmedString.pipe(
  Schema.filter((t) => !t.startsWith("$") || `${t}: a class holds terms, not other classes`),
  Schema.annotations({ description: "A policy term" })
)

export const TermsFile = Schema.Struct({
  classes: Schema.Record({
    key: Schema.String.pipe(Schema.pattern(CLASS_NAME, { message: () => "a class name is lower case letters, digits and _, e.g. platforms" })),
    value: Schema.Struct({
      description: Schema.NonEmptyTrimmedString,
      terms: Schema.Array(PlainTerm).pipe(Schema.minItems(1, { message: () => "a class needs at least one term" }))
    })
  }).annotations({ description: "Named term lists; a rule uses one as $name in any, all, none or none_substring" })
}).annotations({ identifier: "TermsFile", title: "clausetag term classes" })

export interface TermClasses {
  readonly file: string
  readonly classes: { readonly [name: string]: { readonly description: string; readonly terms: ReadonlyArray<string> } }
  /** The line each class is defined on. */
  readonly lines: { readonly [name: string]: number }
}

export const decodeTermsFile = (file: string, text: string): Either.Either<TermClasses, ReadonlyArray<RuleIssue>> =>
  Either.map(decodeYaml(TermsFile, file, text), ({ value, lineOf }) => ({
    file,
    classes: value.classes,
    lines: Object.fromEntries(Object.keys(value.classes).map((name) => [name, lineOf(["classes", name])]))
  }))

/** The classes a term list names ($name), in order of use. */
export const classesIn = (terms: ReadonlyArray<string> | undefined): Array<string> =>
  (terms ?? []).filter((t) => t.startsWith("$")).map((t) => t.slice(1))

interface TermLists {
  readonly any?: ReadonlyArray<string> | undefined
  readonly all?: ReadonlyArray<ReadonlyArray<string>> | undefined
  readonly none?: ReadonlyArray<string> | undefined
  readonly none_substring?: ReadonlyArray<string> | undefined
}

/**
 * A rule with each `$name` replaced by the terms of its class (a term listed twice kept once), or the names no class
 * defines. A rule without `$` comes back as it is.
 */
export const expandRule = <R extends TermLists>(rule: R, classes: TermClasses | undefined): Either.Either<R, ReadonlyArray<string>> => {
  const missing: Array<string> = []
  const expand = (terms: ReadonlyArray<string>): Array<string> => {
    const out: Array<string> = []
    for (const t of terms) {
      if (!t.startsWith("$")) out.push(t)
      else {
        const found = classes?.classes[t.slice(1)]
        if (found === undefined) missing.push(t)
        else out.push(...found.terms)
      }
    }
    return [...new Set(out)]
  }
  const uses = [...(rule.any ?? []), ...(rule.all ?? []).flat(), ...(rule.none ?? []), ...(rule.none_substring ?? [])].some((t) => t.startsWith("$"))
  if (!uses) return Either.right(rule)
  const expanded: R = {
    ...rule,
    ...(rule.any === undefined ? {} : { any: expand(rule.any) }),
    ...(rule.all === undefined ? {} : { all: rule.all.map(expand) }),
    ...(rule.none === undefined ? {} : { none: expand(rule.none) }),
    ...(rule.none_substring === undefined ? {} : { none_substring: expand(rule.none_substring) })
  }
  return missing.length > 0 ? Either.left(missing) : Either.right(expanded)
}
