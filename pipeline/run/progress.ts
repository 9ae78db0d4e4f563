// Progress for long runs goes to stderr only: a live line on a terminal, a plain line every few seconds
// otherwise (logs of batch jobs), nothing when quiet. Outputs never see it.

export interface Progress {
  readonly update: (delta: { documents: number; clauses: number; bytes: number }) => void
  readonly done: () => void
}

export const silent: Progress = { update: () => {}, done: () => {} }

/** Where progress goes and how time is read: stderr and the clock, or a test's stand-ins. */
export interface ProgressSink {
  readonly tty: boolean
  readonly write: (text: string) => void
  readonly now: () => number
}

const stderrSink: ProgressSink = {
  tty: process.stderr.isTTY === true,
  write: (text) => process.stderr.write(text),
  now: () => performance.now()
}

/** A terminal's line is redrawn at most every 200 ms; a log gets a line every 5 s. */
export const progress = (totalFiles: number, sink: ProgressSink = stderrSink): Progress => {
  const started = sink.now()
  let last = started
  let shown = false
  let documents = 0
  let clauses = 0
  let bytes = 0
  const line = () => {
    const seconds = (sink.now() - started) / 1000
    const mb = bytes / 1e6
    return `${documents} documents, ${clauses} clauses, ${mb.toFixed(1)} MB of ${totalFiles} files, ${(mb / Math.max(seconds, 1e-3)).toFixed(1)} MB/s`
  }
  return {
    update: (d) => {
      documents += d.documents
      clauses += d.clauses
      bytes += d.bytes
      const now = sink.now()
      if (now - last < (sink.tty ? 200 : 5000)) return
      last = now
      shown = true
      sink.write(sink.tty ? `\r\x1b[2K${line()}` : `${line()}\n`)
    },
    done: () => {
      if (sink.tty && shown) sink.write("\r\x1b[2K")
    }
  }
}
