// Clause ids are unique across a run. Prose and star ids are built from the document id, which is the file's path
// below its input folder (so `2025/湖北:1` and `2026/湖北:1`); JSONL keeps its own ids, so before labeling, this
// thread looks through the run's JSONL files for ids an earlier file already used. The worker labeling a later file
// skips those lines with a warning, as it skips an id repeated within its file, and coverage never counts them.
import * as fs from "node:fs"
import type { InputFile } from "../domain.js"
import { decodeBytes } from "./decode.js"

const withoutExtension = (p: string): string => p.replace(/\.[^./]*$/, "")

/**
 * Document ids: the path below the input folder without its extension. Where two files would share one (`湖北.txt`
 * and `湖北.pdf`, or the same name in two input folders), they keep their extension, then their folder's name.
 */
export const uniqueIds = (files: ReadonlyArray<InputFile & { readonly below: string }>): Array<InputFile> => {
  const count = (ids: ReadonlyArray<string>) => ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>())
  const first = files.map((f) => withoutExtension(f.below))
  const firstCount = count(first)
  const second = files.map((f, i) => (firstCount.get(first[i]!)! > 1 ? f.below : first[i]!))
  const secondCount = count(second)
  return files.map(({ below: _below, ...f }, i) => ({ ...f, doc: secondCount.get(second[i]!)! > 1 ? withoutExtension(f.source) : second[i]! }))
}

const isJsonl = (f: InputFile): boolean => f.format === "jsonl" || (f.format === undefined && /\.(jsonl|ndjson)$/i.test(f.path))

/** The ids of a JSONL file's lines, by line number (lines without a usable id are left to the parser). */
const jsonlIds = (file: InputFile): Map<number, string> => {
  const ids = new Map<number, string>()
  let bytes: Uint8Array
  try {
    bytes = fs.readFileSync(file.path)
  } catch {
    return ids // the worker reading it reports why
  }
  const decoded = decodeBytes(bytes)
  if (!decoded.ok) return ids
  decoded.text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    if (!raw.includes('"id"')) return
    try {
      const value = JSON.parse(raw) as Record<string, unknown>
      const id = value?.["id"]
      if (typeof id === "string" || typeof id === "number") ids.set(i + 1, String(id))
    } catch {
      // not JSON: the parser warns
    }
  })
  return ids
}

/** Marks the lines of each JSONL file whose id an earlier file of the run already used, and where. */
export const markDuplicates = (files: ReadonlyArray<InputFile>): Array<InputFile> => {
  const jsonl = files.filter(isJsonl)
  if (jsonl.length < 2) return [...files]
  const firstUse = new Map<string, { source: string; line: number }>()
  const marked = new Map<InputFile, Record<number, string>>()
  for (const file of jsonl) {
    const repeats: Record<number, string> = {}
    const own = new Set<string>()
    for (const [line, id] of jsonlIds(file)) {
      const first = firstUse.get(id)
      if (first !== undefined && first.source !== file.source) repeats[line] = `${first.source}:${first.line}`
      else if (!own.has(id)) firstUse.set(id, { source: file.source, line })
      own.add(id)
    }
    if (Object.keys(repeats).length > 0) marked.set(file, repeats)
  }
  return files.map((f) => {
    const repeats = marked.get(f)
    return repeats === undefined ? f : { ...f, repeatedIds: repeats }
  })
}
