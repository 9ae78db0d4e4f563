// Reading a rules folder: every `*.yaml` file is decoded (terms.yaml as the term classes, the others as rule files)
// and all problems of all files are gathered into one error.
// Whoever matches compiles the rule set (matcher.compile): labeling does it in its worker threads only. The hash
// names the exact rule set in every output.
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { createHash } from "node:crypto"
import * as path from "node:path"
import { byCodeUnit } from "../domain.js"
import { RulesError, type RuleIssue } from "../errors.js"
import { USER_DICTIONARY } from "../segment/jieba.js"
import { entryName, readEntry, writeEntry } from "../cache.js"
import { assembleRuleSet, decodeRuleFile, type LoadedRuleFile, type RuleSet } from "./decode.js"
import { decodeTermsFile, TERMS_FILE, type TermClasses } from "./terms.js"


export interface LoadedRules {
  readonly ruleSet: RuleSet
  /** 12 hex digits of SHA-256 over the rule files' names and bytes, and the user dictionary's. */
  readonly hash: string
  /** The user dictionary beside the rules, if there is one. */
  readonly userDictionary: string | null
}

/** The user dictionary beside the rules (`userdict.txt`), or null: known before the rules are loaded. */
export const findUserDictionary = (dir: string) =>
  Effect.flatMap(FileSystem.FileSystem, (fs) => {
    const file = path.join(dir, USER_DICTIONARY)
    return Effect.map(fs.exists(file).pipe(Effect.orElseSucceed(() => false)), (exists) => (exists ? file : null))
  })

/**
 * A YAML file decoded, read back from the cache (cache.ts) when it has this very file, name and text, decoded by
 * the same program; else decoded, and cached if it decodes.
 */
const decodeCached = <A>(
  kind: string,
  decode: (file: string, text: string) => Either.Either<A, ReadonlyArray<RuleIssue>>,
  file: string,
  text: string
): Either.Either<A, ReadonlyArray<RuleIssue>> => {
  const name = entryName(kind, [file, text])
  const cached = readEntry(name)
  if (cached !== undefined) {
    try {
      return Either.right(JSON.parse(new TextDecoder().decode(cached)) as A)
    } catch {}
  }
  const decoded = decode(file, text)
  if (Either.isRight(decoded)) writeEntry(name, [new TextEncoder().encode(JSON.stringify(decoded.right))], 256)
  return decoded
}

export const loadRules = Effect.fn("Rules.load")(function* (dir: string) {
  const fs = yield* FileSystem.FileSystem
  const shown = (name: string) => path.join(dir, name).split(path.sep).join("/")
  const names = yield* fs.readDirectory(dir).pipe(
    Effect.mapError((e) => new RulesError({ issues: [{ file: dir, line: 0, column: 0, message: `cannot read the rules folder: ${e.message}` }] }))
  )
  const yamlNames = names.filter((n) => n.endsWith(".yaml") || n.endsWith(".yml")).sort(byCodeUnit)
  if (yamlNames.length === 0) {
    return yield* new RulesError({ issues: [{ file: dir, line: 0, column: 0, message: "no rule files (*.yaml) in this folder" }] })
  }
  const hash = createHash("sha256")
  const files: Array<LoadedRuleFile> = []
  const issues: Array<RuleIssue> = []
  let terms: TermClasses | undefined
  for (const name of yamlNames) {
    const text = yield* fs.readFileString(path.join(dir, name)).pipe(
      Effect.mapError((e) => new RulesError({ issues: [{ file: shown(name), line: 0, column: 0, message: e.message }] }))
    )
    hash.update(`${name}\0${text}\0`)
    if (name === TERMS_FILE) {
      Either.match(decodeCached("terms", decodeTermsFile, shown(name), text), {
        onLeft: (found) => issues.push(...found),
        onRight: (decoded) => (terms = decoded)
      })
      continue
    }
    Either.match(decodeCached("rules", decodeRuleFile, shown(name), text), {
      onLeft: (found) => issues.push(...found),
      onRight: (loaded) => files.push(loaded)
    })
  }
  const userDictionary = yield* findUserDictionary(dir)
  if (userDictionary !== null) hash.update(`${USER_DICTIONARY}\0${yield* fs.readFileString(userDictionary).pipe(Effect.orElseSucceed(() => ""))}`)
  if (issues.length > 0) return yield* new RulesError({ issues })
  const ruleSet = yield* Either.match(assembleRuleSet(files, terms), {
    onLeft: (found) => Effect.fail(new RulesError({ issues: found })),
    onRight: Effect.succeed
  })
  return { ruleSet, hash: hash.digest("hex").slice(0, 12), userDictionary } satisfies LoadedRules
})
