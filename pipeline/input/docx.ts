// A Word (.docx) file's paragraphs and table rows, in document order. mammoth turns the document into plain HTML
// (paragraphs, headings, lists, tables; no styling), which is walked like a web page's article. Loaded only for
// .docx inputs.
import { htmlBlocks } from "./html.js"

const DAMAGED = "not a readable .docx (not a Word 2007+ zip package, or damaged); open it in Word or WPS and save it again as .docx"

/** Why a .docx gives no text: told to the user with the fix. */
export class DocxUnreadable extends Error {
  override readonly name = "DocxUnreadable"
}

export const docxText = async (bytes: Uint8Array): Promise<string> => {
  const mammoth = (await import("mammoth")).default
  let html: string
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value
  } catch {
    throw new DocxUnreadable(DAMAGED)
  }
  return htmlBlocks(html)
}
