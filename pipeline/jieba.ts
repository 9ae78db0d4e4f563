// jieba is native, process-global and takes a second to load its dictionary: it is loaded once per thread, behind
// the Segmenter service (segmenter.ts) or directly in a worker thread, which imports no Effect. HMM is off: only
// dictionary words are formed, which keeps word boundaries, and so matches, predictable across texts. The setting
// is recorded in the coverage report.
import { createRequire } from "node:module"
import * as fs from "node:fs"
import * as path from "node:path"

export interface SegmenterSettings {
  readonly engine: string
  readonly hmm: boolean
  /** The file name of the user dictionary loaded on top of jieba's own, or null. */
  readonly userDictionary: string | null
}

export interface SegmenterShape {
  readonly cut: (text: string) => ReadonlyArray<string>
  readonly settings: SegmenterSettings
}

interface NodeJieba {
  load(options?: { userDict?: string; idfDict?: string | undefined; stopWordDict?: string | undefined }): void
  cut(text: string, hmm?: boolean): Array<string>
}

const HMM = false

const require = createRequire(import.meta.url)

/** What a run records about its segmenter; known without loading it. */
export const segmenterSettings = (userDictionary: string | null): SegmenterSettings => ({
  engine: `nodejieba ${(require("nodejieba/package.json") as { version: string }).version}`,
  hmm: HMM,
  // Only the file's name: outputs never carry absolute paths (its content is in the rules hash).
  userDictionary: userDictionary === null ? null : path.basename(userDictionary)
})

/** Loads jieba, with a user dictionary when given. Synchronous: a one-time native load. */
/**
 * Keyword extraction's IDF table (6 MB) and stop words, which jieba loads with its dictionary but cutting never
 * uses: one-line stand-ins (in pipeline/, beside this module's source) save about 20 MB and 0.2 s per thread.
 */
const stub = (name: string): string | undefined =>
  // Beside the source when run from it (tests), two levels up from dist/pipeline when compiled.
  [path.join(import.meta.dirname, name), path.resolve(import.meta.dirname, "../../pipeline", name)].find((f) => fs.existsSync(f))

const UNUSED = { idfDict: stub("jieba-idf.utf8"), stopWordDict: stub("jieba-stopwords.utf8") }

export const loadJieba = (userDictionary: string | null): SegmenterShape => {
  const jieba = require("nodejieba") as NodeJieba
  jieba.load(userDictionary === null ? UNUSED : { ...UNUSED, userDict: userDictionary })
  return { cut: (text) => (text.length === 0 ? [] : jieba.cut(text, HMM)), settings: segmenterSettings(userDictionary) }
}

