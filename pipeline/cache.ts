// Derived data that is slow to make and quick to read back, kept between runs: jieba's lexicon tables (26 MB, 0.4 s
// to build from its dictionaries) and decoded rule files (0.3 s to parse and check while the code is still cold).
// Each is on the path to a run's first labeled clause, and so are both in every `label`, `explain` and `eval`.
//
// An entry is named by the SHA-256 of what it is made from (the dictionaries' or the rule file's bytes) and of the
// program's own files, so it is never stale: a changed file, or a changed program, is another name. It is written to
// a temporary file and renamed into place, so a reader finds a whole entry or none, and one that cannot be read or
// does not check is made again. A cache never changes an output: runs give the same bytes with it, with a cold one,
// and without one.
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { threadId } from "node:worker_threads"

/**
 * The cache folder: `$CLAUSETAG_CACHE`, else `$XDG_CACHE_HOME/clausetag`, else `~/.cache/clausetag`; none when
 * `CLAUSETAG_CACHE=off`.
 */
export const cacheDir = (): string | undefined => {
  const set = process.env["CLAUSETAG_CACHE"]
  if (set === "off") return undefined
  if (set !== undefined && set !== "") return set
  const xdg = process.env["XDG_CACHE_HOME"]
  return path.join(xdg !== undefined && xdg !== "" ? xdg : path.join(os.homedir(), ".cache"), "clausetag")
}

/**
 * The SHA-256 of the program's own files (those beside this module: the bundle's chunks, or the compiled or source
 * modules), worked out once per thread: about 1 MB, a few milliseconds.
 */
let program: string | undefined
const programHash = (): string => {
  if (program !== undefined) return program
  const dir = path.dirname(fileURLToPath(import.meta.url))
  const hash = createHash("sha256")
  const names = (fs.readdirSync(dir, { recursive: true }) as Array<string>)
    .map((n) => n.split(path.sep).join("/"))
    .filter((n) => /\.[cm]?[jt]s$/.test(n))
    .sort()
  for (const name of names) {
    hash.update(`${name}\0`)
    hash.update(fs.readFileSync(path.join(dir, name)))
  }
  return (program = hash.digest("hex"))
}

/**
 * An entry's name: `kind-` and the SHA-256 of the program and the parts, each part prefixed by its length so that
 * no two lists collide.
 */
export const entryName = (kind: string, parts: ReadonlyArray<string | Uint8Array>): string => {
  const hash = createHash("sha256")
  hash.update(programHash())
  for (const part of parts) {
    hash.update(`${typeof part === "string" ? "s" : "b"}${part.length}:`)
    hash.update(part)
  }
  return `${kind}-${hash.digest("hex").slice(0, 32)}`
}

/** An entry's bytes, read into memory from `allocate`; undefined when there is no cache or no readable entry. */
export const readEntry = (name: string, allocate: (size: number) => Uint8Array = (size) => new Uint8Array(size)): Uint8Array | undefined => {
  const dir = cacheDir()
  if (dir === undefined) return undefined
  let fd: number
  try {
    fd = fs.openSync(path.join(dir, name), "r")
  } catch {
    return undefined
  }
  try {
    const size = fs.fstatSync(fd).size
    const bytes = allocate(size)
    for (let read = 0; read < size; ) {
      const n = fs.readSync(fd, bytes, read, size - read, read)
      if (n === 0) return undefined
      read += n
    }
    return bytes
  } catch {
    return undefined
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Writes an entry whole, then leaves at most `keep` entries of its kind, the newest. A cache that cannot be written
 * (a read-only home, a full disk) is no error: the run goes on without it.
 */
export const writeEntry = (name: string, parts: ReadonlyArray<Uint8Array>, keep: number): void => {
  const dir = cacheDir()
  if (dir === undefined) return
  const tmp = path.join(dir, `.${name}.tmp-${process.pid}-${threadId}`)
  try {
    fs.mkdirSync(dir, { recursive: true })
    const fd = fs.openSync(tmp, "w")
    try {
      fs.writevSync(fd, [...parts])
    } finally {
      fs.closeSync(fd)
    }
    if (fs.statSync(tmp).size !== parts.reduce((n, p) => n + p.length, 0)) throw new Error("short write")
    fs.renameSync(tmp, path.join(dir, name))
    prune(dir, name.slice(0, name.indexOf("-") + 1), keep)
  } catch {
    fs.rmSync(tmp, { force: true })
  }
}

/** Removes all but the `keep` newest entries whose names start with `prefix`. */
const prune = (dir: string, prefix: string, keep: number): void => {
  const names = fs.readdirSync(dir).filter((n) => n.startsWith(prefix))
  if (names.length <= keep) return
  const entries = names.map((n) => ({ n, t: fs.statSync(path.join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
  entries.sort((a, b) => b.t - a.t)
  for (const { n } of entries.slice(keep)) fs.rmSync(path.join(dir, n), { force: true })
}
