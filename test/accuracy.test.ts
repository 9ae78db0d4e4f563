import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { clausetag, ROOT, sharedFile, snapshot, tempDir } from "./cli.js"

const GOLD = sharedFile("gold/dev.jsonl")
const BASELINE = JSON.parse(fs.readFileSync(path.join(ROOT, "test/accuracy-baseline.json"), "utf8")) as {
  tolerance: number
  micro_f1: number
  categories: Record<string, number>
}
describe("accuracy on the dev gold set", () => {
  const out = tempDir("eval")
  const r = clausetag(["eval", "--gold", GOLD, "--out", out])
  const result = () => JSON.parse(fs.readFileSync(path.join(out, "eval.json"), "utf8"))

  it("runs", () => {
    expect(r.stderr).toBe("")
    expect(r.status).toBe(0)
  })

  it("stays within the tolerance of the recorded baseline, overall and per category", () => {
    const e = result()
    expect(e.micro.f1, "micro F1").toBeGreaterThanOrEqual(BASELINE.micro_f1 - BASELINE.tolerance)
    for (const c of e.categories) {
      const floor = BASELINE.categories[c.id]
      if (floor === undefined) continue
      expect(c.f1, `${c.id} F1 fell below the baseline in test/accuracy-baseline.json`).toBeGreaterThanOrEqual(floor - BASELINE.tolerance)
    }
  })

  it("committed out/eval.* are current (regenerate: clausetag eval --gold ../shared/gold/dev.jsonl)", () => {
    const committed = snapshot(path.join(ROOT, "out"))
    const fresh = snapshot(out)
    for (const f of ["eval.json", "eval.md"]) expect(committed[f], `out/${f} is stale`).toBe(fresh[f])
  })
})
