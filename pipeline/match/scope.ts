// Sub-clauses: the stretches of a clause between ，；： (and 。！？ where a clause holds several sentences). A rule
// with `scope: subclause` is tried within each on its own, so that a word of one part of a long sentence neither
// completes nor vetoes what another part says. The separators are found once per clause, when a rule first asks.
import type { WorkingMemory } from "./memory.js"

const isSeparator = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i)
  // Normalized text has half-width ，；：！？; a comma between digits is a thousands separator.
  if (c === 0x2c) return !(isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)))
  return c === 0x3b || c === 0x3a || c === 0x3002 || c === 0x21 || c === 0x3f
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

/** Finds the clause's separators into `memory` (once per clause: `seq` numbers the clause). */
export const separatorsOf = (memory: WorkingMemory, text: string, seq: number): void => {
  if (memory.separatorsOf === seq) return
  memory.separatorsOf = seq
  let n = 0
  for (let i = 0; i < text.length; i++) {
    if (!isSeparator(text, i)) continue
    if (n === memory.separators.length) {
      const bigger = new Int32Array(n * 2)
      bigger.set(memory.separators)
      memory.separators = bigger
    }
    memory.separators[n++] = i
  }
  memory.separatorCount = n
}

/** The index of the sub-clause holding position `pos` (separators must have been found). */
export const subclauseAt = (memory: WorkingMemory, pos: number): number => {
  let lo = 0
  let hi = memory.separatorCount
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (memory.separators[mid]! < pos) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Sub-clause `s` is [subclauseStart(s), subclauseEnd(s)). */
export const subclauseStart = (memory: WorkingMemory, s: number): number => (s === 0 ? 0 : memory.separators[s - 1]! + 1)
export const subclauseEnd = (memory: WorkingMemory, s: number, length: number): number =>
  s < memory.separatorCount ? memory.separators[s]! : length
