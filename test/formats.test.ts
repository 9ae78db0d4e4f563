// One report as plain text, as a GBK web page with site chrome, as a .docx and as a PDF printed by Chromium gives the
// same clauses and labels; PDFs without text are named and left out; formats that cannot be read are named.
import { describe, expect, it } from "@effect/vitest"
import { execFileSync, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import iconv from "iconv-lite"
import { foldRadicals } from "../pipeline/input/fold.js"
import { dropRunning, joinLines } from "../pipeline/input/pdf.js"
import { clausetag, ROOT, tempDir } from "./cli.js"
import { docx, pdf } from "./documents.js"

const CHROMIUM = "/usr/bin/chromium"
// .ci/run installs Debian's chromium and CJK fonts; on a developer machine without them the print test is skipped.
const haveChromium = spawnSync(CHROMIUM, ["--version"]).status === 0 || process.env["CI"] === "true"

const HEAD = ["2026年湖南省政府工作报告", "——2026年2月3日在湖南省第十四届人民代表大会第四次会议上", "各位代表："]
/** A report: a title and delivery line, then the paragraphs of a bundled seed notice (one a line). */
const paragraphs = [
  ...HEAD,
  ...fs.readFileSync(path.join(ROOT, "seeds/001_64203073a94abcc5.txt"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l.length > 0).slice(8, 60)
]
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;")
const body = paragraphs.map((p) => `<p>${esc(p)}</p>`).join("\n")

const write = (dir: string, name: string, data: string | Buffer) => {
  fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true })
  fs.writeFileSync(path.join(dir, name), data)
  return dir
}

interface Record {
  readonly id: string
  readonly region: string | null
  readonly region_code: string | null
  readonly year: number | null
  readonly text: string
  readonly labels: ReadonlyArray<string>
}

const label = (input: string, extra: ReadonlyArray<string> = []) => {
  const out = tempDir("o")
  const result = clausetag(["label", "--input", input, "--out", out, "--quiet", ...extra])
  const file = path.join(out, "labels.jsonl")
  const records: Array<Record> = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trimEnd().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : []
  return { ...result, records, out }
}

/** Clause texts (white space aside) with their labels: what must agree across formats. */
const labeled = (records: ReadonlyArray<Record>) => records.map((r) => `${r.text.replace(/\s/g, "")} ${r.labels.join(",")}`)

describe("one report in four formats", () => {
  const txt = label(write(tempDir("txt"), "湖南_2026.txt", paragraphs.join("\n") + "\n"))

  it("as text: region and year from its opening lines, with the province's code", () => {
    expect(txt.status).toBe(0)
    expect(txt.records.length).toBeGreaterThan(40)
    expect(txt.records.some((r) => r.labels.length > 0)).toBe(true)
    expect(txt.records[0]).toMatchObject({ id: "湖南_2026:1", region: "湖南省", region_code: "430000", year: 2026 })
  })

  it("as a GB2312 web page with navigation, scripts and a site footer: the same clauses and labels, no chrome", () => {
    const page =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>2026年湖南省政府工作报告_湖南省人民政府门户网站</title>' +
      "<style>.nav{color:red}</style></head><body>" +
      '<div class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/sitemap">网站地图</a></div>' +
      `<div class="article">${body}<p>责任编辑：李四</p></div>` +
      '<div class="footer">主办单位：湖南省人民政府办公厅 版权所有 网站标识码4300000063</div><script>var _hmt=[];</script></body></html>'
    const html = label(write(tempDir("html"), "报告（全文）.html", iconv.encode(page, "gbk")))
    expect(html.status).toBe(0)
    expect(labeled(html.records)).toEqual(labeled(txt.records))
    expect(html.records.map((r) => r.text).join("")).not.toMatch(/网站地图|版权所有|责任编辑|_hmt|color/)
    expect(html.records[0]).toMatchObject({ id: "报告（全文）:1", region: "湖南省", year: 2026 })
  })

  it("as a Word file written by a zip writer: paragraphs and table rows in order, the same labels", () => {
    const file = docx([...paragraphs, ["专项债券", "置换债券额度50亿元"]])
    const word = label(write(tempDir("docx"), "P020260126381.docx", file))
    expect(word.status).toBe(0)
    expect(labeled(word.records).slice(0, txt.records.length)).toEqual(labeled(txt.records))
    expect(word.records.at(-1)!.text).toBe("专项债券\t置换债券额度50亿元")
    expect(word.records[0]).toMatchObject({ region: "湖南省", region_code: "430000", year: 2026 })
  })

  it.runIf(haveChromium)("as a PDF printed by Chromium (hard wraps, page breaks, running headers): the same labels", () => {
    const dir = tempDir("pdf")
    const source = write(dir, "print.html", `<html><head><meta charset="utf-8"><title>报告</title><style>body{font-family:"Noto Serif CJK SC";font-size:14pt;width:15cm}</style></head><body>${body}</body></html>`)
    fs.mkdirSync(path.join(dir, "in"))
    execFileSync(CHROMIUM, ["--headless", "--no-sandbox", "--disable-gpu", `--user-data-dir=${tempDir("chromium")}`, `--print-to-pdf=${path.join(dir, "in", "W020260203.pdf")}`, `file://${path.join(source, "print.html")}`], { stdio: "ignore" })
    const printed = label(path.join(dir, "in"))
    expect(printed.status).toBe(0)
    const texts = new Set(printed.records.map((r) => r.text.replace(/\s/g, "")))
    const kept = txt.records.filter((r) => texts.has(r.text.replace(/\s/g, ""))).length
    expect(kept / txt.records.length).toBeGreaterThan(0.95)
    const count = (rs: ReadonlyArray<Record>) => rs.flatMap((r) => r.labels).sort().join(" ")
    expect(count(printed.records)).toBe(count(txt.records))
    expect(printed.records.map((r) => r.text).join("\n")).not.toMatch(/file:\/\/|print\.html|\d+\/\d+$/m)
    expect(printed.records[0]).toMatchObject({ region: "湖南省", year: 2026 })
  })
})

