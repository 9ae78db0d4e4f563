import { describe, expect, it } from "@effect/vitest"
import { progress } from "../pipeline/run/progress.js"

/** A sink that records what is written, with a clock the test moves. */
const recorder = (tty: boolean) => {
  let clock = 0
  const written: Array<string> = []
  return { sink: { tty, write: (t: string) => void written.push(t), now: () => clock }, written, advance: (ms: number) => (clock += ms) }
}

const batch = { documents: 2, clauses: 30, bytes: 500_000 }

describe("progress on stderr", () => {
  it("writes a plain line every 5 s to a log, with running totals and MB/s", () => {
    const r = recorder(false)
    const p = progress(8, r.sink)
    p.update(batch)
    r.advance(4000)
    p.update(batch)
    expect(r.written).toEqual([])
    r.advance(1000)
    p.update(batch)
    expect(r.written).toEqual(["6 documents, 90 clauses, 1.5 MB of 8 files, 0.3 MB/s\n"])
    p.done()
    expect(r.written).toHaveLength(1)
  })

  it("redraws one line on a terminal and clears it when done", () => {
    const r = recorder(true)
    const p = progress(3, r.sink)
    r.advance(250)
    p.update(batch)
    r.advance(100)
    p.update(batch)
    r.advance(150)
    p.update(batch)
    expect(r.written).toEqual([
      "\r\x1b[2K2 documents, 30 clauses, 0.5 MB of 3 files, 2.0 MB/s",
      "\r\x1b[2K6 documents, 90 clauses, 1.5 MB of 3 files, 3.0 MB/s"
    ])
    p.done()
    expect(r.written.at(-1)).toBe("\r\x1b[2K")
  })
})
