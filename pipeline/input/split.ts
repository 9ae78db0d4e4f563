// Prose becomes clauses in two passes: lines are first joined into paragraphs (undoing the hard wrap of PDF
// extractions), then paragraphs are cut after sentence-ending punctuation. Headings and table rows stay whole.
// Nothing is dropped but white space: the clauses of a text hold every one of its non-space characters, in order.

const TERMINAL = new Set(["。", "！", "？", "；", "!", "?", ";"])
/** Characters that close a sentence's quotation or bracket and so belong to the clause before the cut. */
const CLOSERS = new Set(["”", "’", "」", "』", "）", ")", "】", "》", "\"", "'"])
/** A line ending in one of these is finished even when it is as long as a wrapped line. */
const LINE_FINAL = new Set([...TERMINAL, "：", ":", ...CLOSERS])

const HEADING =
  /^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d{1,3}[.．、](?!\d)|第[一二三四五六七八九十百\d]+[章节条部分篇])/

export const isHeading = (line: string): boolean => HEADING.test(line)

/** Above this many code units a clause is cut again at commas, so one runaway line cannot become one clause. */
export const MAX_CLAUSE = 600

/**
 * The width a text is hard-wrapped at, or undefined when it is not: the most common length of its longer lines,
 * when at least a fifth of them (and three or more) are within one of it.
 */
export const wrapWidth = (lines: ReadonlyArray<string>): number | undefined => {
  const lengths: Array<number> = []
  for (const line of lines) {
    const n = line.trim().length
    if (n >= 20) lengths.push(n)
  }
  if (lengths.length < 3) return undefined
  const counts = new Map<number, number>()
  for (const n of lengths) counts.set(n, (counts.get(n) ?? 0) + 1)
  let mode = 0
  let best = 0
  for (const [n, c] of counts) {
    const near = c + (counts.get(n - 1) ?? 0) + (counts.get(n + 1) ?? 0)
    if (near > best || (near === best && n > mode)) [mode, best] = [n, near]
  }
  return best >= 3 && best >= lengths.length / 5 ? mode : undefined
}

/** Joins hard-wrapped lines into paragraphs; blank lines, headings and table rows always stand apart. */
export const paragraphs = (text: string): Array<string> => {
  const lines = text.split(/\r\n|\r|\n/)
  const width = wrapWidth(lines)
  const out: Array<string> = []
  let current: string | undefined
  let previousLine = ""
  for (const line of lines) {
    const trimmed = line.trim()
    if (current !== undefined && trimmed.length > 0 && isWrapped(previousLine, trimmed, width)) current += trimmed
    else {
      if (current !== undefined) out.push(current)
      current = trimmed.length > 0 ? trimmed : undefined
    }
    previousLine = trimmed
  }
  if (current !== undefined) out.push(current)
  return out
}

/** A line runs on into the next when it is as long as the wrap width and does not end a sentence. */
const isWrapped = (line: string, next: string, width: number | undefined): boolean =>
  width !== undefined && line.length >= width - 2 && !LINE_FINAL.has(line.slice(-1)) && !isHeading(next) &&
  !next.includes("\t") && !line.includes("\t")

/** By code unit: 1 for a sentence-ending mark, 2 for a closer (both may follow a mark and stay with its clause). */
const ENDS = new Uint8Array(0x10000)
for (const c of TERMINAL) ENDS[c.charCodeAt(0)] = 1
for (const c of CLOSERS) ENDS[c.charCodeAt(0)] = 2

/** Cuts a paragraph after each sentence-ending mark (and any closing quotes after it). Table rows stay whole. */
export const sentences = (paragraph: string): Array<string> => {
  if (paragraph.includes("\t")) return [paragraph.trim()]
  const out: Array<string> = []
  let start = 0
  for (let i = 0; i < paragraph.length; i++) {
    if (ENDS[paragraph.charCodeAt(i)] !== 1) continue
    let end = i + 1
    while (end < paragraph.length && ENDS[paragraph.charCodeAt(end)] !== 0) end++
    pushTrimmed(out, paragraph.slice(start, end))
    start = end
    i = end - 1
  }
  pushTrimmed(out, paragraph.slice(start))
  return out.flatMap(capLength)
}

const pushTrimmed = (out: Array<string>, piece: string): void => {
  const t = piece.trim()
  if (t.length > 0) out.push(t)
}

/** Cuts an over-long clause after commas (or, lacking any, at fixed width) into pieces of at most MAX_CLAUSE code units. */
export const capLength = (clause: string): Array<string> => {
  if (clause.length <= MAX_CLAUSE) return [clause]
  const out: Array<string> = []
  let rest = clause
  while (rest.length > MAX_CLAUSE) {
    const window = rest.slice(0, MAX_CLAUSE)
    const comma = Math.max(window.lastIndexOf("，"), window.lastIndexOf(","), window.lastIndexOf("、"))
    let cut = comma > MAX_CLAUSE / 4 ? comma + 1 : MAX_CLAUSE
    // Never between the two halves of a character outside the BMP: each half alone is not text.
    const before = rest.charCodeAt(cut - 1)
    if (before >= 0xd800 && before <= 0xdbff) cut--
    pushTrimmed(out, rest.slice(0, cut))
    rest = rest.slice(cut)
  }
  pushTrimmed(out, rest)
  return out
}

/** Prose text to clause texts. */
export const splitProse = (text: string): Array<string> => paragraphs(text).flatMap(sentences)
