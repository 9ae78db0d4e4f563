// `clausetag audit sample` / `audit report` and `eval --run` as a user runs them, on the committed seed run (out/),
// plus the allocation and the estimator's arithmetic checked by hand.
import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { CATEGORY_IDS } from "../pipeline/domain.js"
import { allocate } from "../pipeline/report/audit-allocate.js"
import { estimate } from "../pipeline/report/audit-estimate.js"
import { FINANCE_WORDS } from "../pipeline/report/coverage.js"
import { clausetag, ROOT, tempDir } from "./cli.js"

const RUN = path.join(ROOT, "out")
type Line = { id: string; text: string; labels: Array<string>; stratum: string; weight: number }
const jsonl = (file: string): Array<Line> =>
  fs.readFileSync(file, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as Line)
const sample = (size: number, seed?: number): string => {
  const dir = tempDir("audit")
  const r = clausetag(["audit", "sample", "--run", RUN, "--size", String(size), ...(seed === undefined ? [] : ["--seed", String(seed)]), "--out", dir])
  expect(r.status, r.stderr).toBe(0)
  return dir
}

describe("allocate", () => {
  it("gives exactly n, never more than a stratum has, a floor to small strata and more to large ones", () => {
    const sizes = [5, 32, 21, 1, 47, 420, 5943]
    for (const n of [1, 7, 50, 300, 1000, 6469]) {
      const a = allocate(sizes, n)
      expect(a.reduce((s, x) => s + x, 0)).toBe(Math.min(n, 6469))
      a.forEach((x, h) => expect(x).toBeLessThanOrEqual(sizes[h]!))
    }
    const a = allocate(sizes, 300)
    expect(a[0]).toBe(5) // all of a stratum under the floor
    expect(a[3]).toBe(1)
    expect(a[6]!).toBeGreaterThan(a[5]!)
    expect(a[5]!).toBeGreaterThan(a[4]!)
    expect(allocate(sizes, 10000)).toEqual(sizes)
  })
})

describe("clausetag audit sample", () => {
  it("draws exactly N clauses, one stratum each, weighted by the inverse inclusion probability", () => {
    const dir = sample(120)
    const plan = JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8"))
    const lines = jsonl(path.join(dir, "sample.jsonl"))
    expect(Object.keys(plan)).toEqual(["rules_hash", "inputs_hash", "clauses", "seed", "size", "sampled", "candidate_words", "strata"])
    expect(plan.seed).toBe(1)
    expect(lines).toHaveLength(120)
    expect(new Set(lines.map((l) => l.id)).size).toBe(120)
    expect(Object.keys(lines[0]!)).toEqual(["id", "doc", "region", "year", "text", "labels", "stratum", "weight"])
    const run = jsonl(path.join(RUN, "labels.jsonl"))
    expect(plan.clauses).toBe(run.length)
    const counts = new Map<string, number>()
    for (const c of run) for (const l of c.labels) counts.set(l, (counts.get(l) ?? 0) + 1)
    for (const l of lines) {
      if (l.labels.length === 0) {
        // The coverage report's finance-word test, on every clause.
        expect(l.stratum).toBe(FINANCE_WORDS.some((w) => l.text.includes(w)) ? "candidate" : "rest")
      } else {
        expect(l.labels).toContain(l.stratum)
        for (const other of l.labels) expect(counts.get(other)!).toBeGreaterThanOrEqual(counts.get(l.stratum)!)
      }
      const s = plan.strata.find((x: { stratum: string }) => x.stratum === l.stratum)
      expect(l.weight).toBeCloseTo(s.clauses / s.sampled, 5)
    }
    for (const s of plan.strata) expect(lines.filter((l) => l.stratum === s.stratum)).toHaveLength(s.sampled)
    expect(plan.strata.reduce((n: number, s: { clauses: number }) => n + s.clauses, 0)).toBe(run.length)
  })

  it("gives the same bytes for the same run and seed, and another sample for another seed", () => {
    const a = sample(80)
    const b = sample(80, 1)
    const c = sample(80, 2)
    for (const f of ["sample.jsonl", "plan.json"]) expect(fs.readFileSync(path.join(b, f), "utf8")).toBe(fs.readFileSync(path.join(a, f), "utf8"))
    expect(fs.readFileSync(path.join(c, "sample.jsonl"), "utf8")).not.toBe(fs.readFileSync(path.join(a, "sample.jsonl"), "utf8"))
  })

  it("takes every clause of a run smaller than N, and will not draw over reviewed answers", () => {
    const dir = sample(100000)
    const run = jsonl(path.join(RUN, "labels.jsonl"))
    expect(jsonl(path.join(dir, "sample.jsonl"))).toHaveLength(run.length)
    fs.writeFileSync(path.join(dir, "reviewed.jsonl"), `{"id":${JSON.stringify(run[0]!.id)},"labels":[]}\n`)
    const r = clausetag(["audit", "sample", "--run", RUN, "--size", "50", "--out", dir])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain("reviewed.jsonl")
    expect(clausetag(["audit", "sample", "--run", tempDir("empty"), "--size", "5", "--out", tempDir("a")]).stderr).toContain("labels.jsonl")
  })
})

