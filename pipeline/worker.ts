// A worker thread's entry: compile the rules and load jieba once, then label files as they arrive.
import { parentPort, workerData } from "node:worker_threads"
import type { InputFile } from "./ingest.js"
import { labelFile, type WorkerSetup } from "./labeler.js"
import { compile } from "./matcher.js"
import { loadJieba } from "./segmenter.js"

const setup = workerData as WorkerSetup
const matcher = compile(setup.ruleSet)
const segmenter = loadJieba(setup.userDictionary)

parentPort!.on("message", ({ id, file, bytes }: { id: number; file: InputFile; bytes: Uint8Array }) => {
  try {
    const result = labelFile(matcher, segmenter.cut, file, bytes)
    // An InputError is a class instance; send its fields, and the main thread rebuilds it.
    parentPort!.postMessage({ id, result: "unreadable" in result ? { unreadable: { ...result.unreadable } } : result })
  } catch (e) {
    parentPort!.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) })
  }
})
