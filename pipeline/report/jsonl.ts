// Serializing records: one object a line, `\n` ends. The key order is the documented one (domain.labeledClause,
// label.ts for matches). Labeled clauses are written straight into UTF-8 bytes (JsonlBuffer), a few hundred per
// clause: the pieces a corpus repeats (a document's fields, a rule's category and id, terms) are encoded once, and a
// clause's own id and text are escaped and encoded in one pass, as JSON.stringify escapes. The bytes are exactly
// those of `JSON.stringify(clause) + "\n"` (a property test checks, on arbitrary text).
import type { LabeledClause, Match } from "../domain.js"
import { grown } from "../sort.js"

const json = JSON.stringify

const encoder = new TextEncoder()
const bytesOf = (s: string): Uint8Array => encoder.encode(s)

/** The JSON text of strings seen before, as UTF-8: rule ids, categories, terms and document fields recur. */
const seen = new Map<string, Uint8Array>()
const quoted = (s: string): Uint8Array => {
  let q = seen.get(s)
  if (q === undefined) {
    if (seen.size > 100_000) seen.clear()
    seen.set(s, (q = bytesOf(json(s))))
  }
  return q
}

const ID = bytesOf('{"id":')
const TEXT = bytesOf(',"text":')
const LABELS = bytesOf(',"labels":[')
const MATCHES = bytesOf('],"matches":[')
const END = bytesOf("]}\n")
const START = bytesOf('],"start":')
const MATCH_END = bytesOf(',"end":')
const COMMA = 44
const CLOSE = 125

/** What follows a clause's id up to its index, the same for all clauses of a document: `,"doc":…,"index":`. */
const documentPiece = (c: LabeledClause): Uint8Array =>
  bytesOf(`,"doc":${json(c.doc)},"region":${json(c.region)},"region_code":${json(c.region_code)},"year":${json(c.year)},"index":`)

/** A match's opening up to its terms, the same for every match of a rule: `{"category":…,"terms":[`. */
const rulePieces = new Map<string, Uint8Array>()
const rulePiece = (m: Match): Uint8Array => {
  let p = rulePieces.get(m.rule)
  if (p === undefined) {
    if (rulePieces.size > 100_000) rulePieces.clear()
    rulePieces.set(m.rule, (p = bytesOf(`{"category":${json(m.category)},"rule":${json(m.rule)},"terms":[`)))
  }
  return p
}

/** JSON.stringify's short escapes for control characters; the others are written \u00xx. */
const SHORT: Record<number, number> = { 8: 98, 9: 116, 10: 110, 12: 102, 13: 114 }
const HEX = "0123456789abcdef"

/** A growing buffer of JSONL lines, UTF-8. */
export class JsonlBuffer {
  private bytes: Uint8Array
  private at = 0
  /** The document piece of the last clause added, and that clause: clauses of a document come one after another. */
  private document: Uint8Array = new Uint8Array(0)
  private last: LabeledClause | undefined

  /** `allocate` gives memory of at least the size asked for (a worker hands back buffers the main thread wrote). */
  constructor(capacity = 1 << 16, allocate: (size: number) => Uint8Array = (size) => new Uint8Array(size)) {
    this.bytes = allocate(capacity)
  }

  private room(n: number): void {
    if (this.at + n <= this.bytes.length) return
    this.bytes = grown(Uint8Array, this.bytes, this.at + n, this.at)
  }

  private piece(p: Uint8Array): void {
    this.room(p.length)
    if (p.length > 32) this.bytes.set(p, this.at)
    else for (let k = 0, at = this.at; k < p.length; k++) this.bytes[at++] = p[k]!
    this.at += p.length
  }

