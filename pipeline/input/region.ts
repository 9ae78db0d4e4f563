// Region and year of a document that neither the command line, a manifest nor its records name: first from its
// path (a year; gazetteer names in its folder and file names), then from its own opening lines, where a report
// states who delivered it, where and when (“——2026年1月27日在湖北省第十四届人民代表大会…”, “我代表国务院”).
import { isNational, namesIn, NATIONAL, resolvePlaces, type Region } from "./gazetteer.js"

export interface Found {
  readonly region: Region | undefined
  readonly year: number | null
}

const YEAR = /(?<!\d)(199\d|20\d\d)(?!\d)/g

/** The region the gazetteer names in a stretch of text (national words: 全国), or undefined. */
export const regionIn = (text: string): Region | undefined => {
  const names: Array<string> = []
  for (const run of text.match(/[\u3400-\u9fff]+/g) ?? []) names.push(...namesIn(run))
  const place = resolvePlaces(names.filter((n) => !isNational(n)))
  if (place !== undefined) return { region: place.name, code: place.code }
  return names.some(isNational) ? NATIONAL : undefined
}

/**
 * From a path such as `2024/湖北/武汉.txt` or `北京市2026年政府工作报告.pdf`: the last four-digit year not part of a
 * longer number (`P020260126381.pdf` has none), and the place its folder and file names name.
 */
export const fromPath = (source: string): Found => {
  const years = source.match(YEAR)
  const withoutExtension = source.replace(/\.[^./]*$/, "")
  return { region: regionIn(withoutExtension), year: years !== null ? Number(years[years.length - 1]) : null }
}

const NUMERAL = "[一二三四五六七八九十百零〇]"
/** “2026年1月27日在湖北省第十四届人民代表大会”, “在第十四届全国人民代表大会”: when and to whom it was delivered. */
const DELIVERED = new RegExp(`(?:(\\d{4})\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日\\s*)?在([^，。\\d]{0,24}?)第${NUMERAL}+届(全国)?人民代表大会`)
/** “2026年湖南省政府工作报告”, “2026年四川省人民政府工作报告”. */
const TITLE = /(\d{4})\s*年\s*([^，。\d]{0,24}?)(?:人民)?政府工作报告/
/** “我代表国务院”, “我代表省人民政府”: national only when it says 国务院. */
const ON_BEHALF = /我代表国务院/
/** “广东省财政厅关于…的通知”: a notice's title names who issued it. */
const ISSUER = /^([^，。\s]{2,30}?)关于/
/** “一、2024年工作回顾”: the report is delivered the year after the one it reviews. */
const REVIEW = new RegExp(`^\\s*${NUMERAL}+[、.．]\\s*(\\d{4})年工作回顾`)

const OPENING_LINES = 40

/**
 * Region and year from a document's opening lines: a report's delivery line, its title or 我代表国务院, the year it
 * reviews; a notice's issuer (in its first three lines).
 */
export const fromText = (text: string): Found => {
  const lines: Array<string> = []
  for (const line of text.slice(0, 4000).split(/\r\n|\r|\n/)) {
    if (line.trim() !== "") lines.push(line.trim())
    if (lines.length >= OPENING_LINES) break
  }
  let region: Region | undefined
  let year: number | null = null
  let titleRegion: Region | undefined
  let titleYear: number | null = null
  let reviewed: number | null = null
  let issuer: Region | undefined
  lines.forEach((line, i) => {
    const delivered = DELIVERED.exec(line)
    if (delivered !== null) {
      region ??= delivered[3] !== undefined ? NATIONAL : regionIn(delivered[2]!)
      if (delivered[1] !== undefined) year ??= Number(delivered[1])
    }
    const title = TITLE.exec(line)
    if (title !== null) {
      titleYear ??= Number(title[1])
      titleRegion ??= regionIn(title[2]!)
    }
    if (ON_BEHALF.test(line)) titleRegion ??= NATIONAL
    const review = REVIEW.exec(line)
    if (review !== null) reviewed ??= Number(review[1]) + 1
    const issued = i < 3 ? ISSUER.exec(line) : null
    if (issued !== null) issuer ??= regionIn(issued[1]!)
  })
  return { region: region ?? titleRegion ?? issuer, year: year ?? titleYear ?? reviewed }
}
