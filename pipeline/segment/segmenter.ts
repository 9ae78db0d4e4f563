// The segmenter a command needs, loaded for its rule set's user dictionary. A plain value, not a service: which
// segmenter is right depends on the rules folder a command was given (and `diff` needs one for each side's rules),
// the labeling run's workers build their own from shared tables, and no test replaces it. Loading is an effect
// because it reads jieba's dictionaries, or their tables from the cache.
import * as Effect from "effect/Effect"
import { loadJieba } from "./jieba.js"

export { loadJieba, segmenterSettings, type SegmenterSettings, type SegmenterShape } from "./jieba.js"

/** jieba with the given user dictionary (the rules folder's userdict.txt) on top of its own. */
export const loadSegmenter = (userDictionary: string | null) => Effect.sync(() => loadJieba(userDictionary))
