// Matching runs on a normalized copy of each clause; output keeps the original. The normalized text carries, for
// every code unit, where it came from, so a match found in the copy maps back to exact offsets in the original.

import { simplifyUnit } from "../input/traditional.js"

export interface Normalized {
  readonly text: string
  /** For each code unit of `text`: the original index where it starts; null when that is its own index. */
  readonly starts: Int32Array | null
  /** For each code unit of `text`: the original index just past it; null when that is its own index plus one. */
  readonly ends: Int32Array | null
}


const isSpace = (c: number): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || c === 0x3000 ||
  c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f

/** Control and format characters that carry no text: C0/C1 controls, zero-width marks, the BOM. */
const isInvisible = (c: number): boolean =>
  (c < 0x20 && !isSpace(c)) || (c >= 0x7f && c <= 0x9f) || c === 0x200b || c === 0x200c || c === 0x200d ||
  c === 0x2060 || c === 0xfeff

/** Han ideographs and CJK punctuation: no space is meaningful next to them. */
const isCjk = (c: number): boolean =>
  (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3001 && c <= 0x303f) ||
  (c >= 0xff01 && c <= 0xff60) || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019

/** Full-width ASCII to half-width, ASCII letters to lower case; everything else unchanged. */
const fold = (c: number): number => {
  const half = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c
  return half >= 0x41 && half <= 0x5a ? half + 0x20 : half
}

/** Per code unit: SHIFT for characters that move positions (spaces, invisibles), FOLD for those that change. */
const SHIFT = 1
const FOLD = 2
const CLASS = new Uint8Array(0x10000)
for (let c = 0; c < 0x10000; c++) CLASS[c] = isSpace(c) || isInvisible(c) ? SHIFT : fold(c) !== c ? FOLD : 0

/** The folded form of every code unit. */
const FOLDED = new Uint16Array(0x10000)
for (let c = 0; c < 0x10000; c++) FOLDED[c] = fold(c)

/** Working memory for building strings, grown as needed (one per thread). */
let units = new Uint16Array(1024)
const unitsFor = (length: number): Uint16Array => {
  if (units.length < length) units = new Uint16Array(length * 2)
  return units
}

/** `n` code units of `units` as a string; chunked, since String.fromCharCode takes them as arguments. */
const unitsToString = (n: number): string => {
  let text = ""
  for (let i = 0; i < n; i += 8192) text += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 8192)) as unknown as Array<number>)
  return text
}

/** Width and case folded, nothing else changed (same length, so the identity offset map still holds). */
const foldAll = (original: string): string => {
  const out = unitsFor(original.length)
  for (let i = 0; i < original.length; i++) out[i] = FOLDED[original.charCodeAt(i)]!
  return unitsToString(original.length)
}

/**
 * Folds width and case (and, for traditional-script documents, converts characters to simplified), drops
 * invisible characters, and collapses white space: a run of spaces becomes one space between two Latin characters
 * and disappears next to a Han character (PDF extractions scatter spaces through Chinese words). Leading and
 * trailing spaces go.
 */
export const normalize = (original: string, simplify = false): Normalized => {
  // Most clauses have nothing to drop: fold in place and keep the identity map (no arrays to allocate).
  if (!simplify) {
    let found = 0
    for (let i = 0; i < original.length && found !== (SHIFT | FOLD); i++) found |= CLASS[original.charCodeAt(i)]!
    if ((found & SHIFT) === 0) return { text: found === 0 ? original : foldAll(original), starts: null, ends: null }
  }
  const out = unitsFor(original.length)
  const starts = new Int32Array(original.length)
  const ends = new Int32Array(original.length)
  let n = 0
  let pendingSpace = -1
  for (let i = 0; i < original.length; i++) {
    const raw = original.charCodeAt(i)
    if (isSpace(raw)) {
      if (pendingSpace < 0) pendingSpace = i
      continue
    }
    if (isInvisible(raw)) continue
    const c = simplify ? simplifyUnit(fold(raw)) : fold(raw)
    if (pendingSpace >= 0) {
      if (n > 0 && !isCjk(out[n - 1]!) && !isCjk(c)) {
        out[n] = 0x20
        starts[n] = pendingSpace
        ends[n++] = pendingSpace + 1
      }
      pendingSpace = -1
    }
    out[n] = c
    starts[n] = i
    ends[n++] = i + 1
  }
  return { text: unitsToString(n), starts: starts.subarray(0, n), ends: ends.subarray(0, n) }
}

/** Maps a half-open range of normalized code units back to the original text. */
export const toOriginal = (n: Normalized, start: number, end: number): readonly [number, number] => {
  if (n.starts === null || n.ends === null) return [start, Math.max(start, end)]
  return end <= start ? [n.starts[start] ?? 0, n.starts[start] ?? 0] : [n.starts[start]!, n.ends[end - 1]!]
}
