import { describe, expect, it } from "@effect/vitest"
import { InputError } from "../pipeline/errors.js"
import { decodeInputError, fromWire, toWire } from "../pipeline/run/protocol.js"
import type { LabeledFile } from "../pipeline/run/labelfile.js"

/** What the port does to a message: a structured clone, which drops classes. */
const cross = <A>(a: A): A => structuredClone(a)

describe("the worker protocol", () => {
  it("rebuilds an unreadable file's InputError on the far side of the port, fields and message intact", () => {
    for (const error of [
      new InputError({ file: "a/b.txt", reason: "binary data, not text", offset: 12 }),
      new InputError({ file: "c.txt", reason: "cannot read the file (ENOENT)" }),
      new InputError({ file: "d.jsonl", reason: "bad line", line: 3 })
    ]) {
      const sent: LabeledFile = { size: 5, digest: "ab", result: { unreadable: error } }
      const received = fromWire(cross(toWire(sent)))
      expect(received).toBeDefined()
      const result = received!.result
      if (!("unreadable" in result)) throw new Error("the error did not cross as an error")
      expect(result.unreadable).toBeInstanceOf(InputError)
      expect(result.unreadable.message).toBe(error.message)
      expect({ ...result.unreadable }).toEqual({ ...error })
      expect(received!.size).toBe(5)
    }
  })

  it("passes a labeled file's JSONL and counts through as they are", () => {
    const jsonl = new TextEncoder().encode('{"id":"x"}\n')
    const sent: LabeledFile = { size: 9, digest: "cd", result: { jsonl, documents: 1, clauses: 1, warnings: [{ file: "x", line: 2, message: "m" }] } }
    expect(fromWire(cross(toWire(sent)))).toEqual(sent)
  })

  it("decodes only what has an InputError's fields", () => {
    expect(decodeInputError({ _tag: "InputError", file: "f", reason: "r", offset: 1 })).toBeInstanceOf(InputError)
    for (const bad of [null, "InputError", { file: "f", reason: "r" }, { _tag: "InputError", file: 1, reason: "r" }, { _tag: "InputError", file: "f", reason: "r", line: "2" }, { _tag: "OutputError", file: "f", reason: "r" }]) {
      expect(decodeInputError(bad), JSON.stringify(bad)).toBeUndefined()
    }
  })
})
