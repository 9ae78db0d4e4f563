// Decoded text to documents, for each input format. Pure: problems a user would want to hear about become
// warnings that name the file and line, and the records that can be saved are kept.
import { packedMap, type Clause, type Document, type InputFile, type InputFormat } from "../domain.js"
import * as path from "node:path"
import { decodeBytes, type Encoding } from "./decode.js"
import { InputError } from "../errors.js"
import { isTraditional } from "./traditional.js"
import { splitProse } from "./split.js"

export interface Warning {
  readonly file: string
  readonly line: number
  readonly message: string
}

/** A warning as every output shows it: `file:line: reason`, or `file: reason` for the file as a whole. */
export const warningLine = (w: Warning): string => `${w.line > 0 ? `${w.file}:${w.line}` : w.file}: ${w.message}`

export interface Parsed {
  readonly documents: ReadonlyArray<Document>
  readonly warnings: ReadonlyArray<Warning>
}

export interface SourceInfo {
  /** The document id: the file name without its extension. */
  readonly doc: string
  /** The path shown in messages and outputs, relative and with `/`. */
  readonly source: string
  readonly region: string | null
  readonly year: number | null
  readonly traditional: boolean
}

const STAR_RECORD = /^[^*\t]{0,40}\*[^*]*\*/

/** The format a file's name and content say it has: `.jsonl`, star records (`region*year*…`), or prose. */
export const detectFormat = (path: string, text: string): InputFormat => {
  if (/\.(jsonl|ndjson)$/i.test(path)) return "jsonl"
  // The first 50 non-blank lines decide; the rest of the file is not looked at (parsing splits it soon enough).
  const lines: Array<string> = []
  for (let start = 0; start <= text.length && lines.length < 50; ) {
    let end = start
    while (end < text.length && text.charCodeAt(end) !== 0x0a && text.charCodeAt(end) !== 0x0d) end++
    const line = text.slice(start, end)
    if (line.trim().length > 0) lines.push(line)
    start = end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1)
  }
  const star = lines.filter((l) => STAR_RECORD.test(l)).length
  return lines.length > 0 && star >= lines.length * 0.8 ? "star" : "prose"
}

const splitLines = (text: string): Array<string> => text.split(/\r\n|\r|\n/)

const parseYear = (s: string): number | null => (/^\d{4}$/.test(s.trim()) ? Number(s.trim()) : null)

/** One document per record line; its fields after region and year are its clauses, numbered by field. */
export const parseStar = (info: SourceInfo, text: string): Parsed => {
  const documents: Array<Document> = []
  const warnings: Array<Warning> = []
  splitLines(text).forEach((raw, i) => {
    const line = i + 1
    if (raw.trim().length === 0) return
    const fields = raw.split("*")
    if (fields.length < 3) {
      warnings.push({ file: info.source, line, message: "not a star record (region*year*clause*…); skipped" })
      return
    }
    const region = fields[0]!.trim() || null
    const year = parseYear(fields[1]!)
    if (region === null) warnings.push({ file: info.source, line, message: "star record with no region; labeled with region null" })
    if (year === null) warnings.push({ file: info.source, line, message: `year "${fields[1]}" is not a four-digit year; labeled with year null` })
    const clauses: Array<Clause> = []
    fields.slice(2).forEach((field, f) => {
      const text = field.trim()
      if (text.length === 0) return
      clauses.push({ id: `${info.doc}:${line}:${f + 1}`, doc: info.doc, region, year, index: f + 1, text })
    })
    documents.push({ doc: info.doc, source: info.source, format: "star", region, year, traditional: info.traditional, clauses })
  })
  return { documents, warnings }
}

/** One document; clauses numbered from 1 in reading order. */
export const parseProse = (info: SourceInfo, text: string): Parsed => ({
  documents: [
    {
      doc: info.doc,
      source: info.source,
      format: "prose",
      region: info.region,
      year: info.year,
      traditional: info.traditional,
      clauses: packedMap(splitProse(text), (t, i) => ({
        id: `${info.doc}:${i + 1}`,
        doc: info.doc,
        region: info.region,
        year: info.year,
        index: i + 1,
        text: t
      }))
    }
  ],
  warnings: []
})

/**
 * One clause a line: `id` and `text`, optionally `doc`, `region`, `year`. Consecutive lines of one `doc` form a
 * document. Lines that are not objects with a string `text` are skipped with a warning; so is a repeated id.
 */
