// `clausetag diff BASE [HEAD]`: each side is an out/ folder, or a git revision whose rules and seeds are checked out
// in a temporary worktree and labeled with this build; HEAD defaults to the working tree. Both sides are read into
// the plain form diff.ts compares.
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { isCategoryId, type CategoryId } from "../domain.js"
import { compareSides, type Side, type SideClause, type SideRule } from "../report/diff.js"
import { UsageError } from "../errors.js"
import { readGold, scoreGold } from "./eval.js"
import { labelCorpus } from "../run/program.js"
import { loadRules } from "../rules/load.js"
import { loadSegmenter } from "../segment/segmenter.js"

interface Resolved {
  readonly name: string
  readonly outDir: string
  /** The rules that produced the side, when known: needed to score it against gold. */
  readonly rulesDir: string | null
}

const tempDir = (prefix: string) =>
  Effect.acquireRelease(
    Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), `clausetag-${prefix}-`))),
    (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
  )

const git = (args: ReadonlyArray<string>) =>
  Effect.try({
    try: () => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim(),
    catch: (e) => new UsageError({ reason: `git ${args.join(" ")} failed: ${String((e as { stderr?: string }).stderr ?? e).trim()}` })
  })

/** A git revision checked out in a temporary worktree for the scope's lifetime. */
const worktree = (rev: string) =>
  Effect.gen(function* () {
    const commit = yield* git(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]).pipe(
      Effect.mapError(() => new UsageError({ reason: `${rev} is neither an out/ folder (with labels.jsonl) nor a git revision` }))
    )
    const dir = path.join(yield* tempDir("worktree"), "tree")
    return yield* Effect.acquireRelease(git(["worktree", "add", "--detach", "--quiet", dir, commit]).pipe(Effect.as(dir)), () =>
      git(["worktree", "remove", "--force", dir]).pipe(Effect.ignore)
    )
  })

const labelInto = (name: string, rulesDir: string, seeds: string) =>
  Effect.gen(function* () {
    const outDir = yield* tempDir("diff")
    yield* labelCorpus({ inputs: [seeds], rulesDir, outDir, jobs: 1, progress: false, panel: false })
    return { name, outDir, rulesDir } satisfies Resolved
  })

const resolve = (arg: string | undefined, rulesDir: string) =>
  Effect.gen(function* () {
    if (arg === undefined) return yield* labelInto("working tree", rulesDir, "seeds")
    if (fs.existsSync(path.join(arg, "labels.jsonl"))) return { name: arg, outDir: arg, rulesDir: null } satisfies Resolved
    const tree = yield* worktree(arg)
    return yield* labelInto(arg, path.join(tree, "rules"), path.join(tree, "seeds"))
  })

const readSide = Effect.fn("Diff.readSide")(function* (r: Resolved, gold: string | undefined) {
  const files = yield* FileSystem.FileSystem
  const read = (name: string) =>
    files.readFileString(path.join(r.outDir, name)).pipe(
      Effect.mapError(() => new UsageError({ reason: `${r.name} has no ${name}: give an out/ folder written by clausetag run or label` }))
    )
  const clauses = new Map<string, SideClause>()
  for (const line of (yield* read("labels.jsonl")).split("\n")) {
    if (line === "") continue
    const c = JSON.parse(line) as { id: string } & SideClause
    clauses.set(c.id, { text: c.text, labels: c.labels, matches: c.matches })
  }
  const coverage = JSON.parse(yield* read("coverage.json")) as {
    rules_hash: string
    rules: Array<{ id: string } & SideRule>
  }
  const rules = new Map(coverage.rules.map((x) => [x.id, { category: x.category, fingerprint: x.fingerprint, hits: x.hits }]))
  const scores = gold === undefined ? undefined : yield* sideScores(r, gold)
  return { name: r.name, rulesHash: coverage.rules_hash, clauses, rules, scores } satisfies Side
})

type ScoreMap = Map<CategoryId, { precision: number; recall: number; f1: number }>

/** Scores a side against gold: by labeling the gold texts with its rules, or from an eval.json beside its outputs. */
const sideScores = (r: Resolved, gold: string) =>
  Effect.gen(function* () {
    if (r.rulesDir !== null) {
      const rules = yield* loadRules(r.rulesDir)
      const evaluation = scoreGold(rules, yield* readGold(gold), yield* loadSegmenter(rules.userDictionary))
      return new Map(evaluation.categories.map((c) => [c.id, c])) as ScoreMap
    }
    const file = path.join(r.outDir, "eval.json")
    if (!fs.existsSync(file)) return yield* new UsageError({ reason: `${r.name} has no eval.json to compare accuracy: run clausetag eval --out ${r.outDir}` })
    const saved = JSON.parse(fs.readFileSync(file, "utf8")) as { categories: Array<{ id: string; precision: number; recall: number; f1: number }> }
    return new Map(saved.categories.filter((c) => isCategoryId(c.id)).map((c) => [c.id as CategoryId, c])) as ScoreMap
  })

export const diffCommand = Effect.fn("Diff.run")(function* (options: {
  base: string
  head: string | undefined
  rulesDir: string
  gold: string | undefined
}) {
  return yield* Effect.scoped(
    Effect.gen(function* () {
      const base = yield* readSide(yield* resolve(options.base, options.rulesDir), options.gold)
      const head = yield* readSide(yield* resolve(options.head, options.rulesDir), options.gold)
      return compareSides(base, head)
    })
  )
})
