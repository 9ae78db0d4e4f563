// Documents the format tests make themselves: a .docx written with a small zip writer (stored entries, CRC-32 from
// zlib), and PDFs written object by object, for the cases Chromium cannot print (a page with no text layer).
import * as zlib from "node:zlib"

const u16 = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff])
const u32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n >>> 0)
  return b
}

/** A zip archive of the given files, stored uncompressed. */
export const zip = (files: ReadonlyArray<readonly [string, string]>): Buffer => {
  const locals: Array<Buffer> = []
  const central: Array<Buffer> = []
  let offset = 0
  for (const [name, text] of files) {
    const data = Buffer.from(text, "utf8")
    const nameBytes = Buffer.from(name, "utf8")
    const crc = zlib.crc32(data)
    const common = Buffer.concat([u16(20), u16(0x0800), u16(0), u16(0), u16(0x21), u32(crc), u32(data.length), u32(data.length), u16(nameBytes.length)])
    const local = Buffer.concat([u32(0x04034b50), common, u16(0), nameBytes, data])
    central.push(Buffer.concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), nameBytes]))
    locals.push(local)
    offset += local.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(files.length), u16(files.length), u32(directory.length), u32(offset), u16(0)])
  return Buffer.concat([...locals, directory, end])
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`

/** A .docx holding `blocks` in order: a string is a paragraph, an array of strings a one-row table. */
export const docx = (blocks: ReadonlyArray<string | ReadonlyArray<string>>): Buffer => {
  const body = blocks
    .map((b) => (typeof b === "string" ? paragraph(b) : `<w:tbl><w:tr>${b.map((cell) => `<w:tc>${paragraph(cell)}</w:tc>`).join("")}</w:tr></w:tbl>`))
    .join("")
  return zip([
    [
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ],
    [
      "_rels/.rels",
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ],
    ["word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`]
  ])
}

const bytesHex = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, "0")).join("")

/**
 * A one-page PDF whose page only draws `content` (PDF operators), with a correct cross-reference table. `locked`:
 * it declares the standard security handler (RC4, revision 2) with a /U entry that no key from the empty password
 * matches, as a file protected by a user password does, so no reader opens it without the password.
 */
export const pdf = (content: string, locked = false): Buffer => {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R >>",
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    ...(locked ? [`<< /Filter /Standard /V 1 /R 2 /O <${bytesHex(32, 11)}> /U <${bytesHex(32, 5)}> /P -4 >>`] : [])
  ]
  let out = "%PDF-1.4\n"
  const offsets: Array<number> = []
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out))
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = Buffer.byteLength(out)
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`
  const encryption = locked ? ` /Encrypt 5 0 R /ID [<${bytesHex(16, 3)}> <${bytesHex(16, 3)}>]` : ""
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encryption} >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, "latin1")
}
