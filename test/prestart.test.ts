import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import { availableParallelism } from "node:os"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { NodeContext } from "@effect/platform-node"
import type { Worker } from "node:worker_threads"
import { claimWorker, glance, prestartWorkers } from "../pipeline/run/prestart.js"
import { loadRules } from "../pipeline/rules/load.js"
import { ROOT, tempDir } from "./cli.js"

describe("starting a labeling run's workers before the commands are imported", () => {
  it("reads the jobs and the rules folder's user dictionary off a label or run command, and nothing else", () => {
    const rules = tempDir("prestart-rules")
    fs.writeFileSync(path.join(rules, "userdict.txt"), "绿色债券 1000 n\n")
    // More jobs than cores are capped at the core count, as the command does.
    expect(glance(["label", "--input", "x", "--jobs", "3", "--rules", rules])).toEqual({
      jobs: Math.min(3, availableParallelism()),
      setup: { userDictionary: path.join(rules, "userdict.txt") }
    })
    expect(glance(["run", "--jobs=2", `--rules=${tempDir("prestart-empty")}`])).toEqual({ jobs: 2, setup: { userDictionary: null } })
    expect(glance(["label", "--input", "x", "--jobs", "0"])).toBeUndefined()
    expect(glance(["label", "--help"])).toBeUndefined()
    expect(glance(["eval", "--gold", "g.jsonl"])).toBeUndefined()
  })

  it("hands a waiting worker only to a pool that asks for the same setup", async () => {
    prestartWorkers(["label", "--input", "x", "--jobs", "1", "--rules", tempDir("prestart-none")])
    expect(claimWorker({ userDictionary: "elsewhere/userdict.txt" })).toBeUndefined()
    const worker = claimWorker({ userDictionary: null })
    expect(worker).toBeDefined()
    expect(claimWorker({ userDictionary: null })).toBeUndefined()
    await worker!.terminate()
  })

  it("builds the lexicon once per setup, in shared memory, and hands the building on when the builder stops first", async () => {
    // The compiled module, whose workers run dist/pipeline/run/worker.js.
    const { startWorkerThread, sharedTables } = (await import(path.join(ROOT, "dist/pipeline/run/prestart.js"))) as typeof import("../pipeline/run/prestart.js")
    const { ruleSet } = await Effect.runPromise(loadRules(path.join(ROOT, "rules")).pipe(Effect.provide(NodeContext.layer)))
    const setup = { userDictionary: null }
    const first = startWorkerThread(setup)
    const others = [startWorkerThread(setup), startWorkerThread(setup)]
    await first.terminate()
    // The others label (an empty batch) once they have the lexicon: one of them built it.
    const answer = (worker: Worker) =>
      new Promise((resolve, reject) => {
        worker.once("message", resolve)
        worker.once("error", reject)
        worker.postMessage({ rules: ruleSet })
        worker.postMessage({ id: 7, files: [] })
      })
    expect(await Promise.all(others.map(answer))).toEqual([{ id: 7, results: [] }, { id: 7, results: [] }])
    const tables = sharedTables(setup)
    expect(tables?.table.buffer).toBeInstanceOf(SharedArrayBuffer)
    // A worker started now gets those tables at once.
    const late = startWorkerThread(setup)
    expect(await answer(late)).toEqual({ id: 7, results: [] })
    expect(sharedTables(setup)).toBe(tables)
    await Promise.all([...others, late].map((w) => w.terminate()))
  })
})
