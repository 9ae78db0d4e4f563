// `npm run bench [-- --mb 100 --runs 3]`: throughput and memory of the real CLI on a synthetic corpus made by
// repeating the seeds, and on prose that does not repeat. Prints a table and writes bench/results.json. A script,
// not a test: figures vary by machine. `-- --quick` checks that it runs (2 MB, one round, nothing written).
import { NodeContext } from "@effect/platform-node"
import * as Effect from "effect/Effect"
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import { availableParallelism, tmpdir } from "node:os"
import * as path from "node:path"
import { InputError } from "../pipeline/errors.js"
import { listInputs } from "../pipeline/input/list.js"
import { normalize } from "../pipeline/match/normalize.js"
import { parseInput } from "../pipeline/input/parse.js"
import { loadJieba, nativeJieba } from "../pipeline/segment/jieba.js"
import { makeCorpus, makeProse, multiplyRules } from "./corpus.js"

const ROOT = path.resolve(import.meta.dirname, "../..")
const CLI = path.join(ROOT, "dist/cli/cli.js")
const SELF = path.join(ROOT, "dist/bench/bench.js")

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
/** `--quick`: 2 MB, one round, results.json left alone: a check that the bench runs, not a measurement. */
const QUICK = process.argv.includes("--quick")
const MB = arg("mb", QUICK ? 2 : 100)
const RUNS = arg("runs", QUICK ? 1 : 3)
const JOBS = availableParallelism()

const median = (xs: Array<number>): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Runs a node script, returning wall seconds, its stdout and its peak RSS in MB (polled from /proc while it runs). */
const runNode = (args: Array<string>): Promise<{ seconds: number; rssMb: number; stdout: string }> =>
  new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] })
    let peak = 0
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d) => (stdout += d))
    child.stderr.on("data", (d) => (stderr += d))
    const poll = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"))
        if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024)
      } catch {}
    }, 20)
    child.on("exit", (code) => {
      clearInterval(poll)
      if (code !== 0) reject(new Error(`${args.join(" ")} exited ${code}: ${stderr}`))
      else resolve({ seconds: (performance.now() - started) / 1000, rssMb: peak, stdout })
    })
  })

interface Figure {
  readonly mb_per_s: number
  readonly clauses_per_s: number
  readonly peak_rss_mb: number
  readonly seconds: number
}

const figure = (bytes: number, clauses: number, seconds: number, rss: number): Figure => ({
  mb_per_s: Math.round((bytes / 1e6 / seconds) * 100) / 100,
  clauses_per_s: Math.round(clauses / seconds),
  peak_rss_mb: Math.round(rss),
  seconds: Math.round(seconds * 100) / 100
})

/**
 * The two stages measured alone, each in a child process of its own (`--stage read|segment DIR`), file by file as
 * the workers go, so that its peak RSS is its own. Read+split: read, decode and split each file as a worker does.
 * Segmentation: nodejieba's cut of every clause (normalized, as labeling sees it), the segmenter the issue measures
 * against; `segment_lexicon`: the same cut computed from the lexicon (jieba.ts), as labeling does, but of every
 * clause whole. Only the cutting is timed. Each prints its seconds and clause count as JSON on stdout.
 */
const stage = async (name: string, dir: string): Promise<void> => {
  const { files } = await Effect.runPromise(listInputs([dir]).pipe(Effect.provide(NodeContext.layer)))
  const jieba = name === "segment" ? { cut: nativeJieba(null) } : name === "segment_lexicon" ? loadJieba(null) : undefined
  jieba?.cut("") // nodejieba loads on its first cut: not timed
  let clauses = 0
  let timed = 0
  const started = performance.now()
  for (const file of files) {
    const parsed = parseInput(file, fs.readFileSync(file.path))
    if (parsed instanceof InputError) throw parsed
    for (const doc of parsed.documents) {
      clauses += doc.clauses.length
      if (jieba === undefined) continue
      const texts = doc.clauses.map((c) => normalize(c.text).text)
      const t = performance.now()
      for (const text of texts) jieba.cut(text)
      timed += performance.now() - t
    }
  }
  const seconds = (jieba === undefined ? performance.now() - started : timed) / 1000
  console.log(JSON.stringify({ seconds, clauses }))
}

interface Run {
  readonly seconds: number
  readonly rssMb: number
  readonly clauses?: number
}

