// A folder's manifest.yaml: what it says about some of the folder's documents (format, region, year, kind, title).
// It is decoded strictly, like a rule file, and a problem is reported at its line with the fix; it describes files,
// it does not choose them: files it does not list are labeled too.
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { ManifestEntry } from "../domain.js"
import { InputError } from "../errors.js"
import { describePath, offsetOf, yaml } from "../yaml.js"

const ManifestEntrySchema = Schema.Struct({
  file: Schema.NonEmptyTrimmedString,
  format: Schema.optional(Schema.Literal("star", "prose", "jsonl")),
  region: Schema.optional(Schema.NullOr(Schema.String)),
  year: Schema.optional(Schema.NullOr(Schema.Int.pipe(Schema.between(1900, 2100)))),
  kind: Schema.optional(Schema.String),
  title: Schema.optional(Schema.String)
})
export const Manifest = Schema.Struct({ documents: Schema.Array(ManifestEntrySchema) })

const decode = Schema.decodeUnknownEither(Manifest, { errors: "all", onExcessProperty: "error" })

const FIX =
  "each entry needs `file` and may give `format` (star, prose or jsonl), `region`, `year` (four digits; null means find it), `kind` and `title`; see seeds/manifest.yaml"

/** A manifest entry and the line it starts on. */
export interface ListedEntry {
  readonly entry: ManifestEntry
  readonly line: number
}

/** A manifest's entries, or an InputError at the line of its first problem (all of them listed in its reason). */
export const decodeManifest = (file: string, text: string): Either.Either<ReadonlyArray<ListedEntry>, InputError> => {
  const lines = new (yaml().LineCounter)()
  const doc = yaml().parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const issues: Array<{ line: number; message: string }> = []
  const at = (offset: number | undefined) => (offset === undefined ? 0 : lines.linePos(offset).line)
  if (doc.errors.length > 0) for (const e of doc.errors) issues.push({ line: at(e.pos[0]), message: `YAML: ${e.message.split("\n")[0]}` })
  else {
    const decoded = decode(doc.toJS() ?? {})
    if (Either.isRight(decoded)) {
      const seen = new Map<string, number>()
      const listed = decoded.right.documents.map((entry, i): ListedEntry => {
        const line = at(offsetOf(doc, ["documents", i]))
        const first = seen.get(entry.file)
        if (first !== undefined) issues.push({ line, message: `${entry.file} is already listed at line ${first}: list each file once` })
        else seen.set(entry.file, line)
        return { entry, line }
      })
      if (issues.length === 0) return Either.right(listed)
    } else {
      for (const issue of ParseResult.ArrayFormatter.formatErrorSync(decoded.left)) {
        if (issue.message.startsWith("Expected undefined")) continue
        const message = issue.message.replace(/^is unexpected, expected: /, "unknown key; allowed here: ")
        issues.push({ line: at(offsetOf(doc, issue.path)), message: `${describePath(issue.path)}${message}` })
      }
    }
  }
  issues.sort((a, b) => a.line - b.line)
  const [first, ...rest] = issues
  const more = rest.map((i) => `\n${file}:${i.line}: ${i.message}`).join("")
  return Either.left(new InputError({ file, line: first!.line, reason: `${first!.message}${more}\n  (${FIX})` }))
}
