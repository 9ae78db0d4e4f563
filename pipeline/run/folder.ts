// The output folder itself: creating it, and holding it for one run at a time. Node's own recursive mkdir loops
// forever, at full CPU and deaf to signals, below a folder that refuses new entries such as /proc; so folders are
// made one level at a time, and the first refusal is an error. The lock is a file created exclusively, holding the
// process id, so a lock left by a killed run is recognized as stale and taken over.
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as fs from "node:fs"
import * as path from "node:path"
import { OutputError } from "../errors.js"

/** `mkdir -p`, one level at a time; throws the first error other than "exists". */
export const makeDirs = (dir: string): void => {
  const missing: Array<string> = []
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) {
    missing.push(d)
    if (path.dirname(d) === d) break
  }
  for (const d of missing.reverse()) {
    try {
      fs.mkdirSync(d)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
    }
  }
  if (!fs.statSync(dir).isDirectory()) throw new Error("not a folder")
}

export const LOCK = ".clausetag.lock"

/** Whether process `pid` is running (a lock whose process is gone is stale). */
export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"
  }
}

/** Takes `dir`'s lock for the scope, or fails naming the run that holds it. */
export const lockFolder = (dir: string): Effect.Effect<void, OutputError, Scope.Scope> => {
  const file = path.join(dir, LOCK)
  const take = Effect.try({
    try: () => {
      for (let attempt = 0; ; attempt++) {
        try {
          fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" })
          return
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw e
          const holder = Number(fs.readFileSync(file, "utf8").trim())
          if (Number.isInteger(holder) && holder > 0 && alive(holder))
            throw new OutputError({
              file: dir,
              reason: `another clausetag run (process ${holder}) is writing to this folder; wait for it to finish or pass another --out`
            })
          fs.rmSync(file, { force: true })
        }
      }
    },
    catch: (e) => (e instanceof OutputError ? e : new OutputError({ file, reason: (e as Error).message }))
  })
  return Effect.acquireRelease(take, () => Effect.sync(() => fs.rmSync(file, { force: true })))
}
