// The pages of the dashboard: events (filters, timeline, map, table), one event, one article, search, analyse.
import { getJSON, postJSON, query } from "./api.js";
import { drawMap, drawTimeline, typeColour } from "./charts.js";
import { clear, el, safeUrl } from "./dom.js";
import { evidenceSentence, highlighted } from "./highlight.js";
import { arrow, t, TYPES, typeName } from "./i18n.js";

const PAGE = 50;
const FILTERS = ["type", "country", "actor", "since", "until", "q", "source"];

function errorBox(error) {
  return el("p", { class: "error", role: "alert" }, `${t("error")}: ${error.message}`);
}

function partyText(party) {
  if (!party) return null;
  const code = [party.country, party.sector].filter(Boolean).join("/");
  return `${party.text || party.name_en || "?"}${code ? ` (${code})` : ""}`;
}

function countsText(counts) {
  const parts = Object.entries(counts || {}).map(([key, value]) => {
    if (Array.isArray(value)) {
      const [low, high] = value;
      return `${key}: ${low ?? ""}${high === low ? "" : `–${high ?? ""}`}`;
    }
    return `${key}: ${value}`;
  });
  return parts.join("، ");
}

function typeBadge(type) {
  const badge = el("span", { class: "type-badge", "data-type": type }, typeName(type));
  badge.style.borderColor = typeColour(type);
  return badge;
}

export function headline(event) {
  return el("span", { class: "headline" },
    el("span", { class: "actor" }, partyText(event.actor) || t("none")), arrow(), typeBadge(event.type), arrow(),
    el("span", { class: "recipient" }, partyText(event.recipient) || t("none")));
}

// -- events ------------------------------------------------------------------------------------
export function filtersFromHash(params) {
  const out = {};
  for (const key of FILTERS) if (params.get(key)) out[key] = params.get(key);
  out.offset = Number(params.get("offset") || 0);
  return out;
}

function fillFilterForm(form, filters) {
  const select = form.elements.type;
  if (select.options.length <= 1) {
    for (const type of TYPES) select.append(el("option", { value: type }, typeName(type)));
  }
  for (const option of select.options) if (option.value) option.textContent = typeName(option.value);
  for (const key of FILTERS) if (form.elements[key]) form.elements[key].value = filters[key] || "";
}

export async function renderEvents(filters) {
  const form = document.getElementById("filters");
  fillFilterForm(form, filters);
  const status = document.getElementById("events-status");
  const body = document.getElementById("events-body");
  const { offset, ...selection } = filters;
  status.textContent = t("loading");
  try {
    const [page, stats] = await Promise.all([
      getJSON("events", { ...selection, limit: PAGE, offset }),
      getJSON("stats", selection),
    ]);
    drawTimeline(document.getElementById("timeline"), stats.by_day);
    await drawMap(document.getElementById("map"), stats.places, (place) => {
      const pad = place.precision === "country" ? 3 : 0.5;
      const bbox = [place.lon - pad, place.lat - pad, place.lon + pad, place.lat + pad].map((v) => v.toFixed(3));
      location.hash = `#/events${query({ ...selection, bbox: bbox.join(",") })}`;
    });
    clear(body);
    for (const event of page.items) body.append(eventRow(event));
    const shown = page.items.length ? `${offset + 1}–${offset + page.items.length}` : "0";
    status.textContent = page.total ? `${t("showing")} ${shown} ${t("of")} ${page.total}` : t("noEvents");
    const previous = document.getElementById("page-previous");
    const next = document.getElementById("page-next");
    previous.disabled = offset <= 0;
    next.disabled = offset + PAGE >= page.total;
    previous.onclick = () => { location.hash = `#/events${query({ ...selection, offset: Math.max(0, offset - PAGE) })}`; };
    next.onclick = () => { location.hash = `#/events${query({ ...selection, offset: offset + PAGE })}`; };
    document.getElementById("export-link").href = `/api/export${query({ format: "csv", type: selection.type,
      country: selection.country, source: selection.source })}`;
  } catch (error) {
    status.textContent = "";
    clear(body).append(el("tr", {}, el("td", { colspan: 7 }, errorBox(error))));
  }
}

function eventRow(event) {
  const row = el("tr", { class: "event-row", "data-id": event.id, "data-type": event.type, tabindex: 0 },
    el("td", { class: "nowrap" }, event.day || t("none")),
    el("td", {}, headline(event)),
    el("td", {}, event.location ? (event.location.text || event.location.place) : t("none")),
    el("td", {}, countsText(event.counts)),
    el("td", {}, event.source || t("none")),
    el("td", { class: "evidence-cell" }, evidenceSentence(event)));
  const open = () => { location.hash = `#/event/${event.id}`; };
  row.addEventListener("click", open);
  row.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
  return row;
}

export function bindFilterForm() {
  const form = document.getElementById("filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const values = {};
    for (const key of FILTERS) if (form.elements[key] && form.elements[key].value) values[key] = form.elements[key].value;
    location.hash = `#/events${query(values)}`;
  });
  form.elements.type.addEventListener("change", () => form.requestSubmit());
  form.addEventListener("reset", () => setTimeout(() => { location.hash = "#/events"; }, 0));
}

// -- one event ---------------------------------------------------------------------------------
function field(label, value) {
  if (value === null || value === undefined || value === "") return null;
  return el("div", { class: "field" }, el("dt", {}, label), el("dd", {}, value));
}

