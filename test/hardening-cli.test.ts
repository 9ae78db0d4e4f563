// Issue 18, from the outside: what a user running the CLI on awkward folders, output folders and options sees.
import { describe, expect, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { clausetag, ROOT, snapshot, tempDir } from "./cli.js"

const REPORT = "积极防范化解地方政府债务风险。支持企业发行公司债券和绿色债券，推进市场化债转股。"
const put = (file: string, data: string | Uint8Array) => {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, data)
}
const docs = (out: string) =>
  fs.readFileSync(path.join(out, "labels.jsonl"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l).doc as string)

describe("one bad entry never sinks the run", () => {
  const dir = tempDir("links")
  put(path.join(dir, "in/good_2020.txt"), REPORT)
  put(path.join(dir, "in/2026/湖北.txt"), REPORT)
  fs.symlinkSync("..", path.join(dir, "in/2026/up"))
  fs.symlinkSync("nowhere.txt", path.join(dir, "in/dangling.txt"))
  fs.symlinkSync("self.txt", path.join(dir, "in/self.txt"))
  fs.symlinkSync("2026", path.join(dir, "in/latest"))
  put(path.join(dir, "in/notes.csv"), "a,b")
  const out = path.join(dir, "out")
  const r = clausetag(["label", "--input", path.join(dir, "in"), "--out", out, "--quiet"])

  it("names a folder loop, a dangling link and a link loop once each, labels the rest, exits 3", () => {
    expect(r.status).toBe(3)
    expect(r.stderr.match(/up: symbolic link to a folder that encloses it/g)).toHaveLength(1)
    expect(r.stderr).toMatch(/dangling\.txt: symbolic link to nothing/)
    expect(r.stderr).toMatch(/self\.txt: symbolic link loop/)
    expect(r.stderr).not.toMatch(/up\/up/)
    // Two clauses each: 2026/湖北.txt once (not again through latest/), good_2020.txt.
    expect(docs(out)).toEqual(["2026/湖北", "2026/湖北", "good_2020", "good_2020"])
  })

  it("labels a folder reached twice (latest → 2026) once, with a note; names files it does not read", () => {
    expect(r.stderr).toMatch(/warning: in\/latest: the same folder as in\/2026/)
    expect(r.stderr).toMatch(/warning: in\/notes\.csv: not a file type clausetag reads/)
    const run = JSON.parse(fs.readFileSync(path.join(out, "run.json"), "utf8"))
    expect(run.inputs).toEqual(["in/2026/湖北.txt", "in/good_2020.txt"])
  })
})

describe("an output folder holds one run", () => {
  const dir = tempDir("folder")
  const input = path.join(dir, "r_2024.txt")
  put(input, REPORT)
  const out = path.join(dir, "out")

  it("removes clausetag's files an earlier run left (panel.csv, eval.*), and only those", () => {
    expect(clausetag(["label", "--input", input, "--out", out, "--panel", "--quiet"]).status).toBe(0)
    put(path.join(out, "eval.md"), "stale")
    put(path.join(out, "mine.txt"), "not clausetag's")
    expect(clausetag(["label", "--input", input, "--out", out, "--quiet"]).status).toBe(0)
    expect(fs.readdirSync(out).sort()).toEqual(["coverage.html", "coverage.json", "coverage.md", "labels.jsonl", "mine.txt", "run.json"])
  })

  it("keeps the previous outputs when nothing is labeled (every input fails, or an empty folder) and exits 3", () => {
    const before = snapshot(out)
    put(path.join(dir, "bad/x.txt"), Uint8Array.from({ length: 600 }, (_, i) => (i * 37) % 256))
    fs.mkdirSync(path.join(dir, "empty"))
    for (const bad of ["bad", "empty"]) {
      const r = clausetag(["label", "--input", path.join(dir, bad), "--out", out, "--quiet"])
      expect(r.status, bad).toBe(3)
      expect(r.stderr, bad).toMatch(/nothing was labeled, so the previous outputs are unchanged/)
      expect(snapshot(out), bad).toEqual(before)
    }
  })

  it("refuses a second run while another holds the folder, and takes over the lock of a run that died", () => {
    put(path.join(out, ".clausetag.lock"), `${process.pid}\n`)
    const before = snapshot(out)
    const r = clausetag(["label", "--input", input, "--out", out, "--quiet"])
    expect(r.status).toBe(5)
    expect(r.stderr).toMatch(new RegExp(`another clausetag run \\(process ${process.pid}\\) is writing to this folder`))
    expect(snapshot(out)).toEqual(before)
    put(path.join(out, ".clausetag.lock"), "999999999\n")
    expect(clausetag(["label", "--input", input, "--out", out, "--quiet"]).status).toBe(0)
    expect(fs.existsSync(path.join(out, ".clausetag.lock"))).toBe(false)
  })

  it("needs --out for label", () => {
    const r = clausetag(["label", "--input", input, "--quiet"])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/--out/)
  })

  it("ends with a message, not a spin, when the folder cannot be made", () => {
    const r = clausetag(["label", "--input", input, "--out", "/proc/clausetag-x", "--quiet"])
    expect(r.status).toBe(5)
    expect(r.stderr).toMatch(/cannot write \/proc\/clausetag-x/)
  }, 30_000)

  it("stops on Ctrl-C with one line and exit 130, leaving the previous outputs as they were", async () => {
    const big = path.join(dir, "big")
    for (let i = 0; i < 8; i++) put(path.join(big, `b${i}_2024.jsonl`), `${JSON.stringify({ id: "x", text: "优化营商环境，推进融资平台市场化转型，".repeat(60_000) })}\n`)
    fs.rmSync(path.join(out, ".clausetag.lock"), { force: true })
    const before = snapshot(out)
    const child = spawn(process.execPath, [path.join(ROOT, "dist/cli/cli.js"), "label", "--input", big, "--out", out, "--quiet"], { cwd: ROOT })
    let stderr = ""
    child.stderr.on("data", (d) => (stderr += d))
    // Interrupt once the run holds the folder, that is, once it is writing.
    while (!fs.existsSync(path.join(out, ".clausetag.lock")) && child.exitCode === null) await new Promise((r) => setTimeout(r, 20))
    child.kill("SIGINT")
    const status = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
    expect(status).toBe(130)
    expect(stderr.trim()).toBe("clausetag: stopped; the previous outputs are untouched")
    expect(snapshot(out)).toEqual(before)
    expect(fs.readdirSync(out).filter((f) => f.startsWith("."))).toEqual([])
  }, 60_000)
})

