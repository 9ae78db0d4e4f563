// Decoded text to documents, for each input format. Pure: problems a user would want to hear about become
// warnings that name the file and line, and the records that can be saved are kept.
import { packedMap, type Clause, type Document, type InputFile, type InputFormat } from "../domain.js"
import * as path from "node:path"
import { decodeBytes } from "./decode.js"
import { InputError } from "../errors.js"
import { resolveRegion, type Region } from "./gazetteer.js"
import { fromPath, fromText } from "./region.js"
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
  /** The document id: the path below the input folder without its extension (a single file: its name's stem). */
  readonly doc: string
  /** The path shown in messages and outputs, relative and with `/`. */
  readonly source: string
  /** The region and year a record's own fields give way to (`--region`/`--year`, the manifest), if any. */
  readonly given: { readonly region: Region | undefined; readonly year: number | null }
  /** What the path says, for records that name no region or year of their own. */
  readonly fallback: { readonly region: Region | undefined; readonly year: number | null }
  readonly traditional: boolean
  /** JSONL lines whose id an earlier file used (ids.ts), and where. */
  readonly repeatedIds?: Readonly<Record<number, string>> | undefined
}

/** Region names resolved through the gazetteer, once per distinct name in a file. */
const resolver = () => {
  const seen = new Map<string, Region>()
  return (raw: string): Region => {
    let r = seen.get(raw)
    if (r === undefined) seen.set(raw, (r = resolveRegion(raw)))
    return r
  }
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
  const resolve = resolver()
  splitLines(text).forEach((raw, i) => {
    const line = i + 1
    if (raw.trim().length === 0) return
    const fields = raw.split("*")
    if (fields.length < 3) {
      warnings.push({ file: info.source, line, message: "not a star record (region*year*clause*…); skipped" })
      return
    }
    const own = fields[0]!.trim()
    const found = info.given.region ?? (own !== "" ? resolve(own) : info.fallback.region)
    const ownYear = parseYear(fields[1]!)
    const year = info.given.year ?? ownYear ?? info.fallback.year
    if (found === undefined) warnings.push({ file: info.source, line, message: "star record with no region; labeled with region null" })
    if (ownYear === null && info.given.year === null)
      warnings.push({ file: info.source, line, message: `year "${fields[1]}" is not a four-digit year; labeled with year ${year ?? "null"}` })
    const region = found?.region ?? null
    const region_code = found?.code ?? null
    const clauses: Array<Clause> = []
    fields.slice(2).forEach((field, f) => {
      const text = field.trim()
      if (text.length === 0) return
      clauses.push({ id: `${info.doc}:${line}:${f + 1}`, doc: info.doc, region, region_code, year, index: f + 1, text })
    })
    documents.push({ doc: info.doc, source: info.source, format: "star", region, region_code, year, traditional: info.traditional, clauses })
  })
  return { documents, warnings }
}

const UNKNOWN_REGION = "region unknown: no place in its path or opening lines; give it in manifest.yaml or with --region"
const UNKNOWN_YEAR = "year unknown: none in its path or opening lines; give it in manifest.yaml or with --year"

/**
 * One document; clauses numbered from 1 in reading order. Region and year: given > path > the opening lines of
 * the text (or `heading`, a web page's title).
 */
export const parseProse = (info: SourceInfo, text: string, heading = ""): Parsed => {
  const needed = (info.given.region ?? info.fallback.region) === undefined || (info.given.year ?? info.fallback.year) === null
  const opening = needed ? fromText(heading === "" ? text : `${heading}\n${text}`) : undefined
  const found = info.given.region ?? info.fallback.region ?? opening?.region
  const year = info.given.year ?? info.fallback.year ?? opening?.year ?? null
  const region = found?.region ?? null
  const region_code = found?.code ?? null
  const warnings: Array<Warning> = []
  if (found === undefined) warnings.push({ file: info.source, line: 0, message: UNKNOWN_REGION })
  if (year === null) warnings.push({ file: info.source, line: 0, message: UNKNOWN_YEAR })
  const clauses = packedMap(splitProse(text), (t, i): Clause => ({ id: `${info.doc}:${i + 1}`, doc: info.doc, region, region_code, year, index: i + 1, text: t }))
  return { documents: [{ doc: info.doc, source: info.source, format: "prose", region, region_code, year, traditional: info.traditional, clauses }], warnings }
}

