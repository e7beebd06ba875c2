"""The inline stylesheet and script of `report.html` (see `analysis.report_html`).

Kept apart from the rendering code so each reads on its own, and kept as
Python constants rather than package files so rendering reads no file but the
figures. The page's Content-Security-Policy allows these two blocks by their
SHA-256 hashes, computed at render time, so editing them here needs nothing
else. The script never receives report text as code: it reads a JSON block and
writes text with `textContent`, so a sentence can never become markup.

Colours are the Okabe–Ito palette (safe for colour-blind readers) and every
state also has a non-colour cue: match = solid outline and a "match" badge,
partial = dashed outline and a "partial" badge, only here = left border and an
"only here" label, selected = thick dark outline and a "selected" badge.
"""

CSS = """\
:root {
  --blue: #0072B2; --orange: #E69F00; --sky: #56B4E9; --verm: #D55E00; --grey: #999999;
  --ink: #1f2328; --muted: #59636e; --rule: #d8dee4; --paper: #ffffff; --ground: #f3f4f6;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --serif: Georgia, "Iowan Old Style", "Times New Roman", serif;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { font-family: var(--sans); color: var(--ink); background: var(--ground); line-height: 1.5; }
body { margin: 0; }
a { color: var(--blue); }
.page-head { max-width: 74rem; margin: 0 auto; padding: 1.5rem 1.5rem .75rem; }
.page-head h1 { font-size: 1.45rem; line-height: 1.25; margin: 0 0 .35rem; }
.lede { max-width: 48rem; margin: 0 0 .5rem; color: var(--muted); }
.jump { font-size: .9rem; margin: 0 0 .75rem; }
.about { background: var(--paper); border: 1px solid var(--rule); border-radius: 6px; padding: .5rem 1rem; }
.about summary { cursor: pointer; font-weight: 600; }
.about h2 { font-size: 1rem; margin: 1rem 0 .3rem; }
table.files { border-collapse: collapse; font-size: .85rem; margin: .6rem 0 .2rem; width: 100%; }
table.files caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
table.files th, table.files td { text-align: left; vertical-align: top; padding: .3rem .6rem .3rem 0;
  border-bottom: 1px solid var(--rule); }
table.files code { font: .75rem var(--mono); word-break: break-all; color: var(--muted); }
.legend { list-style: none; margin: 0; padding: 0; font-size: .88rem; display: grid;
  grid-template-columns: repeat(auto-fill, minmax(21rem, 1fr)); gap: .35rem 1.5rem; }
.legend li { padding: .2rem 0; }
.sample { font-family: var(--serif); padding: 0 .15rem; }
.columns { display: flex; gap: 1rem; overflow-x: auto; height: calc(100vh - 1rem);
  padding: .5rem 1.5rem 1rem; margin: 0 auto; }
.report { flex: 1 0 22rem; max-width: 40rem; overflow-y: auto; position: relative;
  background: var(--paper); border: 1px solid var(--rule); border-radius: 6px; }
.columns > .report:first-child { margin-left: auto; }
.columns > .report:last-child { margin-right: auto; }
.report-head { position: sticky; top: 0; z-index: 2; background: var(--paper);
  border-bottom: 2px solid var(--ink); padding: .65rem 1.1rem .5rem; }
.report-head h2 { font-size: 1rem; line-height: 1.3; margin: 0; }
.report-meta { font-size: .8rem; color: var(--muted); margin: .1rem 0 0; }
.report-body { padding: .6rem 1.1rem 45vh; font-family: var(--serif); font-size: 1.03rem;
  line-height: 1.62; overflow-wrap: anywhere; }
.report-body p { margin: 0 0 .95rem; }
.report-body .headline { font-size: 1.4rem; line-height: 1.3; margin: .5rem 0 .9rem; }
.report-body .standfirst { font-size: 1.08rem; font-style: italic; color: #3b424a; }
.report-body .subhead { font-family: var(--sans); font-size: 1rem; margin: 1.4rem 0 .45rem; }
.sent { cursor: pointer; border-radius: 3px; padding: 0 .1rem;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.sent:hover { background: #eef1f4; }
.sent:focus-visible { outline: 2px solid var(--ink); outline-offset: 1px; }
.sid { font: .62rem var(--mono); color: #6e7781; vertical-align: .35em; margin-right: .2rem;
  user-select: none; }
.only { border-left: 3px solid var(--verm); padding-left: .3rem; }
.only-label { font: 600 .62rem var(--sans); letter-spacing: .04em; text-transform: uppercase;
  color: #a04300; margin-right: .3rem; vertical-align: .2em; white-space: nowrap; }
.hover-match, .counterpart-match { background: rgba(0, 114, 178, .12);
  outline: 2px solid var(--blue); outline-offset: 1px; }
.hover-partial, .counterpart-partial { background: rgba(230, 159, 0, .16);
  outline: 2px dashed var(--orange); outline-offset: 1px; }
.counterpart-match::before, .counterpart-partial::before, .selected::before {
  font: 600 .62rem var(--sans); letter-spacing: .04em; text-transform: uppercase;
  border-radius: 3px; padding: .05rem .3rem; margin-right: .3rem; vertical-align: .2em;
  color: #fff; }
.counterpart-match::before { content: "match"; background: var(--blue); }
.counterpart-partial::before { content: "partial"; background: #8a5d00; }
.selected, .selected:hover { background: rgba(86, 180, 233, .28); outline: 3px solid var(--ink);
  outline-offset: 1px; }
.selected::before { content: "selected"; background: var(--ink); }
.tag { font: .7rem/1.35 var(--sans); color: #333; background: #f4f4f4; border: 1px solid var(--grey);
  border-radius: 999px; padding: 0 .45rem; margin-left: .3rem; vertical-align: .12em;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.details { position: fixed; z-index: 5; left: 1rem; right: 1rem; bottom: 1rem; max-width: 56rem;
  margin: 0 auto; max-height: 40vh; overflow-y: auto; background: var(--paper);
  border: 1px solid var(--rule); border-top: 4px solid var(--ink); border-radius: 6px;
  box-shadow: 0 8px 28px rgba(0, 0, 0, .18); padding: .7rem 1.1rem .4rem; font-size: .92rem; }
.details h2 { font-size: .95rem; margin: 0 2.5rem .4rem 0; }
.details .close { position: absolute; top: .4rem; right: .6rem; font-size: 1.3rem; line-height: 1;
  background: none; border: 0; cursor: pointer; color: var(--muted); padding: .2rem .4rem; }
.cp { border-left: 4px solid var(--blue); padding: .1rem 0 .1rem .7rem; margin: 0 0 .7rem; }
.cp-partial { border-left-style: dashed; border-left-color: var(--orange); }
.cp-head { margin: 0; font-weight: 600; }
.cp-head .rel { font: 600 .66rem var(--sans); text-transform: uppercase; letter-spacing: .04em;
  color: #fff; background: var(--blue); border-radius: 3px; padding: .05rem .3rem; margin-right: .35rem; }
.cp-partial .rel { background: #8a5d00; }
.cp-head .go { font: .78rem var(--sans); margin-left: .5rem; cursor: pointer; }
.cp-text { font-family: var(--serif); margin: .2rem 0 .3rem; max-width: 48rem; }
.diff-label { font-size: .78rem; color: var(--muted); margin: 0; }
.diff { font-family: var(--serif); margin: 0 0 .2rem; max-width: 48rem; }
.muted, .missing { color: var(--muted); margin: .2rem 0 .6rem; }
del { background: rgba(213, 94, 0, .13); color: #8f3300; text-decoration: line-through; }
ins { background: rgba(0, 114, 178, .12); color: #00507d; text-decoration: underline; }
del + ins { margin-left: .25em; }
.figures { max-width: 74rem; margin: 1.5rem auto 3rem; padding: 0 1.5rem; }
.figures h2 { font-size: 1.15rem; }
.figures figure { background: var(--paper); border: 1px solid var(--rule); border-radius: 6px;
  margin: 0 0 1.25rem; padding: 1rem; }
.figures img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.figures figcaption { font-size: .9rem; margin-top: .6rem; max-width: 48rem; }
.figures .file { font: .75rem var(--mono); color: var(--muted); }
@media print {
  .columns { height: auto; overflow: visible; flex-wrap: wrap; }
  .report { overflow: visible; }
  .report-body { padding-bottom: 1rem; }
  .details { display: none; }
}
"""

