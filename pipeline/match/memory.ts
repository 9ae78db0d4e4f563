// The working memory of matching, one per thread: arrays indexed by rule or by occurrence, reused from clause to
// clause so that matching one allocates almost nothing. It is kept apart from the compiled rules (compile.ts), which
// never change; a class with every field set in its constructor, so that V8 sees one object shape throughout, and
// arrays that start at sizes clauses rarely outgrow (replacing one that grew deoptimizes the code reading it).
import { hitBuffer, type HitBuffer } from "./automaton.js"
import type { CompiledRules } from "./compile.js"

/** Compiled rules with one thread's working memory: what matching needs. */
export interface Matcher {
  readonly compiled: CompiledRules
  readonly memory: WorkingMemory
}

export class WorkingMemory {
  /** The clause being matched, numbered: `stamp[r] === seq` marks rule r a candidate of this clause. */
  seq = 0
  readonly stamp: Int32Array
  readonly any: Uint8Array
  readonly groups: Int32Array
  /** Candidate rules of the clause, ascending. */
  readonly candidates: Int32Array
  readonly hits: HitBuffer = hitBuffer()
  /** Per hit: 0 not yet asked, 1 word-aligned, -1 not. */
  aligned: Int8Array = new Int8Array(1024)
  /** Per candidate rule, its first and last entry: the list of its occurrences in `entries`. */
  readonly head: Int32Array
  readonly tail: Int32Array
  /** Entries of three: hit, slot (-1 for `any`, n for `all` group n), next entry of the same rule or -1. */
  entries: Int32Array = new Int32Array(3 * 1024)
  /** The hits of terms some rule excludes, and how many. */
  excluded: Int32Array = new Int32Array(256)
  excludedCount = 0
  /** closestWindow's: each occurrence's group and hit, their order, and occurrences per group. */
  windowGroup: Int32Array = new Int32Array(64)
  windowHit: Int32Array = new Int32Array(64)
  windowOrder: Int32Array = new Int32Array(64)
  windowCounts: Int32Array = new Int32Array(16)
  /** The members of a 、-list as pairs (start, end), found from a head (lists.ts). */
  members: Int32Array = new Int32Array(64)
  /** The clause's sub-clause separators, ascending, found once a scoped rule asks (`separatorsOf === seq`). */
  separators: Int32Array = new Int32Array(64)
  separatorCount = 0
  separatorsOf = -1

  constructor(rules: number) {
    this.stamp = new Int32Array(rules)
    this.any = new Uint8Array(rules)
    this.groups = new Int32Array(rules)
    this.candidates = new Int32Array(rules)
    this.head = new Int32Array(rules)
    this.tail = new Int32Array(rules)
  }
}
