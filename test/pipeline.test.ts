import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { clausetag, ROOT, snapshot, tempDir } from "./cli.js"

const write = (dir: string, name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
  fs.writeFileSync(path.join(dir, name), text)
}

const fixture = (): string => {
  const dir = tempDir("in")
  write(dir, "2017/records.txt", "\n七台河*2017*争取政府置换债券12亿元*强化债务管理*\n三亚*2017*\n")
  write(dir, "2024/湖北.txt", "一、防范化解风险\r\n积极争取置换债券额度。推进用地置换；\r\n")
  write(dir, "clauses.jsonl", '{"id":"g-1","text":"发行置换债券","region":"上海","year":2020}\n{"id":"g-2","text":"无关条款"}\n')
  return dir
}

const lines = (file: string) => fs.readFileSync(file, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l))

describe("clausetag label, end to end with real jieba", () => {
  const input = fixture()
  const out = tempDir("out")
  const result = clausetag(["label", "--input", input, "--out", out])

  it("succeeds, writes every output, and keeps stdout clean", () => {
    expect(result.stderr).toMatch(/labeled 7 clauses of 5 documents in 3 files/)
    expect(result.status).toBe(0)
    expect(result.stdout).toBe("")
    expect(Object.keys(snapshot(out))).toEqual(["coverage.html", "coverage.json", "coverage.md", "labels.jsonl", "run.json"])
  })

  it("emits one record per clause with stable ids, fixed keys and evidence offsets", () => {
    const records = lines(path.join(out, "labels.jsonl"))
    // Document ids are paths below the input folder, so two years' 湖北 would not collide; JSONL keeps its own ids.
    expect(records.map((r) => r.id)).toEqual(["2017/records:2:1", "2017/records:2:2", "2024/湖北:1", "2024/湖北:2", "2024/湖北:3", "g-1", "g-2"])
    const first = records[0]
    expect(Object.keys(first)).toEqual(["id", "doc", "region", "region_code", "year", "index", "text", "labels", "matches"])
    expect(first).toMatchObject({ doc: "2017/records", region: "七台河市", region_code: "230900", year: 2017, labels: ["debt_swap"] })
    const m = first.matches[0]
    expect([...first.text].slice(m.start, m.end).join("")).toBe("置换债券")
    expect(records.find((r) => r.id === "2024/湖北:2")).toMatchObject({ region: "湖北省", region_code: "420000", year: 2024, labels: ["debt_swap"] })
    expect(records.find((r) => r.id === "2024/湖北:3")!.labels).toEqual([])
    expect(records.find((r) => r.id === "g-1")).toMatchObject({ region: "上海市", region_code: "310000", year: 2020, labels: ["debt_swap"] })
  })

  it("gives byte-identical outputs on a second run", () => {
    const again = tempDir("out2")
    expect(clausetag(["label", "--input", input, "--out", again]).status).toBe(0)
    expect(snapshot(again)).toEqual(snapshot(out))
  })

  it("gives the same bytes with --jobs 1 and --jobs 2", () => {
    const one = tempDir("jobs1")
    const two = tempDir("jobs2")
    const seeds = path.join(ROOT, "seeds")
    expect(clausetag(["label", "--input", seeds, "--input", input, "--out", one, "--jobs", "1", "--quiet"]).status).toBe(0)
    expect(clausetag(["label", "--input", seeds, "--input", input, "--out", two, "--jobs", "2", "--quiet"]).status).toBe(0)
    expect(snapshot(two)).toEqual(snapshot(one))
  })

  it("writes no absolute paths or timestamps", () => {
    const all = Object.values(snapshot(out)).join("\n")
    expect(all).not.toContain(input)
    expect(all).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:/)
  })
})

describe("the committed outputs in out/", () => {
  it("are what `npm start` produces from the current rules and seeds", () => {
    const fresh = tempDir("fresh")
    expect(clausetag(["run", "--out", fresh]).status).toBe(0)
    const committed = snapshot(path.join(ROOT, "out"))
    const stale = Object.entries(snapshot(fresh)).filter(([name, bytes]) => committed[name] !== bytes).map(([name]) => name)
    expect(stale, `out/ is stale (${stale.join(", ")}): run \`npm start\` and commit out/`).toEqual([])
  })
})
