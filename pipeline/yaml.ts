// The YAML library, loaded when first needed (about 30 ms of start-up otherwise): a labeling run whose rules come
// from the cache (cache.ts) and whose input folders have no manifest never parses YAML.
import { createRequire } from "node:module"
import type * as Yaml from "yaml"

let library: typeof Yaml | undefined

export const yaml = (): typeof Yaml => (library ??= createRequire(import.meta.url)("yaml") as typeof Yaml)
