// One input file in a worker thread, stage by stage: read → decode → split → label → encode → count. Pure given a
// segmenter and a compiled matcher, which each worker loads once (worker.ts). A file comes back as its JSONL, already
// encoded as UTF-8 bytes so that the main thread only writes them, and the digest of its bytes for the inputs hash.
// Its coverage is counted into the coverage its worker keeps, since coverage is a sum: the run adds up its workers'
// once, at the end, instead of passing every file's across threads.
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import { addDocument, type Coverage } from "../report/coverage.js"
import { packedMap, type Document, type InputFile, type LabeledClause } from "../domain.js"
import { InputError } from "../errors.js"
import { readDocuments } from "../input/formats.js"
import type { Warning } from "../input/parse.js"
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

/** A labeled file, or why it could not be read. */
export type FileResult =
  | (BatchResult & { readonly warnings: ReadonlyArray<Warning> })
  | { readonly unreadable: InputError }

/** What a worker sends back for one input file. */
export interface LabeledFile {
  readonly size: number
  /** SHA-256 of the file's bytes, hex ("" when it could not be read). */
  readonly digest: string
  readonly result: FileResult
}

/**
 * Reads and labels one file. A file that cannot be read is reported like one that cannot be decoded. A promise, since
 * extracting a PDF's text is asynchronous; text files settle at once.
 */
export const labelFile = async (matcher: Matcher, segmenter: WordSource, file: InputFile, sinks: Sinks): Promise<LabeledFile> => {
  const bytes = read(file)
  if (bytes instanceof InputError) return { size: 0, digest: "", result: { unreadable: bytes } }
  const digest = createHash("sha256").update(bytes).digest("hex")
  // decode → split (input/formats.ts): the bytes as text (a web page's article, a PDF's or Word file's text), then
  // the text as documents of clauses.
  const parsed = await readDocuments(file, bytes)
  if (parsed instanceof InputError) return { size: bytes.length, digest, result: { unreadable: parsed } }
  // label → encode → count, about five bytes of JSONL to a byte of input.
  const labeled = labelBatch(matcher, segmenter, parsed.documents, sinks, bytes.length * 5 + 4096)
  return { size: bytes.length, digest, result: { ...labeled, warnings: parsed.warnings } }
}

/** The file's bytes, or why they cannot be read. */
const read = (file: InputFile): Uint8Array | InputError => {
  try {
    return fs.readFileSync(file.path)
  } catch (e) {
    const reason = `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check that it exists and is readable`
    return new InputError({ file: file.path, reason })
  }
}

/**
 * Labels documents into their JSONL bytes, counting them into the sinks' coverage: for each document, label its
 * clauses, encode them, count them. `expected` is how many bytes of JSONL to make room for at first (the buffer grows
 * as needed).
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
    const labeled = label(matcher, segmenter, doc)
    encode(jsonl, labeled)
    addDocument(coverage, doc, labeled)
    clauses += labeled.length
  }
  return { jsonl: jsonl.done(), documents: documents.length, clauses }
}

/** Labels a document's clauses; a clause too long for the matcher in one piece is labeled piece by piece (longtext.ts). */
const label = (matcher: Matcher, segmenter: WordSource, doc: Document): Array<LabeledClause> =>
  packedMap(doc.clauses, (c) => labelAnyLength(matcher, segmenter, c, doc.traditional))

const encode = (jsonl: JsonlBuffer, labeled: ReadonlyArray<LabeledClause>): void => {
  for (const c of labeled) jsonl.add(c)
}
