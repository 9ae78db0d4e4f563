import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { byCodeUnit } from "../pipeline/domain.js"
import { grown, insertAscending, insertionSort, sortedUnique } from "../pipeline/sort.js"

describe("sort and grow helpers", () => {
  it.prop("insertionSort orders as the built-in stable sort does, equal keys in their first order", [fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat()), { maxLength: 40 })], ([pairs]) => {
    const byKey = (a: readonly [number, number], b: readonly [number, number]) => a[0] - b[0]
    expect(insertionSort([...pairs], byKey)).toEqual([...pairs].sort(byKey))
  })

  it.prop("insertionSort with a count sorts that prefix only", [fc.array(fc.integer(), { maxLength: 30 }), fc.nat({ max: 30 })], ([xs, n]) => {
    const count = Math.min(n, xs.length)
    const sorted = insertionSort([...xs], (a, b) => a - b, count)
    expect(sorted.slice(0, count)).toEqual(xs.slice(0, count).sort((a, b) => a - b))
    expect(sorted.slice(count)).toEqual(xs.slice(count))
  })

  it.prop("sortedUnique gives the distinct strings in code-unit order", [fc.array(fc.string({ unit: "binary", maxLength: 3 }), { maxLength: 20 })], ([xs]) => {
    expect(sortedUnique([...xs])).toEqual([...new Set(xs)].sort(byCodeUnit))
  })

  it.prop("insertAscending keeps a list ascending", [fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 30 })], ([xs]) => {
    const into = new Int32Array(xs.length)
    let count = 0
    for (const x of xs) count = insertAscending(into, count, x)
    expect(count).toBe(xs.length)
    expect(Array.from(into)).toEqual([...xs].sort((a, b) => a - b))
  })

  it("grown doubles, or grows to what is asked, keeping the given prefix and zeroing the rest", () => {
    const a = Int32Array.from([1, 2, 3, 4])
    expect(Array.from(grown(Int32Array, a))).toEqual([1, 2, 3, 4, 0, 0, 0, 0])
    expect(Array.from(grown(Int32Array, a, 10, 2))).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 0])
    const f = grown(Float64Array, Float64Array.from([0.5]))
    expect(f).toBeInstanceOf(Float64Array)
    expect(Array.from(f)).toEqual([0.5, 0])
  })
})
