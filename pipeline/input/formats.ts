// The file formats `label` reads, by extension, and reading any of them into documents. Text files (plain, star,
// JSONL) are decoded and parsed synchronously (parse.ts); web pages, PDFs and Word files first have their text
// extracted by a reader that is imported only when such a file comes along, so a run over text files never loads
// pdfjs, mammoth or a DOM. Extraction is asynchronous (pdfjs is), so reading a file is a promise for every format.
import type { InputFile } from "../domain.js"
import { InputError } from "../errors.js"
import { detectFormat, parseInput, parseText, type Parsed } from "./parse.js"

export type Kind = "text" | "html" | "pdf" | "docx"

const KINDS: Record<string, Kind> = { txt: "text", text: "text", jsonl: "text", ndjson: "text", html: "html", htm: "html", shtml: "html", pdf: "pdf", docx: "docx" }

const extension = (name: string): string => /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase() ?? ""

/** The kind of input a file name says it is, or undefined when it is not one `label` reads. */
export const kindOf = (name: string): Kind | undefined => KINDS[extension(name)]

const OFFICE = "open it in Word or WPS and save it as .docx (or print it to PDF)"
const IMAGE = "an image: run OCR first (e.g. save it as a PDF and `ocrmypdf -l chi_sim`), then label the PDF"
const UNSUPPORTED: Record<string, string> = {
  doc: `a Word 97–2003 .doc file: ${OFFICE}`,
  wps: `a WPS document: ${OFFICE}`,
  rtf: `an RTF file: ${OFFICE}`,
  odt: `an OpenDocument file: ${OFFICE}`,
  xls: "a spreadsheet: export the text to .txt",
  xlsx: "a spreadsheet: export the text to .txt",
  ofd: "an OFD file: print it to PDF",
  caj: "a CAJ file: print it to PDF",
  mht: "a saved web archive: save the page as .html",
  mhtml: "a saved web archive: save the page as .html",
  jpg: IMAGE,
  jpeg: IMAGE,
  png: IMAGE,
  gif: IMAGE,
  tif: IMAGE,
  tiff: IMAGE,
  bmp: IMAGE,
  webp: IMAGE
}

/** Why a document of a known format cannot be labeled, with what to do; undefined for other files. */
export const unsupported = (name: string): string | undefined => UNSUPPORTED[extension(name)]

/** Reads one file's bytes into documents; the reader for its format is loaded on first use. */
export const readDocuments = async (file: InputFile, bytes: Uint8Array): Promise<Parsed | InputError> => {
  const kind = kindOf(file.path) ?? "text"
  if (kind === "text") return parseInput(file, bytes)
  try {
    if (kind === "html") {
      const { htmlText } = await import("./html.js")
      const page = await htmlText(bytes)
      if ("reason" in page) return new InputError({ file: file.path, reason: page.reason, offset: page.offset })
      return parseText(file, page.text, file.format ?? detectFormat(file.path, page.text), page.title)
    }
    const text = kind === "pdf" ? await (await import("./pdf.js")).pdfText(bytes) : await (await import("./docx.js")).docxText(bytes)
    return parseText(file, text, file.format ?? "prose")
  } catch (e) {
    // The readers throw only their own errors, whose messages name the problem and the fix.
    const known = e instanceof Error && (e.name === "PdfUnreadable" || e.name === "DocxUnreadable")
    return new InputError({ file: file.path, reason: known ? e.message : `could not read the ${kind.toUpperCase()}: ${e instanceof Error ? e.message : String(e)}` })
  }
}
