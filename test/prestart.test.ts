import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { claimWorker, glance, prestartWorkers } from "../pipeline/prestart.js"
import { tempDir } from "./cli.js"

describe("starting a labeling run's workers before the commands are imported", () => {
  it("reads the jobs and the rules folder's user dictionary off a label or run command, and nothing else", () => {
    const rules = tempDir("prestart-rules")
    fs.writeFileSync(path.join(rules, "userdict.txt"), "绿色债券 1000 n\n")
    expect(glance(["label", "--input", "x", "--jobs", "3", "--rules", rules])).toEqual({
      jobs: 3,
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
})
