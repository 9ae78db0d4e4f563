// A saved web page's article as paragraphs. The bytes are decoded by the charset the page declares (government
// sites still serve GB2312/GBK), then Readability (Firefox's reader view, on linkedom's DOM) keeps the article and
// drops navigation, scripts and styles; site footers that slip through (版权所有, 网站地图, 责任编辑) are dropped
// by line. Loaded only for web pages and Word files (whose HTML, from mammoth, is walked the same way).
import { decodeBytes } from "./decode.js"

/** The charset a page declares in its first 4 KB (`<meta charset>` or `http-equiv` Content-Type), lower case. */
export const declaredCharset = (bytes: Uint8Array): string | undefined => {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString("latin1")
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)
  return m?.[1]?.toLowerCase()
}

const LABELS: Record<string, string> = { gb2312: "gb18030", gbk: "gb18030", "x-gbk": "gb18030", gb18030: "gb18030", big5: "big5", "utf-8": "utf-8", utf8: "utf-8" }

/** The page's text as its declared charset reads it; otherwise as any text file is decoded (decode.ts). */
export const decodePage = (bytes: Uint8Array): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string; readonly offset: number } => {
  const declared = declaredCharset(bytes)
  const label = declared !== undefined ? LABELS[declared] : undefined
  if (label !== undefined) {
    try {
      return { ok: true, text: new TextDecoder(label, { fatal: true }).decode(bytes) }
    } catch {
      // A page whose bytes do not match its declaration (re-saved by a browser as UTF-8): sniff as for text files.
    }
  }
  return decodeBytes(bytes)
}

const SKIP = new Set(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select", "template", "head"])
const BLOCK = new Set([
  "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tbody",
  "thead", "tr", "blockquote", "pre", "dd", "dt", "dl", "center", "figure", "figcaption", "hr", "br", "body", "html"
])

interface DomNode {
  readonly nodeType: number
  readonly nodeName: string
  readonly textContent: string | null
  readonly childNodes: ArrayLike<DomNode>
}

/** Block elements' text, one a line; table rows as their cells joined by tabs (as in text files' tables). */
export const blockText = (root: DomNode): string => {
  const out: Array<string> = []
  let line = ""
  const end = () => {
    const t = line.replace(/[ \t\u00a0\u3000]+/g, (s) => (s.includes("\t") ? "\t" : " ")).trim()
    if (t !== "") out.push(t)
    line = ""
  }
  const walk = (node: DomNode, inCell: boolean): void => {
    if (node.nodeType === 3) {
      line += (node.textContent ?? "").replace(/\s+/g, " ")
      return
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return
    const name = node.nodeName.toLowerCase()
    if (SKIP.has(name)) return
    if (name === "td" || name === "th") {
      const cell = line
      line = ""
      for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!, true)
      line = `${cell}${cell.trim() === "" ? "" : "\t"}${line.trim()}`
      return
    }
    const block = BLOCK.has(name) && !inCell
    if (block) end()
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!, inCell)
    if (block) end()
    else if (inCell && BLOCK.has(name)) line += " "
  }
  walk(root, false)
  end()
  return out.join("\n")
}

/** The text of an HTML fragment's block elements (a Word file's, from mammoth). */
export const htmlBlocks = async (html: string): Promise<string> => {
  const { parseHTML } = await import("linkedom")
  return blockText(parseHTML(`<html><body>${html}</body></html>`).document.body as unknown as DomNode)
}

/** Lines of site furniture, not of the document: kept out even when they sit inside the article's container. */
const CHROME =
  /版权所有|网站地图|责任编辑|主办单位|承办单位|网站标识码|ICP备|公网安备|技术支持|联系我们|打印本页|关闭窗口|【打印】|【关闭】|分享到|扫一扫|字号[:：]|浏览次数|您当前的位置|当前位置[:：]/
const isChrome = (line: string): boolean => line.length <= 120 && CHROME.test(line)

export interface Page {
  readonly title: string
  readonly text: string
}

/** The article of a page's HTML text: Readability's pick, or the whole body when it finds none. */
export const articleOf = async (html: string): Promise<Page> => {
  const { parseHTML } = await import("linkedom")
  const { Readability } = await import("@mozilla/readability")
  const { document } = parseHTML(html)
  const title = (document.querySelector("title")?.textContent ?? "").trim()
  // Readability changes the document it reads: the whole body's text is taken first.
  const body = blockText(document.body as unknown as DomNode)
  let text = body
  try {
    const article = new Readability(document as never, { charThreshold: 100 }).parse()
    const kept = article?.content ? await htmlBlocks(article.content) : ""
    // Readability may settle on a fragment of a page made of many short paragraphs; the whole body is better then.
    if (kept.length >= body.length * 0.3) text = kept
  } catch {
    // Readability found no article: the whole body, less its navigation and furniture.
  }
  return { title, text: text.split("\n").filter((l) => !isChrome(l)).join("\n") }
}

/** Web pages and Word files' HTML: the text of their article. */
export const htmlText = async (bytes: Uint8Array): Promise<Page | { readonly reason: string; readonly offset: number }> => {
  const decoded = decodePage(bytes)
  if (!decoded.ok) return { reason: decoded.reason, offset: decoded.offset }
  return articleOf(decoded.text)
}
