// A region and year as one Map key, so coverage can tally per region-year in a plain Map (and cross threads as one).
// The key is JSON of [region, year]: either may be null, and a region may hold any character, so no separator would
// do. Made and read back only here.
import { byCodeUnit } from "../domain.js"

export interface RegionYear {
  readonly region: string | null
  readonly year: number | null
}

export const regionYearKey = (region: string | null, year: number | null): string => JSON.stringify([region, year])

/** The region and year of a key `regionYearKey` made. */
export const regionYearOf = (key: string): RegionYear => {
  const parsed: unknown = JSON.parse(key)
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [region, year]: Array<unknown> = parsed
    if ((region === null || typeof region === "string") && (year === null || typeof year === "number")) return { region, year }
  }
  throw new Error(`not a region-year key: ${key}`)
}

/** Region by code unit, then year; unknown ones first. */
export const byRegionYear = (a: RegionYear, b: RegionYear): number => byCodeUnit(a.region ?? "", b.region ?? "") || (a.year ?? 0) - (b.year ?? 0)
