// jieba's segmentation: nodejieba's dictionary and user dictionary, and its cut (HMM off: only dictionary words are
// formed, which keeps word boundaries, and so matches, predictable across texts; the setting is recorded in the
// coverage report). The cut is computed in JavaScript from the lexicon of those dictionaries (lexicon.ts), which
// gives nodejieba's words: the tests compare the two on every seed and gold clause and on random text. nodejieba
// itself, native, thread-global and a second to load, is loaded only where the lexicon declines a stretch (one with
// a surrogate, or two paths of equal weight), and for the benchmark's reference.
import { createRequire } from "node:module"
import * as fs from "node:fs"
import * as path from "node:path"
import { lexiconOf, type Lexicon } from "./lexicon.js"
import { loadLexiconTables } from "./lexicon-cache.js"
import type { LexiconTables } from "./trie.js"

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

/** What a run records about its segmenter; known without loading it. */
export const segmenterSettings = (userDictionary: string | null): SegmenterSettings => ({
  engine: `nodejieba ${(createRequire(import.meta.url)("nodejieba/package.json") as { version: string }).version}`,
  hmm: HMM,
  // Only the file's name: outputs never carry absolute paths (its content is in the rules hash).
  userDictionary: userDictionary === null ? null : path.basename(userDictionary)
})

/**
 * Keyword extraction's IDF table (6 MB) and stop words, which jieba loads with its dictionary but cutting never
 * uses: one-line stand-ins (in pipeline/segment/, beside this module's source) save about 20 MB and 0.2 s per thread.
 */
const stub = (name: string): string | undefined =>
  // Beside the source when run from it (tests); from the compiled (dist/pipeline/segment) or bundled (dist/cli) module,
  // in pipeline/segment/ of the package.
  [
    path.join(import.meta.dirname, name),
    path.resolve(import.meta.dirname, "../../../pipeline/segment", name),
    path.resolve(import.meta.dirname, "../../pipeline/segment", name)
  ].find((f) => fs.existsSync(f))

const UNUSED = { idfDict: stub("jieba-idf.utf8"), stopWordDict: stub("jieba-stopwords.utf8") }

/** The characters cppjieba always cuts at, each a word of its own: space, tab, newline, ，and 。 */
const isSeparator = (unit: number): boolean => unit === 0x20 || unit === 0x09 || unit === 0x0a || unit === 0xff0c || unit === 0x3002

/**
 * jieba's cut (HMM off), computed from the lexicon: cppjieba cuts each stretch between separators on its own, along
 * the most probable path through its dictionary's words, and so does this. Where the lexicon leaves the answer to
 * jieba (a surrogate, a near tie: `Lexicon.bestPath`), the stretch is cut by nodejieba itself, loaded then.
 */
export const lexiconCut = (lexicon: Lexicon, native: () => (text: string) => ReadonlyArray<string>) => {
  const ends: Array<number> = []
  return (text: string): Array<string> => {
    const words: Array<string> = []
    const stretch = (from: number, to: number) => {
      if (from === to) return
      ends.length = 0
      if (lexicon.bestPath(text, from, to, ends)) {
        for (const end of ends) {
          words.push(text.slice(from, end))
          from = end
        }
      } else {
        words.push(...native()(text.slice(from, to)))
      }
    }
    let start = 0
    for (let i = 0; i < text.length; i++) {
      if (!isSeparator(text.charCodeAt(i))) continue
      stretch(start, i)
      words.push(text.charAt(i))
      start = i + 1
    }
    stretch(start, text.length)
    return words
  }
}

const require = createRequire(import.meta.url)
const nodejieba = () => require("nodejieba") as NodeJieba

/** The user dictionary jieba loads: the given one, else its own small one (as nodejieba does). */
const userDictionaryFile = (userDictionary: string | null): string => userDictionary ?? nodejieba().DEFAULT_USER_DICT

/** The user dictionary nodejieba was last loaded with in this thread. */
let loaded: string | undefined

/**
 * nodejieba itself, with the user dictionary: loaded when first asked to cut (a native load of about a second).
 * nodejieba holds one dictionary per thread, so a cut asked for with another user dictionary than the last loads
 * it again (two rule sets in one process, as `diff` has).
 */
export const nativeJieba = (userDictionary: string | null): ((text: string) => Array<string>) => {
  const jieba = nodejieba()
  const userDict = userDictionaryFile(userDictionary)
  return (text) => {
    if (loaded !== userDict) {
      jieba.load({ ...UNUSED, userDict })
      loaded = userDict
    }
    return text.length === 0 ? [] : jieba.cut(text, HMM)
  }
}

/** The lexicon tables of jieba's dictionary and a user dictionary (else jieba's own small one), as jieba loads them. */
export const jiebaTables = (userDictionary: string | null): LexiconTables =>
  loadLexiconTables(nodejieba().DEFAULT_DICT, [userDictionaryFile(userDictionary)])

/**
 * The segmenter with a user dictionary (else jieba's own small one): the lexicon of jieba's dictionaries (its
 * tables built here, or given: built by another thread for the same user dictionary), and jieba's cut computed
 * from it (`lexiconCut`), with nodejieba loaded only if a stretch needs it. Synchronous.
 */
export const loadJieba = (userDictionary: string | null, tables: LexiconTables = jiebaTables(userDictionary)): SegmenterShape => {
  const lexicon = lexiconOf(tables)
  let native: ((text: string) => Array<string>) | undefined
  return {
    cut: lexiconCut(lexicon, () => (native ??= nativeJieba(userDictionary))),
    lexicon,
    settings: segmenterSettings(userDictionary)
  }
}
