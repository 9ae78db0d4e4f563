import { describe, expect, it } from "@effect/vitest"
import { execFileSync, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { clausetag, tempDir } from "./cli.js"

const CHROMIUM = "/usr/bin/chromium"
// .ci/run installs Debian's chromium; on a developer machine without it this test says so and is skipped.
const haveChromium = spawnSync(CHROMIUM, ["--version"]).status === 0 || process.env["CI"] === "true"

const render = (file: string): string =>
  execFileSync(CHROMIUM, [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", `--user-data-dir=${tempDir("chromium")}`, "--dump-dom", `file://${file}`
  ], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })

describe.runIf(haveChromium)("coverage.html in headless Chromium", () => {
  it("renders the categories, the region-year heat map, rule hits and candidates", () => {
    const out = tempDir("html")
    expect(clausetag(["run", "--out", out, "--quiet"]).status).toBe(0)
    const dom = render(path.join(out, "coverage.html"))
    const coverage = JSON.parse(fs.readFileSync(path.join(out, "coverage.json"), "utf8"))
    expect(dom).toContain(`${coverage.totals.clauses} clauses, ${coverage.totals.labeled} labeled`)
    const section = (id: string) => dom.slice(dom.indexOf(`id="${id}"`), dom.indexOf("</table>", dom.indexOf(`id="${id}"`)))
    expect(section("categories").match(/<tr><th scope="row">/g)).toHaveLength(16)
    expect(section("categories")).toContain("debt_swap")
    expect(section("heatmap")).toContain("<th>2017</th>")
    expect(section("heatmap")).toMatch(/<th scope="row">衢州市<\/th>(<td><\/td>)*<td style="background:hsl/)
    const busiest = [...coverage.rules].sort((a, b) => b.hits - a.hits)[0]
    expect(section("rules")).toMatch(new RegExp(`<code>${busiest.id.replace(/\./g, "\\.")}</code></td><td>[a-z_]+</td><td class="num">${busiest.hits}</td>`))
    expect(section("candidates").match(/<tr><td class="num">/g)?.length).toBe(coverage.candidates.length)
    expect(dom).not.toMatch(/<script|https?:\/\//)
  })
})
