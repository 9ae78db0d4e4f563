// Reviewed answers for an audit sample: `{"id": …, "labels": […]}` a line (the gold format, where text and the other
// fields may be left out), written by a review page or by hand. Lines are decoded here, purely, so that the audit
// report and `eval --run` read them alike; the last line for an id wins, so a reviewer may correct by appending.
import { byCodeUnit, isCategoryId, type CategoryId } from "../domain.js"

export interface Reviewed {
  readonly id: string
  readonly labels: ReadonlyArray<CategoryId>
  /** 1-based line of the file it came from, for messages. */
  readonly line: number
}

/** One line's answer, or the reason it is not one. */
export const parseReviewedLine = (text: string, line: number): Reviewed | string => {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    return 'not valid JSON: write one {"id": …, "labels": […]} a line'
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return 'not an object: write {"id": …, "labels": […]}'
  const r = v as Record<string, unknown>
  if (typeof r["id"] !== "string" || r["id"] === "") return 'needs a string "id", the id of a sampled clause'
  if (!Array.isArray(r["labels"])) return 'needs an array "labels" ([] for a clause in none of the categories)'
  const unknown = (r["labels"] as Array<unknown>).find((l) => typeof l !== "string" || !isCategoryId(l))
  if (unknown !== undefined) return `unknown category ${JSON.stringify(unknown)}: use the ids of the taxonomy`
  return { id: r["id"], labels: [...new Set(r["labels"] as Array<CategoryId>)].sort(byCodeUnit), line }
}

/** The answers of a file's text, the last for each id, in the order ids first appear; or the first bad line. */
export const parseReviewed = (content: string): ReadonlyArray<Reviewed> | { readonly line: number; readonly reason: string } => {
  const byId = new Map<string, Reviewed>()
  const lines = content.split("\n")
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === "") continue
    const parsed = parseReviewedLine(lines[i]!, i + 1)
    if (typeof parsed === "string") return { line: i + 1, reason: parsed }
    byId.set(parsed.id, parsed)
  }
  return [...byId.values()]
}