describe("clausetag audit report", () => {
  it("reports on a partly reviewed sample: the weighted estimate of what is done, and the strata still thin", () => {
    const dir = sample(150)
    const lines = jsonl(path.join(dir, "sample.jsonl"))
    const plan = JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8"))
    // Review the first 60 from the top. The reviewer confirms the rules, except: the first labeled clause's labels are
    // all wrong, and the first two unlabeled clauses should have been debt_risk_control.
    const done = lines.slice(0, 60)
    const firstLabeled = done.find((l) => l.labels.length > 0)!
    const missed = done.filter((l) => l.labels.length === 0).slice(0, 2)
    const truth = (l: Line) => (l === firstLabeled ? [] : missed.includes(l) ? ["debt_risk_control"] : l.labels)
    fs.writeFileSync(path.join(dir, "reviewed.jsonl"), done.map((l) => JSON.stringify({ id: l.id, labels: truth(l) }) + "\n").join(""))
    const r = clausetag(["audit", "report", dir, "--replicates", "1000"])
    expect(r.status, r.stderr).toBe(0)
    const audit = JSON.parse(fs.readFileSync(path.join(dir, "audit.json"), "utf8"))
    expect(Object.keys(audit)).toEqual(["rules_hash", "inputs_hash", "seed", "level", "replicates", "clauses", "sampled", "reviewed", "covered_clauses", "micro", "categories", "strata", "thin", "unreviewed"])
    expect(audit.rules_hash).toBe(plan.rules_hash)
    expect(audit.reviewed).toBe(60)
    expect(audit.categories.map((c: { id: string }) => c.id)).toEqual([...CATEGORY_IDS])

    // Horvitz–Thompson by hand: each reviewed clause of stratum h counts N_h / r_h.
    const reviewedIn = new Map<string, number>()
    for (const l of done) reviewedIn.set(l.stratum, (reviewedIn.get(l.stratum) ?? 0) + 1)
    let tp = 0
    let fp = 0
    let fn = 0
    for (const l of done) {
      const w = plan.strata.find((s: { stratum: string }) => s.stratum === l.stratum).clauses / reviewedIn.get(l.stratum)!
      const t = truth(l)
      tp += w * l.labels.filter((x) => t.includes(x)).length
      fp += w * l.labels.filter((x) => !t.includes(x)).length
      fn += w * t.filter((x) => !l.labels.includes(x)).length
    }
    expect(audit.micro.precision.estimate).toBeCloseTo(tp / (tp + fp), 4)
    expect(audit.micro.recall.estimate).toBeCloseTo(tp / (tp + fn), 4)
    expect(audit.micro.precision.estimate).toBeLessThan(1)
    expect(audit.micro.recall.estimate).toBeLessThan(1)
    for (const m of ["precision", "recall", "f1"]) {
      const i = audit.micro[m]
      expect(i.low).toBeLessThanOrEqual(i.estimate)
      expect(i.estimate).toBeLessThanOrEqual(i.high)
      expect(i.high - i.low).toBeGreaterThan(0)
    }
    const unreviewed = plan.strata.filter((s: { stratum: string }) => !reviewedIn.has(s.stratum)).map((s: { stratum: string }) => s.stratum)
    expect(audit.unreviewed).toEqual(unreviewed)
    for (const s of audit.strata) {
      expect(s.reviewed).toBe(reviewedIn.get(s.stratum) ?? 0)
      if (s.reviewed < Math.min(10, s.clauses)) expect(audit.thin).toContain(s.stratum)
    }
    expect(audit.covered_clauses).toBe(plan.clauses - plan.strata.filter((s: { stratum: string }) => unreviewed.includes(s.stratum)).reduce((n: number, s: { clauses: number }) => n + s.clauses, 0))
    const md = fs.readFileSync(path.join(dir, "audit.md"), "utf8")
    expect(md).toContain(`60 of the 150 sampled clauses are reviewed`)
    expect(md).toContain("Still thin")
    expect(md).toContain(plan.rules_hash)

    // Same review, same bytes; the last answer for an id wins.
    const before = fs.readFileSync(path.join(dir, "audit.json"), "utf8")
    expect(clausetag(["audit", "report", dir]).status).toBe(0)
    expect(fs.readFileSync(path.join(dir, "audit.json"), "utf8")).toBe(before)
    fs.appendFileSync(path.join(dir, "reviewed.jsonl"), JSON.stringify({ id: firstLabeled.id, labels: firstLabeled.labels }) + "\n")
    expect(clausetag(["audit", "report", dir]).status).toBe(0)
    expect(JSON.parse(fs.readFileSync(path.join(dir, "audit.json"), "utf8")).micro.precision.estimate).toBe(1)
  })

  it("names the file and line of an answer for a clause not in the sample, and of a bad line", () => {
    const dir = sample(20)
    const file = path.join(dir, "reviewed.jsonl")
    fs.writeFileSync(file, '{"id":"nowhere:1","labels":[]}\n')
    let r = clausetag(["audit", "report", dir])
    expect(r.status).toBe(3)
    expect(r.stderr).toContain(`${file}:1`)
    fs.writeFileSync(file, `{"id":${JSON.stringify(jsonl(path.join(dir, "sample.jsonl"))[0]!.id)},"labels":["debt"]}\n`)
    r = clausetag(["audit", "report", dir])
    expect(r.status).toBe(3)
    expect(r.stderr).toContain(`${file}:1: unknown category "debt"`)
    fs.rmSync(file)
    r = clausetag(["audit", "report", dir])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain("reviewed.jsonl")
  })
})

