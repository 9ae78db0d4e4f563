import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { buildAutomaton, findAll } from "../pipeline/match/automaton.js"

const naive = (patterns: ReadonlyArray<string>, text: string) => {
  const hits: Array<[number, number, number]> = []
  patterns.forEach((p, id) => {
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) hits.push([id, i, i + p.length])
  })
  return hits.sort((a, b) => a[1] - b[1] || a[2] - b[2] || a[0] - b[0])
}

describe("Aho-Corasick automaton", () => {
  const alphabet = fc.constantFrom(..."债券务化解融资平台a")
  const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 4 })
  it.prop("finds exactly the occurrences a naive search finds, overlapping ones included",
    [fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), fc.string({ unit: alphabet, maxLength: 60 })],
    ([patterns, text]) => {
      const found = findAll(buildAutomaton(patterns), text)
        .map((h): [number, number, number] => [h.pattern, h.start, h.end])
        .sort((a, b) => a[1] - b[1] || a[2] - b[2] || a[0] - b[0])
      expect(found).toEqual(naive(patterns, text))
    })
})
