// `clausetag review` without a browser: the files it reads and writes, its lock, its HTTP answers, and what the
// page's taxonomy says against the rule files. The browser test (review.browser.test.ts) drives the page itself.
import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as http from "node:http"
import * as path from "node:path"
import { parse } from "yaml"
import { CATEGORY_IDS } from "../pipeline/domain.js"
import { decisionLine, parseDecisions, parseSample } from "../pipeline/commands/review-data.js"
import { CATEGORIES } from "../pipeline/taxonomy.js"
import { clausetag, ROOT, tempDir } from "./cli.js"
import { labelSeeds, makeAudit, reviewed, startReview } from "./review-server.js"

/** The status of GET url sent with this Host header (fetch will not send another host than the URL's). */
const statusFor = (url: string, host: string) =>
  new Promise<number | undefined>((resolve, reject) =>
    http.get(url, { headers: { host } }, (r) => (r.resume(), resolve(r.statusCode))).on("error", reject)
  )

const post = (url: string, body: unknown, type = "application/json") =>
  fetch(new URL("api/decision", url), { method: "POST", headers: { "content-type": type }, body: JSON.stringify(body) })

describe("decisions and samples as text", () => {
  it("keeps the last line for an id, sorts labels, and writes the gold format", () => {
    const parsed = parseDecisions('{"id":"a","labels":["ppp"]}\n{"id":"b","labels":[]}\n{"id":"a","labels":["ppp","debt_swap"]}\n')
    expect(parsed.ok && [...parsed.value.decisions]).toEqual([["a", ["debt_swap", "ppp"]], ["b", []]])
    expect(decisionLine({ id: "x:1", labels: ["ppp", "debt_swap"] })).toBe('{"id":"x:1","labels":["debt_swap","ppp"]}\n')
  })

  it("treats a last line without its newline that does not parse as torn, and any other bad line as an error at its line", () => {
    const torn = parseDecisions('{"id":"a","labels":["ppp"]}\n{"id":"b","lab')
    expect(torn.ok && torn.value.torn).toBe(true)
    expect(torn.ok && [...torn.value.decisions.keys()]).toEqual(["a"])
    // A hand-written file whose complete last line lacks the newline is fine.
    const whole = parseDecisions('{"id":"a","labels":["ppp"]}')
    expect(whole.ok && !whole.value.torn && whole.value.decisions.get("a")).toEqual(["ppp"])
    expect(parseDecisions('{"id":"a","labels":["ppp"]}\n{"id":"b",\n{"id":"c","labels":[]}\n')).toEqual({
      ok: false,
      problem: { line: 2, reason: "not valid JSON" }
    })
    // A whole JSON line is the user's, even without its newline: its mistakes are reported, never cut off.
    const bad = parseDecisions('{"id":"a","labels":["ppp"]}\n{"id":"b","labels":"ppp"}')
    expect(!bad.ok && bad.problem).toEqual({ line: 2, reason: '"labels" must be a list of category ids' })
    const unknown = parseDecisions('{"id":"a","labels":["debt"]}\n')
    expect(!unknown.ok && unknown.problem).toEqual({ line: 1, reason: 'unknown category "debt" (see ../shared/taxonomy.md for the sixteen ids)' })
  })

  it("takes region, year and matches from the run when the sample lacks them, and only for the same text", () => {
    const run = new Map([
      ["d:1", { id: "d:1", doc: "d", region: "衢州", region_code: "330800", year: 2020, index: 1, text: "发行置换债券", labels: [], matches: [{ category: "debt_swap" as const, rule: "debt_swap.x", terms: ["置换债券"], start: 2, end: 6 }] }]
    ])
    const same = parseSample('{"id":"d:1","doc":"d","text":"发行置换债券","labels":["debt_swap"],"stratum":"debt_swap","weight":2}\n', run)
    expect(same.ok && same.value[0]).toMatchObject({ region: "衢州", year: 2020, stratum: "debt_swap", matches: [{ start: 2, end: 6 }] })
    const edited = parseSample('{"id":"d:1","doc":"d","text":"发行债券","labels":[],"region":null}\n', run)
    expect(edited.ok && edited.value[0]).toMatchObject({ region: null, year: 2020, stratum: null, matches: [] })
    expect(parseSample('{"id":"d:1","text":"x","labels":[]}\n{"id":"d:1","text":"y","labels":[]}\n', run)).toEqual({
      ok: false,
      problem: { line: 2, reason: "the id d:1 occurs twice" }
    })
  })

  it("names the sixteen categories as the rule files do", () => {
    expect(CATEGORIES.map((c) => c.id)).toEqual([...CATEGORY_IDS])
    for (const c of CATEGORIES) {
      const file = parse(fs.readFileSync(path.join(ROOT, "rules", `${c.id}.yaml`), "utf8")) as { name: string }
      expect(c.name, c.id).toBe(file.name)
      expect(c.scope.length, c.id).toBeLessThan(100)
    }
  })
})

