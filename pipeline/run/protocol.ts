// The worker protocol: every message that crosses between the main thread and a labeling worker, in one place.
// Plain data crosses a port as a structured clone, but a class instance arrives as a bare object without its class:
// so an error is flattened to its fields on the worker's side (`toWire`, `failureText`) and rebuilt, checked field by
// field, on the main thread's (`fromWire`). Nothing here loads Effect beyond the errors' Data module.
import type { InputFile } from "../domain.js"
import { InputError } from "../errors.js"
import type { Coverage } from "../report/coverage.js"
import type { RuleSet } from "../rules/decode.js"
import type { LexiconTables } from "../segment/trie.js"
import type { MessagePort } from "node:worker_threads"
import type { FileResult, LabeledFile } from "./labelfile.js"

/** What a worker thread is started with: it loads jieba's lexicon at once, and compiles the rules when sent. */
export interface WorkerSetup {
  readonly userDictionary: string | null
}

/** A worker's data: its setup, and the port its lexicon tables come through (`LexiconMessage`s, both ways). */
export interface WorkerData {
  readonly setup: WorkerSetup
  readonly lexicon: MessagePort
}

/**
 * On the lexicon port: to the worker, the tables or "build" (when it is the one to build them); from the worker, the
 * tables it built, for the main thread to share with the others (prestart.ts).
 */
export type LexiconMessage = LexiconTables | "build"

/** Messages to a worker: the rules first, then batches, then a request for the coverage of all it labeled. */
export type WorkerMessage =
  | { readonly rules: RuleSet }
  | { readonly id: number; readonly files: ReadonlyArray<InputFile> }
  | { readonly id: number; readonly coverage: true }
  /** Buffers the main thread has written and hands back for reuse. */
  | { readonly spares: ReadonlyArray<ArrayBuffer> }

/** A worker's answer to a batch or to the coverage request, or why it could not answer. */
export type Reply =
  | { readonly id: number; readonly results: ReadonlyArray<WireFile> }
  | { readonly id: number; readonly coverage: Coverage }
  | { readonly id: number; readonly error: string }

/** An InputError's fields, as they cross the port. */
export interface WireInputError {
  readonly _tag: "InputError"
  readonly file: string
  readonly reason: string
  readonly line?: number
  readonly offset?: number
}

/** A LabeledFile as it crosses the port: an unreadable file's error flattened to its fields. */
export interface WireFile {
  readonly size: number
  readonly digest: string
  readonly result: Exclude<FileResult, { readonly unreadable: InputError }> | { readonly unreadable: WireInputError }
}

const wireError = (e: InputError): WireInputError => ({
  _tag: "InputError",
  file: e.file,
  reason: e.reason,
  ...(e.line !== undefined ? { line: e.line } : {}),
  ...(e.offset !== undefined ? { offset: e.offset } : {})
})

/** The worker's side: a labeled file, ready to post. */
export const toWire = (f: LabeledFile): WireFile =>
  "unreadable" in f.result ? { size: f.size, digest: f.digest, result: { unreadable: wireError(f.result.unreadable) } } : { size: f.size, digest: f.digest, result: f.result }

const optionalNumber = (v: unknown): v is number | undefined => v === undefined || typeof v === "number"

/** An InputError rebuilt from what crossed the port, or undefined if it is not one. */
export const decodeInputError = (u: unknown): InputError | undefined => {
  if (typeof u !== "object" || u === null) return undefined
  if (!("_tag" in u && u._tag === "InputError" && "file" in u && typeof u.file === "string" && "reason" in u && typeof u.reason === "string")) return undefined
  const line = "line" in u ? u.line : undefined
  const offset = "offset" in u ? u.offset : undefined
  if (!optionalNumber(line) || !optionalNumber(offset)) return undefined
  return new InputError({
    file: u.file,
    reason: u.reason,
    ...(line !== undefined ? { line } : {}),
    ...(offset !== undefined ? { offset } : {})
  })
}

/** The main thread's side: a labeled file as the worker labeled it, or undefined if its error does not decode. */
export const fromWire = (f: WireFile): LabeledFile | undefined => {
  if (!("unreadable" in f.result)) return { size: f.size, digest: f.digest, result: f.result }
  const unreadable = decodeInputError(f.result.unreadable)
  return unreadable === undefined ? undefined : { size: f.size, digest: f.digest, result: { unreadable } }
}

/** The JSONL buffers of labeled files: transferred with a reply, and handed back once written. */
export const jsonlBuffers = (files: ReadonlyArray<{ readonly result: WireFile["result"] | FileResult }>): Array<ArrayBuffer> =>
  files.flatMap((f) => ("jsonl" in f.result ? [f.result.jsonl.buffer as ArrayBuffer] : []))

/** A failure inside a worker, flattened to text for an error reply (the stack, when there is one). */
export const failureText = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e))
