// Outputs are written to hidden temporary files beside their targets and renamed into place only once all of them
// are complete, so a run that fails or is killed leaves the previous outputs as they were. Temporary files of a
// failed run are removed; those of a killed run are hidden (`.name.tmp-PID`) and swept by the next run.
import * as Effect from "effect/Effect"
import * as Scope from "effect/Scope"
import * as fs from "node:fs"
import * as path from "node:path"
import { OutputError } from "../errors.js"
import { lockFolder, makeDirs } from "./folder.js"

export interface OutputFile {
  /** Appends UTF-8 bytes at once (one system call for all of them, as a rule): their memory may be reused after. */
  readonly write: (chunks: ReadonlyArray<Uint8Array>) => Effect.Effect<void, OutputError>
}

export interface Outputs {
  readonly open: (name: string) => Effect.Effect<OutputFile, OutputError>
  /** Writes a whole file at once. */
  readonly put: (name: string, text: string) => Effect.Effect<void, OutputError>
  /** Renames every file into place; until then none is visible. */
  readonly commit: Effect.Effect<void, OutputError>
}

/**
 * A large output is handed to the disk as it grows: every SYNC_EVERY bytes, an fdatasync runs in the background
 * (libuv's thread pool), so that the fsync before the rename finds little left to write instead of stalling the end
 * of the run for the whole file (about 0.15 s per 450 MB here). Its errors are left to that final fsync.
 */
const SYNC_EVERY = 1 << 26

const attempt = <A>(file: string, f: () => A): Effect.Effect<A, OutputError> =>
  Effect.try({ try: f, catch: (e) => new OutputError({ file, reason: (e as Error).message }) })

export interface OutputOptions {
  /** Hold the folder's lock file while the outputs are made: a second run into it is refused, not interleaved. */
  readonly exclusive?: boolean
  /** The files this set owns: those of them it does not write are removed when it commits (a stale panel.csv). */
  readonly owns?: ReadonlyArray<string>
}

/** A set of outputs in `dir`, created if missing. Leaving the scope without `commit` discards them. */
export const makeOutputs = (dir: string, options: OutputOptions = {}): Effect.Effect<Outputs, OutputError, Scope.Scope> =>
  Effect.gen(function* () {
    yield* attempt(dir, () => makeDirs(dir))
    if (options.exclusive) yield* lockFolder(dir)
    yield* attempt(dir, () => sweep(dir))
    const pending: Array<{ tmp: string; target: string; fd: number; unsynced: number; syncing: boolean }> = []
    let committed = false
    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        for (const p of pending) {
          try {
            fs.closeSync(p.fd)
          } catch {}
          if (!committed) fs.rmSync(p.tmp, { force: true })
        }
      })
    )
    const create = (name: string) =>
      attempt(path.join(dir, name), () => {
        const target = path.join(dir, name)
        makeDirs(path.dirname(target))
        const tmp = path.join(path.dirname(target), `.${path.basename(name)}.tmp-${process.pid}`)
        const entry = { tmp, target, fd: fs.openSync(tmp, "w"), unsynced: 0, syncing: false }
        pending.push(entry)
        return entry
      })
    const append = (p: (typeof pending)[number], given: ReadonlyArray<Uint8Array>) =>
      attempt(p.target, () => {
        // writev may write part of what it is given: go on until every byte is out.
        const chunks = [...given]
        while (chunks.length > 0) {
          let written = fs.writevSync(p.fd, chunks)
          p.unsynced += written
          let first = chunks[0]
          while (first !== undefined && written >= first.length) {
            written -= first.length
            chunks.shift()
            first = chunks[0]
          }
          if (first !== undefined && written > 0) chunks[0] = first.subarray(written)
        }
        if (p.unsynced >= SYNC_EVERY && !p.syncing) {
          p.syncing = true
          p.unsynced = 0
          fs.fdatasync(p.fd, () => {
            p.syncing = false
          })
        }
      })
    const open = (name: string) => Effect.map(create(name), (p): OutputFile => ({ write: (chunks) => append(p, chunks) }))
    const put = (name: string, text: string) => Effect.flatMap(create(name), (p) => append(p, [Buffer.from(text)]))
    const commit = Effect.gen(function* () {
      for (const p of pending) yield* attempt(p.target, () => fs.fsyncSync(p.fd))
      for (const p of pending) yield* attempt(p.target, () => fs.renameSync(p.tmp, p.target))
      committed = true
      const written = new Set(pending.map((p) => p.target))
      for (const name of options.owns ?? []) {
        const stale = path.join(dir, name)
        if (!written.has(stale)) yield* attempt(stale, () => fs.rmSync(stale, { force: true }))
      }
    })
    return { open, put, commit }
  })

/** Removes temporary files left by killed runs. */
const sweep = (dir: string): void => {
  for (const name of fs.readdirSync(dir)) {
    if (/^\..+\.tmp-\d+$/.test(name)) fs.rmSync(path.join(dir, name), { force: true })
  }
}
