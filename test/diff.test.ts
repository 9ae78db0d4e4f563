import { describe, expect, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { parseDocument } from "yaml"
import { clausetag, ROOT, tempDir } from "./cli.js"

/** A throwaway git repository holding a copy of the project's rules and seeds. */
const repoCopy = (): string => {
  const dir = tempDir("repo")
  for (const d of ["rules", "seeds"]) fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true })
  const git = (...args: Array<string>) => execFileSync("git", args, { cwd: dir, stdio: "ignore" })
  git("init", "-q")
  git("add", "-A")
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
  return dir
}

const editRule = (dir: string, category: string, edit: (rule: { any?: Array<string>; none?: Array<string> }) => void) => {
  const file = path.join(dir, "rules", `${category}.yaml`)
  const doc = parseDocument(fs.readFileSync(file, "utf8"))
  const rules = doc.toJS().rules as Array<{ any?: Array<string>; none?: Array<string> }>
  const index = rules.findIndex((r) => (r.any?.length ?? 0) > 1)
  const rule = rules[index]!
  edit(rule)
  doc.setIn(["rules", index, "any"], rule.any)
  if (rule.none) doc.setIn(["rules", index, "none"], rule.none)
  fs.writeFileSync(file, doc.toString())
}

const labelsById = (outDir: string) =>
  new Map(
    fs.readFileSync(path.join(outDir, "labels.jsonl"), "utf8").trimEnd().split("\n").map((l) => {
      const r = JSON.parse(l)
      return [r.id as string, r.labels as Array<string>]
    })
  )

describe("clausetag diff", () => {
  it("says no change for an untouched copy", () => {
    const repo = repoCopy()
    const r = clausetag(["diff", "HEAD"], repo)
    expect(r.status).toBe(0)
    expect(r.stdout).toContain("no change")
  })

  it("reports exactly the clauses and counts a rule change moves", () => {
    const repo = repoCopy()
    const before = tempDir("before")
    expect(clausetag(["label", "--input", "seeds", "--out", before, "--quiet"], repo).status).toBe(0)
    editRule(repo, "bond_financing", (r) => void r.any!.shift())
    editRule(repo, "credit_support", (r) => void (r.none = [...(r.none ?? []), "企业"]))
    const after = tempDir("after")
    expect(clausetag(["label", "--input", "seeds", "--out", after, "--quiet"], repo).status).toBe(0)

    const r = clausetag(["diff", "HEAD", "--json"], repo)
    expect(r.status).toBe(0)
    const diff = JSON.parse(r.stdout)
    const b = labelsById(before)
    const a = labelsById(after)
    for (const c of diff.categories) {
      const lost = [...b].filter(([id, ls]) => ls.includes(c.id) && !a.get(id)!.includes(c.id)).map(([id]) => id)
      const gained = [...a].filter(([id, ls]) => ls.includes(c.id) && !b.get(id)!.includes(c.id)).map(([id]) => id)
      expect(c.lost.map((x: { id: string }) => x.id), c.id).toEqual(lost)
      expect(c.gained.map((x: { id: string }) => x.id), c.id).toEqual(gained)
      expect(c.before).toBe([...b.values()].filter((ls) => ls.includes(c.id)).length)
      expect(c.after).toBe([...a.values()].filter((ls) => ls.includes(c.id)).length)
    }
    const moved = diff.categories.filter((c: { lost: Array<unknown> }) => c.lost.length > 0).map((c: { id: string }) => c.id)
    expect(moved).toEqual(expect.arrayContaining(["bond_financing", "credit_support"]))
    expect(diff.rules.map((x: { change: string }) => x.change)).toEqual(["changed", "changed"])

    const md = clausetag(["diff", before, after], repo)
    expect(md.stdout).toMatch(/\*\*\d+ clauses changed labels\*\*/)
    expect(md.stdout).toContain("### bond_financing lost")
  })
})
