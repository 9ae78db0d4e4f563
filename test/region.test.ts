// Region and year: the gazetteer's official names and codes, inference from paths and opening lines, the order in
// which the command line, manifests, records, paths and texts count, manifests, and ids unique across a run.
import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { resolveRegion, shortNames } from "../pipeline/input/gazetteer.js"
import { fromPath, fromText } from "../pipeline/input/region.js"
import { clausetag, tempDir } from "./cli.js"

describe("the gazetteer (GB/T 2260)", () => {
  it("derives the short names people write", () => {
    expect(shortNames("宁夏回族自治区")).toEqual(["宁夏回族自治区", "宁夏"])
    expect(shortNames("黔东南苗族侗族自治州")).toEqual(["黔东南苗族侗族自治州", "黔东南", "黔东南州"])
    expect(shortNames("内蒙古自治区")).toEqual(["内蒙古自治区", "内蒙古"])
    expect(shortNames("大兴安岭地区")).toEqual(["大兴安岭地区", "大兴安岭"])
  })

  it.each([
    ["宁夏", "宁夏回族自治区", "640000"],
    ["广西", "广西壮族自治区", "450000"],
    ["北京", "北京市", "110000"],
    ["洛阳", "洛阳市", "410300"],
    ["黔西南", "黔西南布依族苗族自治州", "522300"],
    ["海南", "海南省", "460000"],
    ["海南州", "海南藏族自治州", "632500"],
    ["朝阳", "朝阳市", "211300"],
    ["湖北武汉", "武汉市", "420100"],
    ["湖北省武汉市", "武汉市", "420100"],
    ["北京朝阳", "朝阳区", "110105"],
    ["全国", "全国", null],
    ["全国（国务院）", "全国", null],
    // ambiguous (province and prefecture), a county without its province, a prefecture abolished in 2019
    ["吉林", "吉林", null],
    ["义乌", "义乌", null],
    ["莱芜", "莱芜", null]
  ])("%s → %s %s", (raw, region, code) => {
    expect(resolveRegion(raw)).toEqual({ region, code })
  })
})

describe("region and year from a path", () => {
  it.each([
    ["in/北京市2026年政府工作报告.txt", "北京市", 2026],
    ["reports/2024/湖北/武汉.txt", "武汉市", 2024],
    ["in/宁夏2026年政府工作报告.pdf", "宁夏回族自治区", 2026],
    ["in/2018年国务院政府工作报告.txt", "全国", 2018],
    ["in/P020260126381.pdf", undefined, null],
    ["in/sc-2.txt", undefined, null],
    ["in/政府工作报告（全文）.html", undefined, null]
  ])("%s → %s %s", (p, region, year) => {
    const found = fromPath(p)
    expect(found.region?.region).toBe(region)
    expect(found.year).toBe(year)
  })
})

describe("region and year from a report's opening lines", () => {
  it("takes the delivery line: where and when it was delivered", () => {
    const f = fromText("政府工作报告\n——2026年1月27日在湖北省第十四届人民代表大会第五次会议上\n省长 某某\n各位代表：\n一、2025年工作回顾\n")
    expect(f).toEqual({ region: { region: "湖北省", code: "420000" }, year: 2026 })
  })
  it("takes the title when there is no delivery line", () => {
    expect(fromText("2026年宁夏回族自治区政府工作报告\n发表时间：\n2026-02-09\n")).toEqual({ region: { region: "宁夏回族自治区", code: "640000" }, year: 2026 })
  })
  it("reads 我代表国务院 as national, and the year after the one a report reviews", () => {
    expect(fromText("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2024年工作回顾\n")).toEqual({ region: { region: "全国", code: null }, year: 2025 })
    expect(fromText("政府工作报告\n——2023年3月5日在第十四届全国人民代表大会第一次会议上\n")).toEqual({ region: { region: "全国", code: null }, year: 2023 })
  })
  it("takes a notice's issuer from its title", () => {
    expect(fromText("广东省财政厅关于广东省2021年第三批PPP项目入库、调整、退库审核情况的通知\n来源：广东省财政厅\n").region).toEqual({ region: "广东省", code: "440000" })
  })
  it("finds nothing in a text that does not say", () => {
    expect(fromText("为进一步加强金融支持实体经济，制定以下措施。\n")).toEqual({ region: undefined, year: null })
  })
})