/** One run of a stage alone: its own timing of the stage, its peak RSS, its clause count. */
const stageRun = async (name: string, dir: string): Promise<Run> => {
  const r = await runNode([SELF, "--stage", name, dir])
  const out = JSON.parse(r.stdout) as { seconds: number; clauses: number }
  return { seconds: out.seconds, rssMb: r.rssMb, clauses: out.clauses }
}

interface Ratio {
  readonly median: number
  /** Each round's ratio, in round order: their spread is how far the median can be trusted. */
  readonly rounds: ReadonlyArray<number>
}

const round3 = (x: number) => Math.round(x * 1000) / 1000

/** `f` of the two measurements of each round, and the median of those. */
const perRound = (a: ReadonlyArray<Run>, b: ReadonlyArray<Run>, f: (a: Run, b: Run) => number): Ratio => {
  const rounds = a.map((x, i) => round3(f(x, b[i]!)))
  return { median: median(rounds), rounds }
}

const summary = (runs: ReadonlyArray<Run>) => ({
  seconds: median(runs.map((r) => r.seconds)),
  rss: median(runs.map((r) => r.rssMb)),
  clauses: runs[0]!.clauses ?? 0
})

const main = async () => {
  const work = fs.mkdtempSync(path.join(tmpdir(), "clausetag-bench-"))
  try {
    const big = path.join(work, "corpus100")
    const small = path.join(work, "corpus25")
    const bytes = makeCorpus(ROOT, big, MB)
    const smallBytes = makeCorpus(ROOT, small, MB / 4)
    const prose = path.join(work, "prose100")
    const smallProse = path.join(work, "prose25")
    const proseBytes = makeProse(ROOT, prose, MB, 7)
    const smallProseBytes = makeProse(ROOT, smallProse, MB / 4, 8)
    const rules10 = path.join(work, "rules10x")
    multiplyRules(ROOT, rules10)
    console.error(`corpus: ${(bytes / 1e6).toFixed(1)} MB in ${big}; ${RUNS} runs each; ${JOBS} cores`)

    const out = path.join(work, "out")
    // Each full run writes into an empty folder, the previous run's outputs removed before the clock starts:
    // replacing a 450 MB labels.jsonl costs the run that replaces it 0.1–0.6 s (the kernel frees the old file), which
    // would charge each measurement for whichever ran before it.
    const full = (input: string, extra: Array<string>) => () => {
      fs.rmSync(out, { recursive: true, force: true })
      return runNode([CLI, "label", "--input", input, "--out", out, "--quiet", ...extra]).then((r): Run => ({
        ...r,
        clauses: (JSON.parse(fs.readFileSync(path.join(out, "run.json"), "utf8")) as { clauses: number }).clauses
      }))
    }
    // Rounds of one run of each measurement, so that a machine whose speed drifts during the bench (a shared
    // host) slows all of them alike rather than whichever happened to run then; each figure is its median.
    const measurements = {
      read: () => stageRun("read", big),
      segment: () => stageRun("segment", big),
      segmentLexicon: () => stageRun("segment_lexicon", big),
      jobs1: full(big, ["--jobs", "1"]),
      jobsN: full(big, ["--jobs", String(JOBS)]),
      rules10x: full(big, ["--jobs", String(JOBS), "--rules", rules10]),
      small25: full(small, ["--jobs", String(JOBS)]),
      prose: full(prose, ["--jobs", String(JOBS)]),
      prose25: full(smallProse, ["--jobs", String(JOBS)])
    }
    // Every run but a user's very first finds jieba's lexicon and the decoded rules in the cache (pipeline/cache.ts):
    // one untimed run with each rule set fills it, so that no round pays for that once-only work.
    for (const rules of ["rules", rules10]) {
      fs.rmSync(out, { recursive: true, force: true })
      await runNode([CLI, "label", "--input", path.join(ROOT, "seeds"), "--out", out, "--quiet", "--rules", rules])
    }
    const runs = Object.fromEntries(Object.keys(measurements).map((k) => [k, [] as Array<Run>])) as Record<keyof typeof measurements, Array<Run>>
    for (let round = 1; round <= RUNS; round++) {
      for (const [name, measure] of Object.entries(measurements)) {
        const r = await measure()
        runs[name as keyof typeof measurements].push(r)
        console.error(`round ${round}: ${name} ${r.seconds.toFixed(2)} s, ${Math.round(r.rssMb)} MB`)
      }
    }
    const read = summary(runs.read)
    const segment = summary(runs.segment)
    const segmentLexicon = summary(runs.segmentLexicon)
    const jobs1 = summary(runs.jobs1)
    const jobsN = summary(runs.jobsN)
    const rules10x = summary(runs.rules10x)
    const small25 = summary(runs.small25)
    const proseN = summary(runs.prose)
    const prose25 = summary(runs.prose25)
    const clauses = read.clauses

    const figures = {
      read_split: figure(bytes, clauses, read.seconds, read.rss),
      segment: figure(bytes, clauses, segment.seconds, segment.rss),
      segment_lexicon: figure(bytes, clauses, segmentLexicon.seconds, segmentLexicon.rss),
      label_jobs1: figure(bytes, clauses, jobs1.seconds, jobs1.rss),
      [`label_jobs${JOBS}`]: figure(bytes, clauses, jobsN.seconds, jobsN.rss),
      label_rules10x: figure(bytes, clauses, rules10x.seconds, rules10x.rss),
      label_25mb: figure(smallBytes, Math.round((clauses * smallBytes) / bytes), small25.seconds, small25.rss),
      prose_label: figure(proseBytes, proseN.clauses, proseN.seconds, proseN.rss),
      prose_label_25mb: figure(smallProseBytes, prose25.clauses, prose25.seconds, prose25.rss)
    }
    // Each ratio is taken within a round, where the machine's speed is alike for both sides, and the median of the
    // rounds is reported with their spread (a ratio of medians mixes rounds: it printed 1.69 of rounds 1.80, 1.17, 0.76).
    const ratios = {
      jobs1_vs_segment: perRound(runs.segment, runs.jobs1, (s, j) => s.seconds / j.seconds),
      jobsN_vs_jobs1: perRound(runs.jobs1, runs.jobsN, (a, b) => a.seconds / b.seconds),
      rules10x_vs_rules1: perRound(runs.jobsN, runs.rules10x, (a, b) => a.seconds / b.seconds),
      rss100_vs_rss25: perRound(runs.jobsN, runs.small25, (a, b) => a.rssMb / b.rssMb),
      prose_rss100_vs_rss25: perRound(runs.prose, runs.prose25, (a, b) => a.rssMb / b.rssMb)
    }
    const row = (name: string, r: Ratio, target: string) => `| ${name} | ${r.median} | ${r.rounds.join(", ")} | ${target} |`
    const table = [
      "| measurement | MB/s | clauses/s | peak RSS MB | seconds |",
      "|---|---:|---:|---:|---:|",
      ...Object.entries(figures).map(([k, f]) => `| ${k} | ${f.mb_per_s} | ${f.clauses_per_s} | ${f.peak_rss_mb} | ${f.seconds} |`),
      "",
      "| ratio | median of rounds | rounds | target |",
      "|---|---:|---|---|",
      row("jobs1_vs_segment", ratios.jobs1_vs_segment, "≥ 0.8"),
      row(`jobsN_vs_jobs1 (N=${JOBS})`, ratios.jobsN_vs_jobs1, "≥ 1.7 on 2 cores"),
      row("rules10x_vs_rules1", ratios.rules10x_vs_rules1, "≥ 0.8"),
      row("rss100_vs_rss25 (repeated seeds)", ratios.rss100_vs_rss25, "≤ 1.2, and under 1024 MB"),
      row("rss100_vs_rss25 (prose that does not repeat)", ratios.prose_rss100_vs_rss25, "≤ 1.2")
    ].join("\n")
    console.log(table)
    console.log(
      `\npeak RSS, ${JOBS} jobs: repeated seeds ${Math.round(small25.rss)} MB at ${(smallBytes / 1e6).toFixed(0)} MB, ${Math.round(jobsN.rss)} MB at ${(bytes / 1e6).toFixed(0)} MB; ` +
        `prose ${Math.round(prose25.rss)} MB at ${(smallProseBytes / 1e6).toFixed(0)} MB, ${Math.round(proseN.rss)} MB at ${(proseBytes / 1e6).toFixed(0)} MB`
    )
    const results = { corpus_mb: round3(bytes / 1e6), prose_mb: round3(proseBytes / 1e6), clauses, runs: RUNS, cores: JOBS, node: process.version, figures, ratios }
    if (QUICK) return
    fs.mkdirSync(path.join(ROOT, "bench"), { recursive: true })
    fs.writeFileSync(path.join(ROOT, "bench/results.json"), JSON.stringify(results, null, 2) + "\n")
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

const stageAt = process.argv.indexOf("--stage")
if (stageAt >= 0) await stage(process.argv[stageAt + 1]!, process.argv[stageAt + 2]!)
else await main()
