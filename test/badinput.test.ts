import { describe, expect, it } from "@effect/vitest"
import { execFileSync, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import iconv from "iconv-lite"
import { clausetag, ROOT, snapshot, tempDir } from "./cli.js"

const REPORT = "积极防范化解地方政府债务风险。支持企业发行公司债券和绿色债券，推进市场化债转股。"
const TRADITIONAL = "積極防範化解地方政府債務風險。支持企業發行公司債券和綠色債券，推進市場化債轉股。"

/** One folder of every kind of broken or awkward input, generated here rather than committed as binaries. */
const brokenCorpus = (): string => {
  const dir = tempDir("broken")
  const put = (name: string, data: string | Uint8Array) => fs.writeFileSync(path.join(dir, name), data)
  const utf8 = Buffer.from(REPORT, "utf8")
  put("a_utf8.txt", REPORT)
  put("b_bom_crlf.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(REPORT.replace("。", "。\r\n"), "utf8")]))
  put("c_gb18030.txt", iconv.encode(REPORT, "gb18030"))
  put("d_utf16.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REPORT, "utf16le")]))
  put("e_traditional.txt", TRADITIONAL)
  put("f_binary.txt", Uint8Array.from({ length: 600 }, (_, i) => (i * 37) % 256))
  put("g_truncated.txt", Buffer.concat([utf8, utf8.subarray(0, utf8.length - 1), Buffer.from("\n正常结尾。")]))
  put("h_empty.txt", "")
  put("i_controls.txt", "发行\u0000公司\u0007债券\u200b。")
  put("j_records.txt", "七台河*2017*争取政府置换债券12*\n*2017*无地区的记录*\n三亚*去年*年份不对*\n")
  put("k_clauses.jsonl", '{"id":"x1","text":"发行绿色债券"}\nnot json\n{"id":"x2"}\n{"id":"x1","text":"重复的编号"}\n')
  put("l_one_line.txt", `${"推进财税体制改革，".repeat(400)}完善预算管理制度。`)
  // A named pipe is not a file to read (reading it would wait forever for a writer): folders list regular files only.
  execFileSync("mkfifo", [path.join(dir, "m_pipe.txt")])
  return dir
}

const records = (out: string) =>
  fs.readFileSync(path.join(out, "labels.jsonl"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l))

describe("bad input never crashes, corrupts or misleads", () => {
  const input = brokenCorpus()
  const out = tempDir("broken-out")
  const r = clausetag(["label", "--input", input, "--out", out, "--quiet"])

  it("reports each unreadable file by name and byte offset, exits with the input code, labels the rest", () => {
    expect(r.status).toBe(3)
    expect(r.stderr).toMatch(/f_binary\.txt \(byte \d+\): binary data, not text/)
    expect(r.stderr).toMatch(/g_truncated\.txt \(byte \d+\): malformed UTF-8/)
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/)
    const docs = new Set(records(out).map((x) => x.doc))
    for (const d of ["a_utf8", "b_bom_crlf", "c_gb18030", "d_utf16", "e_traditional", "i_controls", "j_records", "k_clauses", "l_one_line"]) {
      expect(docs, d).toContain(d)
    }
    expect(docs).not.toContain("f_binary")
    expect(docs).not.toContain("m_pipe")
  })

  it("gives the same labels to one report in UTF-8, UTF-8 with BOM and CRLF, GB18030, UTF-16 and traditional characters", () => {
    const byDoc = (doc: string) => records(out).filter((x) => x.doc === doc).map((x) => x.labels)
    const expected = byDoc("a_utf8")
    expect(expected.flat()).toEqual(expect.arrayContaining(["debt_risk_control", "bond_financing", "green_finance", "debt_to_equity"]))
    for (const doc of ["b_bom_crlf", "c_gb18030", "d_utf16", "e_traditional"]) expect(byDoc(doc), doc).toEqual(expected)
    expect(records(out).find((x) => x.doc === "e_traditional").text).toBe(TRADITIONAL.slice(0, TRADITIONAL.indexOf("。") + 1))
  })

  it("matches through control characters, splits a runaway line, and counts every problem in the coverage report", () => {
    expect(records(out).find((x) => x.doc === "i_controls").labels).toContain("bond_financing")
    expect(records(out).filter((x) => x.doc === "l_one_line").length).toBeGreaterThan(5)
    const quality = JSON.parse(fs.readFileSync(path.join(out, "coverage.json"), "utf8")).input_quality
    expect(quality.traditional_documents).toEqual(["e_traditional"])
    expect(quality.fragments).toBeGreaterThanOrEqual(1)
    const messages = quality.messages.join("\n")
    for (const m of [/h_empty\.txt: empty file/, /j_records\.txt:2: star record with no region/, /j_records\.txt:3: year "去年"/,
      /k_clauses\.jsonl:2: not valid JSON/, /k_clauses\.jsonl:3: not an object with a string "text"/, /k_clauses\.jsonl:4: clause id x1 already used/,
      /f_binary\.txt: not labeled/]) {
      expect(messages).toMatch(m)
    }
  })
})

describe("an input folder with an entry that cannot be looked up", () => {
  it("names the entry, leaves it out, labels the rest and exits with the input code", () => {
    const input = tempDir("dangling")
    fs.writeFileSync(path.join(input, "a.txt"), REPORT)
    fs.symlinkSync(path.join(input, "missing.txt"), path.join(input, "b.txt"))
    const out = tempDir("dangling-out")
    const r = clausetag(["label", "--input", input, "--out", out, "--quiet"])
    expect(r.status).toBe(3)
    expect(r.stderr).toContain(`${path.join(input, "b.txt")}: symbolic link to nothing`)
    expect(records(out).map((x) => x.doc)).toEqual(["a", "a"])
    // An input that does not exist, the same way.
    const missing = clausetag(["label", "--input", path.join(input, "nowhere"), "--out", out, "--quiet"])
    expect(missing.status).toBe(3)
    expect(missing.stderr).toContain(`${path.join(input, "nowhere")}: no such file or directory`)
  })
})

describe("bad rule files", () => {
  it("are all reported in one run with file, line and column, exit 4, and leave out/ untouched", () => {
    const rules = tempDir("badrules")
    fs.cpSync(path.join(ROOT, "rules"), rules, { recursive: true })
    const edit = (file: string, f: (s: string) => string) =>
      fs.writeFileSync(path.join(rules, file), f(fs.readFileSync(path.join(rules, file), "utf8")))
    edit("ppp.yaml", (s) => s.replace(/\n {4}description:/, "\n    descripton:"))
    edit("debt_swap.yaml", (s) => s.replace("category: debt_swap", "category: debt_swaps"))
    edit("green_finance.yaml", (s) => `${s}\n  - id: [unclosed\n`)
    fs.writeFileSync(path.join(rules, "fiscal.yaml"), fs.readFileSync(path.join(ROOT, "rules/fiscal_reform.yaml")))
    const out = tempDir("badrules-out")
    fs.writeFileSync(path.join(out, "labels.jsonl"), "previous\n")
    const r = clausetag(["label", "--input", "seeds", "--rules", rules, "--out", out])
    expect(r.status).toBe(4)
    expect(r.stderr).toMatch(/ppp\.yaml:\d+:\d+: .*descripton: unknown key/)
    expect(r.stderr).toMatch(/debt_swap\.yaml:2:\d+: .*unknown category "debt_swaps"/)
    expect(r.stderr).toMatch(/green_finance\.yaml:\d+:\d+: YAML:/)
    expect(r.stderr).toMatch(/fiscal\.yaml:\d+:\d+: file name fiscal\.yaml differs from its category: name it fiscal_reform\.yaml/)
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(snapshot(out)).toEqual({ "labels.jsonl": "previous\n" })
  })
})

describe("a run killed mid-way", () => {
  it("leaves the previous outputs exactly as they were", async () => {
    const input = tempDir("big")
    for (let i = 0; i < 40; i++) {
      for (const f of fs.readdirSync(path.join(ROOT, "seeds")).filter((n) => n.endsWith(".txt"))) {
        fs.copyFileSync(path.join(ROOT, "seeds", f), path.join(input, `${i}_${f}`))
      }
    }
    const out = tempDir("killed")
    expect(clausetag(["label", "--input", path.join(ROOT, "seeds"), "--out", out, "--quiet"]).status).toBe(0)
    const before = snapshot(out)
    const child = spawn(process.execPath, [path.join(ROOT, "dist/cli/cli.js"), "label", "--input", input, "--out", out, "--quiet"])
    const tmpSeen = await new Promise<boolean>((resolve) => {
      const poll = setInterval(() => {
        if (fs.readdirSync(out).some((n) => n.includes(".tmp-"))) {
          clearInterval(poll)
          resolve(true)
        }
      }, 5)
      child.on("exit", () => {
        clearInterval(poll)
        resolve(false)
      })
    })
    expect(tmpSeen).toBe(true)
    child.kill("SIGKILL")
    await new Promise((resolve) => child.on("exit", resolve))
    // What a killed run leaves is hidden: its temporary files (swept by the next run) and its lock (taken over).
    const after = Object.fromEntries(Object.entries(snapshot(out)).filter(([name]) => !name.includes(".tmp-") && name !== ".clausetag.lock"))
    expect(after).toEqual(before)
  })
})
