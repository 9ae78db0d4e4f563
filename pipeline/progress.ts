// Progress for long runs goes to stderr only: a live line on a terminal, a plain line every few seconds
// otherwise (logs of batch jobs), nothing when quiet. Outputs never see it.

export interface Progress {
  readonly update: (delta: { documents: number; clauses: number; bytes: number }) => void
  readonly done: () => void
}

export const silent: Progress = { update: () => {}, done: () => {} }

export const stderrProgress = (totalFiles: number): Progress => {
  const tty = process.stderr.isTTY === true
  const started = performance.now()
  let last = started
  let shown = false
  let documents = 0
  let clauses = 0
  let bytes = 0
  const line = () => {
    const seconds = (performance.now() - started) / 1000
    const mb = bytes / 1e6
    return `${documents} documents, ${clauses} clauses, ${mb.toFixed(1)} MB of ${totalFiles} files, ${(mb / Math.max(seconds, 1e-3)).toFixed(1)} MB/s`
  }
  return {
    update: (d) => {
      documents += d.documents
      clauses += d.clauses
      bytes += d.bytes
      const now = performance.now()
      if (now - last < (tty ? 200 : 5000)) return
      last = now
      shown = true
      process.stderr.write(tty ? `\r\x1b[2K${line()}` : `${line()}\n`)
    },
    done: () => {
      if (tty && shown) process.stderr.write("\r\x1b[2K")
    }
  }
}
