// Rule files are decoded once, strictly, and every problem is reported with the line it stands on: YAML is parsed
// into a document that keeps positions, the plain value is decoded with Schema, and each schema issue's path is
// looked up in the document to find its line. Compiling the decoded rules into a matcher is matcher.ts's job.
import * as Either from "effect/Either"
import * as JSONSchema from "effect/JSONSchema"
import * as Schema from "effect/Schema"
import { decodeYaml } from "./yamlfile.js"
import { expandRule, Terms, TermsFile, TERMS_FILE, type TermClasses } from "./terms.js"
import { CATEGORY_IDS, byCodeUnit, isCategoryId, type CategoryId } from "../domain.js"
import type { RuleIssue } from "../errors.js"

/** A taxonomy id, reported in one message (a literal union would report one per member). */
const Category = Schema.String.pipe(
  Schema.filter((s): s is CategoryId => isCategoryId(s), {
    message: (issue) => `unknown category ${JSON.stringify(issue.actual)}: use one of the taxonomy's ids (${CATEGORY_IDS.join(", ")})`
  }),
  Schema.annotations({ jsonSchema: { enum: [...CATEGORY_IDS] } })
)

const Regex = Schema.String.pipe(
  Schema.filter((source) => {
    try {
      new RegExp(source, "u")
      return true
    } catch (e) {
      return `invalid regular expression: ${(e as Error).message}`
    }
  }),
  Schema.annotations({ description: "A JavaScript regular expression (u flag) tried on the normalized clause" })
)

const Examples = Schema.Struct({
  match: Schema.Array(Schema.String).pipe(Schema.minItems(1, { message: () => "give at least one clause that must match" })),
  no_match: Schema.Array(Schema.String).annotations({ description: "Clauses this rule must not label" })
})

const RuleFields = Schema.Struct({
  id: Schema.String.pipe(
    Schema.pattern(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, {
      message: () => "a rule id looks like <category>.<name>, lower case, e.g. debt_swap.replacement_bonds"
    })
  ),
  description: Schema.NonEmptyTrimmedString,
  any: Schema.optional(Terms).annotations({ description: "The rule holds if any of these terms occurs" }),
  all: Schema.optional(
    Schema.Array(Terms).pipe(Schema.minItems(1, { message: () => "`all` needs at least one group of terms" }))
  ).annotations({ description: "Groups of terms: each group must have a term in the clause" }),
  within: Schema.optional(Schema.Int.pipe(Schema.positive())).annotations({
    description: "With `all`: the groups' terms must lie within this many characters"
  }),
  within_tokens: Schema.optional(Schema.Int.pipe(Schema.positive())).annotations({
    description: "With `all`: the groups' terms must lie within this many jieba tokens"
  }),
  none: Schema.optional(Terms).annotations({
    description: "The rule never holds when the clause contains one of these on word boundaries (as terms match)"
  }),
  none_substring: Schema.optional(Terms).annotations({
    description: "Exclusions that veto wherever they occur, also inside a word (plain substrings)"
  }),
  scope: Schema.optional(Schema.Literal("clause", "subclause")).annotations({
    description: "subclause: `any`, `all`, `within`, `none` and `regex` hold within one sub-clause (between ，；：); default clause"
  }),
  lists: Schema.optional(Schema.Boolean).annotations({
    description: "true: a term also matches across a 、-list sharing its head (融资成本 in 融资、物流等成本; 绿色金融 in 绿色、普惠金融)"
  }),
  yields_to: Schema.optional(Schema.Array(Category).pipe(Schema.minItems(1))).annotations({
    description: "Categories this rule gives way to: its evidence in a sub-clause where one of them fires does not count"
  }),
  regex: Schema.optional(Regex),
  shares_terms_with: Schema.optional(Schema.Array(Category)).annotations({
    description: "Categories this rule deliberately shares terms with (silences the overlap report of rules check)"
  }),
  examples: Examples
})

