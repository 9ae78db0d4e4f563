// The YAML library, loaded when first needed (about 30 ms of start-up otherwise): a labeling run whose rules come
// from the cache (cache.ts) and whose input folders have no manifest never parses YAML.
import { createRequire } from "node:module"
import type * as Yaml from "yaml"
import type { Document as YamlDocument } from "yaml"

let library: typeof Yaml | undefined

export const yaml = (): typeof Yaml => (library ??= createRequire(import.meta.url)("yaml") as typeof Yaml)

/** `.rules[2].any: ` for a decoding issue's path. */
export const describePath = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0 ? "" : `${path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}: `

/** The offset of the deepest node on `path` that exists: a missing key points at the map that lacks it. */
export const offsetOf = (doc: YamlDocument, path: ReadonlyArray<PropertyKey>): number | undefined => {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as Array<string | number>, true)
    if (yaml().isNode(node) && node.range) return node.range[0]
    if (n > 0 && n === path.length) {
      const parent = doc.getIn(path.slice(0, n - 1) as Array<string | number>, true)
      const pair = yaml().isNode(parent) && "items" in parent ? findKey(parent.items as Array<unknown>, path[n - 1]) : undefined
      if (pair !== undefined) return pair
    }
  }
  return undefined
}

/** An excess key has no value node on the path the schema reports; find the key itself. */
const findKey = (items: Array<unknown>, key: PropertyKey | undefined): number | undefined => {
  for (const item of items) {
    const k = (item as { key?: unknown }).key
    if (yaml().isNode(k) && (k as { value?: unknown }).value === key && k.range) return k.range[0]
  }
  return undefined
}
