// jieba is native, process-global and takes a second to load its dictionary: it is loaded once per thread, behind
// the Segmenter service (segmenter.ts) or directly in a worker thread, which imports no Effect. HMM is off: only
// dictionary words are formed, which keeps word boundaries, and so matches, predictable across texts. The setting
// is recorded in the coverage report.
import { createRequire } from "node:module"
import * as fs from "node:fs"
import * as path from "node:path"
import { loadLexicon, type Lexicon } from "./lexicon.js"

/** The user dictionary's name in a rules folder. */
export const USER_DICTIONARY = "userdict.txt"

export interface SegmenterSettings {
  readonly engine: string
  readonly hmm: boolean
  /** The file name of the user dictionary loaded on top of jieba's own, or null. */
  readonly userDictionary: string | null
}

export interface SegmenterShape {
  readonly cut: (text: string) => ReadonlyArray<string>
  /** The words of the dictionaries jieba loaded: where it must cut, known without cutting (lexicon.ts). */
  readonly lexicon: Lexicon
  readonly settings: SegmenterSettings
}

interface NodeJieba {
  readonly DEFAULT_DICT: string
  readonly DEFAULT_USER_DICT: string
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

/**
 * Keyword extraction's IDF table (6 MB) and stop words, which jieba loads with its dictionary but cutting never
 * uses: one-line stand-ins (in pipeline/, beside this module's source) save about 20 MB and 0.2 s per thread.
 */
const stub = (name: string): string | undefined =>
  // Beside the source when run from it (tests), two levels up from dist/pipeline when compiled.
  [path.join(import.meta.dirname, name), path.resolve(import.meta.dirname, "../../pipeline", name)].find((f) => fs.existsSync(f))

const UNUSED = { idfDict: stub("jieba-idf.utf8"), stopWordDict: stub("jieba-stopwords.utf8") }

/**
 * Loads jieba, with a user dictionary when given (else jieba's own small one, as nodejieba does), and the lexicon of
 * the same dictionaries. Synchronous: a one-time native load.
 */
export const loadJieba = (userDictionary: string | null): SegmenterShape => {
  const jieba = require("nodejieba") as NodeJieba
  const userDict = userDictionary ?? jieba.DEFAULT_USER_DICT
  jieba.load({ ...UNUSED, userDict })
  return {
    cut: (text) => (text.length === 0 ? [] : jieba.cut(text, HMM)),
    lexicon: loadLexicon([jieba.DEFAULT_DICT, userDict]),
    settings: segmenterSettings(userDictionary)
  }
}

