// A pool of worker threads, each loading jieba's lexicon and compiling the rules once. Workers start loading the
// lexicon (half a second) as soon as the pool exists, while this thread loads the rules and lists the inputs. Work goes out in
// batches of files, to the worker with the fewest bytes in flight; each worker keeps a batch queued behind the one
// it is labeling, so it never waits for this thread. Results come back whole (JSONL bytes transferred, not copied);
// each worker keeps the coverage of the files it labeled, and the pool adds them up when asked, at the end.
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { emptyCoverage, mergeCoverage, type Coverage } from "../report/coverage.js"
import type { InputFile } from "../domain.js"
import type { LabeledFile } from "./labelfile.js"
import { claimWorker, startWorkerThread } from "./prestart.js"
import { fromWire, jsonlBuffers, type Reply, type WorkerMessage, type WorkerSetup } from "./protocol.js"
import type { RuleSet } from "../rules/decode.js"

export type { WorkerSetup } from "./protocol.js"

export interface Batch {
  readonly files: ReadonlyArray<InputFile>
  /** Its files' total size, for balancing. */
  readonly bytes: number
}

/** A batch's files, labeled, in order; `written` hands their JSONL memory back to the worker once it has been written. */
export interface LabeledBatch {
  readonly files: ReadonlyArray<{ readonly file: InputFile; readonly labeled: LabeledFile }>
  readonly written: Effect.Effect<void>
}

export interface Labeler {
  /** Sends the rule set; batches sent after it are labeled with it. */
  readonly useRules: (ruleSet: RuleSet) => Effect.Effect<void>
  readonly label: (batch: Batch) => Effect.Effect<LabeledBatch>
  /** The coverage of every file labeled so far, added up over the workers (ask once all batches are back). */
  readonly coverage: Effect.Effect<Coverage>
}

const startWorker = (setup: WorkerSetup): Effect.Effect<Labeler, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const worker = claimWorker(setup) ?? startWorkerThread(setup)
      const waiting = new Map<number, (e: Effect.Effect<Reply>) => void>()
      let next = 0
      worker.on("message", (reply: Reply) => {
        const resume = waiting.get(reply.id)!
        waiting.delete(reply.id)
        resume("error" in reply ? Effect.dieMessage(`worker thread failed: ${reply.error}`) : Effect.succeed(reply))
      })
      // A worker that fails or stops fails whatever it was labeling (and whatever is sent to it later).
      let stopped: Error | undefined
      const stop = (e: Error) => {
        stopped ??= e
        for (const resume of waiting.values()) resume(Effect.die(stopped))
        waiting.clear()
      }
      worker.on("error", stop)
      worker.on("exit", (code) => stop(new Error(`worker thread stopped (exit code ${code})`)))
      /** Sends a request and waits for its reply. */
      const ask = (request: (id: number) => WorkerMessage) =>
        Effect.async<Reply>((resume) => {
          if (stopped !== undefined) return resume(Effect.die(stopped))
          const id = next++
          waiting.set(id, resume)
          worker.postMessage(request(id))
        })
      const label = (batch: Batch) =>
        Effect.flatMap(ask((id) => ({ id, files: batch.files })), (reply) => {
          const results = "results" in reply ? reply.results : []
          if (results.length !== batch.files.length) return Effect.dieMessage(`worker thread sent ${results.length} results for ${batch.files.length} files`)
          const files: Array<{ file: InputFile; labeled: LabeledFile }> = []
          for (const [i, file] of batch.files.entries()) {
            const wire = results[i]
            const labeled = wire === undefined ? undefined : fromWire(wire)
            if (labeled === undefined) return Effect.dieMessage(`worker thread sent a malformed result for ${file.path}`)
            files.push({ file, labeled })
          }
          const spares = jsonlBuffers(files.map((f) => f.labeled))
          return Effect.succeed<LabeledBatch>({
            files,
            written: Effect.sync(() => {
              if (stopped === undefined) worker.postMessage({ spares } satisfies WorkerMessage, spares)
            })
          })
        })
      const coverage = Effect.map(ask((id) => ({ id, coverage: true })), (reply) => ("coverage" in reply ? reply.coverage : emptyCoverage()))
      const useRules = (ruleSet: RuleSet) => Effect.sync(() => worker.postMessage({ rules: ruleSet } satisfies WorkerMessage))
      return { worker, labeler: { useRules, label, coverage } satisfies Labeler }
    }),
    ({ worker }) => Effect.promise(() => worker.terminate())
  ).pipe(Effect.map(({ labeler }) => labeler))

/** `jobs` worker threads; a batch goes to the one with the fewest bytes in flight. */
export const workerPool = (setup: WorkerSetup, jobs: number): Effect.Effect<Labeler, never, Scope.Scope> =>
  Effect.map(Effect.all(Array.from({ length: jobs }, () => startWorker(setup))), (workers) => {
    const slots = workers.map((worker) => ({ worker, inFlight: 0 }))
    return {
      useRules: (ruleSet) => Effect.forEach(workers, (w) => w.useRules(ruleSet), { discard: true }),
      coverage: Effect.map(Effect.forEach(workers, (w) => w.coverage), (parts) => parts.reduce(mergeCoverage, emptyCoverage())),
      label: (batch) =>
        Effect.suspend(() => {
          // The first of the least loaded (there is at least one worker).
          const slot = slots.reduce((least, s) => (s.inFlight < least.inFlight ? s : least))
          slot.inFlight += batch.bytes + 1
          return Effect.ensuring(slot.worker.label(batch), Effect.sync(() => (slot.inFlight -= batch.bytes + 1)))
        })
    }
  })
