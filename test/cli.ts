// Runs the built CLI (dist/, compiled by `npm test` before vitest starts) as a user would.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

export const ROOT = path.resolve(import.meta.dirname, "..")
const CLI = path.join(ROOT, "dist/cli/cli.js")

export interface CliResult {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

export const clausetag = (args: ReadonlyArray<string>, cwd = ROOT): CliResult => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const made: Array<string> = []

/** A new temporary folder, removed after the test file (test/cleanup.ts). */
export const tempDir = (prefix: string): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `clausetag-${prefix}-`))
  made.push(dir)
  return dir
}

/** Removes every folder tempDir made in this test file. */
export const removeTempDirs = (): void => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}

export const SHARED = path.resolve(ROOT, "../shared")

/** A file of ../shared. A test that needs one fails, saying what is missing, instead of skipping. */
export const sharedFile = (relative: string): string => {
  const file = path.join(SHARED, relative)
  if (!fs.existsSync(file))
    throw new Error(`this test needs ${file}: the shared folder (gold, corpus) belongs beside the repository, as ../shared; put it there and run again`)
  return file
}

/** The texts of the dev gold clauses (../shared/gold/dev.jsonl). */
export const goldTexts = (): Array<string> =>
  fs.readFileSync(sharedFile("gold/dev.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l).text as string)

/** Every file below `dir` with its bytes, keyed by relative path. */
export const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(
    (fs.readdirSync(dir, { recursive: true }) as Array<string>)
      .filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")])
  )