/**
 * One clause a line: `id` and `text`, optionally `doc`, `region`, `year`. Consecutive lines of one `doc` form a
 * document. Lines that are not objects with a string `text` are skipped with a warning; so is a repeated id.
 */
export const parseJsonl = (info: SourceInfo, text: string): Parsed => {
  const documents: Array<Document> = []
  const warnings: Array<Warning> = []
  const seen = new Set<string>()
  const resolve = resolver()
  let unknown = 0
  let current: { doc: string; region: string | null; region_code: string | null; year: number | null; clauses: Array<Clause> } | undefined
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
    const elsewhere = info.repeatedIds?.[line]
    if (seen.has(id) || elsewhere !== undefined) {
      warnings.push({ file: info.source, line, message: `clause id ${id} already used${elsewhere !== undefined ? ` in ${elsewhere}` : ""}; skipped` })
      return
    }
    seen.add(id)
    const own = typeof record["region"] === "string" && record["region"].trim() !== "" ? resolve(clean(record["region"])) : undefined
    if (broken) warnings.push({ file: info.source, line, message: "half a character (a lone surrogate, e.g. \\ud800) replaced with U+FFFD" })
    const found = info.given.region ?? own ?? info.fallback.region
    const written = record["year"]
    const ownYear = typeof written === "number" && Number.isInteger(written) ? written : parseYear(String(written ?? ""))
    const year = info.given.year ?? ownYear ?? info.fallback.year
    if (written !== undefined && written !== null && ownYear !== written && String(ownYear) !== String(written).trim())
      warnings.push({ file: info.source, line, message: `year ${JSON.stringify(written)} is not a four-digit year (such as 2026); labeled with year ${year}` })
    const region = found?.region ?? null
    const region_code = found?.code ?? null
    if (region === null || year === null) unknown++
    if (current === undefined || current.doc !== doc || current.region !== region || current.year !== year) {
      flush()
      current = { doc, region, region_code, year, clauses: [] }
    }
    current.clauses.push({ id, doc, region, region_code, year, index: current.clauses.length + 1, text })
  })
  flush()
  if (unknown > 0)
    warnings.push({ file: info.source, line: 0, message: `${unknown} clauses with no region or year of their own, nor in the path; give them in the records, manifest.yaml or with --region/--year` })
  return { documents, warnings }
}

/** A surrogate with no partner: JSON's \\u escapes can encode one, UTF-8 cannot hold it (DuckDB then refuses the file). */
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const LONE_ALL = new RegExp(LONE.source, "g")
/** `s` with every unpaired surrogate replaced by U+FFFD, so that it can be written as UTF-8. */
export const wellFormed = (s: string): string => (LONE.test(s) ? s.replace(LONE_ALL, "\uFFFD") : s)

export const parseAs = (format: InputFormat, info: SourceInfo, text: string, heading = ""): Parsed =>
  format === "star" ? parseStar(info, text) : format === "jsonl" ? parseJsonl(info, text) : parseProse(info, text, heading)

/** The document id of a file: as listed (the path below its input folder), else the file name's stem. */
export const documentId = (file: InputFile): string => file.doc ?? path.basename(file.path).replace(/\.[^.]*$/, "")

/** Parses decoded text (`heading`: a title that is not part of the text, such as a web page's). */
export const parseText = (file: InputFile, text: string, format: InputFormat, heading = ""): Parsed => {
  const resolve = resolver()
  const info: SourceInfo = {
    doc: documentId(file),
    source: file.source,
    given: { region: file.region !== undefined ? resolve(file.region) : undefined, year: file.year ?? null },
    fallback: fromPath(file.source),
    traditional: isTraditional(text),
    repeatedIds: file.repeatedIds
  }
  const parsed = parseAs(format, info, text, heading)
  const empty = text.trim() === "" ? [{ file: file.source, line: 0, message: "empty file: nothing to label" }] : []
  return { documents: parsed.documents, warnings: [...empty, ...parsed.warnings] }
}

/** Decodes and parses the bytes of a text file (plain, star or JSONL): pure and synchronous, so workers run it. */
export const parseInput = (file: InputFile, bytes: Uint8Array): Parsed | InputError => {
  const decoded = decodeBytes(bytes)
  if (!decoded.ok) return new InputError({ file: file.path, reason: decoded.reason, offset: decoded.offset })
  return parseText(file, decoded.text, file.format ?? detectFormat(file.path, decoded.text))
}
