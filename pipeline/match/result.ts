// What matching a clause yields: the rules that fired with their evidence, and, for `explain`, the rules that came
// close and why. Plain records, read by label.ts to build the labeled clause.
import type { CompiledRule } from "./compile.js"

/** A term or pattern occurrence in the normalized text (a list form spans its list: 融资、物流等成本). */
export interface Evidence {
  readonly term: string
  readonly start: number
  readonly end: number
}

export interface Fired {
  readonly rule: CompiledRule
  readonly evidence: ReadonlyArray<Evidence>
}

/** Why a rule that some term touched did not fire; `explain` shows these. */
export interface NearMiss {
  readonly rule: CompiledRule
  readonly reason: string
}

export interface MatchResult {
  readonly fired: ReadonlyArray<Fired>
  readonly nearMisses: ReadonlyArray<NearMiss>
}
