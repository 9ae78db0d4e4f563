// Labeling a file is pure given a segmenter (read, decode, parse, split, label, emit) and runs in worker threads
// that each load jieba's lexicon and compile the rules once (pool.ts). A file comes back as its JSONL, already encoded as
// UTF-8 bytes so that the main thread only writes them, and the digest of its bytes for the inputs hash. Its
// coverage is added to the coverage its worker keeps, since coverage is a sum: the run adds up its workers' once,
// at the end, instead of passing every file's across threads.
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import { addDocument, type Coverage } from "../report/coverage.js"
import { packedMap, type Document } from "../domain.js"
import { InputError } from "../errors.js"
import type { InputFile } from "../domain.js"
import { parseInput, type Warning } from "../input/parse.js"
import { JsonlBuffer } from "../report/jsonl.js"
import { labelAnyLength } from "./longtext.js"
import type { Matcher } from "../match/matcher.js"
import type { WordSource } from "../segment/tokens.js"

export interface BatchResult {
  /** The JSONL lines, UTF-8. */
  readonly jsonl: Uint8Array
  readonly documents: number
  readonly clauses: number
}

/** Where labeled files' results go: their coverage into `coverage`, their JSONL into memory from `allocate`. */
export interface Sinks {
  readonly coverage: Coverage
  readonly allocate?: (size: number) => Uint8Array
}

/**
 * Labels documents into their JSONL bytes, adding them to the sinks' coverage. `expected` is how many bytes of JSONL
 * to make room for at first (the buffer grows as needed): about five times the input's size.
 */
export const labelBatch = (
  matcher: Matcher,
  segmenter: WordSource,
  documents: ReadonlyArray<Document>,
  { coverage, allocate }: Sinks,
  expected = 1 << 16
): BatchResult => {
  const jsonl = new JsonlBuffer(expected, allocate)
  let clauses = 0
  for (const doc of documents) {
    const labeled = packedMap(doc.clauses, (c) => labelAnyLength(matcher, segmenter, c, doc.traditional))
    for (const c of labeled) jsonl.add(c)
    addDocument(coverage, doc, labeled)
    clauses += labeled.length
  }
  return { jsonl: jsonl.done(), documents: documents.length, clauses }
}

/** A labeled file, or why it could not be read. */
export type FileResult =
  | (BatchResult & { readonly warnings: ReadonlyArray<Warning> })
  | { readonly unreadable: InputError }

export const labelFile = (matcher: Matcher, segmenter: WordSource, file: InputFile, bytes: Uint8Array, sinks: Sinks): FileResult => {
  const parsed = parseInput(file, bytes)
  if (parsed instanceof InputError) return { unreadable: parsed }
  return { ...labelBatch(matcher, segmenter, parsed.documents, sinks, bytes.length * 5 + 4096), warnings: parsed.warnings }
}

/** What a worker sends back for one input file. */
export interface LabeledFile {
  readonly size: number
  /** SHA-256 of the file's bytes, hex ("" when it could not be read). */
  readonly digest: string
  readonly result: FileResult
}

/** Reads and labels one file. A file that cannot be read is reported like one that cannot be decoded. */
export const labelPath = (matcher: Matcher, segmenter: WordSource, file: InputFile, sinks: Sinks): LabeledFile => {
  let bytes: Uint8Array
  try {
    bytes = fs.readFileSync(file.path)
  } catch (e) {
    const reason = `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check that it exists and is readable`
    return { size: 0, digest: "", result: { unreadable: new InputError({ file: file.path, reason }) } }
  }
  const digest = createHash("sha256").update(bytes).digest("hex")
  return { size: bytes.length, digest, result: labelFile(matcher, segmenter, file, bytes, sinks) }
}