  /** `s` as a JSON string, quotes included, in UTF-8: escaped as JSON.stringify escapes. */
  private string(s: string): void {
    this.room(s.length * 6 + 2)
    const { bytes } = this
    let at = this.at
    bytes[at++] = 34
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c < 0x80) {
        if (c >= 0x20 && c !== 34 && c !== 92) bytes[at++] = c
        else {
          bytes[at++] = 92
          if (c === 34 || c === 92) bytes[at++] = c
          else if (SHORT[c] !== undefined) bytes[at++] = SHORT[c]!
          else at = escaped(bytes, at, c)
        }
      } else if (c < 0x800) {
        bytes[at++] = 0xc0 | (c >> 6)
        bytes[at++] = 0x80 | (c & 63)
      } else if (c < 0xd800 || c > 0xdfff) {
        bytes[at++] = 0xe0 | (c >> 12)
        bytes[at++] = 0x80 | ((c >> 6) & 63)
        bytes[at++] = 0x80 | (c & 63)
      } else {
        const low = s.charCodeAt(i + 1)
        if (c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00)
          bytes[at++] = 0xf0 | (cp >> 18)
          bytes[at++] = 0x80 | ((cp >> 12) & 63)
          bytes[at++] = 0x80 | ((cp >> 6) & 63)
          bytes[at++] = 0x80 | (cp & 63)
          i++
        } else {
          // A lone surrogate: JSON.stringify writes it as an escape.
          bytes[at++] = 92
          at = escaped(bytes, at, c)
        }
      }
    }
    bytes[at++] = 34
    this.at = at
  }

  /** A number as JSON.stringify writes it: digits for a safe integer, which offsets, indexes and years are. */
  private number(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) return this.ascii(json(n))
    this.room(16)
    let digits = 1
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++
    let at = (this.at += digits)
    for (let x = n; digits-- > 0; x = Math.floor(x / 10)) this.bytes[--at] = 48 + (x % 10)
  }

  private ascii(s: string): void {
    this.room(s.length)
    for (let i = 0; i < s.length; i++) this.bytes[this.at++] = s.charCodeAt(i)
  }

  private byte(b: number): void {
    this.room(1)
    this.bytes[this.at++] = b
  }

  private list(xs: ReadonlyArray<string>): void {
    for (let i = 0; i < xs.length; i++) {
      if (i > 0) this.byte(COMMA)
      this.piece(quoted(xs[i]!))
    }
  }

  private match(m: Match): void {
    this.piece(rulePiece(m))
    this.list(m.terms)
    this.piece(START)
    this.number(m.start)
    this.piece(MATCH_END)
    this.number(m.end)
    this.byte(CLOSE)
  }

  /** Appends one clause as a JSONL line. */
  add(c: LabeledClause): void {
    const last = this.last
    if (last === undefined || c.doc !== last.doc || c.region !== last.region || c.region_code !== last.region_code || c.year !== last.year) this.document = documentPiece(c)
    this.last = c
    this.piece(ID)
    this.string(c.id)
    this.piece(this.document)
    this.number(c.index)
    this.piece(TEXT)
    this.string(c.text)
    this.piece(LABELS)
    this.list(c.labels)
    this.piece(MATCHES)
    for (let i = 0; i < c.matches.length; i++) {
      if (i > 0) this.byte(COMMA)
      this.match(c.matches[i]!)
    }
    this.piece(END)
  }

  /** The lines so far: a view of this buffer's memory, which is not written again. */
  done(): Uint8Array {
    return this.bytes.subarray(0, this.at)
  }
}

/** `u` followed by the code unit's four lowercase hex digits, after a backslash already written. */
const escaped = (bytes: Uint8Array, at: number, c: number): number => {
  bytes[at++] = 117
  for (let shift = 12; shift >= 0; shift -= 4) bytes[at++] = HEX.charCodeAt((c >> shift) & 15)
  return at
}

/** One clause as a JSONL line (UTF-8). */
export const labeledClauseLine = (c: LabeledClause): Uint8Array => {
  const b = new JsonlBuffer(256)
  b.add(c)
  return b.done()
}

/** Pretty JSON with a final newline: the form of every .json file in out/. */
export const jsonFile = (value: unknown): string => JSON.stringify(value, null, 2) + "\n"
