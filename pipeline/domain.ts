// The records every stage passes along. They are plain readonly data so that the pure stages (normalize, split,
// match, coverage) can be tested without Effect, and so that worker threads can post them as structured clones.

/** The category ids of ../shared/taxonomy.md, in taxonomy order. They are a contract with gold files and outputs. */
export const CATEGORY_IDS = [
  "debt_swap",
  "debt_risk_control",
  "government_bonds",
  "platform_transformation",
  "platform_building",
  "debt_to_equity",
  "credit_support",
  "green_finance",
  "bond_financing",
  "equity_financing",
  "investment_funds",
  "ppp",
  "financing_guarantee",
  "corporate_deleveraging",
  "financial_risk",
  "fiscal_reform"
] as const

export type CategoryId = (typeof CATEGORY_IDS)[number]

export const isCategoryId = (s: string): s is CategoryId => (CATEGORY_IDS as ReadonlyArray<string>).includes(s)

export type InputFormat = "star" | "prose" | "jsonl"

/** One clause as read from the input, before any labeling. `text` is the original text, never normalized. */
export interface Clause {
  readonly id: string
  readonly doc: string
  readonly region: string | null
  /** The region's GB/T 2260 code (6 digits), or null: for 全国 and for names the gazetteer does not resolve. */
  readonly region_code: string | null
  readonly year: number | null
  /** 1-based position of the clause in its document. */
  readonly index: number
  readonly text: string
}

/** One input document: a file, or one line of a star-delimited file (one region-year record). */
export interface Document {
  readonly doc: string
  /** The file the document came from, relative to where the run started, with `/` separators. */
  readonly source: string
  readonly format: InputFormat
  readonly region: string | null
  readonly region_code: string | null
  readonly year: number | null
  /** Written in traditional characters: matched after conversion to simplified; outputs keep the original. */
  readonly traditional: boolean
  readonly clauses: ReadonlyArray<Clause>
}

/** Evidence for one rule that fired on a clause. Offsets are code points into the clause's original text. */
export interface Match {
  readonly category: CategoryId
  readonly rule: string
  readonly terms: ReadonlyArray<string>
  readonly start: number
  readonly end: number
}

export interface LabeledClause extends Clause {
  readonly labels: ReadonlyArray<CategoryId>
  readonly matches: ReadonlyArray<Match>
}

/**
 * The one way a LabeledClause is made: its fields in output order, so that serializing it gives the documented key
 * order (and an explicit object is much cheaper than a spread, once per clause of the corpus). Matches are built in
 * their documented order too (category, rule, terms, start, end) by label.ts.
 */
export const labeledClause = (c: Clause, labels: ReadonlyArray<CategoryId>, matches: ReadonlyArray<Match>): LabeledClause => ({
  id: c.id,
  doc: c.doc,
  region: c.region,
  region_code: c.region_code,
  year: c.year,
  index: c.index,
  text: c.text,
  labels,
  matches
})

/** Compares strings by UTF-16 code unit, the one order used everywhere output is sorted. */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * `xs.map(f)`, always as a packed array. V8's optimized `Array.prototype.map` makes holey arrays where its interpreter
 * makes packed ones, so once the code that maps is optimized, the code that reads its results (optimized on packed
 * arrays) meets a second kind of array and is thrown away and compiled again. Used on the labeling path.
 */
export const packedMap = <A, B>(xs: ReadonlyArray<A>, f: (x: A, i: number) => B): Array<B> => {
  const out: Array<B> = []
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i]!, i))
  return out
}

/** What a folder's manifest.yaml says about one of its documents: only `file` is required; null means "find it". */
export interface ManifestEntry {
  readonly file: string
  readonly format?: InputFormat | undefined
  readonly region?: string | null | undefined
  readonly year?: number | null | undefined
  readonly kind?: string | undefined
  readonly title?: string | undefined
}

/** An input file to read, with what the command line or its manifest says about it. */
export interface InputFile {
  /** The path as reached from the command line: the form used in messages. */
  readonly path: string
  /** Portable: the input folder's name and the path below it (or the file name), `/`-separated; used in outputs. */
  readonly source: string
  /** The document id: the path below the input folder without its extension (unset: the file name's stem). */
  readonly doc?: string
  /** Region and year given for it (`--region`/`--year`, then its manifest entry), which its records give way to. */
  readonly region?: string
  readonly year?: number
  /** The format its manifest entry names, if any. */
  readonly format?: InputFormat
  /** JSONL lines whose id an earlier file of the run used, with where (`file:line`): skipped with a warning. */
  readonly repeatedIds?: Readonly<Record<number, string>>
  /** Its size in bytes, when listing it already asked (files named by a manifest are not looked at until read). */
  readonly size?: number
}
