// The segmenter as a service: jieba (jieba.ts) loaded once at the edge, with the rules folder's user dictionary.
import * as Context from "effect/Context"
import * as Layer from "effect/Layer"
import { loadJieba, type SegmenterShape } from "./jieba.js"

export { loadJieba, segmenterSettings, type SegmenterSettings, type SegmenterShape } from "./jieba.js"

export class Segmenter extends Context.Tag("clausetag/Segmenter")<Segmenter, SegmenterShape>() {
  /** jieba with the given user dictionary (the rules folder's userdict.txt) on top of its own. */
  static readonly layer = (userDictionary: string | null) => Layer.sync(Segmenter, () => loadJieba(userDictionary))
}
