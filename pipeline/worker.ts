// A worker thread's entry: compile the rules and load jieba once, then label batches as they arrive.
import { parentPort, workerData } from "node:worker_threads"
import { labelBatch, type WorkerSetup } from "./labeler.js"
import { compile } from "./matcher.js"
import { loadJieba } from "./segmenter.js"
import type { Document } from "./domain.js"

const setup = workerData as WorkerSetup
const matcher = compile(setup.ruleSet)
const segmenter = loadJieba(setup.userDictionary)

parentPort!.on("message", ({ id, documents }: { id: number; documents: ReadonlyArray<Document> }) => {
  try {
    parentPort!.postMessage({ id, result: labelBatch(matcher, segmenter.cut, documents) })
  } catch (e) {
    parentPort!.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) })
  }
})
