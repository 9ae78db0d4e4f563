// A PDF's text layer as paragraphs. pdfjs gives positioned runs of text; they are grouped into lines by baseline,
// lines that repeat at the top or bottom of the pages (running headers, footers, page numbers) are dropped, and lines
// are joined into paragraphs across hard wraps and page breaks by their geometry: a line that reaches the right
// margin continues on the next, unless the next is set apart (a wider gap, an indent). Loaded only for PDF inputs.
import { createRequire } from "node:module"
import * as path from "node:path"
import { foldRadicals } from "./fold.js"

interface Run {
  readonly str: string
  readonly transform: ReadonlyArray<number>
  readonly width: number
}

interface Line {
  text: string
  readonly y: number
  readonly size: number
  left: number
  right: number
}

/** Why a PDF gives no text: told to the user with the fix. */
export class PdfUnreadable extends Error {
  override readonly name = "PdfUnreadable"
}

const NO_TEXT = "no text layer (a scanned or image-only PDF): run OCR first (e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`) and label the result"
const ENCRYPTED = "encrypted PDF: it needs a password; save an unprotected copy (e.g. `qpdf --decrypt in.pdf out.pdf`) and label that"
const DAMAGED = "not a readable PDF (damaged or truncated); download or export it again"

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c)

/** Joins two pieces of one line or paragraph: a space only between two Latin words or numbers. */
const glue = (a: string, b: string): string => (isWordChar(a.at(-1)) && isWordChar(b[0]) ? `${a} ${b}` : a + b)

/** A page's runs as lines, top to bottom, each run's text in reading order. */
export const pageLines = (runs: ReadonlyArray<Run>): Array<Line> => {
  const lines: Array<Line> = []
  const sorted = runs
    .filter((r) => r.str.trim() !== "")
    .map((r) => ({ r, x: r.transform[4]!, y: r.transform[5]!, size: Math.abs(r.transform[3]!) || Math.abs(r.transform[0]!) || 10 }))
    .sort((a, b) => b.y - a.y || a.x - b.x)
  for (const { r, x, y, size } of sorted) {
    const line = lines.find((l) => Math.abs(l.y - y) < Math.min(l.size, size) * 0.5)
    if (line === undefined) {
      lines.push({ text: r.str.trim(), y, size, left: x, right: x + r.width })
      continue
    }
    const gap = x - line.right
    line.text = gap > size * 0.25 ? glue(line.text, r.str.trim()) : line.text + r.str
    line.right = Math.max(line.right, x + r.width)
    line.left = Math.min(line.left, x)
  }
  for (const l of lines) l.text = l.text.replace(/\s+/g, " ").trim()
  return lines.sort((a, b) => b.y - a.y)
}

const PAGE_NUMBER = /^[-—–－\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:[/／]\s*\d{1,4}|共\s*\d{1,4}\s*页)?[-—–－\s]*$/
const shape = (text: string): string => text.replace(/\d+/g, "#")

/**
 * Drops running headers and footers: the first and last two lines of a page whose text (digits aside) recurs at
 * the top or bottom of at least half the pages, and page numbers there.
 */
export const dropRunning = (pages: ReadonlyArray<ReadonlyArray<Line>>): Array<Array<Line>> => {
  const edge = (lines: ReadonlyArray<Line>) => new Set([...lines.slice(0, 2), ...lines.slice(-2)])
  const counts = new Map<string, number>()
  for (const lines of pages) for (const s of new Set([...edge(lines)].map((l) => shape(l.text)))) counts.set(s, (counts.get(s) ?? 0) + 1)
  const running = (l: Line) => PAGE_NUMBER.test(l.text) || (pages.length >= 2 && (counts.get(shape(l.text)) ?? 0) >= Math.max(2, pages.length / 2))
  return pages.map((lines) => {
    const atEdge = edge(lines)
    return lines.filter((l) => !(atEdge.has(l) && running(l)))
  })
}

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!
}

/** Lines to paragraphs: a line runs on into the next unless it stops short of the margin or the next is set apart. */
export const joinLines = (pages: ReadonlyArray<ReadonlyArray<Line>>): string => {
  const all = pages.flat()
  if (all.length === 0) return ""
  const size = median(all.map((l) => l.size))
  const margin = Math.max(...all.filter((l) => Math.abs(l.size - size) < 1).map((l) => l.right))
  const left = median(all.map((l) => l.left))
  const steps: Array<number> = []
  for (const lines of pages) for (let i = 1; i < lines.length; i++) steps.push(lines[i - 1]!.y - lines[i]!.y)
  const step = median(steps.filter((s) => s > 0)) || size * 1.5
  const paragraphs: Array<string> = []
  let current: string | undefined
  let previous: Line | undefined
  pages.forEach((lines) => {
    lines.forEach((line, i) => {
      const samePage = i > 0
      const runsOn =
        previous !== undefined &&
        previous.right >= margin - size * 3.5 &&
        line.left < left + size * 1.5 &&
        (!samePage || previous.y - line.y < step * 1.35)
      if (current !== undefined && runsOn) current = glue(current, line.text)
      else {
        if (current !== undefined) paragraphs.push(current)
        current = line.text
      }
      previous = line
    })
  })
  if (current !== undefined) paragraphs.push(current)
  return paragraphs.join("\n")
}

const cMaps = (): string => {
  const require = createRequire(import.meta.url)
  return path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "cmaps") + path.sep
}

/** The text of a PDF, radicals folded, or why there is none. */
export const pdfText = async (bytes: Uint8Array): Promise<string> => {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs")
  // pdfjs takes ownership of the buffer it is given: hand it a copy so the caller's bytes stay usable.
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, cMapUrl: cMaps(), cMapPacked: true })
  let doc: Awaited<typeof task.promise>
  try {
    doc = await task.promise
  } catch (e) {
    throw new PdfUnreadable(e instanceof Error && e.name === "PasswordException" ? ENCRYPTED : DAMAGED)
  }
  try {
    const pages: Array<Array<Line>> = []
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p)
      const content = await page.getTextContent()
      const lines = pageLines(content.items.filter((item): item is Run & typeof item => "str" in item))
      pages.push(lines.map((l) => ({ ...l, text: foldRadicals(l.text) })))
      page.cleanup()
    }
    const text = joinLines(dropRunning(pages))
    if (text.replace(/\s/g, "").length < 20) throw new PdfUnreadable(NO_TEXT)
    return text
  } finally {
    await doc.destroy()
  }
}
