// Reports reposted from Hong Kong and Taiwan arrive in traditional characters. Matching converts them to simplified
// character by character (never phrase by phrase, so offsets stay exact); outputs keep the original text. The
// character table comes from OpenCC (opencc-js, its traditional-to-simplified half) and is built once per thread, only
// when a text needs it.
import * as OpenCC from "opencc-js/t2cn"

let table: Map<number, number> | undefined

/** Traditional → simplified for every BMP Han character that OpenCC maps to one BMP character (tw, hk, t). */
const t2s = (): Map<number, number> => {
  if (table !== undefined) return table
  const chars: Array<string> = []
  for (let c = 0x3400; c <= 0x9fff; c++) chars.push(String.fromCharCode(c))
  const joined = chars.join("\n")
  table = new Map()
  for (const from of ["tw", "hk", "t"] as const) {
    const converted = OpenCC.Converter({ from, to: "cn" })(joined).split("\n")
    converted.forEach((s: string, i: number) => {
      const c = chars[i]!.charCodeAt(0)
      if (s.length === 1 && s !== chars[i] && !table!.has(c)) table!.set(c, s.charCodeAt(0))
    })
  }
  return table
}

/** Very common characters that exist only in traditional script: a cheap first look before building the table. */
const TELLTALE = new Uint8Array(0x10000)
for (const ch of "們這個為債務區發國經濟與對會開關實現進點將過當從來時後業產際調費貸險營處義體強擔轉資權") TELLTALE[ch.charCodeAt(0)] = 1

/** Whether a text is written in traditional characters: at least 2% of its Han characters (and 3) convert. */
export const isTraditional = (text: string): boolean => {
  const length = Math.min(text.length, 20000)
  let telltale = false
  for (let i = 0; i < length && !telltale; i++) telltale = TELLTALE[text.charCodeAt(i)] === 1
  if (!telltale) return false
  const map = t2s()
  let han = 0
  let traditional = 0
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x3400 || c > 0x9fff) continue
    han++
    if (map.has(c)) traditional++
  }
  return traditional >= 3 && traditional >= han * 0.02
}

/** The simplified form of one UTF-16 code unit (itself when it has none). */
export const simplifyUnit = (c: number): number => (c < 0x3400 || c > 0x9fff ? c : (t2s().get(c) ?? c))
