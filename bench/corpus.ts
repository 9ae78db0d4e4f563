// The bench's corpora and rule sets, written into a temporary folder: the seeds repeated to a size, prose that does
// not repeat (so that nothing a run keeps per distinct clause is flattered by repetition), and a tenfold rule set.
import * as fs from "node:fs"
import * as path from "node:path"
import { parseDocument } from "yaml"

/** Copies the seed files into `dir` until it holds at least `mb` megabytes; returns the bytes written. */
export const makeCorpus = (root: string, dir: string, mb: number): number => {
  const seeds = fs.readdirSync(path.join(root, "seeds")).filter((f) => f.endsWith(".txt")).sort()
  const texts = seeds.map((f) => fs.readFileSync(path.join(root, "seeds", f)))
  fs.mkdirSync(dir, { recursive: true })
  let bytes = 0
  for (let copy = 0; bytes < mb * 1e6; copy++) {
    const sub = path.join(dir, `part${String(Math.floor(copy / 200)).padStart(3, "0")}`)
    fs.mkdirSync(sub, { recursive: true })
    seeds.forEach((name, i) => {
      fs.writeFileSync(path.join(sub, `${String(copy).padStart(5, "0")}_${name}`), texts[i]!)
      bytes += texts[i]!.length
    })
  }
  return bytes
}

/**
 * A rules folder with every rule ten times: the original and nine copies whose terms carry a distinct suffix and
 * whose regex starts with a distinct two-character literal. The copies are compiled into the automaton like real
 * rules, but, like the rules of a real tenfold rule set, each is woken only by its own terms, which this corpus
 * does not hold: the labels, and so the output to write, stay those of the original rules, and what grows is the
 * rule set the matcher carries. (Copies of a regex that keep its wake literals would all wake on the same clauses:
 * ten identical rules, which no real rule set has.)
 */
export const multiplyRules = (root: string, dir: string): void => {
  fs.mkdirSync(dir, { recursive: true })
  const suffixes = ["", ..."乙丙丁戊己庚辛壬癸"]
  for (const file of fs.readdirSync(path.join(root, "rules")).filter((f) => f.endsWith(".yaml"))) {
    const text = fs.readFileSync(path.join(root, "rules", file), "utf8")
    const content = parseDocument(text).toJS()
    // The term classes file (terms.yaml) holds no rules: it is copied as it is, and `$class` terms are kept whole.
    if (!Array.isArray(content.rules)) {
      fs.writeFileSync(path.join(dir, file), text)
      continue
    }
    const mark = (terms: Array<string> | undefined, s: string) => terms?.map((t) => (t.startsWith("$") ? t : t + s))
    content.rules = content.rules.flatMap((r: Record<string, unknown>) =>
      suffixes.map((s, i) => ({
        ...r,
        id: i === 0 ? r["id"] : `${r["id"]}_x${i}`,
        any: mark(r["any"] as Array<string> | undefined, s),
        all: (r["all"] as Array<Array<string>> | undefined)?.map((g) => mark(g, s)),
        regex: r["regex"] === undefined || i === 0 ? r["regex"] : `${s}${s}(?:${r["regex"]})`
      }))
    )
    fs.writeFileSync(path.join(dir, file), JSON.stringify(content))
  }
}

/** A small deterministic generator (mulberry32), so the prose corpus is the same bytes on every machine. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
}

/**
 * Prose that does not repeat: sentences of the seeds in random order, each given a random number (编号…), ten to a
 * paragraph, in files of about 30 KB, until `dir` holds `mb` megabytes; returns the bytes written. Every clause is distinct, as in a
 * corpus of real reports, where the repeated seeds would hold each clause thousands of times.
 */
export const makeProse = (root: string, dir: string, mb: number, seed: number): number => {
  const next = random(seed)
  const sentences = fs.readdirSync(path.join(root, "seeds")).filter((f) => f.endsWith(".txt")).sort()
    .flatMap((f) => fs.readFileSync(path.join(root, "seeds", f), "utf8").replace(/[*\n]/g, "。").replace(/\t/g, " ").split("。"))
    .filter((s) => s.trim().length > 8)
  fs.mkdirSync(dir, { recursive: true })
  let bytes = 0
  for (let file = 0; bytes < mb * 1e6; file++) {
    const parts: Array<string> = []
    for (let i = 0; i < 300; i++) {
      const sentence = `${sentences[Math.floor(next() * sentences.length)]!.trim()}（编号${Math.floor(next() * 1e9)}）。`
      parts.push(i % 10 === 9 ? `${sentence}\n` : sentence)
    }
    const text = parts.join("")
    fs.writeFileSync(path.join(dir, `r${String(file).padStart(5, "0")}_2026.txt`), text)
    bytes += Buffer.byteLength(text)
  }
  return bytes
}
