// `npm run bench [-- --mb 100 --runs 3]`: throughput and memory of the real CLI on a synthetic corpus made by
// repeating the seeds. Prints a table and writes bench/results.json. A script, not a test: figures vary by machine.
import { NodeContext } from "@effect/platform-node"
import * as Effect from "effect/Effect"
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import { availableParallelism, tmpdir } from "node:os"
import * as path from "node:path"
import { parseDocument } from "yaml"
import { InputError } from "../pipeline/errors.js"
import { listInputs } from "../pipeline/input/list.js"
import { normalize } from "../pipeline/match/normalize.js"
import { parseInput } from "../pipeline/input/parse.js"
import { loadJieba, nativeJieba } from "../pipeline/segment/jieba.js"

const ROOT = path.resolve(import.meta.dirname, "../..")
const CLI = path.join(ROOT, "dist/cli/cli.js")
const SELF = path.join(ROOT, "dist/bench/bench.js")

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const MB = arg("mb", 100)
const RUNS = arg("runs", 3)
const JOBS = availableParallelism()

const median = (xs: Array<number>): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Copies the seed files into `dir` until it holds at least `mb` megabytes; returns the bytes written. */
const makeCorpus = (dir: string, mb: number): number => {
  const seeds = fs.readdirSync(path.join(ROOT, "seeds")).filter((f) => f.endsWith(".txt")).sort()
  const texts = seeds.map((f) => fs.readFileSync(path.join(ROOT, "seeds", f)))
  fs.mkdirSync(dir, { recursive: true })
  let bytes = 0
  for (let copy = 0; bytes < mb * 1e6; copy++) {
    const sub = path.join(dir, `part${String(Math.floor(copy / 200)).padStart(3, "0")}`)
    fs.mkdirSync(sub, { recursive: true })
    seeds.forEach((name, i) => {
      fs.writeFileSync(path.join(sub, `${String(copy).padStart(5, "0")}_${name}`), texts[i]!)
      bytes += texts[i]!.length
    })
  }
  return bytes
}

/**
 * A rules folder with every rule ten times: the original and nine copies whose terms carry a distinct suffix and
 * whose regex starts with a distinct two-character literal. The copies are compiled into the automaton like real
 * rules, but, like the rules of a real tenfold rule set, each is woken only by its own terms, which this corpus
 * does not hold: the labels, and so the output to write, stay those of the original rules, and what grows is the
 * rule set the matcher carries. (Copies of a regex that keep its wake literals would all wake on the same clauses:
 * ten identical rules, which no real rule set has.)
 */
const multiplyRules = (dir: string): void => {
  fs.mkdirSync(dir, { recursive: true })
  const suffixes = ["", ..."乙丙丁戊己庚辛壬癸"]
  for (const file of fs.readdirSync(path.join(ROOT, "rules")).filter((f) => f.endsWith(".yaml"))) {
    const content = parseDocument(fs.readFileSync(path.join(ROOT, "rules", file), "utf8")).toJS()
    const mark = (terms: Array<string> | undefined, s: string) => terms?.map((t) => t + s)
    content.rules = content.rules.flatMap((r: Record<string, unknown>) =>
      suffixes.map((s, i) => ({
        ...r,
        id: i === 0 ? r["id"] : `${r["id"]}_x${i}`,
        any: mark(r["any"] as Array<string> | undefined, s),
        all: (r["all"] as Array<Array<string>> | undefined)?.map((g) => mark(g, s)),
        regex: r["regex"] === undefined || i === 0 ? r["regex"] : `${s}${s}(?:${r["regex"]})`
      }))
    )
    fs.writeFileSync(path.join(dir, file), JSON.stringify(content))
  }
}

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
    const bytes = makeCorpus(big, MB)
    const smallBytes = makeCorpus(small, MB / 4)
    const rules10 = path.join(work, "rules10x")
    multiplyRules(rules10)
    console.error(`corpus: ${(bytes / 1e6).toFixed(1)} MB in ${big}; ${RUNS} runs each; ${JOBS} cores`)

    const out = path.join(work, "out")
    // Each full run writes into an empty folder, the previous run's outputs removed before the clock starts:
    // replacing a 450 MB labels.jsonl costs the run that replaces it 0.1–0.6 s (the kernel frees the old file), which
    // would charge each measurement for whichever ran before it.
    const full = (input: string, extra: Array<string>) => () => {
      fs.rmSync(out, { recursive: true, force: true })
      return runNode([CLI, "label", "--input", input, "--out", out, "--quiet", ...extra])
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
      small25: full(small, ["--jobs", String(JOBS)])
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
    const clauses = read.clauses

    const figures = {
      read_split: figure(bytes, clauses, read.seconds, read.rss),
      segment: figure(bytes, clauses, segment.seconds, segment.rss),
      segment_lexicon: figure(bytes, clauses, segmentLexicon.seconds, segmentLexicon.rss),
      label_jobs1: figure(bytes, clauses, jobs1.seconds, jobs1.rss),
      [`label_jobs${JOBS}`]: figure(bytes, clauses, jobsN.seconds, jobsN.rss),
      label_rules10x: figure(bytes, clauses, rules10x.seconds, rules10x.rss),
      label_25mb: figure(smallBytes, Math.round((clauses * smallBytes) / bytes), small25.seconds, small25.rss)
    }
    const round = (x: number) => Math.round(x * 1000) / 1000
    const ratios = {
      jobs1_vs_segment: round(figures.label_jobs1.mb_per_s / figures.segment.mb_per_s),
      jobsN_vs_jobs1: round(jobs1.seconds / jobsN.seconds),
      rules10x_vs_rules1: round(jobsN.seconds / rules10x.seconds),
      rss100_vs_rss25: round(jobsN.rss / small25.rss)
    }
    const table = [
      "| measurement | MB/s | clauses/s | peak RSS MB | seconds |",
      "|---|---:|---:|---:|---:|",
      ...Object.entries(figures).map(([k, f]) => `| ${k} | ${f.mb_per_s} | ${f.clauses_per_s} | ${f.peak_rss_mb} | ${f.seconds} |`),
      "",
      "| ratio | value | target |",
      "|---|---:|---|",
      `| jobs1_vs_segment | ${ratios.jobs1_vs_segment} | ≥ 0.8 |`,
      `| jobsN_vs_jobs1 (N=${JOBS}) | ${ratios.jobsN_vs_jobs1} | ≥ 1.7 on 2 cores |`,
      `| rules10x_vs_rules1 | ${ratios.rules10x_vs_rules1} | ≥ 0.8 |`,
      `| rss100_vs_rss25 | ${ratios.rss100_vs_rss25} | ≤ 1.2, and under 1024 MB |`
    ].join("\n")
    console.log(table)
    const results = { corpus_mb: round(bytes / 1e6), clauses, runs: RUNS, cores: JOBS, node: process.version, figures, ratios }
    fs.mkdirSync(path.join(ROOT, "bench"), { recursive: true })
    fs.writeFileSync(path.join(ROOT, "bench/results.json"), JSON.stringify(results, null, 2) + "\n")
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

const stageAt = process.argv.indexOf("--stage")
if (stageAt >= 0) await stage(process.argv[stageAt + 1]!, process.argv[stageAt + 2]!)
else await main()
