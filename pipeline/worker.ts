// A worker thread's entry: compile the rules and load jieba once, then read and label batches of files as they
// arrive. The JSONL bytes are transferred to the main thread, not copied.
import { parentPort, workerData } from "node:worker_threads"
import type { InputFile } from "./ingest.js"
import { labelPath, type LabeledFile } from "./labeler.js"
import { compile } from "./matcher.js"
import type { WorkerSetup } from "./pool.js"
import { loadJieba } from "./jieba.js"

const setup = workerData as WorkerSetup
const matcher = compile(setup.ruleSet)
const segmenter = loadJieba(setup.userDictionary)

/** An InputError is a class instance; its fields cross, and the main thread rebuilds it. */
const sendable = (f: LabeledFile): LabeledFile => ("unreadable" in f.result ? { ...f, result: { unreadable: { ...f.result.unreadable } } } : f) as LabeledFile

parentPort!.on("message", ({ id, files }: { id: number; files: ReadonlyArray<InputFile> }) => {
  try {
    const results = files.map((file) => sendable(labelPath(matcher, segmenter.cut, file)))
    const transfer = results.flatMap((f) => ("jsonl" in f.result ? [f.result.jsonl.buffer as ArrayBuffer] : []))
    parentPort!.postMessage({ id, results }, transfer)
  } catch (e) {
    parentPort!.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) })
  }
})
