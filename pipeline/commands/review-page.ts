// The review page: one self-contained HTML document (styles and script inline, nothing fetched but this server's own
// JSON), so it works offline and needs no build step. The script lives in review-script.ts.
import { reviewScript } from "./review-script.js"

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)

const STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --dim: #666; --line: #d0d0d0; --accent: #0b57d0; --mark: #ffe08a; --on: #e3edff; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { font: 15px/1.45 system-ui, "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; color: var(--ink); margin: 0; background: #fafafa; }
header, main { max-width: 64rem; margin: 0 auto; padding: 0.6rem 1rem; }
header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; border-bottom: 1px solid var(--line); background: #fff; max-width: none; }
h1 { font-size: 1.05rem; margin: 0; }
#progress-box { display: flex; align-items: center; gap: 0.5rem; flex: 1 1 18rem; }
progress { flex: 1; height: 0.8rem; accent-color: var(--accent); }
.filters { display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; font-size: 0.9rem; }
.filters label { display: flex; gap: 0.3rem; align-items: center; }
select { font: inherit; padding: 0.1rem 0.2rem; max-width: 14rem; }
#where { color: var(--dim); font-size: 0.9rem; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; }
#where .badge { color: var(--ink); background: #eee; border-radius: 0.3rem; padding: 0 0.4rem; }
#where .badge.done { background: #d8f5dc; }
.context { color: var(--dim); font-size: 0.92rem; margin: 0.2rem 0; padding-left: 0.6rem; border-left: 3px solid var(--line); }
#clause { font-size: 1.35rem; line-height: 1.7; background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: 0.5rem 0.8rem; margin: 0.3rem 0; }
mark { background: var(--mark); border-bottom: 2px solid #c08a00; padding: 0 1px; }
#evidence { font-size: 0.88rem; margin: 0.2rem 0 0.6rem; padding-left: 1.2rem; }
#evidence code { background: #f0f0f0; padding: 0 0.25rem; }
#toggles { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.35rem; margin: 0.5rem 0; }
.toggle { font: inherit; text-align: left; display: grid; grid-template-columns: 2.2rem 1fr; gap: 0 0.4rem; padding: 0.3rem 0.4rem;
  align-content: start; border: 1px solid var(--line); border-radius: 0.4rem; background: #fff; cursor: pointer; }
.toggle[aria-pressed="true"] { background: var(--on); border-color: var(--accent); box-shadow: inset 0 0 0 1px var(--accent); }
.toggle:focus-visible, a:focus-visible, select:focus-visible { outline: 3px solid #f4b400; outline-offset: 1px; }
.toggle kbd { grid-row: span 3; align-self: center; justify-self: center; font: 600 0.85rem ui-monospace, monospace; border: 1px solid #999;
  border-bottom-width: 2px; border-radius: 0.3rem; padding: 0.05rem 0.3rem; background: #f7f7f7; }
.toggle .name { font-weight: 600; }
.toggle .id { font: 0.78rem ui-monospace, monospace; color: var(--dim); }
.toggle .scope { font-size: 0.78rem; color: var(--dim); }
.pred { font-size: 0.72rem; font-weight: 600; color: #7a4f00; background: var(--mark); border-radius: 0.6rem; padding: 0 0.4rem; margin-left: 0.4rem; }
#actions { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; margin: 0.4rem 0; }
#actions button { font: inherit; padding: 0.3rem 0.8rem; border-radius: 0.4rem; border: 1px solid var(--line); background: #fff; cursor: pointer; }
#actions button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
#status { font-weight: 600; min-height: 1.4em; }
#status.saved { color: #137333; }
#status.error { color: #b3261e; }
#keys { font-size: 0.85rem; color: var(--dim); border-top: 1px solid var(--line); padding-top: 0.4rem; }
#keys kbd { font: 0.8rem ui-monospace, monospace; border: 1px solid #bbb; border-radius: 0.25rem; padding: 0 0.25rem; background: #fff; }
`

const BODY = `
<header>
  <h1>clausetag review <span id="title"></span></h1>
  <div id="progress-box"><progress id="progress" max="1" value="0" aria-label="reviewed"></progress><span id="progress-text"></span></div>
  <div class="filters" role="group" aria-label="Filters">
    <label>category <select id="f-category"><option value="">all</option></select></label>
    <label id="f-stratum-box">stratum <select id="f-stratum"><option value="">all</option></select></label>
    <label>region <select id="f-region"><option value="">all</option></select></label>
    <label>year <select id="f-year"><option value="">all</option></select></label>
    <label>show <select id="f-status"><option value="">all</option><option value="todo">unreviewed</option><option value="done">reviewed</option></select></label>
  </div>
</header>
<main>
  <div id="where" aria-live="polite"></div>
  <div id="before"></div>
  <div id="clause" lang="zh" tabindex="-1"></div>
  <div id="after"></div>
  <ul id="evidence" aria-label="Rules that fired"></ul>
  <div id="actions">
    <button id="accept" class="primary" type="button">Accept as shown <kbd>Enter</kbd></button>
    <button id="prev" type="button">Previous <kbd>k</kbd></button>
    <button id="next" type="button">Next <kbd>j</kbd></button>
    <a id="explain" target="_blank" rel="noopener">explain this clause <kbd>e</kbd></a>
    <span id="status" role="status" aria-live="polite"></span>
  </div>
  <div id="toggles" role="group" aria-label="Labels: press a key to toggle"></div>
  <p id="keys">Keys: <kbd>1</kbd>–<kbd>9</kbd>, <kbd>0</kbd> toggle the first ten categories and <kbd>Shift</kbd>+<kbd>1</kbd>–<kbd>6</kbd>
  the other six (the key is on each toggle) · <kbd>Enter</kbd> saves the labels as shown and goes to the next unreviewed clause ·
  <kbd>j</kbd>/<kbd>k</kbd> next/previous without saving · <kbd>n</kbd> next unreviewed · <kbd>r</kbd> reset to the rules' labels ·
  <kbd>e</kbd> explain · <kbd>Esc</kbd> leaves a filter. A <span class="pred">rules</span> tag marks a label the rules gave; highlighted
  text is what a rule matched (hover for the rule). A decision counts once the status says <strong>saved</strong>.</p>
</main>
`

/** The whole page for a review titled `title` (the audit or run folder). */
export const reviewPage = (title: string): string =>
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>clausetag review: ${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>${BODY}<script>${reviewScript}</script>
</body>
</html>
`
