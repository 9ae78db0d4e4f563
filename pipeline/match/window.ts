// The `all` groups' occurrences that make a rule's evidence: with no distance limit every aligned occurrence of
// every group; with `within` or `within_tokens`, the tightest window that holds one of each group and fits the limit.
// This runs for every candidate rule with `all`, so it works in the thread's working memory (allocating here was a
// good part of the garbage of labeling).
import { doubled } from "./automaton.js"
import type { CompiledRule } from "./compile.js"
import type { Matcher } from "./memory.js"
import type { Evidence } from "./result.js"
import type { Words } from "../segment/tokens.js"

export const evidenceOf = (matcher: Matcher, hit: number): Evidence => {
  const { hits } = matcher.memory
  return { term: matcher.compiled.terms[hits.pattern[hit]!]!, start: hits.start[hit]!, end: hits.end[hit]! }
}

/**
 * The evidence of a rule's `all` groups among its occurrences in [lo, hi) (those not marked unaligned), or why
 * there is none ("" unless `thorough`). `head` starts the rule's list of occurrences.
 */
export const closestWindow = (
  matcher: Matcher,
  rule: CompiledRule,
  head: number,
  words: Words,
  thorough: boolean,
  lo: number,
  hi: number
): Array<Evidence> | string => {
  const { memory } = matcher
  const { entries, hits } = memory
  // The aligned `all` occurrences, group by group, each group in hit order.
  let n = 0
  for (let g = 0; g < rule.all.length; g++) {
    for (let e = head; e !== -1; e = entries[e * 3 + 2]!) {
      if (entries[e * 3 + 1] !== g) continue
      const h = entries[e * 3]!
      if (hits.start[h]! < lo || hits.end[h]! > hi) continue
      if (n === memory.windowGroup.length) {
        memory.windowGroup = doubled(memory.windowGroup)
        memory.windowHit = doubled(memory.windowHit)
        memory.windowOrder = doubled(memory.windowOrder)
      }
      memory.windowGroup[n] = g
      memory.windowHit[n++] = h
    }
  }
  const group = memory.windowGroup
  const hit = memory.windowHit
  if (rule.within === undefined && rule.withinTokens === undefined) {
    const all: Array<Evidence> = []
    for (let k = 0; k < n; k++) all.push(evidenceOf(matcher, hit[k]!))
    return all
  }
  // Sorted by start, longer first at the same start, group order kept among equals: a stable insertion sort, as
  // the lists are short (Array.prototype.sort allocates a work array on every call).
  const order = memory.windowOrder
  for (let k = 0; k < n; k++) {
    let j = k
    for (; j > 0 && (hits.start[hit[order[j - 1]!]!]! - hits.start[hit[k]!]! || hits.end[hit[k]!]! - hits.end[hit[order[j - 1]!]!]!) > 0; j--) order[j] = order[j - 1]!
    order[j] = k
  }
  const groupCount = rule.all.length
  if (memory.windowCounts.length < groupCount) memory.windowCounts = new Int32Array(groupCount * 2)
  const counts = memory.windowCounts.fill(0, 0, groupCount)
  let covered = 0
  let bestFrom = -1
  let bestTo = -1
  let bestSize = Infinity
  for (let left = 0, right = 0; right < n; right++) {
    if (counts[group[order[right]!]!]!++ === 0) covered++
    while (covered === groupCount) {
      let end = 0
      for (let k = left; k <= right; k++) end = Math.max(end, hits.end[hit[order[k]!]!]!)
      const start = hits.start[hit[order[left]!]!]!
      const size = rule.withinTokens !== undefined ? words.wordSpan(start, end) : end - start
      if (size < bestSize) {
        bestFrom = left
        bestTo = right
        bestSize = size
      }
      if (--counts[group[order[left]!]!]! === 0) covered--
      left++
    }
  }
  const limit = rule.withinTokens ?? rule.within!
  if (bestFrom < 0 || bestSize > limit) {
    if (!thorough) return ""
    const unit = rule.withinTokens !== undefined ? "words" : "characters"
    return `all: groups present but ${bestFrom < 0 ? "?" : bestSize} ${unit} apart (limit ${limit})`
  }
  const window: Array<Evidence> = []
  for (let k = bestFrom; k <= bestTo; k++) window.push(evidenceOf(matcher, hit[order[k]!]!))
  return window
}
