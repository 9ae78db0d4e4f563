// Every failure a user can cause is one of these, carrying where it happened and how to fix it. The CLI turns them
// into a message and an exit code in one place (commands.ts); nothing else prints errors.
// The Data module alone: worker threads build InputErrors, and the whole "effect" index takes long to load.
import * as Data from "effect/Data"

/** One problem in one rule file, at a line and column (1-based; 0 when the problem is the file as a whole). */
export interface RuleIssue {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly message: string
}

export const formatIssue = (i: RuleIssue): string =>
  i.line > 0 ? `${i.file}:${i.line}:${i.column}: ${i.message}` : `${i.file}: ${i.message}`

/** The rule set could not be loaded: every problem found, across all files, in one report. */
export class RulesError extends Data.TaggedError("RulesError")<{ readonly issues: ReadonlyArray<RuleIssue> }> {
  override get message(): string {
    return this.issues.map(formatIssue).join("\n")
  }
}

/** `rules check` found problems (already printed, one a line). */
export class RulesCheckFailed extends Data.TaggedError("RulesCheckFailed")<{ readonly problems: number }> {}

/** An input file or folder that cannot be read or decoded. */
export class InputError extends Data.TaggedError("InputError")<{
  readonly file: string
  readonly reason: string
  readonly line?: number
  readonly offset?: number
}> {
  override get message(): string {
    const at = this.line !== undefined ? `:${this.line}` : this.offset !== undefined ? ` (byte ${this.offset})` : ""
    return `${this.file}${at}: ${this.reason}`
  }
}

/** Some inputs could not be read and were left out; the outputs, complete for all other inputs, were written. */
export class UnreadableInputs extends Data.TaggedError("UnreadableInputs")<{ readonly errors: ReadonlyArray<InputError> }> {
  override get message(): string {
    return this.errors.map((e) => e.message).join("\n")
  }
}

/** Not one clause was labeled (every input failed, or there was none): the previous outputs are kept. */
export class NothingLabeled extends Data.TaggedError("NothingLabeled")<{ readonly errors: ReadonlyArray<InputError> }> {
  override get message(): string {
    return this.errors.map((e) => e.message).join("\n")
  }
}

/** An output could not be written; the previous outputs are left as they were. */
export class OutputError extends Data.TaggedError("OutputError")<{ readonly file: string; readonly reason: string }> {
  override get message(): string {
    return `${this.file}: ${this.reason}`
  }
}

/** A command was used in a way that cannot work (a missing gold file, an unknown clause id). */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly reason: string }> {
  override get message(): string {
    return this.reason
  }
}
