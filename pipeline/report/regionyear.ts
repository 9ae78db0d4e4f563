// A region-year as one Map key, so coverage can tally per region-year in a plain Map (and cross threads as one).
// The key is JSON of [region, region_code, year]: any may be null, and a region may hold any character, so no
// separator would do. A code has one official name, so where there is a code it keys the row. Made and read back
// only here.
import { byCodeUnit } from "../domain.js"

export interface RegionYear {
  readonly region: string | null
  readonly region_code: string | null
  readonly year: number | null
}

export const regionYearKey = (region: string | null, code: string | null, year: number | null): string =>
  JSON.stringify([region, code, year])

const isNullOr = (x: unknown, type: "string" | "number"): boolean => x === null || typeof x === type

/** The region, code and year of a key `regionYearKey` made. */
export const regionYearOf = (key: string): RegionYear => {
  const parsed: unknown = JSON.parse(key)
  if (Array.isArray(parsed) && parsed.length === 3) {
    const [region, region_code, year]: Array<unknown> = parsed
    if (isNullOr(region, "string") && isNullOr(region_code, "string") && isNullOr(year, "number"))
      return { region: region as string | null, region_code: region_code as string | null, year: year as number | null }
  }
  throw new Error(`not a region-year key: ${key}`)
}

/** Region by code unit, then code, then year; unknown ones first. */
export const byRegionYear = (a: RegionYear, b: RegionYear): number =>
  byCodeUnit(a.region ?? "", b.region ?? "") || byCodeUnit(a.region_code ?? "", b.region_code ?? "") || (a.year ?? 0) - (b.year ?? 0)
