// Worker threads started before the commands are even imported, so that loading jieba's lexicon in them overlaps
// with starting this thread. Which workers a labeling run needs, how many and with which user dictionary, is read
// off its arguments with a glance, not the CLI's parser: the pool (pool.ts) takes a waiting worker only if it was started
// with the setup the parsed command asks for, and starts its own otherwise. A worker nobody takes (a command that
// fails before labeling, or a glance that guessed wrong) does not keep the process alive and dies with it.
import * as fs from "node:fs"
import { availableParallelism } from "node:os"
import * as path from "node:path"
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads"
import { USER_DICTIONARY } from "../segment/jieba.js"
import type { LexiconTables } from "../segment/trie.js"
import type { LexiconMessage, WorkerData, WorkerSetup } from "./protocol.js"

export const WORKER = new URL("./worker.js", import.meta.url)

/**
 * The lexicon (jieba's dictionaries as tables: 26 MB, a third of a second to build, 30 ms to read back from the
 * cache) is the same for every worker
 * with one setup, and is built once, in shared memory: the first worker started for a setup builds it and sends
 * it here, and the others get it from here, at once if it exists, else as soon as it does. Should the worker
 * building it stop first, the next one waiting builds it instead.
 */
interface Sharing {
  tables: LexiconTables | undefined
  builder: MessagePort | undefined
  readonly waiting: Array<MessagePort>
}
const sharing = new Map<string, Sharing>()

/** Tables are shared between workers of the same setup, while the user dictionary is the same file, unchanged. */
const sharingKey = (setup: WorkerSetup): string => {
  const file = setup.userDictionary
  const stat = file === null ? undefined : fs.statSync(file, { throwIfNoEntry: false })
  return JSON.stringify([setup, stat?.size, stat?.mtimeMs])
}

const build = (s: Sharing, port: MessagePort): void => {
  s.builder = port
  port.once("message", (tables: LexiconTables) => {
    s.tables = tables
    s.builder = undefined
    for (const p of s.waiting.splice(0)) p.postMessage(tables)
  })
  port.unref()
  port.postMessage("build" satisfies LexiconMessage)
}

/** The lexicon tables built for `setup` so far, if any. */
export const sharedTables = (setup: WorkerSetup): LexiconTables | undefined => sharing.get(sharingKey(setup))?.tables

/** Starts a worker thread with `setup`, sharing its lexicon with the others of the same setup. */
export const startWorkerThread = (setup: WorkerSetup): Worker => {
  const key = sharingKey(setup)
  let s = sharing.get(key)
  if (s === undefined) sharing.set(key, (s = { tables: undefined, builder: undefined, waiting: [] }))
  const { port1, port2 } = new MessageChannel()
  port1.unref()
  const worker = new Worker(WORKER, { workerData: { setup, lexicon: port2 } satisfies WorkerData, transferList: [port2] })
  if (s.tables !== undefined) port1.postMessage(s.tables satisfies LexiconMessage)
  else if (s.builder === undefined) build(s, port1)
  else s.waiting.push(port1)
  worker.once("exit", () => {
    if (s.builder === port1) {
      s.builder = undefined
      const next = s.waiting.shift()
      if (next !== undefined) build(s, next)
    } else if (s.waiting.includes(port1)) {
      s.waiting.splice(s.waiting.indexOf(port1), 1)
    }
  })
  return worker
}

const waiting: Array<{ readonly setup: string; readonly worker: Worker }> = []

/** The value of `--name value` or `--name=value` (the last one given), or undefined. */
const option = (args: ReadonlyArray<string>, name: string): string | undefined => {
  let value: string | undefined
  args.forEach((arg, i) => {
    if (arg === `--${name}`) value = args[i + 1]
    else if (arg.startsWith(`--${name}=`)) value = arg.slice(name.length + 3)
  })
  return value
}

/** The workers `clausetag label …` or `clausetag run …` will ask for; undefined for any other command. */
export const glance = (args: ReadonlyArray<string>): { readonly jobs: number; readonly setup: WorkerSetup } | undefined => {
  if (args[0] !== "label" && args[0] !== "run") return undefined
  if (args.some((a) => a === "--help" || a === "-h" || a === "--wizard")) return undefined
  const jobs = Number(option(args, "jobs") ?? availableParallelism())
  if (!Number.isInteger(jobs) || jobs < 1) return undefined
  const dictionary = path.join(option(args, "rules") ?? "rules", USER_DICTIONARY)
  // More jobs than cores are capped to the core count (commands.ts), so no more workers are started.
  return { jobs: Math.min(jobs, availableParallelism()), setup: { userDictionary: fs.existsSync(dictionary) ? dictionary : null } }
}

export const prestartWorkers = (args: ReadonlyArray<string>): void => {
  const planned = glance(args)
  if (planned === undefined) return
  for (let i = 0; i < planned.jobs; i++) {
    const worker = startWorkerThread(planned.setup)
    worker.unref()
    const entry = { setup: JSON.stringify(planned.setup), worker }
    // A worker that fails before it is taken is dropped; the pool then starts one of its own, which reports it.
    worker.once("error", () => {
      const at = waiting.indexOf(entry)
      if (at >= 0) waiting.splice(at, 1)
    })
    waiting.push(entry)
  }
}

/** A waiting worker started with `setup`, now kept alive by its new owner; undefined if there is none. */
export const claimWorker = (setup: WorkerSetup): Worker | undefined => {
  const i = waiting.findIndex((w) => w.setup === JSON.stringify(setup))
  const taken = i < 0 ? undefined : waiting.splice(i, 1)[0]
  taken?.worker.ref()
  return taken?.worker
}
