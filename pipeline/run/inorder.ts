// Labeling in input order, as the main thread sees it: it only hands out batches of files and writes what comes back.
// Batches of about 256 KB (so the workers finish together) go out two per worker in flight, so no worker waits for
// this thread; results are taken in input order, which makes the output independent of the number of jobs. Both
// bounds keep memory flat, and so does handing each batch's JSONL memory back to its worker once written.
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { createHash, type Hash } from "node:crypto"
import * as fs from "node:fs"
import type { InputFile } from "../domain.js"
import type { InputError } from "../errors.js"
import type { Warning } from "../input/parse.js"
import type { Listed } from "../input/list.js"
import type { BatchResult, LabeledFile } from "./labelfile.js"
import type { OutputFile } from "./output.js"
import type { Batch, Labeler } from "./pool.js"
import type { Progress } from "./progress.js"

/** Files grouped in input order into batches of about BATCH_BYTES (a larger file is a batch of its own). */
const BATCH_BYTES = 1 << 18

export const batches = (files: ReadonlyArray<InputFile>, sizes: ReadonlyArray<number>): Array<Batch> => {
  const out: Array<Batch> = []
  let current: Array<InputFile> = []
  let bytes = 0
  files.forEach((file, i) => {
    const size = sizes[i] ?? 0
    if (current.length > 0 && bytes + size > BATCH_BYTES) {
      out.push({ files: current, bytes })
      current = []
      bytes = 0
    }
    current.push(file)
    bytes += size
  })
  if (current.length > 0) out.push({ files: current, bytes })
  return out
}

/** Each file's size, as listed, else looked up (0 when it cannot be: the worker reading it reports why). */
const fileSizes = (files: ReadonlyArray<InputFile>) =>
  Effect.sync(() =>
    files.map((f) => {
      if (f.size !== undefined) return f.size
      try {
        return fs.statSync(f.path).size
      } catch {
        return 0
      }
    })
  )

/** The warning that a file was left out, in the report. */
const notLabeled = (e: InputError, source = e.file): Warning => ({
  file: source,
  line: 0,
  message: `not labeled: ${e.reason}${e.offset !== undefined ? ` (byte ${e.offset})` : ""}`
})

/** What the run keeps of the labeled files besides their JSONL: the inputs hash, the warnings, the unreadable files. */
export class Tally {
  /** Every warning, for the report: files left out and all the rest, in input order. */
  readonly warnings: Array<Warning> = []
  /** The warnings other than files left out (those are told again with the exit code), for stderr. */
  readonly notices: Array<Warning> = []
  /** Files that could not be read or decoded, left out of the outputs. */
  readonly unreadable: Array<InputError> = []
  /** How many entries listing the inputs left out (link loops, unreadable folders): they never reach a worker. */
  readonly listedUnreadable: number
  private readonly hash: Hash = createHash("sha256")

  /** Starts with what listing the inputs found: entries left out, a manifest's missing files, formats not read. */
  constructor(listed: Pick<Listed, "warnings" | "unreadable">) {
    for (const e of listed.unreadable) this.leaveOut(e, e.file)
    this.warnings.push(...listed.warnings)
    this.notices.push(...listed.warnings)
    this.listedUnreadable = listed.unreadable.length
  }

  /** Takes one labeled file in: its JSONL and counts, or undefined when it could not be read (then a warning). */
  add(file: InputFile, labeled: LabeledFile): BatchResult | undefined {
    this.hash.update(`${file.source}\0${labeled.digest}\0`)
    const r = labeled.result
    if ("unreadable" in r) {
      // An unreadable file is reported and left out; every other file is still labeled.
      this.leaveOut(r.unreadable, file.source)
      return undefined
    }
    this.warnings.push(...r.warnings)
    this.notices.push(...r.warnings)
    return r
  }

  private leaveOut(e: InputError, source: string): void {
    this.unreadable.push(e)
    this.warnings.push(notLabeled(e, source))
  }

  /** 12 hex digits of SHA-256 over the input files' names and bytes, in input order. */
  inputsHash(): string {
    return this.hash.digest("hex").slice(0, 12)
  }
}

/** Labels `files` on the pool and writes their JSONL to `out` in input order. */
export const labelInOrder = Effect.fn("Program.labelInOrder")(function* (
  files: ReadonlyArray<InputFile>,
  listed: Pick<Listed, "warnings" | "unreadable">,
  pool: Labeler,
  out: OutputFile,
  jobs: number,
  progress: Progress
) {
  const tally = new Tally(listed)
  yield* Stream.fromIterable(batches(files, yield* fileSizes(files))).pipe(
    Stream.mapEffect((batch) => pool.label(batch), { concurrency: jobs * 2 }),
    Stream.runForEach((labeled) =>
      Effect.suspend(() => {
        const jsonl: Array<Uint8Array> = []
        for (const { file, labeled: result } of labeled.files) {
          const taken = tally.add(file, result)
          if (taken === undefined) continue
          jsonl.push(taken.jsonl)
          progress.update({ documents: taken.documents, clauses: taken.clauses, bytes: result.size })
        }
        // Once written, the batch's memory goes back to its worker for the next files.
        return Effect.zipRight(out.write(jsonl), labeled.written)
      })
    )
  )
  progress.done()
  return tally
})
