// The review page in Debian's headless chromium, driven by playwright-core (never a downloaded browser): a reviewer
// labels three clauses by keyboard, the server is killed, and a new one shows the three decisions and resumes at the
// fourth clause. REVIEW_SCREENSHOT=docs/review.png also saves the picture the README shows.
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { chromium, type BrowserContext, type Page } from "playwright-core"
import { ROOT, tempDir } from "./cli.js"
import { labelSeeds, makeAudit, reviewed, startReview } from "./review-server.js"

const CHROMIUM = "/usr/bin/chromium"
// .ci/run installs Debian's chromium; on a developer machine without it this test says so and is skipped.
const haveChromium = spawnSync(CHROMIUM, ["--version"]).status === 0 || process.env["CI"] === "true"

const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"
]

describe.runIf(haveChromium)("the review page in headless Chromium", () => {
  let browser: BrowserContext
  let page: Page
  beforeAll(async () => {
    browser = await chromium.launchPersistentContext(tempDir("review-chromium"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1200, height: 900 }
    })
    page = await browser.newPage()
  })
  afterAll(async () => {
    await browser?.close()
  })

  const current = (p: Page) => p.locator("#clause").textContent()
  const pressed = (p: Page) => p.locator('.toggle[aria-pressed="true"]').evaluateAll((bs) => bs.map((b) => b.id.slice(2)).sort())

  it("saves three decisions made by keyboard, and after a killed server resumes at the fourth clause", async () => {
    const run = labelSeeds()
    const audit = makeAudit(run, 12)
    const file = path.join(audit.dir, "reviewed.jsonl")
    // Started from the audit's parent folder, as `clausetag review audit --run …`, the way the README's picture shows it.
    const args = ["audit", "--run", run.dir, "--rules", path.join(ROOT, "rules")]
    const first = await startReview(args, path.dirname(audit.dir))
    await page.goto(first.url)
    await expect.poll(() => current(page)).toBe(audit.sample[0]!.text)
    expect(await page.locator("#progress-text").textContent()).toBe("0 of 12 reviewed")
    expect(await page.locator(".toggle").count()).toBe(16)
    expect(await pressed(page)).toEqual([...audit.sample[0]!.labels].sort())

    // 1. Toggle debt_swap (key 1) on, and accept.
    const want: Array<Array<string>> = []
    const toggled = (labels: ReadonlyArray<string>, id: string) =>
      (labels.includes(id) ? labels.filter((l) => l !== id) : [...labels, id]).sort()
    want.push(toggled(audit.sample[0]!.labels, "debt_swap"))
    await page.keyboard.press("1")
    expect(await pressed(page)).toEqual(want[0])
    await page.keyboard.press("Enter")
    await expect.poll(() => page.locator("#status").textContent()).toContain(`saved ${audit.sample[0]!.id}`)
    await expect.poll(() => current(page)).toBe(audit.sample[1]!.text)

    // 2. Toggle fiscal_reform (the sixteenth: Shift+6) and ppp (the twelfth: Shift+2).
    want.push(toggled(toggled(audit.sample[1]!.labels, "fiscal_reform"), "ppp"))
    await page.keyboard.press("Shift+Digit6")
    await page.keyboard.press("Shift+Digit2")
    await page.keyboard.press("Enter")
    await expect.poll(() => page.locator("#status").textContent()).toContain(`saved ${audit.sample[1]!.id}`)
    await expect.poll(() => current(page)).toBe(audit.sample[2]!.text)

    // 3. Accept the rules' labels as shown.
    want.push([...audit.sample[2]!.labels].sort())
    await page.keyboard.press("Enter")
    await expect.poll(() => page.locator("#status").textContent()).toContain(`saved ${audit.sample[2]!.id}`)
    expect(await page.locator("#progress-text").textContent()).toBe("3 of 12 reviewed")
    await expect.poll(() => current(page)).toBe(audit.sample[3]!.text)
    const shot = process.env["REVIEW_SCREENSHOT"]
    await page.screenshot({ path: shot !== undefined ? path.resolve(ROOT, shot) : path.join(tempDir("review-shot"), "review.png"), fullPage: true })
    // Every decision the page showed as saved is already on disk.
    expect(reviewed(file)).toEqual(audit.sample.slice(0, 3).map((s, i) => ({ id: s.id, labels: want[i] })))

    first.proc.kill("SIGKILL")
    await first.exited
    expect(fs.existsSync(`${file}.lock`)).toBe(true) // stale: its process is gone

    const second = await startReview(args, path.dirname(audit.dir))
    await page.goto(second.url)
    await expect.poll(() => current(page)).toBe(audit.sample[3]!.text)
    expect(await page.locator("#progress-text").textContent()).toBe("3 of 12 reviewed")
    expect(reviewed(file).map((d) => d.labels)).toEqual(want)

    // k goes back to a reviewed clause and shows the saved decision, not the rules' labels.
    await page.keyboard.press("k")
    await expect.poll(() => current(page)).toBe(audit.sample[2]!.text)
    await page.keyboard.press("k")
    await expect.poll(() => current(page)).toBe(audit.sample[1]!.text)
    expect(await pressed(page)).toEqual(want[1])
    expect(await page.locator("#where").textContent()).toContain(`reviewed: ${want[1]!.join(", ")}`)
    await page.keyboard.press("j")
    await page.keyboard.press("j")
    await expect.poll(() => current(page)).toBe(audit.sample[3]!.text)

    // The matched spans are marked with the rule that fired.
    const marked = audit.sample.findIndex((s, i) => i >= 3 && s.labels.length > 0)
    for (let i = 3; i < marked; i++) await page.keyboard.press("j")
    await expect.poll(() => page.locator("#clause mark").count()).toBeGreaterThan(0)
    const line = run.lines.find((l) => l.id === audit.sample[marked]!.id)!
    expect(await page.locator("#clause mark").first().getAttribute("title")).toContain(line.matches[0]!.rule)


    // The explain link runs explain on the clause.
    const explain = await page.locator("#explain").getAttribute("href")
    const text = await (await fetch(new URL(explain!, second.url))).text()
    expect(text).toContain(`text:       ${audit.sample[marked]!.text}`)
    expect(text).toContain("Matched:")

    // Filters: the category filter keeps the clauses the rules or the reviewer gave that label.
    await page.selectOption("#f-category", "debt_swap")
    const inView = audit.sample.map((s, i) => s.labels.includes("debt_swap") || want[i]?.includes("debt_swap") === true)
    const done = inView.slice(0, 3).filter(Boolean).length
    expect(await page.locator("#progress-text").textContent()).toBe(`3 of 12 reviewed · this view: ${done} of ${inView.filter(Boolean).length}`)

    // A second tab resumes at the fourth clause too; what it saves, the first tab shows once it is back in front.
    const tab = await browser.newPage()
    await tab.goto(second.url)
    await expect.poll(() => current(tab)).toBe(audit.sample[3]!.text)
    await tab.keyboard.press("Enter")
    await expect.poll(() => tab.locator("#status").textContent()).toContain(`saved ${audit.sample[3]!.id}`)
    // Headless chromium sends no focus event on bringToFront: the test sends the one a person's click would.
    await page.bringToFront()
    await page.evaluate("window.dispatchEvent(new Event(\"focus\"))")
    await expect.poll(() => page.locator("#progress-text").textContent()).toMatch(/^4 of 12 reviewed/)
    expect(reviewed(file)).toHaveLength(4)
    await tab.close()

    second.proc.kill("SIGTERM")
    expect(await second.exited).toBe(130)
    expect(fs.existsSync(`${file}.lock`)).toBe(false)
  })
})
