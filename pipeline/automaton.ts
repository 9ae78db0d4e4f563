// One Aho-Corasick automaton over UTF-16 code units finds every occurrence of every rule term in a single pass,
// overlapping ones included, so matching costs the same however many rules there are. The root's transitions are a
// table indexed by code unit; every other state has a small Map (keys stay small integers however many states
// there are). Output lists are merged along failure links when the automaton is built.

export interface Automaton {
  readonly patterns: ReadonlyArray<string>
  readonly next: ReadonlyArray<ReadonlyMap<number, number>>
  /** The root's transitions by code unit (0: none), since most characters of a text start no term. */
  readonly root: Int32Array
  readonly fail: Int32Array
  /** Pattern ids that end at each state, its failure chain's included. */
  readonly outputs: ReadonlyArray<ReadonlyArray<number>>
}

export const buildAutomaton = (patterns: ReadonlyArray<string>): Automaton => {
  const next: Array<Map<number, number>> = [new Map()]
  const children: Array<Array<[number, number]>> = [[]]
  const ends: Array<Array<number>> = [[]]
  patterns.forEach((p, id) => {
    let state = 0
    for (let i = 0; i < p.length; i++) {
      const unit = p.charCodeAt(i)
      let to = next[state]!.get(unit)
      if (to === undefined) {
        to = children.length
        children.push([])
        ends.push([])
        next.push(new Map())
        next[state]!.set(unit, to)
        children[state]!.push([p.charCodeAt(i), to])
      }
      state = to
    }
    ends[state]!.push(id)
  })
  const fail = new Int32Array(children.length)
  const outputs: Array<Array<number>> = ends.map((e) => [...e])
  const queue: Array<number> = children[0]!.map(([, to]) => to)
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!
    for (const [unit, to] of children[state]!) {
      let f = fail[state]!
      while (f !== 0 && !next[f]!.has(unit)) f = fail[f]!
      const target = next[f]!.get(unit)
      fail[to] = target !== undefined && target !== to ? target : 0
      outputs[to]!.push(...outputs[fail[to]!]!)
      queue.push(to)
    }
  }
  const root = new Int32Array(0x10000)
  for (const [unit, to] of children[0]!) root[unit] = to
  return { patterns, next, fail, outputs, root }
}

export interface Hit {
  readonly pattern: number
  readonly start: number
  readonly end: number
}

/** Every occurrence of every pattern in `text`, in order of end position (then longest first). */
export const findAll = (a: Automaton, text: string): Array<Hit> => {
  const hits: Array<Hit> = []
  let state = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    let to = state === 0 ? undefined : a.next[state]!.get(unit)
    while (to === undefined && state !== 0) {
      state = a.fail[state]!
      if (state !== 0) to = a.next[state]!.get(unit)
    }
    state = to ?? a.root[unit]!
    const out = a.outputs[state]!
    if (out.length === 0) continue
    for (let j = 0; j < out.length; j++) {
      const pattern = out[j]!
      hits.push({ pattern, start: i + 1 - a.patterns[pattern]!.length, end: i + 1 })
    }
  }
  return hits
}
