import { NodeContext } from "@effect/platform-node"
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { cacheDir, writeEntry } from "../pipeline/cache.js"
import { jiebaTables, loadJieba } from "../pipeline/segment/jieba.js"
import { buildLexiconTables, tablesFromBytes, tablesToBytes, type LexiconTables } from "../pipeline/segment/lexicon.js"
import { loadRules } from "../pipeline/rules/load.js"
import { clausetag, ROOT, snapshot, tempDir } from "./cli.js"

let dir = ""
const before = process.env["CLAUSETAG_CACHE"]
beforeEach(() => {
  dir = tempDir("cache")
  process.env["CLAUSETAG_CACHE"] = dir
})
afterEach(() => {
  if (before === undefined) delete process.env["CLAUSETAG_CACHE"]
  else process.env["CLAUSETAG_CACHE"] = before
})

const entries = (prefix: string) => fs.readdirSync(dir).filter((n) => n.startsWith(prefix))

/** The tables' numbers, and the SHA-256 of each array's bytes, to compare. */
const plain = (t: LexiconTables) =>
  Object.fromEntries(
    Object.entries(t).map(([k, v]) => {
      if (typeof v === "number") return [k, v]
      const a = v as Uint8Array
      return [k, createHash("sha256").update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest("hex")]
    })
  )

const buffers = (t: LexiconTables) => new Set(Object.values(t).flatMap((v) => (typeof v === "number" ? [] : [(v as Uint8Array).buffer])))

const seedLines = fs
  .readdirSync(path.join(ROOT, "seeds"))
  .filter((f) => f.endsWith(".txt"))
  .flatMap((f) => fs.readFileSync(path.join(ROOT, "seeds", f), "utf8").split("\n"))

describe("the lexicon cache", () => {
  it("gives back the very tables it was given, in shared memory, and the same cut", () => {
    const built = jiebaTables(null)
    expect(entries("lexicon-")).toHaveLength(1)
    const cached = jiebaTables(null)
    // Read back, the arrays are views into the one buffer the entry was read into; built, each has its own.
    expect(buffers(built).size).toBe(6)
    expect(buffers(cached).size).toBe(1)
    expect([...buffers(cached)][0]).toBeInstanceOf(SharedArrayBuffer)
    expect(plain(cached)).toEqual(plain(built))
    const a = loadJieba(null, built)
    const b = loadJieba(null, cached)
    for (const line of seedLines) expect(b.cut(line)).toEqual(a.cut(line))
  })

  it("rebuilds an entry that does not check, and replaces it", () => {
    const built = jiebaTables(null)
    const [name] = entries("lexicon-")
    const file = path.join(dir, name!)
    const whole = fs.readFileSync(file)
    for (const broken of [whole.subarray(0, whole.length >> 1), Buffer.from("not a lexicon"), Buffer.alloc(0)]) {
      fs.writeFileSync(file, broken)
      const rebuilt = jiebaTables(null)
      expect(buffers(rebuilt).size).toBe(6)
      expect(plain(rebuilt)).toEqual(plain(built))
      expect(fs.readFileSync(file).equals(whole)).toBe(true)
    }
  })

  it("rejects bytes whose arrays do not fit or do not agree", () => {
    const tables = buildLexiconTables("一二 3 m\n一二三 2 m\n")
    const bytes = Buffer.concat(tablesToBytes(tables))
    expect(tablesFromBytes(new Uint8Array(bytes))).toBeDefined()
    expect(tablesFromBytes(new Uint8Array(bytes.subarray(0, bytes.length - 8)))).toBeUndefined()
    const disagreeing = Buffer.concat(tablesToBytes({ ...tables, table: tables.table.subarray(3) }))
    expect(tablesFromBytes(new Uint8Array(disagreeing))).toBeUndefined()
  })

  it("is a different entry for another user dictionary, and none at all when off", () => {
    const userDict = path.join(tempDir("userdict"), "userdict.txt")
    fs.writeFileSync(userDict, "融资畅通工程\n")
    jiebaTables(null)
    jiebaTables(userDict)
    expect(entries("lexicon-")).toHaveLength(2)
    fs.writeFileSync(userDict, "融资畅通工程 100 n\n")
    jiebaTables(userDict)
    expect(entries("lexicon-")).toHaveLength(3)
    process.env["CLAUSETAG_CACHE"] = "off"
    expect(cacheDir()).toBeUndefined()
    jiebaTables(null)
    process.env["CLAUSETAG_CACHE"] = dir
    expect(entries("lexicon-")).toHaveLength(3)
  })

  it("names entries by the program too: a copy of it names them alike, a changed copy otherwise", async () => {
    const copies = ["same", "changed"].map((kind) => {
      const copy = tempDir(`program-${kind}`)
      fs.cpSync(path.join(ROOT, "dist/pipeline"), copy, { recursive: true })
      if (kind === "changed") fs.appendFileSync(path.join(copy, "segment", "lexicon.js"), "\n// changed\n")
      return copy
    })
    const names = await Promise.all(
      [path.join(ROOT, "dist/pipeline"), ...copies].map(async (dir) => {
        const cache = (await import(path.join(dir, "cache.js"))) as typeof import("../pipeline/cache.js")
        return cache.entryName("lexicon", [new Uint8Array([1, 2, 3])])
      })
    )
    expect(names[1]).toBe(names[0])
    expect(names[2]).not.toBe(names[0])
  })

  it("keeps the newest entries of a kind", () => {
    for (let i = 0; i < 6; i++) {
      writeEntry(`lexicon-${i}`, [new Uint8Array([i])], 4)
      fs.utimesSync(path.join(dir, `lexicon-${i}`), i + 1, i + 1)
    }
    writeEntry("rules-0", [new Uint8Array([0])], 4)
    expect(entries("lexicon-").sort()).toEqual(["lexicon-2", "lexicon-3", "lexicon-4", "lexicon-5"])
    expect(entries("rules-")).toEqual(["rules-0"])
  })
})

