// factlint's draft page: the draft goes to api/check (relative, so the page
// works under a reverse proxy's path too) a short pause after each change, and the findings come back as underlines behind the text,
// a note on hover or at the cursor, and lists.
"use strict";
(() => {
  const DEBOUNCE_MS = 300;
  const $ = (selector) => document.querySelector(selector);
  const draft = $("#draft");
  const backdrop = $("#backdrop");
  const tip = $("#tip");
  const status = $("#status");
  const caretNote = $("#caret-note");
  const format = $("#format");
  const list = $("#findings");
  const unstatedList = $("#unstated");
  const results = $("#results");

  // The findings of the text last checked, with offsets in UTF-16 units
  // (what JavaScript strings count), grouped by the span they underline.
  let findings = [];
  let groups = [];
  let checkedText = "";
  let sequence = 0;
  let timer = null;
  let hideTimer = null;
  let tipGroup = null;

  const EXAMPLE =
    "Russia and Iran signed the 46-article treaty in Moscow on 17 January 2025.\n\n" +
    "The pact runs for 20 years and includes a mutual defence clause.";

  // Byte offsets (as the API counts) to string indices.
  function indexer(text) {
    let bytes = 0;
    for (const ch of text) bytes += utf8Length(ch.codePointAt(0));
    const at = new Uint32Array(bytes + 1);
    let b = 0;
    let i = 0;
    for (const ch of text) {
      const n = utf8Length(ch.codePointAt(0));
      for (let k = 0; k < n; k++) at[b + k] = i;
      b += n;
      i += ch.length;
    }
    at[b] = i;
    return (offset) => at[Math.max(0, Math.min(offset, b))];
  }

  function utf8Length(cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  // The findings pane is busy from an edit until the answer for the text
  // as it now stands is shown (assistive technology, and tests, wait on it).
  function busy(on) {
    results.setAttribute("aria-busy", on ? "true" : "false");
  }

  function schedule(delay) {
    clearTimeout(timer);
    busy(true);
    timer = setTimeout(check, delay);
  }

  async function check() {
    timer = null;
    const text = draft.value;
    const mine = ++sequence;
    status.textContent = "Checking…";
    let response;
    let body = null;
    try {
      response = await fetch("api/check", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text, format: format.value }),
      });
      body = await response.json();
    } catch (e) {
      if (mine === sequence) {
        status.textContent = "The server cannot be reached.";
        if (timer === null) busy(false);
      }
      return;
    }
    if (mine !== sequence) return; // a newer check is under way
    if (timer === null) busy(false);
    if (!response.ok) {
      status.textContent = (body && body.message) || "The check failed (" + response.status + ").";
      return;
    }
    const at = indexer(text);
    findings = body.map((f, n) => ({
      ...f,
      n,
      from: at(f.span.start),
      to: at(f.span.end),
      fixFrom: f.fix ? at(f.fix.start) : null,
      fixTo: f.fix ? at(f.fix.end) : null,
    }));
    checkedText = text;
    render();
    const contradictions = findings.filter((f) => f.kind !== "unstated").length;
    const unstated = findings.length - contradictions;
    status.textContent =
      findings.length === 0
        ? "No findings."
        : plural(contradictions, "finding", "findings") + ", " +
          plural(unstated, "unstated fact", "unstated facts") + ".";
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // While a check is on its way, the underlines before the edit stay where
  // they are, those after it move with the text, those inside it go.
  function follow() {
    const text = draft.value;
    const old = checkedText;
    let head = 0;
    while (head < text.length && head < old.length && text[head] === old[head]) head++;
    let tail = 0;
    while (
      tail < text.length - head && tail < old.length - head &&
      text[text.length - 1 - tail] === old[old.length - 1 - tail]
    ) tail++;
    const delta = text.length - old.length;
    const oldEnd = old.length - tail;
    findings = findings.flatMap((f) => {
      if (f.to <= head) return [f];
      if (f.from >= oldEnd) {
        const moved = { ...f, from: f.from + delta, to: f.to + delta };
        if (f.fixFrom !== null) {
          moved.fixFrom = f.fixFrom + delta;
          moved.fixTo = f.fixTo + delta;
        }
        return [moved];
      }
      return [];
    });
    checkedText = text;
    render();
  }

  function render() {
    const open = tipGroup;
    renderBackdrop();
    renderLists();
    if (open !== null) keepTip(open);
    noteAtCaret();
  }

  // A note open over a span stays open when new findings still underline
  // that span (an answer arriving under the pointer must not take it away).
  function keepTip(old) {
    const g = groups.find((n) => n.painted && n.from === old.from && n.to === old.to);
    const mark = g && markOf(g);
    if (mark) showTip(g, mark);
    else hideTip();
  }

  function renderBackdrop() {
    const text = draft.value;
    const bySpan = new Map();
    for (const f of findings) {
      const key = f.from + ":" + f.to;
      if (!bySpan.has(key)) bySpan.set(key, { from: f.from, to: f.to, items: [] });
      bySpan.get(key).items.push(f);
    }
    groups = [...bySpan.values()].sort((a, b) => a.from - b.from || b.to - a.to);
    const frag = document.createDocumentFragment();
    let at = 0;
    groups.forEach((g, i) => {
      g.index = i;
      g.painted = g.from >= at && g.to > g.from;
      if (!g.painted) return;
      frag.append(text.slice(at, g.from));
      const mark = document.createElement("mark");
      const kinds = new Set(g.items.map((f) => f.kind));
      mark.className = kinds.has("contradiction") ? "contradiction" : kinds.has("suppression") ? "suppression" : "unstated";
      mark.dataset.group = String(i);
      mark.textContent = text.slice(g.from, g.to);
      frag.append(mark);
      at = g.to;
    });
    // A final line break needs something after it to take up its line.
    frag.append(text.slice(at) + "\u200b");
    backdrop.replaceChildren(frag);
    backdrop.scrollTop = draft.scrollTop;
  }

  function groupOf(f) {
    return groups.find((g) => g.items.includes(f));
  }

  function renderLists() {
    const contradictions = findings.filter((f) => f.kind !== "unstated");
    const unstated = findings.filter((f) => f.kind === "unstated");
    $("#count").textContent = contradictions.length ? "(" + contradictions.length + ")" : "";
    $("#unstated-count").textContent = unstated.length ? "(" + unstated.length + ")" : "";
    fill(list, contradictions, "No contradictions.");
    fill(unstatedList, unstated, "Every fact is stated, or the draft is not about a subject.");
  }

  function fill(ul, items, empty) {
    ul.replaceChildren();
    if (items.length === 0) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = empty;
      ul.append(li);
      return;
    }
    for (const f of items) {
      const li = document.createElement("li");
      li.className = "finding " + f.severity;
      li.dataset.rule = f.rule;
      const go = document.createElement("button");
      go.type = "button";
      go.className = "goto";
      const rule = document.createElement("code");
      rule.textContent = f.rule;
      const severity = document.createElement("span");
      severity.className = "severity";
      severity.textContent = f.severity;
      const message = document.createElement("span");
      message.className = "message";
      message.textContent = f.kind === "unstated" ? fact(f) || f.message : f.message;
      go.append(rule, " ", severity, message);
      go.addEventListener("click", () => select(f));
      go.addEventListener("focus", () => {
        const g = groupOf(f);
        if (g) showTip(g, markOf(g));
      });
      go.addEventListener("blur", () => hideSoon());
      li.append(go);
      if (f.fix) li.append(fixButton(f));
      ul.append(li);
    }
  }

  function fixButton(f) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "fix";
    b.textContent = "Fix: " + (f.expected || f.fix.replacement);
    b.setAttribute("aria-label", "Replace " + JSON.stringify(f.found || draft.value.slice(f.fixFrom, f.fixTo)) +
      " with " + JSON.stringify(f.expected || f.fix.replacement));
    b.addEventListener("click", () => applyFix(f));
    return b;
  }

  // The fact and source lines of a finding's note.
  function fact(f) {
    const line = (f.note || "").split("\n").find((l) => l.startsWith("fact: "));
    return line ? line.slice(6) : "";
  }

  function source(f) {
    const line = (f.note || "").split("\n").find((l) => l.startsWith("source: "));
    return line ? line.slice(8) : "";
  }

  function describe(items, container) {
    container.replaceChildren();
    for (const f of items) {
      const item = document.createElement("div");
      item.className = "note " + f.kind;
      const head = document.createElement("p");
      head.className = "head";
      const rule = document.createElement("code");
      rule.textContent = f.rule;
      head.append(rule, " · " + f.severity + " · " + (f.kind === "contradiction" ? "contradicts the source" : f.kind));
      const message = document.createElement("p");
      message.className = "message";
      message.textContent = f.message;
      item.append(head, message);
      for (const [label, value] of [["Fact", fact(f)], ["Source", source(f)], ["Help", f.help || ""]]) {
        if (!value) continue;
        const p = document.createElement("p");
        const b = document.createElement("strong");
        b.textContent = label + ": ";
        p.append(b, value);
        item.append(p);
      }
      if (f.fix) item.append(fixButton(f));
      container.append(item);
    }
  }

  function markOf(g) {
    return backdrop.querySelector('mark[data-group="' + g.index + '"]');
  }

  function showTip(g, mark) {
    clearTimeout(hideTimer);
    if (!mark) return;
    describe(g.items, tip);
    tip.hidden = false;
    tipGroup = g;
    const r = mark.getBoundingClientRect();
    const width = Math.min(420, window.innerWidth - 16);
    tip.style.maxWidth = width + "px";
    const left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + window.innerWidth - width - 8));
    tip.style.left = left + "px";
    tip.style.top = r.bottom + window.scrollY + 6 + "px";
  }

  function hideTip() {
    clearTimeout(hideTimer);
    tip.hidden = true;
    tipGroup = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideTip, 400);
  }

  function groupAtPoint(x, y) {
    for (const el of document.elementsFromPoint(x, y)) {
      if (el.tagName === "MARK" && el.dataset.group !== undefined) {
        return groups[Number(el.dataset.group)];
      }
    }
    return null;
  }

  function groupAtCaret() {
    const at = draft.selectionStart;
    return groups.find((g) => g.painted && g.from <= at && at <= g.to) || null;
  }

  function noteAtCaret() {
    if (document.activeElement !== draft) return;
    const g = groupAtCaret();
    if (g) {
      describe(g.items, caretNote);
    } else {
      caretNote.replaceChildren();
    }
  }

  function select(f) {
    draft.focus();
    draft.setSelectionRange(f.from, f.to);
    const g = groupOf(f);
    if (g) showTip(g, markOf(g));
  }

  function applyFix(f) {
    if (f.fixFrom === null) return;
    const text = draft.value;
    const replacement = f.fix.replacement;
    draft.value = text.slice(0, f.fixFrom) + replacement + text.slice(f.fixTo);
    draft.focus();
    const caret = f.fixFrom + replacement.length;
    draft.setSelectionRange(caret, caret);
    hideTip();
    follow();
    schedule(0);
    status.textContent = "Fixed " + f.rule + "; checking…";
  }

  draft.addEventListener("input", () => {
    follow();
    schedule(DEBOUNCE_MS);
  });
  draft.addEventListener("scroll", () => {
    backdrop.scrollTop = draft.scrollTop;
    backdrop.scrollLeft = draft.scrollLeft;
    hideTip();
  });
  draft.addEventListener("mousemove", (e) => {
    const g = groupAtPoint(e.clientX, e.clientY);
    if (g) {
      if (g !== tipGroup) showTip(g, markOf(g));
      else clearTimeout(hideTimer);
    } else if (tipGroup !== null) {
      hideSoon();
    }
  });
  draft.addEventListener("mouseleave", () => hideSoon());
  tip.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  tip.addEventListener("mouseleave", () => hideSoon());
  document.addEventListener("selectionchange", noteAtCaret);
  draft.addEventListener("keyup", noteAtCaret);
  draft.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.altKey) {
      const g = groupAtCaret();
      const f = g && g.items.find((item) => item.fix);
      if (f) {
        e.preventDefault();
        applyFix(f);
      }
    }
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && tipGroup !== null) hideTip();
  });
  window.addEventListener("resize", () => hideTip());
  format.addEventListener("change", () => schedule(0));
  $("#example").addEventListener("click", () => {
    draft.value = EXAMPLE;
    draft.focus();
    follow();
    schedule(0);
  });
  renderBackdrop();
})();