export const parseJsonl = (info: SourceInfo, text: string): Parsed => {
  const documents: Array<Document> = []
  const warnings: Array<Warning> = []
  const seen = new Set<string>()
  let current: { doc: string; region: string | null; year: number | null; clauses: Array<Clause> } | undefined
  const flush = () => {
    if (current !== undefined) documents.push({ ...current, source: info.source, format: "jsonl", traditional: info.traditional })
    current = undefined
  }
  splitLines(text).forEach((raw, i) => {
    const line = i + 1
    if (raw.trim().length === 0) return
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      warnings.push({ file: info.source, line, message: "not valid JSON; skipped" })
      return
    }
    const record = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
    if (record === undefined || typeof record["text"] !== "string") {
      warnings.push({ file: info.source, line, message: 'not an object with a string "text"; skipped' })
      return
    }
    let broken = false
    const clean = (s: string): string => {
      const w = wellFormed(s)
      if (w !== s) broken = true
      return w
    }
    const text = clean(record["text"])
    const doc = typeof record["doc"] === "string" && record["doc"] !== "" ? clean(record["doc"]) : info.doc
    const id = typeof record["id"] === "string" || typeof record["id"] === "number" ? clean(String(record["id"])) : `${doc}:${line}`
    if (seen.has(id)) {
      warnings.push({ file: info.source, line, message: `clause id ${id} already used; skipped` })
      return
    }
    seen.add(id)
    const region = typeof record["region"] === "string" ? clean(record["region"]) : info.region
    if (broken) warnings.push({ file: info.source, line, message: "half a character (a lone surrogate, e.g. \\ud800) replaced with U+FFFD" })
    const given = record["year"]
    const year = typeof given === "number" && Number.isInteger(given) ? given : parseYear(String(given ?? "")) ?? info.year
    if (given !== undefined && given !== null && year !== given && String(year) !== String(given).trim())
      warnings.push({ file: info.source, line, message: `year ${JSON.stringify(given)} is not a four-digit year (such as 2026); labeled with year ${year}` })
    if (current === undefined || current.doc !== doc || current.region !== region || current.year !== year) {
      flush()
      current = { doc, region, year, clauses: [] }
    }
    current.clauses.push({ id, doc, region, year, index: current.clauses.length + 1, text })
  })
  flush()
  return { documents, warnings }
}

/** A surrogate with no partner: JSON's \\u escapes can encode one, UTF-8 cannot hold it (DuckDB then refuses the file). */
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const LONE_ALL = new RegExp(LONE.source, "g")
/** `s` with every unpaired surrogate replaced by U+FFFD, so that it can be written as UTF-8. */
export const wellFormed = (s: string): string => (LONE.test(s) ? s.replace(LONE_ALL, "\uFFFD") : s)

export const parseAs = (format: InputFormat, info: SourceInfo, text: string): Parsed =>
  format === "star" ? parseStar(info, text) : format === "jsonl" ? parseJsonl(info, text) : parseProse(info, text)

/**
 * Region and year for a file that no manifest describes, read from its path: a four-digit year (1990–2099) in
 * any part, and a region from the Chinese characters of the file name, e.g. `2024/北京.txt` or `广东_2023.txt`.
 */
export const inferRegionYear = (path: string): { region: string | null; year: number | null } => {
  const years = path.match(/(?<!\d)(199\d|20\d\d)(?!\d)/g)
  const name = path.split("/").pop()!.replace(/\.[^.]*$/, "")
  const han = name.match(/[\u3400-\u9fff]+/g)
  return {
    region: han !== null ? han.join("") : null,
    year: years !== null ? Number(years[years.length - 1]) : null
  }
}

/** One input file decoded and parsed. */
export interface ParsedInput extends Parsed {
  readonly encoding: Encoding
}

/** Decodes and parses the bytes of one input file: pure, so worker threads run it. */
export const parseInput = (file: InputFile, bytes: Uint8Array): ParsedInput | InputError => {
  const decoded = decodeBytes(bytes)
  if (!decoded.ok) return new InputError({ file: file.path, reason: decoded.reason, offset: decoded.offset })
  const inferred = inferRegionYear(file.source)
  const info = {
    doc: path.basename(file.path).replace(/\.[^.]*$/, ""),
    source: file.source,
    region: file.entry ? file.entry.region : inferred.region,
    year: file.entry ? file.entry.year : inferred.year,
    traditional: isTraditional(decoded.text)
  }
  const format = file.entry?.format ?? detectFormat(file.path, decoded.text)
  const parsed = parseAs(format, info, decoded.text)
  const empty = decoded.text.trim() === "" ? [{ file: file.source, line: 0, message: "empty file: nothing to label" }] : []
  const noYear =
    format === "prose" && info.year === null && empty.length === 0
      ? [{ file: file.source, line: 0, message: "no four-digit year in its path (e.g. reports/2026/湖北.txt) or a manifest; labeled with year null" }]
      : []
  return { documents: parsed.documents, warnings: [...empty, ...noYear, ...parsed.warnings], encoding: decoded.encoding }
}
