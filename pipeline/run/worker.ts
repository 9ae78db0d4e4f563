// A worker thread's entry: get or build jieba's lexicon and, once they arrive, compile the rules; then read and label
// batches of files as they arrive. The JSONL bytes are transferred to the main thread, not copied; the coverage of
// all the files it labeled is sent once, when asked for at the end of the run.
import { parentPort, workerData } from "node:worker_threads"
import { emptyCoverage } from "../report/coverage.js"
import { labelFile } from "./labelfile.js"
import { compile, type Matcher } from "../match/matcher.js"
import { failureText, jsonlBuffers, toWire, type LexiconMessage, type Reply, type WireFile, type WorkerData, type WorkerMessage } from "./protocol.js"
import { jiebaTables, loadJieba } from "../segment/jieba.js"
import type { LexiconTables } from "../segment/trie.js"

// Transferring a buffer detaches it, and the first detach in a thread throws away all the code V8 has optimized
// that reads typed arrays (it assumed no buffer would ever be detached). This worker transfers its JSONL buffers:
// one tiny transfer now, before anything is optimized, spares it recompiling its hot code once labeling starts.
const detached = new ArrayBuffer(1)
structuredClone(detached, { transfer: [detached] })

// The lexicon's tables come from the main thread, or this worker builds them (or reads them from the cache,
// cache.ts) and sends them there to share (prestart.ts). Batches sent meanwhile wait in the port until the
// listener below is attached.
const { setup, lexicon } = workerData as WorkerData
const tables = await new Promise<LexiconTables>((resolve) =>
  lexicon.once("message", (message: LexiconMessage) => {
    if (message !== "build") return resolve(message)
    const built = jiebaTables(setup.userDictionary)
    lexicon.postMessage(built satisfies LexiconMessage)
    resolve(built)
  })
)
lexicon.unref()
const segmenter = loadJieba(setup.userDictionary, tables)
let matcher: Matcher | Error = new Error("a batch arrived before the rules")
const coverage = emptyCoverage()

/**
 * Buffers the main thread has written and handed back: a file's JSONL goes into one of these when one is large
 * enough, so that the memory is reused instead of allocated here and freed there for every file.
 */
const spares: Array<Uint8Array> = []
const allocate = (size: number): Uint8Array => {
  for (let i = spares.length - 1; i >= 0; i--) {
    const spare = spares[i]
    if (spare !== undefined && spare.length >= size) {
      spares.splice(i, 1)
      return spare
    }
  }
  return new Uint8Array(Math.max(size, 1 << 20))
}
const sinks = { coverage, allocate }

const reply = (message: Reply, transfer: ReadonlyArray<ArrayBuffer> = []): void => parentPort!.postMessage(message, transfer)

parentPort!.on("message", async (message: WorkerMessage) => {
  if ("rules" in message) {
    try {
      matcher = compile(message.rules)
    } catch (e) {
      matcher = e instanceof Error ? e : new Error(failureText(e))
    }
    return
  }
  if ("coverage" in message) return reply({ id: message.id, coverage })
  if ("spares" in message) {
    for (const b of message.spares) if (spares.length < 16) spares.push(new Uint8Array(b))
    return
  }
  const { id, files } = message
  try {
    if (matcher instanceof Error) throw matcher
    const m = matcher
    // One file after another: a PDF's text comes back asynchronously, and the batch's results keep input order.
    const results: Array<WireFile> = []
    for (const file of files) results.push(toWire(await labelFile(m, segmenter, file, sinks)))
    reply({ id, results }, jsonlBuffers(results))
  } catch (e) {
    reply({ id, error: failureText(e) })
  }
})
