// Starts `clausetag review` as a user would and reads the URL it prints; builds an audit folder from a real run.
import { spawn, type ChildProcess } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import type { LabeledClause } from "../pipeline/domain.js"
import { clausetag, ROOT, tempDir } from "./cli.js"

const CLI = path.join(ROOT, "dist/cli/cli.js")

export interface Server {
  readonly proc: ChildProcess
  readonly url: string
  readonly stderr: () => string
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  readonly exited: Promise<number | string>
}

export const startReview = (args: ReadonlyArray<string>, cwd = ROOT): Promise<Server> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [CLI, "review", ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    let err = ""
    const exited = new Promise<number | string>((done) => proc.on("exit", (code, signal) => done(code ?? signal ?? -1)))
    proc.stderr!.on("data", (d: Buffer) => (err += d.toString()))
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString()
      const url = /^(http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(out)
      if (url) resolve({ proc, url: url[1]!, stderr: () => err, exited })
    })
    void exited.then((code) => reject(new Error(`review exited (${code}) before printing its URL: ${err}`)))
  })

export type RunLine = LabeledClause

/** Labels the seeds once into a temporary run folder. */
export const labelSeeds = (): { dir: string; lines: ReadonlyArray<RunLine> } => {
  const dir = tempDir("review-run")
  const r = clausetag(["label", "--input", "seeds", "--out", dir, "--quiet"])
  if (r.status !== 0) throw new Error(r.stderr)
  const lines = fs.readFileSync(path.join(dir, "labels.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as RunLine)
  return { dir, lines }
}

/**
 * An audit folder in the format of `clausetag audit sample`: sample.jsonl (id, doc, text, labels, stratum, weight,
 * region, year) and plan.json naming the run. Every `step`-th clause from `first`, `size` of them.
 */
export const makeAudit = (run: { dir: string; lines: ReadonlyArray<RunLine> }, size: number, first = 5, step = 37) => {
  const dir = path.join(tempDir("review-audit"), "audit")
  fs.mkdirSync(dir)
  const sample = Array.from({ length: size }, (_, i) => run.lines[first + i * step]!).map((c) => ({
    id: c.id,
    doc: c.doc,
    text: c.text,
    labels: c.labels,
    stratum: c.labels.length > 0 ? c.labels[0]! : "rest",
    weight: 3.5,
    region: c.region,
    year: c.year
  }))
  fs.writeFileSync(path.join(dir, "sample.jsonl"), sample.map((s) => `${JSON.stringify(s)}\n`).join(""))
  // As `clausetag audit sample` writes it: the run's hashes, no path (review is given the run with --run).
  const { rules_hash, inputs_hash } = JSON.parse(fs.readFileSync(path.join(run.dir, "run.json"), "utf8")) as Record<string, string>
  fs.writeFileSync(path.join(dir, "plan.json"), `${JSON.stringify({ rules_hash, inputs_hash, seed: 1, size })}\n`)
  return { dir, sample }
}

export const reviewed = (file: string): Array<{ id: string; labels: Array<string> }> =>
  fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : []
