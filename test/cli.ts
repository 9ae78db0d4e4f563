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

export const tempDir = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `clausetag-${prefix}-`))

/** Every file below `dir` with its bytes, keyed by relative path. */
export const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(
    (fs.readdirSync(dir, { recursive: true }) as Array<string>)
      .filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")])
  )
