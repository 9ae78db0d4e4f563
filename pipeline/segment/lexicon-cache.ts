// The lexicon's tables in the cache (cache.ts): jieba's dictionaries take a third of a second to build into tables and
// 30 ms to read back as bytes. The format is the tables' arrays as they are in memory, behind a small JSON header,
// so that reading them back is a few views into one buffer (shared memory, for the worker threads), not a parse.
import * as fs from "node:fs"
import { entryName, readEntry, writeEntry } from "../cache.js"
import { buildLexiconTables, type LexiconTables } from "./trie.js"

/**
 * The tables of jieba's dictionary file and user dictionary files, as jieba loads them: read back from the cache
 * (cache.ts) when it has them for these very bytes, else built and cached.
 */
export const loadLexiconTables = (dictionary: string, userDictionaries: ReadonlyArray<string>): LexiconTables => {
  const files = [dictionary, ...userDictionaries].map((f) => fs.readFileSync(f))
  const name = entryName("lexicon", files)
  const cached = readEntry(name, (size) => new Uint8Array(new SharedArrayBuffer(size)))
  const fromCache = cached === undefined ? undefined : tablesFromBytes(cached)
  if (fromCache !== undefined) return fromCache
  const decoder = new TextDecoder()
  const tables = buildLexiconTables(decoder.decode(files[0]), files.slice(1).map((f) => decoder.decode(f)))
  writeEntry(name, tablesToBytes(tables), 4)
  return tables
}

type ArrayName = "reach" | "rootChild" | "table" | "weight" | "terminal" | "pairs"
interface View {
  new (buffer: ArrayBufferLike, offset: number, length: number): ArrayBufferView & { readonly length: number }
  readonly BYTES_PER_ELEMENT: number
}
/** The tables' arrays, in the order they are written. */
const ARRAYS: ReadonlyArray<readonly [ArrayName, View]> = [
  ["reach", Uint8Array],
  ["rootChild", Int32Array],
  ["table", Int32Array],
  ["weight", Float64Array],
  ["terminal", Uint8Array],
  ["pairs", Uint32Array]
]
const MAGIC = "clausetag lexicon\n"

/**
 * The tables as bytes: a line naming them, the length of a JSON header and the header (the numbers, and each
 * array's offset and length), then the arrays, each at a multiple of 8 bytes.
 */
export const tablesToBytes = (tables: LexiconTables): Array<Uint8Array> => {
  const places: Record<string, [number, number]> = {}
  let offset = 0
  for (const [name] of ARRAYS) {
    places[name] = [offset, tables[name].length]
    offset += align(tables[name].byteLength)
  }
  const header = new TextEncoder().encode(JSON.stringify({ maxLength: tables.maxLength, minWeight: tables.minWeight, places }))
  const start = align(MAGIC.length + 4 + header.length)
  const head = new Uint8Array(start)
  head.set(new TextEncoder().encode(MAGIC))
  new DataView(head.buffer).setUint32(MAGIC.length, header.length, true)
  head.set(header, MAGIC.length + 4)
  const parts: Array<Uint8Array> = [head]
  for (const [name] of ARRAYS) {
    const a = tables[name]
    parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(align(a.byteLength) - a.byteLength))
  }
  return parts
}

/** The tables `tablesToBytes` wrote, as views into `bytes` (shared memory, if it is); undefined if they do not check. */
export const tablesFromBytes = (bytes: Uint8Array): LexiconTables | undefined => {
  try {
    if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) return undefined
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const length = view.getUint32(MAGIC.length, true)
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length))) as {
      maxLength: number
      minWeight: number
      places: Record<ArrayName, [number, number]>
    }
    const start = bytes.byteOffset + align(MAGIC.length + 4 + length)
    const arrays = {} as Record<ArrayName, ArrayBufferView & { length: number }>
    for (const [name, View] of ARRAYS) {
      const [offset, count] = header.places[name]
      if (start + offset + count * View.BYTES_PER_ELEMENT > bytes.byteOffset + bytes.byteLength) return undefined
      arrays[name] = new View(bytes.buffer, start + offset, count)
    }
    const tables = { maxLength: header.maxLength, minWeight: header.minWeight, ...arrays } as unknown as LexiconTables
    const size = tables.pairs.length
    const consistent =
      tables.reach.length === 0x10000 &&
      tables.rootChild.length === 0x10000 &&
      size > 0 &&
      (size & (size - 1)) === 0 &&
      tables.table.length === size * 3 &&
      tables.weight.length === tables.terminal.length &&
      Number.isInteger(tables.maxLength) &&
      Number.isFinite(tables.minWeight)
    return consistent ? tables : undefined
  } catch {
    return undefined
  }
}

const align = (n: number): number => (n + 7) & ~7
