// Decoding a YAML file strictly, with every problem reported at the line it stands on: YAML is parsed into a
// document that keeps positions, the plain value is decoded with Schema, and each schema issue's path is looked up
// in the document to find its line. Rule files and the term classes file are both read this way.
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { Document as YamlDocument } from "yaml"
import { yaml } from "../yaml.js"
import type { RuleIssue } from "../errors.js"

/** A YAML file decoded with `schema`, with its document and line counter for looking positions up. */
export interface DecodedYaml<A> {
  readonly value: A
  readonly doc: YamlDocument
  readonly lineOf: (path: ReadonlyArray<PropertyKey>) => number
}

/** Parses YAML keeping positions and decodes it strictly; every problem is reported at its line. */
export const decodeYaml = <A, I>(schema: Schema.Schema<A, I>, file: string, text: string): Either.Either<DecodedYaml<A>, ReadonlyArray<RuleIssue>> => {
  const lines = new (yaml().LineCounter)()
  const doc = yaml().parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number | undefined, message: string): RuleIssue => {
    const pos = offset === undefined ? { line: 0, col: 0 } : lines.linePos(offset)
    return { file, line: pos.line, column: pos.col, message }
  }
  if (doc.errors.length > 0) return Either.left(doc.errors.map((e) => at(e.pos[0], `YAML: ${firstLine(e.message)}`)))
  const decoded = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "error" })(doc.toJS())
  if (Either.isRight(decoded)) return Either.right({ value: decoded.right, doc, lineOf: (path) => lines.linePos(offsetOf(doc, path) ?? 0).line })
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

