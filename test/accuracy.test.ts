import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { clausetag, ROOT, snapshot, tempDir } from "./cli.js"

const GOLDS = ["dev.jsonl", "dev2.jsonl"].map((f) => path.resolve(ROOT, "../shared/gold", f))
const BASELINE = JSON.parse(fs.readFileSync(path.join(ROOT, "test/accuracy-baseline.json"), "utf8")) as {
  tolerance: number
  golds: Record<string, { micro_f1: number; categories: Record<string, number> }>
}
// CI always has the gold files beside the clone; a developer's checkout elsewhere may not.
const haveGold = GOLDS.every((g) => fs.existsSync(g)) || process.env["CI"] === "true"

interface Scored {
  readonly gold: string
  readonly micro: { f1: number }
  readonly categories: ReadonlyArray<{ id: string; f1: number }>
}

describe.runIf(haveGold)("accuracy on the dev and dev2 gold sets", () => {
  const out = tempDir("eval")
  const r = clausetag(["eval", ...GOLDS.flatMap((g) => ["--gold", g]), "--out", out])
  const result = () => JSON.parse(fs.readFileSync(path.join(out, "eval.json"), "utf8")) as { files: ReadonlyArray<Scored>; documents: ReadonlyArray<unknown> }

  it("runs", () => {
    expect(r.stderr).toBe("")
    expect(r.status).toBe(0)
  })

  it("has a floor for each gold file in test/accuracy-baseline.json", () => {
    expect(Object.keys(BASELINE.golds).sort()).toEqual(GOLDS.map((g) => path.basename(g)).sort())
  })

  it("stays within the tolerance of each file's recorded baseline, overall and per category", () => {
    for (const file of result().files) {
      const floor = BASELINE.golds[file.gold]!
      expect(file.micro.f1, `${file.gold} micro F1`).toBeGreaterThanOrEqual(floor.micro_f1 - BASELINE.tolerance)
      for (const c of file.categories) {
        const f = floor.categories[c.id]
        if (f === undefined) continue
        expect(c.f1, `${file.gold}: ${c.id} F1 fell below the baseline in test/accuracy-baseline.json`).toBeGreaterThanOrEqual(f - BASELINE.tolerance)
      }
    }
  })

  it("scores every document of every file", () => {
    expect(result().documents.length).toBeGreaterThanOrEqual(20)
  })

  it("committed out/eval.* are current (regenerate: clausetag eval --gold ../shared/gold/dev.jsonl --gold ../shared/gold/dev2.jsonl)", () => {
    const committed = snapshot(path.join(ROOT, "out"))
    const fresh = snapshot(out)
    for (const f of ["eval.json", "eval.md"]) expect(committed[f], `out/${f} is stale`).toBe(fresh[f])
  })
})