const Rule = RuleFields.pipe(
  Schema.filter((r) =>
    r.any === undefined && r.all === undefined && r.regex === undefined
      ? "a rule needs at least one of `any`, `all` or `regex`"
      : (r.within !== undefined || r.within_tokens !== undefined) && r.all === undefined
        ? "`within` and `within_tokens` only apply to `all`"
        : r.lists === true && r.any === undefined && r.all === undefined
          ? "`lists` applies to the terms of `any` and `all`"
          : true
  )
)

export const RuleFile = Schema.Struct({
  category: Category,
  name: Schema.NonEmptyTrimmedString.annotations({ description: "The category's Chinese name" }),
  description: Schema.NonEmptyTrimmedString,
  rules: Schema.Array(Rule).pipe(Schema.minItems(1, { message: () => "a rule file needs at least one rule" }))
}).annotations({ identifier: "RuleFile", title: "clausetag rule file" })

export type RuleFile = typeof RuleFile.Type

/**
 * The JSON Schema editors validate rule files and terms.yaml with (rules/rules.schema.json), derived from the
 * decoders themselves.
 */
export const ruleFileJsonSchema = (): string => JSON.stringify(JSONSchema.make(Schema.Union(RuleFile, TermsFile)), null, 2) + "\n"
export type Rule = RuleFile["rules"][number]

/** A decoded rule file, where it came from, and the line each of its rules starts on. */
export interface LoadedRuleFile {
  readonly file: string
  readonly content: RuleFile
  readonly ruleLines: ReadonlyArray<number>
}

export interface RuleSet {
  readonly files: ReadonlyArray<LoadedRuleFile>
  /** The term classes the rules were expanded with (rules/terms.yaml), if there are any. */
  readonly terms?: TermClasses
  /** Every rule with its category, in file then rule order. */
  readonly rules: ReadonlyArray<Rule & { readonly category: CategoryId }>
}

/** Decodes one rule file's text; `file` is the name used in messages. */
export const decodeRuleFile = (file: string, text: string): Either.Either<LoadedRuleFile, ReadonlyArray<RuleIssue>> =>
  Either.flatMap(decodeYaml(RuleFile, file, text), ({ value, lineOf }) => {
    const expected = `${value.category}.yaml`
    const base = file.split("/").pop()
    const ruleLines = value.rules.map((_, i) => lineOf(["rules", i]))
    return base === expected
      ? Either.right({ file, content: value, ruleLines })
      : Either.left([{ file, line: lineOf(["category"]), column: 1, message: `file name ${base} differs from its category: name it ${expected}` }])
  })

/** Puts decoded files together, reporting rule ids used twice. Files are taken in code-unit order of their names. */
export const assembleRuleSet = (
  files: ReadonlyArray<LoadedRuleFile>,
  terms?: TermClasses
): Either.Either<RuleSet, ReadonlyArray<RuleIssue>> => {
  const sorted = [...files].sort((a, b) => byCodeUnit(a.file, b.file))
  const seen = new Map<string, string>()
  const issues: Array<RuleIssue> = []
  const categories = new Map<string, string>()
  const rules: Array<Rule & { readonly category: CategoryId }> = []
  for (const f of sorted) {
    const other = categories.get(f.content.category)
    if (other !== undefined) issues.push({ file: f.file, line: 0, column: 0, message: `category ${f.content.category} is also defined in ${other}` })
    categories.set(f.content.category, f.file)
    f.content.rules.forEach((r, i) => {
      const first = seen.get(r.id)
      const line = f.ruleLines[i] ?? 0
      if (first !== undefined) issues.push({ file: f.file, line, column: 1, message: `rule id ${r.id} is already used at ${first}: give each rule its own id` })
      else seen.set(r.id, `${f.file}:${line}`)
      Either.match(expandRule(r, terms), {
        onLeft: (missing) =>
          issues.push({ file: f.file, line, column: 1, message: `rule ${r.id}: no term class ${missing.join(", ")}: define it under classes: in ${TERMS_FILE}` }),
        onRight: (expanded) => rules.push({ ...expanded, category: f.content.category })
      })
    })
  }
  if (issues.length > 0) return Either.left(issues)
  return Either.right({ files: sorted, rules, ...(terms === undefined ? {} : { terms }) })
}