describe("documents that cannot be labeled", () => {
  it("a PDF with no text layer, an encrypted one and a damaged one are named with the fix and left out, exit 3", () => {
    const dir = tempDir("scan")
    write(dir, "扫描件_2026.pdf", pdf("0.2 0.2 0.2 rg 20 20 260 260 re f"))
    write(dir, "加密.pdf", pdf("0 0 1 rg 20 20 100 100 re f", true))
    write(dir, "truncated.pdf", pdf("0 0 1 rg 20 20 100 100 re f").subarray(0, 120))
    write(dir, "湖南_2026.txt", paragraphs.join("\n"))
    const r = label(dir)
    expect(r.status).toBe(3)
    expect(r.stderr).toMatch(/扫描件_2026\.pdf.*no text layer.*run OCR first/)
    expect(r.stderr).toMatch(/truncated\.pdf.*not a readable PDF/)
    expect(r.stderr).toMatch(/加密\.pdf.*encrypted PDF.*password/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.records.length).toBeGreaterThan(40) // the text file is labeled all the same
  })

  it(".doc, .wps and images are named as not labeled, the exit code unchanged; README and manifest.yaml are not inputs", () => {
    const dir = write(tempDir("odd"), "湖南_2026.txt", paragraphs.join("\n"))
    write(dir, "旧版.doc", "\u00d0\u00cf\u0011\u00e0")
    write(dir, "通知.wps", "x")
    write(dir, "scan.png", "x")
    write(dir, "README.md", "# 说明\n")
    write(dir, "notes.csv", "a,b\n")
    const r = label(dir)
    expect(r.status).toBe(0)
    const coverage = JSON.parse(fs.readFileSync(path.join(r.out, "coverage.json"), "utf8"))
    const messages: Array<string> = coverage.input_quality.messages
    expect(messages.filter((m) => m.includes("not labeled"))).toHaveLength(3)
    expect(messages.join("\n")).toMatch(/旧版\.doc.*save it as \.docx/)
    expect(messages.join("\n")).not.toMatch(/README/)
    expect(messages.join("\n")).toMatch(/notes\.csv: not a file type clausetag reads/)
    expect(new Set(r.records.map((x) => x.id.split(":")[0]))).toEqual(new Set(["湖南_2026"]))
  })
})

describe("loading the readers", () => {
  it("a run over text files never loads pdfjs, mammoth or a DOM: the bundle imports them only on demand", () => {
    // The modules the executable and its worker load at start: static imports, followed through the bundle's chunks.
    const dir = path.join(ROOT, "dist/cli")
    const loaded = new Set<string>()
    const visit = (file: string): void => {
      if (loaded.has(file)) return
      loaded.add(file)
      const code = fs.readFileSync(path.join(dir, file), "utf8")
      for (const m of code.matchAll(/(?:\bfrom\s*|^import\s*)"\.\/([^"]+)"/gm)) visit(m[1]!)
    }
    visit("cli.js")
    visit("worker.js")
    const heavy = /(?:\bfrom\s*|^import\s*|require\()["'](?:pdfjs-dist|mammoth|linkedom|@mozilla\/readability)/m
    for (const file of loaded) expect(heavy.test(fs.readFileSync(path.join(dir, file), "utf8")), file).toBe(false)
    // … while the readers themselves are chunks of their own, reached by a dynamic import().
    const chunks = fs.readdirSync(dir)
    expect(chunks.some((f) => f.startsWith("pdf-") && !loaded.has(f) && fs.readFileSync(path.join(dir, f), "utf8").includes('import("pdfjs-dist'))).toBe(true)
  })
})

describe("PDF text", () => {
  it("folds radical code points to the ideographs they stand for (NFKC and the CJK Radicals Supplement)", () => {
    expect(foldRadicals("⼯作报告，⽉度，⼈⺠，增⻓，⾦融，⻋辆")).toBe("工作报告，月度，人民，增长，金融，车辆")
    expect(foldRadicals("（全角，标点；保留）ＡＢ")).toBe("（全角，标点；保留）ＡＢ")
  })

  const line = (text: string, y: number, right = 400, left = 40, size = 14) => ({ text, y, size, left, right })
  it("joins hard wraps and page breaks, keeps paragraphs apart, drops running headers, footers and page numbers", () => {
    const pages = [1, 2].map((n) => [
      line(`2026年${n === 1 ? 1 : 2}月3日 政府工作报告`, 780, 200, 40, 8),
      ...(n === 1
        ? [line("一、过去一年工作回顾", 740, 180), line("积极争取新增政府债券额度，发行置换债", 720), line("券50亿元。", 700, 110), line("二、今年工作安排", 660, 160), line("推进融资平台市场化转型，稳妥化解存量", 640)]
        : [line("债务风险。", 740, 110)]),
      line(`- ${n} -`, 30, 230, 200, 8)
    ])
    expect(joinLines(dropRunning(pages)).split("\n")).toEqual([
      "一、过去一年工作回顾",
      "积极争取新增政府债券额度，发行置换债券50亿元。",
      "二、今年工作安排",
      "推进融资平台市场化转型，稳妥化解存量债务风险。"
    ])
  })
})