const write = (dir: string, name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
  fs.writeFileSync(path.join(dir, name), text)
}
const records = (out: string) =>
  fs.readFileSync(path.join(out, "labels.jsonl"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as { id: string; doc: string; region: string | null; region_code: string | null; year: number | null })
const CLAUSE = "积极争取置换债券额度。"

describe("label: region, year, manifests and ids", () => {
  it("counts --region/--year, then the manifest, the record, the path, the text", () => {
    const dir = tempDir("order")
    write(dir, "manifest.yaml", "documents:\n  - file: a.txt\n    region: 洛阳\n  - file: b.txt\n    region: null\n  - file: records.txt\n    year: 2019\n")
    write(dir, "a.txt", `2026年湖北省政府工作报告\n${CLAUSE}\n`)
    write(dir, "b.txt", `2026年湖北省政府工作报告\n${CLAUSE}\n`)
    write(dir, "records.txt", `衢州*2017*${CLAUSE}*\n`)
    write(dir, "2024/安徽.txt", `2026年湖北省政府工作报告\n${CLAUSE}\n`)
    const out = tempDir("order-out")
    expect(clausetag(["label", "--input", dir, "--out", out, "--quiet"]).status).toBe(0)
    const byDoc = new Map(records(out).map((r) => [r.doc, r]))
    expect(byDoc.get("a")).toMatchObject({ region: "洛阳市", region_code: "410300", year: 2026 }) // manifest, then text
    expect(byDoc.get("b")).toMatchObject({ region: "湖北省", year: 2026 }) // region: null means find it
    expect(byDoc.get("records")).toMatchObject({ region: "衢州市", region_code: "330800", year: 2019 }) // manifest > record
    expect(byDoc.get("2024/安徽")).toMatchObject({ region: "安徽省", year: 2024 }) // path > text; not listed, still labeled
    const given = tempDir("given-out")
    expect(clausetag(["label", "--input", dir, "--out", given, "--quiet", "--region", "宁夏", "--year", "2030"]).status).toBe(0)
    for (const r of records(given)) expect(r).toMatchObject({ region: "宁夏回族自治区", region_code: "640000", year: 2030 })
  })

  it("lists documents whose region or year stays unknown on stderr and in the report", () => {
    const dir = tempDir("unknown")
    write(dir, "doc6.txt", `${CLAUSE}\n`)
    const out = tempDir("unknown-out")
    const r = clausetag(["label", "--input", dir, "--out", out])
    expect(r.status).toBe(0)
    expect(records(out)[0]).toMatchObject({ region: null, region_code: null, year: null })
    const messages: Array<string> = JSON.parse(fs.readFileSync(path.join(out, "coverage.json"), "utf8")).input_quality.messages
    expect(messages.join("\n")).toMatch(/doc6\.txt.*region unknown.*--region/)
    expect(messages.join("\n")).toMatch(/doc6\.txt.*year unknown.*--year/)
    expect(r.stderr).toMatch(/input warnings/)
  })

  it("keys the panel by code: 北京 and 北京市 are one row", () => {
    const dir = tempDir("panel")
    write(dir, "北京/2024.txt", `${CLAUSE}\n`)
    write(dir, "北京市_2024.txt", `${CLAUSE}\n`)
    const out = tempDir("panel-out")
    expect(clausetag(["label", "--input", dir, "--out", out, "--quiet", "--panel"]).status).toBe(0)
    const rows = fs.readFileSync(path.join(out, "panel.csv"), "utf8").trimEnd().split("\n")
    expect(rows[0]!.startsWith("region,region_code,year,documents,clauses")).toBe(true)
    expect(rows.slice(1).map((r) => r.split(",").slice(0, 5).join(","))).toEqual(["北京市,110000,2024,2,2"])
  })

  it("names a manifest entry whose file does not exist, and reports a malformed manifest at its line with the fix", () => {
    const dir = tempDir("manifest")
    write(dir, "manifest.yaml", "documents:\n  - file: a.txt\n  - file: missing.txt\n    year: 2024\n")
    write(dir, "a.txt", `${CLAUSE}\n`)
    const out = tempDir("manifest-out")
    expect(clausetag(["label", "--input", dir, "--out", out, "--quiet"]).status).toBe(0)
    const messages: Array<string> = JSON.parse(fs.readFileSync(path.join(out, "coverage.json"), "utf8")).input_quality.messages
    expect(messages.join("\n")).toMatch(/manifest\.yaml:3: missing\.txt does not exist/)

    write(dir, "manifest.yaml", "documents:\n  - file: a.txt\n    year: 二〇二四\n    regoin: 湖北\n")
    const bad = clausetag(["label", "--input", dir, "--out", tempDir("bad-out"), "--quiet"])
    expect(bad.status).toBe(3)
    expect(bad.stderr).toMatch(/manifest\.yaml:3: .*year/)
    expect(bad.stderr).toMatch(/manifest\.yaml:4: .*unknown key/)
    expect(bad.stderr).toMatch(/only|`file`/)
    expect(bad.stderr).not.toMatch(/\n\s+at /)
  })

  it("makes clause ids unique across a run; a JSONL id used by an earlier file is skipped with a warning", () => {
    const dir = tempDir("ids")
    write(dir, "2025/湖北.txt", `${CLAUSE}\n`)
    write(dir, "2026/湖北.txt", `${CLAUSE}\n`)
    write(dir, "2026/湖北.html", `<html><body><p>${CLAUSE}</p></body></html>`)
    write(dir, "a.jsonl", '{"id":"x-1","text":"发行置换债券"}\n')
    write(dir, "b.jsonl", '{"id":"x-2","text":"发行置换债券"}\n{"id":"x-1","text":"重复"}\n')
    const out = tempDir("ids-out")
    expect(clausetag(["label", "--input", dir, "--out", out, "--quiet"]).status).toBe(0)
    const ids = records(out).map((r) => r.id)
    expect(ids).toEqual(["2025/湖北:1", "2026/湖北.html:1", "2026/湖北.txt:1", "x-1", "x-2"])
    const messages: Array<string> = JSON.parse(fs.readFileSync(path.join(out, "coverage.json"), "utf8")).input_quality.messages
    expect(messages.join("\n")).toMatch(/b\.jsonl:2: clause id x-1 already used in .*a\.jsonl:1; skipped/)
  })

  it("keeps a single input file's stem as its document id", () => {
    const dir = tempDir("single")
    write(dir, "sub/湖北_2024.txt", `${CLAUSE}\n`)
    const out = tempDir("single-out")
    expect(clausetag(["label", "--input", path.join(dir, "sub/湖北_2024.txt"), "--out", out, "--quiet"]).status).toBe(0)
    expect(records(out)[0]).toMatchObject({ id: "湖北_2024:1", region: "湖北省", year: 2024 })
  })
})
