// Bytes to text. Government sites still publish GB18030/GBK, PDF tools emit UTF-16, and everything else is UTF-8
// with or without a BOM. A file that is none of these is an error that names the byte where decoding failed, never
// a page of replacement characters.

import { Buffer, isUtf8 } from "node:buffer"

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030"

export type Decoded =
  | { readonly ok: true; readonly text: string; readonly encoding: Encoding }
  | { readonly ok: false; readonly reason: string; readonly offset: number }

const strict = (encoding: Encoding, bytes: Uint8Array): string | undefined => {
  // UTF-8 is by far the most common: validated and decoded natively, about twice as fast as a fatal TextDecoder.
  if (encoding === "utf-8") {
    if (!isUtf8(bytes)) return undefined
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8")
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  }
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return undefined
  }
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence. */
export const firstInvalidUtf8 = (b: Uint8Array): number => {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0
    if (n === 0 || i + n > b.length) return i
    for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i
    i += n
  }
  return -1
}

export const decodeBytes = (bytes: Uint8Array): Decoded => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return orFail("utf-16le", bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return orFail("utf-16be", bytes)
  const utf8 = strict("utf-8", bytes)
  if (utf8 !== undefined && !looksBinary(utf8)) return { ok: true, text: utf8, encoding: "utf-8" }
  if (utf8 === undefined && mostlyUtf8(bytes)) {
    return {
      ok: false,
      reason: "malformed UTF-8 (a truncated or corrupted multi-byte character); re-save the file as UTF-8",
      offset: firstInvalidUtf8(bytes)
    }
  }
  const gb = utf8 === undefined ? strict("gb18030", bytes) : undefined
  if (gb !== undefined && !looksBinary(gb)) return { ok: true, text: gb, encoding: "gb18030" }
  const nul = bytes.indexOf(0)
  return {
    ok: false,
    reason: "binary data, not text: expected UTF-8, UTF-16 with a byte-order mark, or GB18030",
    offset: nul >= 0 ? nul : Math.max(0, firstInvalidUtf8(bytes))
  }
}

/**
 * UTF-8 with a few damaged bytes, as opposed to GB18030: GB18030 text seldom forms valid multi-byte UTF-8 sequences,
 * so many of them with few invalid bytes means a damaged UTF-8 file, which must not be decoded as GB18030 mojibake.
 */
const mostlyUtf8 = (b: Uint8Array): boolean => {
  let valid = 0
  let invalid = 0 // runs of invalid bytes: one damaged character counts once
  let inRun = false
  for (let i = 0; i < b.length; ) {
    const c = b[i]!
    if (c < 0x80) {
      inRun = false
      i++
      continue
    }
    const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0
    let ok = n > 0 && i + n <= b.length
    for (let k = 1; ok && k < n; k++) ok = (b[i + k]! & 0xc0) === 0x80
    if (ok) {
      valid++
      inRun = false
      i += n
    } else {
      if (!inRun) invalid++
      inRun = true
      i++
    }
  }
  return valid >= 4 && invalid * 20 <= valid
}

const orFail = (encoding: Encoding, bytes: Uint8Array): Decoded => {
  const text = strict(encoding, bytes)
  return text !== undefined
    ? { ok: true, text, encoding }
    : { ok: false, reason: `malformed ${encoding.toUpperCase()} despite its byte-order mark`, offset: bytes.length - (bytes.length % 2) }
}

/** Text has few C0 controls (a stray NUL is dropped later); binary decoded as GB18030 has many, and PUA characters. */
const ODD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ue000-\uf8ff]/g
const looksBinary = (text: string): boolean => {
  // A regex scan: most texts have no such character, and the engine skips through them far faster than a loop.
  const odd = text.match(ODD)?.length ?? 0
  return odd > 8 ? odd > text.length / 50 : odd > text.length / 4
}
