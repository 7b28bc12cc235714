// displaCy-like rendering of marked spans in a text: each span becomes <mark> pieces plus a small label.
// Spans may overlap (a trigger inside an entity): the text is cut at every span boundary and each piece
// carries the classes of all spans covering it; the label is shown after the span's last piece.
import { el } from "./dom.js";

// spans: [{start, end, cls, label, title}] with offsets relative to `text`.
export function highlighted(text, spans) {
  const usable = spans.filter((s) => s && Number.isInteger(s.start) && Number.isInteger(s.end)
    && s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = new Set([0, text.length]);
  for (const s of usable) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = usable.filter((s) => s.start <= from && s.end >= to);
    const piece = text.slice(from, to);
    if (!covering.length) { out.append(document.createTextNode(piece)); continue; }
    const classes = covering.map((s) => s.cls).join(" ");
    const title = covering.map((s) => s.title || s.label).filter(Boolean).join(" · ");
    out.append(el("mark", { class: classes, title }, piece));
    for (const s of covering.filter((c) => c.end === to && c.label)) {
      out.append(el("span", { class: `tag ${s.cls}` }, s.label));
    }
  }
  return out;
}

// The evidence sentence of an event, with its trigger (and supporting spans) marked.
export function evidenceSentence(event, { withEvidence = false } = {}) {
  const sentence = event.sentence;
  if (!sentence || sentence.text == null) return el("span", { class: "muted" }, "—");
  const base = sentence.start;
  const spans = [];
  if (event.trigger) spans.push({ start: event.trigger.start - base, end: event.trigger.end - base, cls: "trigger" });
  if (withEvidence) {
    for (const role of ["actor", "recipient", "location"]) {
      const part = event[role];
      if (part && Number.isInteger(part.start)) {
        spans.push({ start: part.start - base, end: part.end - base, cls: `role-${role}`, label: role });
      }
    }
    for (const span of event.evidence || []) {
      spans.push({ start: span.start - base, end: span.end - base, cls: "evidence" });
    }
  }
  return el("span", { class: "sentence", dir: "rtl", lang: "ar" }, highlighted(sentence.text, spans));
}