describe("what the user sees", () => {
  const dir = tempDir("seen")
  const out = path.join(dir, "out")
  const lines = ['{"id":"a","text":"支持企业开展市场化债转股"}', "{not json", ...Array.from({ length: 25 }, (_, i) => `{"id":"w${i}"}`)]
  put(path.join(dir, "b.jsonl"), `${lines.join("\n")}\n`)
  const r = clausetag(["label", "--input", path.join(dir, "b.jsonl"), "--out", out, "--quiet"])

  it("prints warnings as file:line on stderr, the first twenty then a count, even with --quiet", () => {
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/^warning: b\.jsonl:2: not valid JSON; skipped$/m)
    expect(r.stderr.match(/^warning: b\.jsonl:\d+:/gm)).toHaveLength(20)
    // The 27th: the clauses have no region or year of their own (the region warning of listing, issue 19).
    expect(r.stderr).toMatch(/^warning: … and 7 more$/m)
  })

  it("shows them in coverage.html's input-quality section", () => {
    const html = fs.readFileSync(path.join(out, "coverage.html"), "utf8")
    expect(html).toMatch(/<h2>Input quality<\/h2>/)
    expect(html).toContain("<li>b.jsonl:2: not valid JSON; skipped</li>")
  })

  it("records the clausetag version in run.json", () => {
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version
    expect(JSON.parse(fs.readFileSync(path.join(out, "run.json"), "utf8")).clausetag_version).toBe(version)
  })

  it("rejects --jobs 0 and -1, and caps --jobs above the core count with a note", () => {
    for (const n of ["0", "-1"]) {
      const j = clausetag(["label", "--input", path.join(dir, "b.jsonl"), "--out", out, "--jobs", n, "--quiet"])
      expect(j.status, n).toBe(2)
      expect(j.stderr, n).toMatch(/--jobs .*1 or more/)
    }
    const many = clausetag(["label", "--input", path.join(dir, "b.jsonl"), "--out", out, "--jobs", "64", "--quiet"])
    expect(many.status).toBe(0)
    expect(many.stderr).toMatch(new RegExp(`note: --jobs 64 is more than the ${os.availableParallelism()} cores; using ${os.availableParallelism()}`))
  })

  it("--help shows defaults and examples, without colour codes when piped", () => {
    const h = clausetag(["label", "--help"])
    expect(h.stdout).not.toMatch(/\x1b\[/)
    expect(h.stdout).toMatch(/default: rules/)
    expect(h.stdout).toMatch(/Examples?: clausetag label/)
  })

  it("outside the repository, a missing rules/ says to pass --rules", () => {
    const r = clausetag(["label", "--input", path.join(dir, "b.jsonl"), "--out", out], dir)
    expect(r.status).toBe(4)
    expect(r.stderr).toMatch(/no rules folder at .*; pass --rules/)
  })
})
