// Scoring several gold files: each on its own, their union, and each document.
import { describe, expect, it } from "@effect/vitest"
import type { CategoryId, LabeledClause } from "../pipeline/domain.js"
import { evaluateFiles, type GoldClause } from "../pipeline/report/score.js"

const gold = (doc: string, labels: Array<CategoryId>): GoldClause => ({ id: `${doc}:x`, doc, region: null, year: 2024, text: "x", labels })
const predicted = (labels: Array<CategoryId>): LabeledClause => ({ id: "", doc: "", region: null, year: null, index: 0, text: "x", labels, matches: [] })

describe("evaluateFiles", () => {
  const m = evaluateFiles([
    { name: "a.jsonl", gold: [gold("d1", ["ppp"]), gold("d2", ["ppp"])], predicted: [predicted(["ppp"]), predicted([])] },
    { name: "b.jsonl", gold: [gold("d3", [])], predicted: [predicted(["debt_swap"])] }
  ])

  it("scores each file alone and the union as one set", () => {
    expect(m.files.map((f) => [f.gold, f.evaluation.micro.tp, f.evaluation.micro.fp, f.evaluation.micro.fn])).toEqual([
      ["a.jsonl", 1, 0, 1],
      ["b.jsonl", 0, 1, 0]
    ])
    expect(m.union.micro).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 })
  })

  it("scores each document, in file then document order", () => {
    expect(m.documents.map((d) => [d.gold, d.doc, d.f1])).toEqual([
      ["a.jsonl", "d1", 1],
      ["a.jsonl", "d2", 0],
      ["b.jsonl", "d3", 0]
    ])
  })
})
