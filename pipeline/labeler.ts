// Labeling a file is pure given a segmenter (decode, parse, split, label, emit) and runs in a pool of worker threads
// that each load jieba and compile the rules once. The main thread only reads bytes, hands them over (transferred,
// not copied) and writes results in input order, so it never holds up the workers.
// A batch comes back as its JSONL text and its own coverage, which the caller adds up in input order.
import { Effect, Pool, type Scope } from "effect"
import { Worker } from "node:worker_threads"
import { addDocument, emptyCoverage, type Coverage } from "./coverage.js"
import type { Document } from "./domain.js"
import { InputError } from "./errors.js"
import { parseInput, type InputFile } from "./ingest.js"
import type { Warning } from "./parse.js"
import { labeledClauseLine } from "./emit.js"
import { labelClause, type Cut } from "./label.js"
import type { Matcher } from "./matcher.js"
import type { RuleSet } from "./rules.js"

export interface BatchResult {
  readonly jsonl: string
  readonly coverage: Coverage
}

export const labelBatch = (matcher: Matcher, cut: Cut, documents: ReadonlyArray<Document>): BatchResult => {
  const coverage = emptyCoverage()
  const lines: Array<string> = []
  for (const doc of documents) {
    const labeled = doc.clauses.map((c) => labelClause(matcher, cut, c, doc.traditional))
    for (const c of labeled) lines.push(labeledClauseLine(c))
    addDocument(coverage, doc, labeled)
  }
  return { jsonl: lines.join(""), coverage }
}

/** A labeled file, or why it could not be read. */
export type FileResult =
  | (BatchResult & { readonly warnings: ReadonlyArray<Warning> })
  | { readonly unreadable: InputError }

export const labelFile = (matcher: Matcher, cut: Cut, file: InputFile, bytes: Uint8Array): FileResult => {
  const parsed = parseInput(file, bytes)
  if (parsed instanceof InputError) return { unreadable: parsed }
  return { ...labelBatch(matcher, cut, parsed.documents), warnings: parsed.warnings }
}

export interface Labeler {
  readonly label: (file: InputFile, bytes: Uint8Array) => Effect.Effect<FileResult>
}

/** What a worker thread is started with. */
export interface WorkerSetup {
  readonly ruleSet: RuleSet
  readonly userDictionary: string | null
}

type Reply = { readonly id: number; readonly result: FileResult } | { readonly id: number; readonly error: string }

const WORKER = new URL("./worker.js", import.meta.url)

const startWorker = (setup: WorkerSetup): Effect.Effect<Labeler, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const worker = new Worker(WORKER, { workerData: setup })
      const waiting = new Map<number, (e: Effect.Effect<FileResult>) => void>()
      let next = 0
      worker.on("message", (reply: Reply) => {
        const resume = waiting.get(reply.id)!
        waiting.delete(reply.id)
        resume("error" in reply ? Effect.dieMessage(`worker thread failed: ${reply.error}`) : Effect.succeed(revive(reply.result)))
      })
      worker.on("error", (e) => {
        for (const resume of waiting.values()) resume(Effect.die(e))
        waiting.clear()
      })
      const label = (file: InputFile, bytes: Uint8Array) =>
        Effect.async<FileResult>((resume) => {
          const id = next++
          waiting.set(id, resume)
          // A buffer of its own can be transferred rather than copied.
          const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
          worker.postMessage({ id, file, bytes: own }, [own.buffer as ArrayBuffer])
        })
      return { worker, labeler: { label } satisfies Labeler }
    }),
    ({ worker }) => Effect.promise(() => worker.terminate())
  ).pipe(Effect.map(({ labeler }) => labeler))

/** `jobs` worker threads; a batch goes to whichever is free. */
export const workerPool = (setup: WorkerSetup, jobs: number): Effect.Effect<Labeler, never, Scope.Scope> =>
  Effect.map(Pool.make({ acquire: startWorker(setup), size: jobs }), (pool) => ({
    label: (file, bytes) => Effect.scoped(Effect.flatMap(Pool.get(pool), (w) => w.label(file, bytes)))
  }))

/** Errors lose their class crossing threads; an unreadable file's error is rebuilt as an InputError. */
const revive = (r: FileResult): FileResult =>
  "unreadable" in r ? { unreadable: new InputError({ ...(r.unreadable as unknown as ConstructorParameters<typeof InputError>[0]) }) } : r
