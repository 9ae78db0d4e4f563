// Finding and reading inputs. A folder is read in sorted order; when it holds a manifest.yaml, that manifest names
// its documents and their format, region and year (the bundled seeds are such a folder). Files are read and decoded
// one at a time, so memory holds one document, not the corpus.
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as nodeFs from "node:fs"
import * as path from "node:path"
import { byCodeUnit, type InputFile } from "../domain.js"
import { InputError } from "../errors.js"
import { parseInput, type Warning } from "./parse.js"
import { yaml } from "../yaml.js"

const ManifestEntrySchema = Schema.Struct({
  file: Schema.NonEmptyTrimmedString,
  format: Schema.Literal("star", "prose", "jsonl"),
  region: Schema.NullOr(Schema.String),
  year: Schema.NullOr(Schema.Int),
  kind: Schema.String,
  title: Schema.String
})
export const Manifest = Schema.Struct({ documents: Schema.Array(ManifestEntrySchema) })

const MANIFEST = "manifest.yaml"
const READABLE = /\.(txt|text|jsonl|ndjson)$/i

/** A name below a folder as outputs show it (`portable` of the two, without resolving paths for each file). */
const below = (shown: string, name: string): string => (shown === "" ? name : `${shown}/${name}`)

const portable = (root: string, p: string): string =>
  path.join(path.basename(path.resolve(root)), path.relative(root, p)).split(path.sep).join("/")

/** A Node error's message without its code and system call: `EACCES: permission denied, scandir 'x'` → `permission denied`. */
const nodeReason = (e: unknown): string => (e instanceof Error ? e.message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "") : String(e))

/** A synchronous look-up, failing with an InputError about `file` (or the one it throws). */
const nodeCall = <A>(file: string, f: () => A): Effect.Effect<A, InputError> =>
  Effect.try({ try: f, catch: (e) => (e instanceof InputError ? e : new InputError({ file, reason: nodeReason(e) })) })

const fsError = (file: string) => (e: { readonly message: string }) =>
  new InputError({ file, reason: e.message.replace(/^[A-Za-z]+: /, "").replace(/^FileSystem\.\w+ \([^)]*\): /, "") })

const readManifest = Effect.fn("Ingest.readManifest")(function* (file: string) {
  const fs = yield* FileSystem.FileSystem
  const text = yield* fs.readFileString(file).pipe(Effect.mapError(fsError(file)))
  const doc = yaml().parseDocument(text)
  if (doc.errors.length > 0) {
    return yield* new InputError({ file, reason: `YAML: ${doc.errors[0]!.message.split("\n")[0]}` })
  }
  const decoded = Schema.decodeUnknownEither(Manifest, { onExcessProperty: "error" })(doc.toJS())
  if (Either.isLeft(decoded)) {
    return yield* new InputError({ file, reason: `not a valid manifest: ${decoded.left.message}` })
  }
  return decoded.right
})

/** What listing found wrong without stopping: entries left out (like unreadable files), and notes. */
export interface ListingProblems {
  readonly unreadable: Array<InputError>
  readonly warnings: Array<Warning>
}

/** Why a symbolic link cannot be followed, from the error of following it. */
const linkReason = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code
  return code === "ELOOP"
    ? "symbolic link loop; left out"
    : code === "ENOENT"
      ? "symbolic link to nothing (its target is missing); left out"
      : `cannot follow the symbolic link (${nodeReason(e)}); left out`
}

/**
 * The files named by `inputs` (files or folders), folders walked in code-unit order, each file once. A folder
 * reached twice through a symbolic link is walked once; a link back to an enclosing folder, a dangling link or an
 * unreadable folder is left out and put in `problems`, and the walk goes on.
 */