describe("the rules cache", () => {
  const load = (rules: string) => Effect.runPromise(Effect.provide(Effect.either(loadRules(rules)), NodeContext.layer))

  it("gives the rules decoded, and a changed file decoded afresh", async () => {
    const rules = tempDir("rules")
    fs.cpSync(path.join(ROOT, "rules"), rules, { recursive: true })
    const fresh = await load(rules)
    expect(entries("rules-").length).toBe(fs.readdirSync(rules).filter((f) => f.endsWith(".yaml") && f !== "terms.yaml").length)
    expect(entries("terms-").length).toBe(1)
    expect(await load(rules)).toEqual(fresh)
    // What is read is the entry: one edited in place shows through.
    for (const name of entries("rules-")) {
      const entry = path.join(dir, name)
      fs.writeFileSync(entry, fs.readFileSync(entry, "utf8").replace('"name":"', '"name":"cached '))
    }
    const read = await load(rules)
    expect(read._tag === "Right" && read.right.ruleSet.files.every((f) => f.content.name.startsWith("cached "))).toBe(true)

    const file = path.join(rules, "ppp.yaml")
    const text = fs.readFileSync(file, "utf8")
    fs.writeFileSync(file, text.replace(/^name: (.*)$/m, "name: $1 (changed)"))
    const changed = await load(rules)
    expect(changed._tag).toBe("Right")
    if (changed._tag === "Right") expect(changed.right.ruleSet.files.find((f) => f.file.endsWith("ppp.yaml"))!.content.name).toMatch(/ \(changed\)$/)

    fs.writeFileSync(file, text.replace("category: ppp", "category: pppp"))
    const broken = await load(rules)
    expect(broken._tag).toBe("Left")
    fs.writeFileSync(file, text.replace(/^name: (.*)$/m, "name: $1 (changed)"))
    expect(await load(rules)).toEqual(changed)
  })

  it("changes no output: a run gives the same bytes with a cold cache, a warm one, and none", () => {
    const runs = ["cold", "warm", "off"].map((state) => {
      const out = tempDir(`out-${state}`)
      if (state === "off") process.env["CLAUSETAG_CACHE"] = "off"
      const r = clausetag(["label", "--input", "seeds", "--out", out, "--quiet"])
      expect(r.status).toBe(0)
      return snapshot(out)
    })
    expect(runs[1]).toEqual(runs[0])
    expect(runs[2]).toEqual(runs[0])
    expect(entries("lexicon-")).toHaveLength(1)
  })
})
