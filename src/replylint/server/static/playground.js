// replylint playground: checks the draft against the customer message while the agent types.
// Plain browser JavaScript, no build step and no third-party code; it renders the Report JSON of
// POST /v1/check (questions: text,start,end,kind,answered,answered_by,confidence; findings:
// rule,severity,message,start,end,suggestion; score) and ignores fields it does not know.
"use strict";

(function () {
  const DEBOUNCE_MS = 300;
  const $ = (id) => document.getElementById(id);
  const ui = {
    customer: $("customer"), draft: $("draft"), channel: $("channel"), token: $("token"),
    status: $("status"), score: $("score"), scoreValue: $("score-value"), copy: $("copy-json"),
    customerView: $("customer-view"), draftView: $("draft-view"),
    questions: $("question-list"), findings: $("finding-list"), json: $("json"), tip: $("tip"),
  };
  let timer = null;
  let inflight = null;
  let sequence = 0;
  let lastJson = "";

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "className") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  // Renders `text` into `container`, wrapping each range {start, end, classes, attrs, tip} in a
  // span; overlapping ranges are cut into segments that carry every covering range's classes.
  function renderMarked(container, text, ranges) {
    container.replaceChildren();
    const cuts = new Set([0, text.length]);
    const valid = ranges.filter((r) => r.end > r.start && r.start >= 0 && r.end <= text.length);
    for (const r of valid) { cuts.add(r.start); cuts.add(r.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const opened = new Set();
    for (let i = 0; i + 1 < points.length; i++) {
      const lo = points[i], hi = points[i + 1];
      const piece = text.slice(lo, hi);
      const covering = valid.filter((r) => r.start <= lo && r.end >= hi);
      if (!covering.length) { container.append(piece); continue; }
      const attrs = { className: covering.flatMap((r) => r.classes).join(" ") };
      const tips = covering.map((r) => r.tip).filter(Boolean);
      if (tips.length) { attrs["data-tip"] = tips.join("\n\n"); attrs.tabindex = 0; }
      for (const r of covering) {
        for (const [key, value] of Object.entries(r.attrs || {})) {
          if (key === "id") { if (!opened.has(r)) attrs.id = value; } else attrs[key] = value;
        }
        opened.add(r);
      }
      const tag = covering.some((r) => r.link) ? "a" : "span";
      if (tag === "a") attrs.href = covering.find((r) => r.link).link;
      container.append(el(tag, attrs, [piece]));
    }
  }

  function quote(text, max) {
    const flat = text.replace(/\s+/g, " ").trim();
    return "\u201c" + (flat.length > max ? flat.slice(0, max - 1) + "\u2026" : flat) + "\u201d";
  }

  function render(report) {
    const questions = Array.isArray(report.questions) ? report.questions : [];
    const findings = Array.isArray(report.findings) ? report.findings : [];
    const customer = ui.customer.value;
    const draft = ui.draft.value;

    const questionRanges = questions.map((q, i) => ({
      start: q.start, end: q.end,
      classes: ["q", q.answered ? "q-answered" : "q-unanswered"],
      attrs: { "data-question": i, id: "question-" + i },
      link: q.answered && q.answered_by ? "#answer-" + i : null,
      tip: (q.answered ? "Answered" : "Unanswered") + (q.kind ? " " + q.kind + " question" : "") +
        (q.answered && q.answered_by ? ": " + quote(q.answered_by.text || "", 140) : ""),
    }));
    renderMarked(ui.customerView, customer, questionRanges);

    const answerRanges = questions
      .map((q, i) => (q.answered && q.answered_by ? {
        start: q.answered_by.start, end: q.answered_by.end, classes: ["answer"],
        attrs: { id: "answer-" + i, "data-answers": i },
      } : null))
      .filter(Boolean);
    const findingRanges = findings.map((f, i) => ({
      start: f.start, end: Math.max(f.end, f.start + 1 <= draft.length ? f.start + 1 : f.end),
      classes: ["finding", "sev-" + f.severity],
      attrs: { "data-rule": f.rule, "data-finding": i },
      tip: "[" + f.rule + "] " + f.message + (f.suggestion ? "\nSuggestion: " + f.suggestion : ""),
    }));
    renderMarked(ui.draftView, draft, [...answerRanges, ...findingRanges]);

    ui.questions.replaceChildren(...questions.map((q, i) => {
      const state = q.answered ? "answered" : "unanswered";
      const children = [
        el("span", { className: "badge q-" + state, text: q.answered ? "\u2713 answered" : "\u2717 unanswered" }), " ",
        el("a", { href: "#question-" + i, className: "q-text", text: quote(q.text || "", 160) }),
      ];
      if (typeof q.confidence === "number") children.push(el("span", { className: "meta", text: " " + (q.kind || "") + ", confidence " + q.confidence.toFixed(2) }));
      if (q.answered && q.answered_by) {
        children.push(el("div", { className: "answered-by" }, [
          "answered by ", el("a", { href: "#answer-" + i, "data-answer-link": i, text: quote(q.answered_by.text || "", 160) }),
        ]));
      }
      return el("li", { className: "question " + state }, children);
    }));
    if (!questions.length) ui.questions.append(el("li", { className: "empty", text: customer.trim() ? "No questions or requests found." : "No customer message." }));

    ui.findings.replaceChildren(...findings.map((f, i) => el("li", { className: "finding-item sev-" + f.severity }, [
      el("button", { type: "button", className: "goto", "data-finding": i, "aria-label": "select in the draft: " + f.message },
        [el("span", { className: "badge sev-" + f.severity, text: f.severity }), " ", el("code", { text: f.rule })]),
      " ", el("span", { className: "message", text: f.message }),
      f.suggestion ? el("div", { className: "suggestion", text: "Suggestion: " + f.suggestion }) : "",
    ])));
    if (!findings.length) ui.findings.append(el("li", { className: "empty", text: "No findings." }));

    const score = typeof report.score === "number" ? report.score : null;
    ui.scoreValue.textContent = score === null ? "\u2013" : String(score);
    ui.score.className = "score " + (score === null ? "" : score >= 85 ? "good" : score >= 60 ? "fair" : "poor");
    ui.score.dataset.ok = String(report.ok);
  }

  function clearReport(message) {
    ui.customerView.replaceChildren(ui.customer.value);
    ui.draftView.replaceChildren(ui.draft.value);
    ui.questions.replaceChildren();
    ui.findings.replaceChildren();
    ui.scoreValue.textContent = "\u2013";
    ui.score.className = "score";
    ui.json.textContent = "";
    lastJson = "";
    ui.copy.disabled = true;
    setStatus(message, false);
  }

  function setStatus(text, isError) {
    ui.status.textContent = text;
    ui.status.classList.toggle("error", Boolean(isError));
  }

  async function check() {
    const draft = ui.draft.value;
    if (!draft.trim()) { clearReport("Type a draft to check it."); return; }
    if (inflight) inflight.abort();
    const controller = new AbortController();
    inflight = controller;
    const mine = ++sequence;
    const body = { draft: draft, customer: ui.customer.value.trim() ? ui.customer.value : null };
    if (ui.channel.value) body.channel = ui.channel.value;
    const headers = { "Content-Type": "application/json" };
    if (ui.token.value) headers.Authorization = "Bearer " + ui.token.value;
    setStatus("Checking\u2026", false);
    document.body.dataset.state = "checking";
    const started = performance.now();
    try {
      const response = await fetch("/v1/check", { method: "POST", headers, body: JSON.stringify(body), signal: controller.signal });
      const text = await response.text();
      if (mine !== sequence) return;
      let data = null;
      try { data = JSON.parse(text); } catch (err) { data = null; }
      if (!response.ok) {
        const message = data && data.error ? data.error.message : "HTTP " + response.status;
        clearReport("Error " + response.status + ": " + message);
        ui.status.classList.add("error");
        if (response.status === 401) ui.token.closest("details").open = true;
        document.body.dataset.state = "error";
        return;
      }
      render(data);
      lastJson = JSON.stringify(data, null, 2);
      ui.json.textContent = lastJson;
      ui.copy.disabled = false;
      const n = (data.findings || []).length;
      setStatus((data.ok ? "OK" : "Needs work") + " \u00b7 " + n + " finding" + (n === 1 ? "" : "s") +
        " \u00b7 checked in " + Math.round(performance.now() - started) + " ms", false);
      document.body.dataset.state = "done";
    } catch (err) {
      if (err && err.name === "AbortError") return;
      if (mine !== sequence) return;
      clearReport("Cannot reach the server: " + (err && err.message ? err.message : err));
      ui.status.classList.add("error");
      document.body.dataset.state = "error";
    } finally {
      if (inflight === controller) inflight = null;
    }
  }

  function schedule() {
    clearTimeout(timer);
    document.body.dataset.state = "pending";
    timer = setTimeout(check, DEBOUNCE_MS);
  }

  // -- tooltips: on hover and on keyboard focus, closed with Escape ------------------------------
  function showTip(target) {
    const text = target.getAttribute("data-tip");
    if (!text) return;
    ui.tip.textContent = text;
    ui.tip.hidden = false;
    target.setAttribute("aria-describedby", "tip");
    const box = target.getBoundingClientRect();
    const width = Math.min(420, window.innerWidth - 16);
    ui.tip.style.maxWidth = width + "px";
    const left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + window.innerWidth - width - 8));
    ui.tip.style.left = left + "px";
    ui.tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }
  function hideTip(target) {
    ui.tip.hidden = true;
    if (target && target.removeAttribute) target.removeAttribute("aria-describedby");
  }
  for (const view of [ui.customerView, ui.draftView]) {
    view.addEventListener("mouseover", (e) => { const t = e.target.closest("[data-tip]"); if (t) showTip(t); });
    view.addEventListener("mouseout", (e) => { const t = e.target.closest("[data-tip]"); if (t) hideTip(t); });
    view.addEventListener("focusin", (e) => { const t = e.target.closest("[data-tip]"); if (t) showTip(t); });
    view.addEventListener("focusout", (e) => hideTip(e.target));
  }
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hideTip(document.activeElement); });

  // -- links: a question to its answer, a finding to its span in the draft ----------------------
  function flash(node) {
    if (!node) return;
    node.classList.remove("flash");
    void node.offsetWidth;
    node.classList.add("flash");
    node.setAttribute("tabindex", node.getAttribute("tabindex") || "-1");
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("click", (e) => {
    const link = e.target.closest("a[href^='#answer-'], a[href^='#question-']");
    if (link) { e.preventDefault(); flash(document.getElementById(link.getAttribute("href").slice(1))); return; }
    const button = e.target.closest("button.goto");
    if (button) {
      const span = ui.draftView.querySelector("[data-finding='" + button.dataset.finding + "']");
      const report = lastJson ? JSON.parse(lastJson) : null;
      const finding = report && report.findings ? report.findings[Number(button.dataset.finding)] : null;
      if (finding) { ui.draft.focus(); ui.draft.setSelectionRange(finding.start, finding.end); }
      if (span) { span.classList.remove("flash"); void span.offsetWidth; span.classList.add("flash"); }
    }
  });

  // -- copy JSON ---------------------------------------------------------------------------------
  ui.copy.addEventListener("click", async () => {
    if (!lastJson) return;
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) { await navigator.clipboard.writeText(lastJson); copied = true; }
    } catch (err) { copied = false; }
    if (!copied) {
      const scratch = el("textarea", { "aria-hidden": "true", className: "scratch" });
      scratch.value = lastJson;
      document.body.append(scratch);
      scratch.select();
      try { copied = document.execCommand("copy"); } catch (err) { copied = false; }
      scratch.remove();
    }
    ui.copy.textContent = copied ? "Copied" : "Copy failed";
    ui.copy.dataset.copied = String(copied);
    setTimeout(() => { ui.copy.textContent = "Copy JSON"; }, 1500);
  });

  ui.customer.addEventListener("input", schedule);
  ui.draft.addEventListener("input", schedule);
  ui.channel.addEventListener("change", schedule);
  ui.token.addEventListener("change", schedule);
  check();
})();