export const listInputs = Effect.fn("Ingest.listInputs")(function* (
  inputs: ReadonlyArray<string>,
  problems: ListingProblems = { unreadable: [], warnings: [] }
) {
  const fs = yield* FileSystem.FileSystem
  const found: Array<InputFile> = []
  /** Real paths of the folders walked and of the files found, and how each was first shown. */
  const folders = new Map<string, string>()
  const files = new Map<string, string>()
  const leaveOut = (file: string, reason: string) => problems.unreadable.push(new InputError({ file, reason }))
  // `shown` is how `dir` is shown in outputs: the input folder's name, then the path below it with `/` separators.
  const walk = (root: string, dir: string, shown: string, ancestors: ReadonlySet<string>): Effect.Effect<void, InputError> =>
    Effect.gen(function* () {
      const manifestPath = path.join(dir, MANIFEST)
      if (yield* fs.exists(manifestPath).pipe(Effect.orElseSucceed(() => false))) {
        const manifest = yield* readManifest(manifestPath)
        const entries = [...manifest.documents].sort((a, b) => byCodeUnit(a.file, b.file))
        for (const entry of entries) {
          const p = path.join(dir, entry.file)
          found.push({ path: p, source: portable(root, p), entry })
        }
        return
      }
      // Sorted names, and what each is: synchronous calls, since a folder may hold tens of thousands of files and
      // one effect per file look-up costs more than the look-up (3,280 files: 0.25 s; this way, 0.02 s).
      let names: Array<string>
      try {
        names = nodeFs.readdirSync(dir).filter((n) => !n.startsWith(".")).sort(byCodeUnit)
      } catch (e) {
        return leaveOut(dir, `cannot read the folder (${nodeReason(e)}); left out`)
      }
      const inside = new Set([...ancestors, nodeFs.realpathSync(dir)])
      for (const name of names) {
        const p = path.join(dir, name)
        const at = below(shown, name)
        let info: nodeFs.Stats
        try {
          info = nodeFs.lstatSync(p)
          if (info.isSymbolicLink()) {
            try {
              info = nodeFs.statSync(p)
            } catch (e) {
              leaveOut(p, linkReason(e))
              continue
            }
          }
        } catch (e) {
          leaveOut(p, `cannot read (${nodeReason(e)}); left out`)
          continue
        }
        if (info.isDirectory()) {
          const real = nodeFs.realpathSync(p)
          if (inside.has(real)) leaveOut(p, "symbolic link to a folder that encloses it (a loop); left out")
          else if (folders.has(real)) problems.warnings.push({ file: at, line: 0, message: `the same folder as ${folders.get(real)} (a symbolic link): its documents are labeled once, there` })
          else {
            folders.set(real, at)
            yield* walk(root, p, at, inside)
          }
        } else if (info.isFile() && READABLE.test(name) && !/^readme/i.test(name)) {
          const real = nodeFs.realpathSync(p)
          if (files.has(real)) problems.warnings.push({ file: at, line: 0, message: `the same file as ${files.get(real)} (a symbolic link): labeled once, there` })
          else {
            files.set(real, at)
            found.push({ path: p, source: at, entry: undefined, size: info.size })
          }
        } else if (info.isFile() && !/^readme/i.test(name)) {
          problems.warnings.push({ file: at, line: 0, message: "not a file type clausetag reads (.txt, .text, .jsonl, .ndjson); left out" })
        }
      }
    }).pipe(Effect.provideService(FileSystem.FileSystem, fs))
  for (const input of inputs) {
    const info = yield* nodeCall(input, () => nodeFs.statSync(input))
    if (info.isDirectory()) {
      const shown = path.basename(path.resolve(input))
      folders.set(nodeFs.realpathSync(input), shown)
      yield* walk(input, input, shown, new Set())
    } else found.push({ path: input, source: path.basename(input), entry: undefined, size: info.size })
  }
  const seen = new Set<string>()
  return found.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)))
})

/** Reads, decodes and parses one input file in this thread (rules check, the benchmark). */
export const readInput = Effect.fn("Ingest.readInput")(function* (file: InputFile) {
  const fs = yield* FileSystem.FileSystem
  const bytes = yield* fs.readFile(file.path).pipe(Effect.mapError(fsError(file.path)))
  const parsed = parseInput(file, bytes)
  return parsed instanceof InputError ? yield* parsed : parsed
})
