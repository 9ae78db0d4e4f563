// PDF text layers from CJK fonts often map glyphs to radical code points (⼯⽉⺠⻓⾦ for 工月民长金): the glyph is the
// same, the character is not, so no rule term would match. They are folded to the unified ideographs first, before
// anything else reads the text. NFKC folds the Kangxi Radicals and the compatibility ideographs; it is applied to
// those characters only, since NFKC over the whole text would also turn the report's full-width punctuation
// (，：；（）) into ASCII and make its clauses differ from the same report as plain text.

/**
 * Unicode's Equivalent_Unified_Ideograph for U+2E80..U+2EF3 (CJK Radicals Supplement, EquivalentUnifiedIdeograph.txt),
 * one hex code point each, 0 where there is none: NFKC leaves this block alone but for two characters.
 */
const SUPPLEMENT = "0 5382 4e5b 4e5a 4e59 4ebb 5182 20628 5200 5202 535c 353e 5c0f 5c0f 5140 5c23 5c22 21bc2 5df3 5e7a 5f51 5f50 5fc4 5fc3 624c 6535 0 65e1 65e5 6708 6b7a 6bcd 6c11 6c35 6c3a 706c 722b 722b 4e2c 725b 72ad 738b 24d14 76ee 793a 793b 25ad7 7cf9 7e9f 7f53 7f52 34c1 5197 2626b 7f8a 2634c 2634b 8002 8080 807f 8089 26951 8279 8279 8279 864e 8864 8980 897f 89c1 89d2 278b2 8ba0 8d1d 27fb7 8f66 8fb6 8fb6 8fb6 9091 9485 9577 9578 957f 95e8 28e0f 961d 96e8 9752 97e6 9875 98ce 98de 98df 2967f 98e0 9963 29810 9a6c 9aa8 9b3c 9c7c 9e1f 5364 9ea6 9ec4 9efe 6589 9f50 6b6f 9f7f 7adc 9f99 9f9c 4e80 9f9f"
  .split(" ")
  .map((h) => parseInt(h, 16))

const RADICAL = /[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]|\ud87e[\udc00-\ude1f]/g

const fold = (ch: string): string => {
  const c = ch.codePointAt(0)!
  if (c >= 0x2e80 && c < 0x2e80 + SUPPLEMENT.length) {
    const to = SUPPLEMENT[c - 0x2e80]!
    return to === 0 ? ch : String.fromCodePoint(to)
  }
  return ch.normalize("NFKC")
}

/** Radical and compatibility code points replaced by the ideographs they stand for; everything else as it was. */
export const foldRadicals = (text: string): string => text.replace(RADICAL, fold)