export async function renderEvent(id) {
  const root = clear(document.getElementById("event-detail"));
  try {
    const event = await getJSON(`events/${encodeURIComponent(id)}`);
    const place = event.location ? [event.location.text, event.location.place, event.location.precision]
      .filter(Boolean).join(" · ") : null;
    root.append(
      el("h2", {}, headline(event)),
      el("blockquote", { class: "evidence" }, evidenceSentence(event, { withEvidence: true })),
      el("dl", { class: "fields" },
        field(t("trigger"), event.trigger && event.trigger.text),
        field(t("date"), event.date ? `${event.date.iso} (${event.date.precision})` : event.day),
        field(t("place"), place), field(t("counts"), countsText(event.counts)),
        field(t("mode"), event.mode), field(t("status"), event.status),
        field(t("attribution"), event.attribution && event.attribution.text),
        field(t("confidence"), event.confidence), field(t("story"), event.story_id),
        field(t("source"), event.source), field(t("published"), event.published),
        field(t("url"), safeUrl(event.url) ? el("a", { href: safeUrl(event.url), rel: "noopener noreferrer",
          target: "_blank" }, event.url) : event.url)),
      el("p", {}, el("a", { href: `#/doc/${event.document_id}?event=${event.id}`, class: "open-article" },
        `${t("openArticle")}: ${event.title || event.doc_id}`)));
  } catch (error) {
    root.append(errorBox(error));
  }
}

// -- article -----------------------------------------------------------------------------------
function documentSpans(doc, focus) {
  const spans = (doc.entities || []).map((e) => ({ start: e.start, end: e.end, cls: `ent ent-${e.label}`,
    label: e.label, title: [e.label, e.name_en, e.country].filter(Boolean).join(" · ") }));
  for (const event of doc.events || []) {
    if (!event.trigger) continue;
    const focused = focus !== null && String(event.row_id) === String(focus);
    spans.push({ start: event.trigger.start, end: event.trigger.end, cls: `trigger${focused ? " focused" : ""}`,
      label: typeName(event.type), title: event.type });
  }
  return spans;
}

function eventList(events, linked) {
  const list = el("ol", { class: "event-list" });
  for (const event of events) {
    const text = [typeName(event.type), event.trigger && `«${event.trigger.text}»`,
      event.location && (event.location.place || event.location.text), event.date && event.date.iso]
      .filter(Boolean).join(" · ");
    const item = el("li", {}, headline(event), " — ", text);
    if (linked && event.row_id) item.append(" ", el("a", { href: `#/event/${event.row_id}` }, "↗"));
    list.append(item);
  }
  return list;
}

function entityList(entities) {
  const list = el("ul", { class: "entity-list" });
  for (const e of entities) {
    list.append(el("li", {}, el("mark", { class: `ent ent-${e.label}` }, e.text), ` ${e.label}`,
      e.name_en ? ` · ${e.name_en}` : "", e.country ? ` · ${e.country}` : ""));
  }
  return list;
}

export async function renderDocument(id, focus) {
  const root = clear(document.getElementById("article"));
  try {
    const doc = await getJSON(`documents/${encodeURIComponent(id)}`);
    root.append(
      el("h2", { dir: "rtl", lang: "ar" }, doc.title || doc.doc_id),
      el("p", { class: "muted" }, [doc.published, doc.source].filter(Boolean).join(" · "), " ",
        safeUrl(doc.url) ? el("a", { href: safeUrl(doc.url), rel: "noopener noreferrer", target: "_blank" }, t("url"))
          : ""),
      el("div", { class: "article-text", dir: "rtl", lang: "ar" }, highlighted(doc.text, documentSpans(doc, focus))),
      el("h3", {}, t("events")), eventList(doc.events, true),
      el("h3", {}, t("entities")), entityList(doc.entities));
    const focused = root.querySelector("mark.focused");
    if (focused) focused.scrollIntoView({ block: "center" });
  } catch (error) {
    root.append(errorBox(error));
  }
}

// -- search ------------------------------------------------------------------------------------
export async function renderSearch(q) {
  const root = clear(document.getElementById("search-results"));
  document.getElementById("search-input").value = q || "";
  if (!q) return;
  root.append(el("p", { class: "muted" }, t("loading")));
  try {
    const result = await getJSON("search", { q, limit: 50 });
    clear(root);
    if (!result.hits.length) root.append(el("p", { class: "muted" }, t("noHits")));
    for (const hit of result.hits) {
      root.append(el("article", { class: "hit" },
        el("h3", {}, el("a", { href: `#/doc/${hit.id}`, dir: "rtl", lang: "ar" }, hit.title || hit.doc_id)),
        el("p", { class: "muted" }, [hit.published, hit.source, hit.event_types.map(typeName).join("، ")]
          .filter(Boolean).join(" · ")),
        el("p", { dir: "rtl", lang: "ar" }, hit.snippet)));
    }
  } catch (error) {
    clear(root).append(errorBox(error));
  }
}

// -- analyse -----------------------------------------------------------------------------------
export function bindAnalyzeForm() {
  const form = document.getElementById("analyze-form");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const root = clear(document.getElementById("analyze-result"));
    root.append(el("p", { class: "muted" }, t("loading")));
    try {
      const doc = await postJSON("analyze", { text: form.elements.text.value,
        published: form.elements.published.value || null });
      clear(root).append(
        el("div", { class: "article-text", dir: "rtl", lang: "ar" }, highlighted(doc.text, documentSpans(doc, null))),
        el("h3", {}, t("events")), eventList(doc.events, false),
        el("h3", {}, t("entities")), entityList(doc.entities));
    } catch (error) {
      clear(root).append(errorBox(error));
    }
  });
}
