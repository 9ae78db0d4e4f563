// One Aho-Corasick automaton over UTF-16 code units finds every occurrence of every rule term in a single pass,
// overlapping ones included, so matching costs the same however many rules there are. It is compiled to a DFA in
// flat typed arrays: code units are first mapped to a small alphabet (the units the patterns use; every other
// unit sends any state back to the root), and `delta[state * width + letter]` is the next state with failure links
// already followed. Scanning a text is then two array reads per code unit, with no Map and no allocation.
import { grown } from "../sort.js"

export interface Automaton {
  readonly patterns: ReadonlyArray<string>
  /** Code unit → letter (1…width-1), 0 for units no pattern uses. */
  readonly letter: Uint16Array
  readonly width: number
  /** The transition table, states × width. */
  readonly delta: Uint16Array | Int32Array
  /** The pattern ids that end at state s (its failure chain's included): outputs[outStart[s] … outStart[s+1]). */
  readonly outStart: Int32Array
  readonly outputs: Int32Array
  readonly lengths: Int32Array
}

export const buildAutomaton = (patterns: ReadonlyArray<string>): Automaton => {
  const letter = new Uint16Array(0x10000)
  let width = 1
  for (const p of patterns) for (let i = 0; i < p.length; i++) if (letter[p.charCodeAt(i)] === 0) letter[p.charCodeAt(i)] = width++
  // The trie, with build-time maps.
  const children: Array<Map<number, number>> = [new Map()]
  const ends: Array<Array<number>> = [[]]
  patterns.forEach((p, id) => {
    let state = 0
    for (let i = 0; i < p.length; i++) {
      const a = letter[p.charCodeAt(i)]!
      let to = children[state]!.get(a)
      if (to === undefined) {
        to = children.length
        children.push(new Map())
        ends.push([])
        children[state]!.set(a, to)
      }
      state = to
    }
    ends[state]!.push(id)
  })
  const states = children.length
  const delta = states < 0x10000 ? new Uint16Array(states * width) : new Int32Array(states * width)
  const fail = new Int32Array(states)
  const outputs: Array<Array<number>> = ends.map((e) => [...e])
  // Breadth first: a state's failure target is shallower, so its row is complete when the state's row is filled.
  const queue: Array<number> = []
  for (const [a, to] of children[0]!) {
    delta[a] = to
    queue.push(to)
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!
    const f = fail[state]!
    const row = state * width
    delta.copyWithin(row, f * width, f * width + width)
    for (const [a, to] of children[state]!) {
      fail[to] = delta[f * width + a]!
      delta[row + a] = to
      queue.push(to)
    }
  }
  for (const state of queue) if (fail[state] !== 0) outputs[state]!.push(...outputs[fail[state]!]!)
  const outStart = new Int32Array(states + 1)
  for (let s = 0; s < states; s++) outStart[s + 1] = outStart[s]! + outputs[s]!.length
  return {
    patterns,
    letter,
    width,
    delta,
    outStart,
    outputs: Int32Array.from(outputs.flat()),
    lengths: Int32Array.from(patterns, (p) => p.length)
  }
}

export interface Hit {
  readonly pattern: number
  readonly start: number
  readonly end: number
}

/** Occurrences written into reusable arrays, so that scanning a clause allocates nothing. */
export interface HitBuffer {
  count: number
  pattern: Int32Array
  start: Int32Array
  end: Int32Array
}

export const hitBuffer = (): HitBuffer => ({ count: 0, pattern: new Int32Array(1024), start: new Int32Array(1024), end: new Int32Array(1024) })

/** A copy of `a` twice as long (the rest zero): working arrays grow by doubling (sort.ts). */
export const doubled = (a: Int32Array): Int32Array => grown(Int32Array, a)

const grow = (b: HitBuffer): void => {
  b.pattern = doubled(b.pattern)
  b.start = doubled(b.start)
  b.end = doubled(b.end)
}

/** Adds one occurrence (a list form, found outside the scan) to the buffer. */
export const pushHit = (b: HitBuffer, pattern: number, start: number, end: number): void => {
  if (b.count === b.pattern.length) grow(b)
  b.pattern[b.count] = pattern
  b.start[b.count] = start
  b.end[b.count++] = end
}

/** Every occurrence of every pattern in `text` into `into`, in order of end position (then longest first). */
export const scan = (a: Automaton, text: string, into: HitBuffer): void => {
  const { letter, delta, width, outStart, outputs, lengths } = a
  let count = 0
  let state = 0
  for (let i = 0; i < text.length; i++) {
    state = delta[state * width + letter[text.charCodeAt(i)]!]!
    const to = outStart[state + 1]!
    for (let j = outStart[state]!; j < to; j++) {
      if (count === into.pattern.length) grow(into)
      const pattern = outputs[j]!
      into.pattern[count] = pattern
      into.start[count] = i + 1 - lengths[pattern]!
      into.end[count++] = i + 1
    }
  }
  into.count = count
}

/** Every occurrence of every pattern in `text`, in order of end position (then longest first). */
export const findAll = (a: Automaton, text: string): Array<Hit> => {
  const b = hitBuffer()
  scan(a, text, b)
  return Array.from({ length: b.count }, (_, i) => ({ pattern: b.pattern[i]!, start: b.start[i]!, end: b.end[i]! }))
}
