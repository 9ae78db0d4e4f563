// Rule files are decoded once, strictly, and every problem is reported with the line it stands on: YAML is parsed
// into a document that keeps positions, the plain value is decoded with Schema, and each schema issue's path is
// looked up in the document to find its line. Compiling the decoded rules into a matcher is matcher.ts's job.
import * as Either from "effect/Either"
import * as JSONSchema from "effect/JSONSchema"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { Document as YamlDocument } from "yaml"
import { yaml } from "../yaml.js"
import { CATEGORY_IDS, byCodeUnit, isCategoryId, type CategoryId } from "../domain.js"
import type { RuleIssue } from "../errors.js"

/** A taxonomy id, reported in one message (a literal union would report one per member). */
const Category = Schema.String.pipe(
  Schema.filter((s): s is CategoryId => isCategoryId(s), {
    message: (issue) => `unknown category ${JSON.stringify(issue.actual)}: use one of the taxonomy's ids (${CATEGORY_IDS.join(", ")})`
  }),
  Schema.annotations({ jsonSchema: { enum: [...CATEGORY_IDS] } })
)

const Term = Schema.NonEmptyTrimmedString.annotations({ description: "A policy term, matched on word boundaries" })
const Terms = Schema.Array(Term).pipe(Schema.minItems(1, { message: () => "a term list must not be empty" }))

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

/** The JSON Schema editors validate rule files with (rules/rules.schema.json), derived from the decoder itself. */
export const ruleFileJsonSchema = (): string => JSON.stringify(JSONSchema.make(RuleFile), null, 2) + "\n"
export type Rule = RuleFile["rules"][number]

/** A decoded rule file, where it came from, and the line each of its rules starts on. */
export interface LoadedRuleFile {
  readonly file: string
  readonly content: RuleFile
  readonly ruleLines: ReadonlyArray<number>
}

export interface RuleSet {
  readonly files: ReadonlyArray<LoadedRuleFile>
  /** Every rule with its category, in file then rule order. */
  readonly rules: ReadonlyArray<Rule & { readonly category: CategoryId }>
}

const decode = Schema.decodeUnknownEither(RuleFile, { errors: "all", onExcessProperty: "error" })

/** Decodes one rule file's text; `file` is the name used in messages. */
export const decodeRuleFile = (file: string, text: string): Either.Either<LoadedRuleFile, ReadonlyArray<RuleIssue>> => {
  const lines = new (yaml().LineCounter)()
  const doc = yaml().parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number | undefined, message: string): RuleIssue => {
    const pos = offset === undefined ? { line: 0, col: 0 } : lines.linePos(offset)
    return { file, line: pos.line, column: pos.col, message }
  }
  if (doc.errors.length > 0) return Either.left(doc.errors.map((e) => at(e.pos[0], `YAML: ${firstLine(e.message)}`)))
  const decoded = decode(doc.toJS())
  if (Either.isRight(decoded)) {
    const expected = `${decoded.right.category}.yaml`
    const base = file.split("/").pop()
    const ruleLines = decoded.right.rules.map((_, i) => lines.linePos(offsetOf(doc, ["rules", i]) ?? 0).line)
    return base === expected
      ? Either.right({ file, content: decoded.right, ruleLines })
      : Either.left([at(offsetOf(doc, ["category"]), `file name ${base} differs from its category: name it ${expected}`)])
  }
  // An optional field's union also reports "Expected undefined"; that half says nothing to a rule author.
  const issues = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)
    .filter((issue) => !issue.message.startsWith("Expected undefined"))
    .map((issue) => at(offsetOf(doc, issue.path), `${describePath(issue.path)}${issue.message.replace(/^is unexpected, expected: /, "unknown key; allowed here: ")}`))
  const unique = issues.filter((i, n) => issues.findIndex((j) => j.line === i.line && j.message === i.message) === n)
  return Either.left(unique.sort((a, b) => a.line - b.line || a.column - b.column))
}

const firstLine = (s: string): string => s.split("\n")[0]!

const describePath = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0 ? "" : `${path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}: `

/** The offset of the deepest node on `path` that exists: a missing key points at the map that lacks it. */
const offsetOf = (doc: YamlDocument, path: ReadonlyArray<PropertyKey>): number | undefined => {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as Array<string | number>, true)
    if (yaml().isNode(node) && node.range) return node.range[0]
    if (n > 0 && n === path.length) {
      const parent = doc.getIn(path.slice(0, n - 1) as Array<string | number>, true)
      const pair = yaml().isNode(parent) && "items" in parent ? findKey(parent.items as Array<unknown>, path[n - 1]) : undefined
      if (pair !== undefined) return pair
    }
  }
  return undefined
}

/** An excess key has no value node on the path the schema reports; find the key itself. */
const findKey = (items: Array<unknown>, key: PropertyKey | undefined): number | undefined => {
  for (const item of items) {
    const k = (item as { key?: unknown }).key
    if (yaml().isNode(k) && (k as { value?: unknown }).value === key && k.range) return k.range[0]
  }
  return undefined
}

/** Puts decoded files together, reporting rule ids used twice. Files are taken in code-unit order of their names. */
export const assembleRuleSet = (
  files: ReadonlyArray<LoadedRuleFile>
): Either.Either<RuleSet, ReadonlyArray<RuleIssue>> => {
  const sorted = [...files].sort((a, b) => byCodeUnit(a.file, b.file))
  const seen = new Map<string, string>()
  const issues: Array<RuleIssue> = []
  const categories = new Map<string, string>()
  for (const f of sorted) {
    const other = categories.get(f.content.category)
    if (other !== undefined) issues.push({ file: f.file, line: 0, column: 0, message: `category ${f.content.category} is also defined in ${other}` })
    categories.set(f.content.category, f.file)
    f.content.rules.forEach((r, i) => {
      const first = seen.get(r.id)
      const line = f.ruleLines[i] ?? 0
      if (first !== undefined) issues.push({ file: f.file, line, column: 1, message: `rule id ${r.id} is already used at ${first}: give each rule its own id` })
      else seen.set(r.id, `${f.file}:${line}`)
    })
  }
  if (issues.length > 0) return Either.left(issues)
  return Either.right({
    files: sorted,
    rules: sorted.flatMap((f) => f.content.rules.map((r) => ({ ...r, category: f.content.category })))
  })
}
