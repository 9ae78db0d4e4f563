// The decisions file and its lock. A decision is one appended line, written and fsync'ed before the page is told it
// is saved, one at a time (a semaphore), so a killed server loses nothing the page showed as saved and two tabs never
// interleave bytes. The lock (`<file>.lock`, holding pid and port) keeps a second server off the same file; a lock
// whose process is gone is stale and taken over.
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { InputError, OutputError, UsageError } from "../errors.js"
import type { CategoryId } from "../domain.js"
import { decisionLine, parseDecisions, type Decision } from "./review-data.js"
import { alive } from "../run/folder.js"

export interface DecisionStore {
  readonly file: string
  /** The decisions so far, the last line for an id winning; updated by `save`. */
  readonly decisions: ReadonlyMap<string, ReadonlyArray<CategoryId>>
  /** Appends and fsyncs the line; succeeds only once it is on disk. */
  readonly save: (d: Decision) => Effect.Effect<void, OutputError>
  /** Waits for the decision being written, if any. */
  readonly drain: Effect.Effect<void>
}

const attempt = <A>(file: string, f: () => A): Effect.Effect<A, OutputError> =>
  Effect.try({ try: f, catch: (e) => new OutputError({ file, reason: (e as Error).message }) })

const syncDirectory = (dir: string) => {
  const fd = fs.openSync(dir, "r")
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/** Opens (or will create) the decisions file; a line torn by a killed server is cut off, since it was never saved. */
export const openStore = Effect.fn("Review.openStore")(function* (file: string) {
  const content = fs.existsSync(file)
    ? yield* Effect.try({ try: () => fs.readFileSync(file, "utf8"), catch: (e) => new InputError({ file, reason: (e as Error).message }) })
    : ""
  const parsed = parseDecisions(content)
  if (!parsed.ok) {
    return yield* new InputError({
      file,
      line: parsed.problem.line,
      reason: `${parsed.problem.reason}; each line must be {"id": …, "labels": [category ids]}: fix or delete that line`
    })
  }
  if (parsed.value.torn) {
    const keep = content.lastIndexOf("\n") + 1
    yield* attempt(file, () => fs.truncateSync(file, Buffer.byteLength(content.slice(0, keep))))
    yield* Console.error(`clausetag: ${file}: cut off an incomplete last line (a server was killed while writing it; it was never shown as saved)`)
  }
  const decisions = new Map(parsed.value.decisions)
  const lock = yield* Effect.makeSemaphore(1)
  const save = (d: Decision) =>
    lock.withPermits(1)(
      attempt(file, () => {
        const created = !fs.existsSync(file)
        const fd = fs.openSync(file, "a")
        try {
          fs.writeSync(fd, decisionLine(d))
          fs.fsyncSync(fd)
        } finally {
          fs.closeSync(fd)
        }
        if (created) syncDirectory(path.dirname(path.resolve(file)))
        decisions.set(d.id, [...d.labels].sort())
      })
    )
  return { file, decisions, save, drain: lock.withPermits(1)(Effect.void) } satisfies DecisionStore
})

interface LockContent {
  readonly pid: number
  readonly port: number
}

const readLock = (lockFile: string): LockContent | undefined => {
  try {
    const v = JSON.parse(fs.readFileSync(lockFile, "utf8")) as LockContent
    return typeof v.pid === "number" && typeof v.port === "number" ? v : undefined
  } catch {
    return undefined
  }
}

/** Takes `<file>.lock` for this process and port until the scope closes; fails if a live server holds it. */
export const lockDecisions = (file: string, port: number) => {
  const lockFile = `${file}.lock`
  const take = Effect.suspend((): Effect.Effect<string, OutputError | UsageError> => {
    for (let attemptNo = 0; attemptNo < 2; attemptNo++) {
      try {
        fs.mkdirSync(path.dirname(lockFile), { recursive: true })
        fs.writeFileSync(lockFile, `${JSON.stringify({ pid: process.pid, port })}\n`, { flag: "wx" })
        return Effect.succeed(lockFile)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
          return Effect.fail(new OutputError({ file: lockFile, reason: (e as Error).message }))
        }
        const held = readLock(lockFile)
        const since = Date.now() - (fs.statSync(lockFile, { throwIfNoEntry: false })?.mtimeMs ?? 0)
        if (held === undefined && since < 5000) {
          return Effect.fail(new UsageError({ reason: `another review server is starting on ${file} (${lockFile}); wait for it or try again` }))
        }
        if (held !== undefined && alive(held.pid)) {
          return Effect.fail(
            new UsageError({
              reason:
                `another review server (pid ${held.pid}) is already saving to ${file}: open http://127.0.0.1:${held.port}/ ` +
                `or stop that server first (Ctrl-C in its terminal, or kill ${held.pid})`
            })
          )
        }
        // Stale: its process is gone (or the lock is unreadable, left by a crash between create and write).
        fs.rmSync(lockFile, { force: true })
      }
    }
    return Effect.fail(new OutputError({ file: lockFile, reason: "could not take the lock: another server is starting; try again" }))
  })
  return Effect.acquireRelease(take, (f) =>
    Effect.sync(() => {
      if (readLock(f)?.pid === process.pid) fs.rmSync(f, { force: true })
    })
  )
}
