// The region-year panel that regressions start from: one row per region and year, counts and shares per category.
// Plain RFC 4180 CSV, UTF-8 without BOM, `\n` line ends, empty fields for unknown region or year: pandas, R, Stata
// and DuckDB read it as is.
import { CATEGORY_IDS } from "../domain.js"
import { share, type Coverage } from "./coverage.js"
import { byRegionYear, regionYearOf } from "./regionyear.js"

const field = (v: string | number | null): string => {
  if (v === null) return ""
  const s = String(v)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const PANEL_COLUMNS = [
  "region",
  "region_code",
  "year",
  "documents",
  "clauses",
  "labeled",
  "labeled_share",
  ...CATEGORY_IDS.flatMap((id) => [`${id}_clauses`, `${id}_share`])
]

export const panelCsv = (c: Coverage): string => {
  const rows = [...c.perRegionYear]
    .map(([key, t]) => ({ ...regionYearOf(key), t }))
    .sort(byRegionYear)
    .map(({ region, region_code: code, year, t }) =>
      [
        field(region),
        field(code),
        field(year),
        t.documents,
        t.clauses,
        t.labeled,
        share(t.labeled, t.clauses),
        ...CATEGORY_IDS.flatMap((id) => [t.categories.get(id) ?? 0, share(t.categories.get(id) ?? 0, t.clauses)])
      ].join(",")
    )
  return [PANEL_COLUMNS.join(","), ...rows].join("\n") + "\n"
}