JS = """\
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("page-data").textContent);
  var labels = data.labels;
  var panel = document.getElementById("details");
  var panelBody = document.getElementById("details-body");
  var selected = null;

  function sentenceOf(node) {
    return node && node.closest ? node.closest(".sent") : null;
  }
  function linksOf(el) {
    return Object.prototype.hasOwnProperty.call(data.links, el.id) ? data.links[el.id] : [];
  }
  function reportOf(id) {
    return Number(id.slice(1, id.indexOf("-")));
  }
  function sidOf(id) {
    return id.slice(id.indexOf("-") + 1);
  }
  function mark(el, prefix, on) {
    linksOf(el).forEach(function (link) {
      var other = document.getElementById(link[0]);
      if (other) { other.classList.toggle(prefix + link[1], on); }
    });
  }
  function node(tag, text, className) {
    var n = document.createElement(tag);
    n.textContent = text;
    if (className) { n.className = className; }
    return n;
  }
  function diffNode(tokens) {
    var p = node("p", "", "diff");
    tokens.forEach(function (t) {
      p.appendChild(t[0] === "=" ? document.createTextNode(t[1]) : node(t[0] === "-" ? "del" : "ins", t[1]));
    });
    return p;
  }
  function centre(el) {
    var column = el.closest(".report");
    if (column) { column.scrollTop = el.offsetTop - (column.clientHeight - el.offsetHeight) / 2; }
  }
  function counterpartNode(link) {
    var item = node("section", "", "cp cp-" + link[1]);
    var head = node("p", "", "cp-head");
    var score = (link[2] === null ? "" : " \\u00b7 score " + link[2].toFixed(2)) + (link[4] ? ", by " + link[4] : "");
    head.appendChild(node("span", link[1], "rel"));
    head.appendChild(document.createTextNode(labels[reportOf(link[0])] + " \\u00b7 " + sidOf(link[0]) + score));
    var go = node("button", "Show", "go");
    go.type = "button";
    go.addEventListener("click", function () {
      var target = document.getElementById(link[0]);
      target.scrollIntoView({block: "center", inline: "nearest"});
      target.focus({preventScroll: true});
    });
    head.appendChild(go);
    item.appendChild(head);
    item.appendChild(node("p", document.getElementById(link[0]).querySelector(".txt").textContent, "cp-text"));
    var changed = link[3].some(function (t) { return t[0] !== "="; });
    if (changed) { item.appendChild(node("p", "Word changes (\u2026 = unchanged words left out):", "diff-label")); }
    var same = link[3].length ? "Same words." : "No word-level differences given.";
    item.appendChild(changed ? diffNode(link[3]) : node("p", same, "muted"));
    return item;
  }
  function showDetails(el) {
    var own = reportOf(el.id);
    var covered = {};
    panelBody.textContent = "";
    panelBody.appendChild(node("h2", labels[own] + " \\u00b7 " + sidOf(el.id)));
    linksOf(el).forEach(function (link) {
      covered[reportOf(link[0])] = true;
      panelBody.appendChild(counterpartNode(link));
    });
    var missing = labels.filter(function (label, r) { return r !== own && !covered[r]; });
    if (missing.length) { panelBody.appendChild(node("p", "No counterpart in: " + missing.join(", "), "missing")); }
    panel.hidden = false;
  }
  function clear() {
    if (!selected) { return; }
    selected.classList.remove("selected");
    selected.setAttribute("aria-pressed", "false");
    mark(selected, "counterpart-", false);
    selected = null;
    panel.hidden = true;
  }
  function select(el) {
    var again = selected === el;
    var shown = {};
    clear();
    if (again) { return; }
    selected = el;
    el.classList.add("selected");
    el.setAttribute("aria-pressed", "true");
    mark(el, "counterpart-", true);
    linksOf(el).forEach(function (link) {
      var r = reportOf(link[0]);
      if (!shown[r]) { shown[r] = true; centre(document.getElementById(link[0])); }
    });
    showDetails(el);
  }
  function hover(on) {
    return function (event) {
      var el = sentenceOf(event.target);
      if (el && (on || !el.contains(event.relatedTarget))) { mark(el, "hover-", on); }
    };
  }
  document.addEventListener("mouseover", hover(true));
  document.addEventListener("mouseout", hover(false));
  document.addEventListener("focusin", hover(true));
  document.addEventListener("focusout", hover(false));
  document.addEventListener("click", function (event) {
    var el = sentenceOf(event.target);
    if (el) { select(el); }
  });
  document.addEventListener("keydown", function (event) {
    var el = sentenceOf(event.target);
    if (el && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); select(el); }
    else if (event.key === "Escape") { clear(); }
  });
  document.getElementById("details-close").addEventListener("click", clear);
}());
"""