describe("the review server", () => {
  const run = labelSeeds()

  it("refuses a second server on the same folder, and takes over a lock whose process is gone", async () => {
    const audit = makeAudit(run, 4)
    const first = await startReview([audit.dir, "--port", "0"])
    const second = clausetag(["review", audit.dir])
    expect(second.status).toBe(2)
    expect(second.stderr).toContain(`another review server (pid ${first.proc.pid}) is already saving to ${path.join(audit.dir, "reviewed.jsonl")}: open ${first.url}`)
    first.proc.kill("SIGINT")
    expect(await first.exited).toBe(130)
    expect(fs.readdirSync(audit.dir).sort()).toEqual(["plan.json", "sample.jsonl"])

    // A lock left by a process that no longer runs.
    fs.writeFileSync(path.join(audit.dir, "reviewed.jsonl.lock"), `${JSON.stringify({ pid: 2 ** 22 + 1, port: 1 })}\n`)
    const third = await startReview([audit.dir])
    expect(JSON.parse(fs.readFileSync(path.join(audit.dir, "reviewed.jsonl.lock"), "utf8"))).toEqual({ pid: third.proc.pid, port: Number(new URL(third.url).port) })
    third.proc.kill("SIGTERM")
    expect(await third.exited).toBe(130)
  })

  it("serializes decisions from many tabs at once into whole lines, and rejects bad ones without writing", async () => {
    const audit = makeAudit(run, 20)
    const file = path.join(audit.dir, "reviewed.jsonl")
    const server = await startReview([audit.dir])
    const labels = (i: number) => CATEGORY_IDS.filter((_, k) => (i >> k) % 2 === 1 || k === i % 16)
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => post(server.url, { id: audit.sample[i % 20]!.id, labels: labels(i) }).then((r) => r.json() as Promise<{ saved: boolean; id: string; labels: Array<string> }>))
    )
    expect(answers.every((a) => a.saved === true)).toBe(true)
    const lines = reviewed(file)
    expect(lines).toHaveLength(60)
    expect(new Set(lines.map((l) => JSON.stringify(l)))).toEqual(new Set(answers.map((a) => JSON.stringify({ id: a.id, labels: a.labels }))))

    expect((await post(server.url, { id: "no such id", labels: [] })).status).toBe(400)
    expect((await post(server.url, { id: audit.sample[0]!.id, labels: ["debt"] })).status).toBe(400)
    expect((await post(server.url, { id: audit.sample[0]!.id, labels: [] }, "text/plain")).status).toBe(415)
    expect(await statusFor(server.url, "attacker.example")).toBe(421)
    expect(await statusFor(server.url, new URL(server.url).host)).toBe(200)
    expect(reviewed(file)).toHaveLength(60)

    const state = (await (await fetch(new URL("api/state", server.url))).json()) as { items: Array<{ id: string; stratum: string }>; reviewed: Record<string, Array<string>> }
    expect(state.items.map((i) => i.id)).toEqual(audit.sample.map((s) => s.id))
    expect(state.items.map((i) => i.stratum)).toEqual(audit.sample.map((s) => s.stratum))
    // The last line for each id in the file is what the page is given.
    expect(state.reviewed).toEqual(Object.fromEntries(lines.map((l) => [l.id, l.labels])))
    server.proc.kill("SIGINT")
    await server.exited
  })

  it("cuts off a line torn by a killed server, and names the line of any other damage", async () => {
    const audit = makeAudit(run, 3)
    const file = path.join(audit.dir, "reviewed.jsonl")
    fs.writeFileSync(file, `{"id":${JSON.stringify(audit.sample[0]!.id)},"labels":["ppp"]}\n{"id":"x","labe`)
    const server = await startReview([audit.dir])
    expect(server.stderr()).toContain("cut off an incomplete last line")
    await post(server.url, { id: audit.sample[1]!.id, labels: [] })
    expect(reviewed(file)).toEqual([{ id: audit.sample[0]!.id, labels: ["ppp"] }, { id: audit.sample[1]!.id, labels: [] }])
    server.proc.kill("SIGINT")
    await server.exited

    fs.writeFileSync(file, '{"id":"a","labels":["ppp"]}\nnot json\n{"id":"b","labels":[]}\n')
    const broken = clausetag(["review", audit.dir])
    expect(broken.status).toBe(3)
    expect(broken.stderr).toContain(`${file}:2: not valid JSON; each line must be {"id": …, "labels": [category ids]}: fix or delete that line`)
  })

  it("reviews a whole run into --save FILE, with the neighbouring clauses of the same record", async () => {
    const save = path.join(tempDir("review-save"), "decisions.jsonl")
    const server = await startReview(["--run", run.dir, "--save", save])
    const state = (await (await fetch(new URL("api/state", server.url))).json()) as { items: Array<{ id: string }> }
    expect(state.items).toHaveLength(run.lines.length)
    const at = run.lines.findIndex((l, i) => i > 2 && l.index === 3 && run.lines[i + 1]?.index === 4)
    const clause = (await (await fetch(new URL(`api/clause?id=${encodeURIComponent(run.lines[at]!.id)}`, server.url))).json()) as {
      before: Array<{ id: string }>
      after: Array<{ id: string }>
    }
    expect(clause.before.map((c) => c.id)).toEqual([run.lines[at - 2]!.id, run.lines[at - 1]!.id])
    expect(clause.after[0]!.id).toBe(run.lines[at + 1]!.id)
    // The first clause of a star record has no clause before it, though the line above belongs to the same file.
    const recordStart = run.lines.findIndex((l, i) => i > 0 && l.index === 1 && run.lines[i - 1]!.doc === l.doc)
    const first = (await (await fetch(new URL(`api/clause?id=${encodeURIComponent(run.lines[recordStart]!.id)}`, server.url))).json()) as { before: Array<unknown> }
    expect(first.before).toEqual([])
    await post(server.url, { id: run.lines[0]!.id, labels: ["ppp"] })
    expect(reviewed(save)).toEqual([{ id: run.lines[0]!.id, labels: ["ppp"] }])
    server.proc.kill("SIGINT")
    await server.exited
  })

  it("takes the run from --run or plan.json, and says when there is none or it is another run", async () => {
    const audit = makeAudit(run, 3)
    const planFile = path.join(audit.dir, "plan.json")
    const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as Record<string, unknown>
    const line = run.lines.find((l) => l.id === audit.sample[0]!.id)!
    const clauseOf = async (url: string) =>
      (await (await fetch(new URL(`api/clause?id=${encodeURIComponent(line.id)}`, url))).json()) as { matches: Array<unknown>; before: Array<unknown> }
    const serve = async (args: ReadonlyArray<string>) => {
      const server = await startReview([audit.dir, ...args])
      const clause = await clauseOf(server.url)
      server.proc.kill("SIGINT")
      await server.exited
      return { clause, stderr: server.stderr() }
    }

    const none = await serve([])
    expect(none.stderr).toContain("no run given: the page shows no context and no matches; add --run DIR")
    expect(none.clause.matches).toEqual([])
    const given = await serve(["--run", run.dir])
    expect(given.stderr).not.toContain("clausetag:")
    expect(given.clause.matches).toEqual(line.matches)
    expect(given.clause.before).toHaveLength(Math.min(2, line.index - 1))

    fs.writeFileSync(planFile, JSON.stringify({ ...plan, run: run.dir }))
    expect((await serve([])).clause.matches).toEqual(line.matches)
    fs.writeFileSync(planFile, JSON.stringify({ ...plan, inputs_hash: "000000000000" }))
    expect((await serve(["--run", run.dir])).stderr).toContain(`${run.dir} is not the run ${audit.dir} was drawn from (its inputs_hash differ`)
  })

  it("explains why it cannot start", async () => {
    const empty = tempDir("review-empty")
    expect(clausetag(["review", empty]).stderr).toContain(`no ${path.join(empty, "sample.jsonl")}: draw a sample first with clausetag audit sample`)
    const busy = http.createServer().listen(0, "127.0.0.1")
    await new Promise((resolve) => busy.once("listening", resolve))
    const port = (busy.address() as { port: number }).port
    const taken = clausetag(["review", makeAudit(run, 2).dir, "--port", String(port)])
    busy.close()
    expect(taken.status).toBe(2)
    expect(taken.stderr).toContain(`cannot listen on 127.0.0.1:${port}`)
    expect(taken.stderr).toContain("choose another --port, or 0 for any free one")
    const neither = clausetag(["review"])
    expect(neither.status).toBe(2)
    expect(neither.stderr).toContain("give an audit folder (clausetag review AUDIT) or a run and a file for the decisions")
  })
})
