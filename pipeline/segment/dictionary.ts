// Reading jieba's dictionary files the way cppjieba reads them, down to its quirks (getline, single spaces, atof),
// because the lexicon must hold exactly the words and frequencies nodejieba holds; the trie (trie.ts) is built from
// what this reads.
import { grown } from "../sort.js"

/**
 * The lines of dictionaries as cppjieba reads them: split at "\n" only (C++'s getline), fields split on single
 * spaces, nothing trimmed. Its dictionary lines are `word freq tag`; a user dictionary line is `word`, `word tag`
 * (the median weight of jieba's words), or `word freq tag` (its own); a line with more fields adds nothing. Words are
 * kept as offsets into their file's text, side by side in typed arrays (350,000 of them).
 */
export class Entries {
  texts: Array<string> = []
  text = new Int32Array(1 << 19)
  start = new Int32Array(1 << 19)
  end = new Int32Array(1 << 19)
  /** The line's frequency, NaN when it gives none. */
  freq = new Float64Array(1 << 19)
  size = 0

  push(text: number, start: number, end: number, freq: number): void {
    if (this.size === this.start.length) {
      this.text = grown(Int32Array, this.text)
      this.start = grown(Int32Array, this.start)
      this.end = grown(Int32Array, this.end)
      this.freq = grown(Float64Array, this.freq)
    }
    this.text[this.size] = text
    this.start[this.size] = start
    this.end[this.size] = end
    this.freq[this.size++] = freq
  }
}

/** The first space in text[from, end), or -1 (as when `from` is -1: no space before it either). */
const spaceIn = (text: string, from: number, end: number): number => {
  const i = from < 0 ? -1 : text.indexOf(" ", from)
  return i >= 0 && i < end ? i : -1
}

/** Calls `f` with each line's [start, end) and the offset of each of its first three spaces (or -1). */
const eachLine = (text: string, f: (start: number, end: number, s1: number, s2: number, s3: number) => void): void => {
  for (let at = 0; at < text.length; ) {
    const newline = text.indexOf("\n", at)
    const end = newline < 0 ? text.length : newline
    const s1 = spaceIn(text, at, end)
    const s2 = spaceIn(text, s1 < 0 ? -1 : s1 + 1, end)
    f(at, end, s1, s2, spaceIn(text, s2 < 0 ? -1 : s2 + 1, end))
    at = end + 1
  }
}

/** C's atof on a frequency field: whole numbers (all of jieba's) read digit by digit, anything else by parseFloat. */
const number = (text: string, start: number, end: number): number => {
  let n = 0
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return Number.parseFloat(text.slice(start, end)) || 0
    n = n * 10 + d
  }
  return n
}

export const entriesOf = (dictionary: string, userDictionaries: ReadonlyArray<string>): Entries => {
  const entries = new Entries()
  entries.texts.push(dictionary, ...userDictionaries)
  eachLine(dictionary, (start, end, s1, s2, s3) => {
    if (s1 < 0 || s2 < 0 || s3 >= 0) throw new Error(`jieba's dictionary has a line without three fields: ${dictionary.slice(start, end)}`)
    entries.push(0, start, s1, number(dictionary, s1 + 1, s2))
  })
  userDictionaries.forEach((text, t) => {
    eachLine(text, (start, end, s1, s2, s3) => {
      if (end === start || s3 >= 0) return
      const wordEnd = s1 < 0 ? end : s1
      // Three fields: atoi of the second (leading digits, else 0).
      const freq = s2 >= 0 ? Number.parseInt(text.slice(s1 + 1, s2), 10) || 0 : Number.NaN
      if (wordEnd > start) entries.push(t + 1, start, wordEnd, freq)
    })
  })
  return entries
}
