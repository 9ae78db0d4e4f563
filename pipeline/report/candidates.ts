// The candidates of the coverage report (unlabeled clauses with finance words) are a bounded sample, so that memory
// does not grow with the corpus: of all distinct candidate texts, the SAMPLE with the smallest keys (a 32-bit FNV-1a
// hash of the text, ties broken by the text). Such a bottom-k sample merges exactly and in any order: a text among
// the k smallest of the whole run is among the k smallest of every part that holds it, so its count, added up over
// the parts, is exact; whichever worker saw which files, the outputs are the same. Keys are copied out of the
// clause text, which is a slice of its whole decoded file and would otherwise keep the file in memory.

/** Distinct candidate texts kept; the bundled seeds have 161, so their report is the full list. */
export const SAMPLE = 1000

export interface CandidateKey {
  readonly hash: number
  readonly text: string
}

export interface Candidate {
  count: number
  firstId: string
  /** FNV-1a of the text: with the text, the key the sample keeps the smallest of. */
  readonly hash: number
}

/** The part of the coverage that holds the sample. */
export interface CandidateSample {
  readonly candidates: Map<string, Candidate>
  /** The largest key the sample keeps, once it has been pruned: a text with a larger key is not sampled. */
  candidateBound: CandidateKey | undefined
}

export const fnv1a = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

const above = (hash: number, text: string, bound: CandidateKey): boolean =>
  hash > bound.hash || (hash === bound.hash && text > bound.text)

const byKey = ([a, x]: [string, Candidate], [b, y]: [string, Candidate]): number => x.hash - y.hash || (a < b ? -1 : a > b ? 1 : 0)

/** A copy of `s` that shares no memory with the string it was sliced from (V8 flattens the concatenation). */
const detached = (s: string): string => (" " + s).slice(1)

/** Keeps the SAMPLE smallest keys of `c.candidates`, and lowers its bound to the largest of them. */
const prune = (c: CandidateSample): void => {
  const kept = [...c.candidates].sort(byKey).slice(0, SAMPLE)
  c.candidates.clear()
  for (const [text, t] of kept) c.candidates.set(text, t)
  const [text, last] = kept[kept.length - 1]!
  c.candidateBound = { hash: last.hash, text }
}

/** No text above `bound` can be in the sample any more (it is the SAMPLE-th smallest key somewhere). */
export const lowerBound = (c: CandidateSample, bound: CandidateKey): void => {
  if (c.candidateBound === undefined || above(c.candidateBound.hash, c.candidateBound.text, bound)) c.candidateBound = bound
  for (const [text, t] of c.candidates) if (above(t.hash, text, c.candidateBound)) c.candidates.delete(text)
}

/** Counts `count` occurrences of candidate `text` (first id `firstId`) into the sample. */
export const addCandidate = (c: CandidateSample, text: string, count: number, firstId: string, hash = -1): void => {
  const known = c.candidates.get(text)
  if (known !== undefined) {
    known.count += count
    if (firstId < known.firstId) known.firstId = firstId
    return
  }
  const h = hash >= 0 ? hash : fnv1a(text)
  const bound = c.candidateBound
  if (bound !== undefined && above(h, text, bound)) return
  c.candidates.set(detached(text), { count, firstId, hash: h })
  // Pruning only at twice the size keeps its cost (a sort) to once per SAMPLE new texts.
  if (c.candidates.size >= 2 * SAMPLE) prune(c)
}

/** The sample as the report shows it: the SAMPLE smallest keys, whatever was kept on the way. */
export const sampledCandidates = (c: CandidateSample): Array<[string, Candidate]> => [...c.candidates].sort(byKey).slice(0, SAMPLE)
