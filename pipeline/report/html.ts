// coverage.html: the coverage report as one self-contained page (inline CSS, no scripts, no external assets), so it
// can be mailed, attached to a PR or opened from a file share. Rendered from the same CoverageReport as the JSON.
import { pct } from "./markdown.js"
import { regionYearKey } from "./regionyear.js"
import type { CoverageReport } from "./report.js"
import { SAMPLE } from "./candidates.js"

const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/** A white-to-blue cell colour for a share in [0, 1]. */
const heat = (x: number): string => `hsl(212, 70%, ${Math.round(97 - x * 55)}%)`

const HEAT_REGIONS = 400
/** Warnings listed on the page; coverage.json holds them all. */
const WARNINGS_LISTED = 200

export const coverageHtml = (r: CoverageReport): string => {
  const maxCategory = Math.max(1, ...r.categories.map((c) => c.clauses))
  const years = [...new Set(r.region_years.map((x) => x.year))].sort((a, b) => (a ?? 0) - (b ?? 0))
  const regions = [...new Set(r.region_years.map((x) => x.region))]
  // The heat map's rows are region names (an official name has one code), so its cells are keyed without the code.
  const cellOf = new Map(r.region_years.map((x) => [regionYearKey(x.region, null, x.year), x]))
  const categoryBars = r.categories
    .map(
      (c) => `<tr><th scope="row"><code>${esc(c.id)}</code> ${esc(c.name ?? "")}</th><td class="num">${c.clauses}</td>` +
        `<td class="num">${pct(c.share)}</td><td class="bar"><span style="width:${((c.clauses / maxCategory) * 100).toFixed(1)}%"></span></td></tr>`
    )
    .join("\n")
  const heatRows = regions
    .slice(0, HEAT_REGIONS)
    .map((region) => {
      const cells = years.map((year) => {
        const x = cellOf.get(regionYearKey(region, null, year))
        return x === undefined
          ? "<td></td>"
          : `<td style="background:${heat(x.share)}" title="${x.labeled} of ${x.clauses} clauses">${pct(x.share)}</td>`
      })
      return `<tr><th scope="row">${esc(region ?? "—")}</th>${cells.join("")}</tr>`
    })
    .join("\n")
  const ruleRows = r.rules
    .map((x) => `<tr${x.hits === 0 ? ' class="silent"' : ""}><td><code>${esc(x.id)}</code></td><td>${esc(x.category)}</td><td class="num">${x.hits}</td><td class="num">${x.unique}</td></tr>`)
    .join("\n")
  const candidateRows = r.candidates
    .map((x) => `<tr><td class="num">${x.count}</td><td>${esc(x.text)}</td><td><code>${esc(x.example_id)}</code></td></tr>`)
    .join("\n")
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>clausetag coverage</title>
<style>
body { font: 14px/1.45 system-ui, "Noto Sans CJK SC", sans-serif; margin: 2em auto; max-width: 72em; color: #1b1f24; padding: 0 1em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { padding: 2px 8px; border-bottom: 1px solid #e4e7eb; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.bar { width: 24em; } td.bar span { display: block; height: 0.9em; background: #2f6fba; border-radius: 2px; }
table.heat td { text-align: right; font-size: 12px; min-width: 4em; }
tr.silent td { color: #8a939d; }
.meta { color: #57606a; }
</style>
</head>
<body>
<h1>clausetag coverage</h1>
<p class="meta">Rules <code>${esc(r.rules_hash)}</code> · inputs <code>${esc(r.inputs_hash)}</code> · ${esc(r.segmenter.engine)}, HMM ${r.segmenter.hmm ? "on" : "off"}</p>
<p id="totals">${r.totals.documents} documents, ${r.totals.clauses} clauses, ${r.totals.labeled} labeled (${pct(r.totals.share)}).</p>
<h2>Categories</h2>
<table id="categories"><thead><tr><th>category</th><th>clauses</th><th>share</th><th></th></tr></thead><tbody>
${categoryBars}
</tbody></table>
<h2>Labeled share by region and year</h2>
<table class="heat" id="heatmap"><thead><tr><th>region</th>${years.map((y) => `<th>${y ?? "—"}</th>`).join("")}</tr></thead><tbody>
${heatRows}
</tbody></table>
${regions.length > HEAT_REGIONS ? `<p class="meta">First ${HEAT_REGIONS} of ${regions.length} regions; all are in coverage.json and panel.csv.</p>` : ""}
<h2>Rules</h2>
<table id="rules"><thead><tr><th>rule</th><th>category</th><th>hits</th><th>unique</th></tr></thead><tbody>
${ruleRows}
</tbody></table>
<h2>Candidates for new rules</h2>
<p class="meta">Unlabeled clauses that still contain finance or debt words, most frequent first (of a sample of ${SAMPLE} distinct clauses chosen by hash, when there are more; counts are exact).</p>
<table id="candidates"><thead><tr><th>count</th><th>clause</th><th>example</th></tr></thead><tbody>
${candidateRows}
</tbody></table>
<h2>Input quality</h2>
<p class="meta" id="quality">${r.input_quality.warnings} warnings; ${r.input_quality.fragments} clauses look cut off (end in a bare number).${
    r.input_quality.traditional_documents.length === 0
      ? ""
      : ` In traditional characters, matched after conversion to simplified: ${esc(r.input_quality.traditional_documents.join(", "))}.`
  }</p>
${
  r.input_quality.messages.length === 0
    ? ""
    : `<ul id="warnings">\n${r.input_quality.messages
        .slice(0, WARNINGS_LISTED)
        .map((m) => `<li>${esc(m)}</li>`)
        .join("\n")}\n</ul>${r.input_quality.messages.length > WARNINGS_LISTED ? `\n<p class="meta">First ${WARNINGS_LISTED} of ${r.input_quality.messages.length}; all are in coverage.json.</p>` : ""}`
}
</body>
</html>
`
}
