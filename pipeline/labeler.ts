// Labeling a batch of documents is pure (given a segmenter) and runs in a pool of worker threads that each load
// jieba and compile the rules once, while the main thread reads, splits and writes.
// A batch comes back as its JSONL text and its own coverage, which the caller adds up in input order.
import { Effect, Pool, type Scope } from "effect"
import { Worker } from "node:worker_threads"
import { addDocument, emptyCoverage, type Coverage } from "./coverage.js"
import type { Document } from "./domain.js"
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

export interface Labeler {
  readonly label: (documents: ReadonlyArray<Document>) => Effect.Effect<BatchResult>
}

/** What a worker thread is started with. */
export interface WorkerSetup {
  readonly ruleSet: RuleSet
  readonly userDictionary: string | null
}

type Reply = { readonly id: number; readonly result: BatchResult } | { readonly id: number; readonly error: string }

const WORKER = new URL("./worker.js", import.meta.url)

const startWorker = (setup: WorkerSetup): Effect.Effect<Labeler, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const worker = new Worker(WORKER, { workerData: setup })
      const waiting = new Map<number, (e: Effect.Effect<BatchResult>) => void>()
      let next = 0
      worker.on("message", (reply: Reply) => {
        const resume = waiting.get(reply.id)!
        waiting.delete(reply.id)
        resume("error" in reply ? Effect.dieMessage(`worker thread failed: ${reply.error}`) : Effect.succeed(reply.result))
      })
      worker.on("error", (e) => {
        for (const resume of waiting.values()) resume(Effect.die(e))
        waiting.clear()
      })
      const label = (documents: ReadonlyArray<Document>) =>
        Effect.async<BatchResult>((resume) => {
          const id = next++
          waiting.set(id, resume)
          worker.postMessage({ id, documents })
        })
      return { worker, labeler: { label } satisfies Labeler }
    }),
    ({ worker }) => Effect.promise(() => worker.terminate())
  ).pipe(Effect.map(({ labeler }) => labeler))

/** `jobs` worker threads; a batch goes to whichever is free. */
export const workerPool = (setup: WorkerSetup, jobs: number): Effect.Effect<Labeler, never, Scope.Scope> =>
  Effect.map(Pool.make({ acquire: startWorker(setup), size: jobs }), (pool) => ({
    label: (documents) => Effect.scoped(Effect.flatMap(Pool.get(pool), (w) => w.label(documents)))
  }))

const BATCH_UNITS = 1 << 16

/** Groups documents into batches of about 64K characters, so small star records do not each cost a message. */
export const batches = (documents: ReadonlyArray<Document>): Array<Array<Document>> => {
  const out: Array<Array<Document>> = []
  let current: Array<Document> = []
  let size = 0
  for (const doc of documents) {
    current.push(doc)
    size += doc.clauses.reduce((n, c) => n + c.text.length, 0)
    if (size >= BATCH_UNITS) {
      out.push(current)
      current = []
      size = 0
    }
  }
  if (current.length > 0) out.push(current)
  return out
}
