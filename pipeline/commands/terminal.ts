// What the commands print on a terminal or into a pipe. Warnings go to stderr as `file:line: reason`, the first
// twenty and then a count (the report holds them all). @effect/cli colours its help and error messages with ANSI
// codes; piped or with NO_COLOR set, they are taken out, so that `clausetag --help | less` shows text.
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { warningLine, type Warning } from "../input/parse.js"

export const WARNINGS_SHOWN = 20

/** The warnings as stderr shows them: the first twenty, then how many more. */
export const warningLines = (warnings: ReadonlyArray<Warning>): Array<string> => {
  const lines = warnings.slice(0, WARNINGS_SHOWN).map((w) => `warning: ${warningLine(w)}`)
  if (warnings.length > WARNINGS_SHOWN) lines.push(`warning: … and ${warnings.length - WARNINGS_SHOWN} more`)
  return lines
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g

const colours = (stream: NodeJS.WriteStream): boolean => stream.isTTY === true && process.env["NO_COLOR"] === undefined

const plain = (stream: NodeJS.WriteStream) => (arg: unknown): unknown =>
  typeof arg === "string" && !colours(stream) ? arg.replace(ANSI, "") : arg

/** Runs `self` with a console that drops colour codes from what goes to a stream that is not a terminal. */
export const plainWhenPiped = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Console.consoleWith((base) =>
    Console.withConsole(self, {
      ...base,
      log: (...args) => base.log(...args.map(plain(process.stdout))),
      error: (...args) => base.error(...args.map(plain(process.stderr)))
    })
  )
