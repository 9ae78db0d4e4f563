import { DuckDBInstance } from "@duckdb/node-api"
import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { CATEGORY_IDS } from "../pipeline/domain.js"
import { regionYearKey } from "../pipeline/report/regionyear.js"
import { clausetag, tempDir } from "./cli.js"

describe("panel.csv", () => {
  it("reads back in DuckDB as is, and its counts add up to labels.jsonl", async () => {
    const out = tempDir("panel")
    expect(clausetag(["run", "--out", out, "--quiet"]).status).toBe(0)
    const records = fs.readFileSync(path.join(out, "labels.jsonl"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l))

    const db = await DuckDBInstance.create(":memory:")
    const con = await db.connect()
    const csv = path.join(out, "panel.csv").replace(/'/g, "''")
    const rows = (await con.runAndReadAll(`SELECT * FROM read_csv('${csv}', header = true)`)).getRowObjectsJS()
    const totals = (await con.runAndReadAll(
      `SELECT sum(clauses)::INTEGER AS clauses, sum(labeled)::INTEGER AS labeled, (count(*) FILTER (WHERE clauses > 0))::INTEGER AS cells,
              ${CATEGORY_IDS.map((id) => `sum(${id}_clauses)::INTEGER AS ${id}`).join(", ")} FROM read_csv('${csv}', header = true)`
    )).getRowObjectsJS()[0]!
    db.closeSync()

    expect(totals["clauses"]).toBe(records.length)
    expect(totals["labeled"]).toBe(records.filter((r) => r.labels.length > 0).length)
    for (const id of CATEGORY_IDS) expect(totals[id], id).toBe(records.filter((r) => r.labels.includes(id)).length)
    const cells = new Set(records.map((r) => regionYearKey(r.region, r.region_code, r.year)))
    expect(totals["cells"]).toBe(cells.size)
    // The manifest says 衢州: the gazetteer's official name and code follow it into the panel.
    const quzhou = rows.find((r) => r["region"] === "衢州市" && Number(r["year"]) === 2019)!
    expect(String(quzhou["region_code"])).toBe("330800")
    const inQuzhou = records.filter((r) => r.region_code === "330800" && r.year === 2019)
    expect(Number(quzhou["clauses"])).toBe(inQuzhou.length)
    expect(Number(quzhou["credit_support_share"])).toBeCloseTo(inQuzhou.filter((r) => r.labels.includes("credit_support")).length / inQuzhou.length, 4)
  })
})