describe("estimate", () => {
  it("has no sampling error in a stratum reviewed in full, and a Jeffreys-wide one where a small sample saw no error", () => {
    const strata = [{ stratum: "ppp", clauses: 8, sampled: 8, predicted: { ppp: 8 } }]
    const all = Array.from({ length: 8 }, (_, i) => ({ stratum: "ppp", predicted: ["ppp" as const], truth: i < 6 ? ["ppp" as const] : [] }))
    const census = estimate(strata, all, { replicates: 1000, seed: 1 })
    expect(census.categories.find((c) => c.id === "ppp")!.precision).toEqual({ estimate: 0.75, low: 0.75, high: 0.75 })
    // 10 of 40 reviewed, all right: the low end is far from 1 (Jeffreys' for 10 of 10 is 0.78; the 30 unseen count).
    const part = estimate([{ stratum: "ppp", clauses: 40, sampled: 10, predicted: { ppp: 40 } }], all.slice(0, 6).concat(all.slice(0, 4)), { replicates: 1000, seed: 1 })
    const p = part.categories.find((c) => c.id === "ppp")!.precision
    expect(p.estimate).toBe(1)
    expect(p.high).toBe(1)
    expect(p.low!).toBeGreaterThan(0.6)
    expect(p.low!).toBeLessThan(0.9)
  })
})

describe("clausetag eval --run", () => {
  it("relabels the reviewed clauses, texts from the run, and scores them unweighted", () => {
    const run = jsonl(path.join(RUN, "labels.jsonl"))
    const picked = run.filter((c) => c.labels.length > 0).slice(0, 20).concat(run.filter((c) => c.labels.length === 0).slice(0, 10))
    // The run is out/, labeled with the current rules: the answers agree with them but for one FP and one FN.
    const answers = picked.map((c, i) => ({ id: c.id, labels: i === 0 ? [] : i === 20 ? ["ppp"] : c.labels }))
    const dir = tempDir("audit")
    fs.writeFileSync(path.join(dir, "reviewed.jsonl"), answers.map((a) => JSON.stringify(a) + "\n").join(""))
    const out = tempDir("eval")
    const r = clausetag(["eval", "--gold", path.join(dir, "reviewed.jsonl"), "--run", RUN, "--out", out])
    expect(r.status, r.stderr).toBe(0)
    const e = JSON.parse(fs.readFileSync(path.join(out, "eval.json"), "utf8"))
    expect(e.clauses).toBe(30)
    expect(e.micro.fp).toBe(picked[0]!.labels.length)
    expect(e.micro.fn).toBe(1)
    expect(e.micro.tp).toBe(picked.slice(1).reduce((n, c) => n + c.labels.length, 0))
    expect(e.false_negatives.ppp[0].text).toBe(picked[20]!.text)

    fs.appendFileSync(path.join(dir, "reviewed.jsonl"), '{"id":"nowhere:1","labels":[]}\n')
    const bad = clausetag(["eval", "--gold", path.join(dir, "reviewed.jsonl"), "--run", RUN, "--out", out])
    expect(bad.status).toBe(3)
    expect(bad.stderr).toContain(`${path.join(dir, "reviewed.jsonl")}:31`)
  })
})
