// The timeline (stacked bars of events per day by type) and the map (points on a bundled world map), in SVG.
import { clear, el, svg } from "./dom.js";
import { TYPES, t, typeName } from "./i18n.js";

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
  "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd"];
export function typeColour(type) {
  const index = TYPES.indexOf(type);
  return PALETTE[(index >= 0 ? index : TYPES.length) % PALETTE.length];
}

function dayList(first, last) {
  const days = [];
  const end = new Date(`${last}T00:00:00Z`);
  for (let d = new Date(`${first}T00:00:00Z`); d <= end && days.length < 3660; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

// The days that hold the central 98% of the events: a few historical or far-future dates would
// otherwise stretch the axis over centuries and flatten every bar.
function centralRange(rows) {
  const total = rows.reduce((a, r) => a + r.count, 0);
  const low = total * 0.01;
  const high = total * 0.99;
  let seen = 0;
  let first = rows[0].day;
  let last = rows[rows.length - 1].day;
  let firstSet = false;
  for (const r of rows) {
    seen += r.count;
    if (!firstSet && seen > low) { first = r.day; firstSet = true; }
    if (seen >= high) { last = r.day; break; }
  }
  return [first, last];
}

export function drawTimeline(container, byDay) {
  clear(container);
  const dated = byDay.filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.day));
  if (!dated.length) { container.append(el("p", { class: "muted" }, t("noEvents"))); return; }
  const [first, last] = centralRange(dated);
  const rows = dated.filter((r) => r.day >= first && r.day <= last);
  const hidden = dated.reduce((a, r) => a + r.count, 0) - rows.reduce((a, r) => a + r.count, 0);
  // Long ranges are drawn per month so that bars stay visible.
  const monthly = dayList(first, last).length > 400;
  const key = (day) => (monthly ? day.slice(0, 7) : day);
  const buckets = new Map();
  const allDays = monthly ? [...new Set(rows.map((r) => key(r.day)))].sort() : dayList(first, last);
  for (const day of allDays) buckets.set(day, new Map());
  for (const r of rows) {
    const bucket = buckets.get(key(r.day));
    bucket.set(r.type, (bucket.get(r.type) || 0) + r.count);
  }
  const totals = [...buckets.values()].map((b) => [...b.values()].reduce((a, n) => a + n, 0));
  const max = Math.max(1, ...totals);
  const [width, height, pad] = [1000, 180, 24];
  const barWidth = (width - 2 * pad) / buckets.size;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height + 30}`, class: "timeline", role: "img",
    "aria-label": t("timeline"), direction: "ltr" });
  let i = 0;
  for (const [day, bucket] of buckets) {
    let y = height;
    const x = pad + i * barWidth;
    const total = totals[i];
    for (const type of [...bucket.keys()].sort()) {
      const h = (bucket.get(type) / max) * (height - pad);
      y -= h;
      chart.append(svg("rect", { x: x + barWidth * 0.1, y, width: Math.max(barWidth * 0.8, 0.5), height: h,
        fill: typeColour(type), "data-type": type, "data-day": day },
      svg("title", {}, `${day} · ${typeName(type)}: ${bucket.get(type)}`)));
    }
    if (total === 0) chart.append(svg("rect", { x, y: height - 1, width: barWidth, height: 1, fill: "#ddd" }));
    i += 1;
  }
  const labels = [...buckets.keys()];
  const step = Math.max(1, Math.ceil(labels.length / 8));
  labels.forEach((day, index) => {
    if (index % step) return;
    chart.append(svg("text", { x: pad + (index + 0.5) * barWidth, y: height + 18, class: "axis",
      "text-anchor": "middle" }, day));
  });
  chart.append(svg("text", { x: 2, y: pad - 8, class: "axis" }, String(max)));
  container.append(chart);
  const legend = el("div", { class: "legend" });
  const present = [...new Set(rows.map((r) => r.type))].sort();
  for (const type of present) {
    legend.append(el("span", { class: "legend-item" },
      el("span", { class: "swatch", "data-colour": typeColour(type) }), typeName(type)));
  }
  legend.querySelectorAll(".swatch").forEach((s) => { s.style.background = s.dataset.colour; });
  container.append(legend);
  if (hidden > 0) container.append(el("p", { class: "muted small" }, `${t("outside")}: ${hidden} (${first} … ${last})`));
}

let world = null;
async function worldMap() {
  if (!world) world = await (await fetch("/static/world.json")).json();
  return world;
}

// The region around the points (at least 40 degrees wide), in the map's 2.5:1 shape, inside the world.
function viewBox(places) {
  const world = [-180, -84, 360, 142];
  if (!places.length) return world.join(" ");
  const xs = places.map((p) => p.lon);
  const ys = places.map((p) => -p.lat);
  let width = Math.max(40, Math.max(...xs) - Math.min(...xs) + 20);
  let height = Math.max(Math.max(...ys) - Math.min(...ys) + 10, width / 2.5);
  width = Math.min(360, Math.max(width, height * 2.5));
  height = Math.min(142, width / 2.5);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const x = Math.min(180 - width, Math.max(-180, cx - width / 2));
  const y = Math.min(58 - height, Math.max(-84, cy - height / 2));
  return [x, y, width, height].map((v) => v.toFixed(1)).join(" ");
}

export async function drawMap(container, places, onPick) {
  const data = await worldMap();
  clear(container);
  // Equirectangular: x = longitude, y = -latitude; Antarctica is cropped away; zoomed to the points.
  const map = svg("svg", { viewBox: viewBox(places), class: "map", role: "img", "aria-label": t("map"),
    preserveAspectRatio: "xMidYMid slice" });
  const land = svg("g", { class: "land" });
  for (const country of data.countries) land.append(svg("path", { d: country.d }, svg("title", {}, country.name)));
  map.append(land);
  const max = Math.max(1, ...places.map((p) => p.count));
  const scale = Number(map.getAttribute("viewBox").split(" ")[2]) / 120;  // dot sizes follow the zoom
  const points = svg("g", { class: "points" });
  for (const place of [...places].sort((a, b) => b.count - a.count)) {
    const r = (0.4 + 2.5 * Math.sqrt(place.count / max)) * scale;
    const precision = place.precision || "unknown";
    const dot = svg("circle", { cx: place.lon, cy: -place.lat, r, class: `point precision-${precision}`,
      "data-place": place.place || "", "data-count": place.count },
    svg("title", {}, `${place.place || ""} (${place.country || ""}) · ${place.count} · ${t("precision")}: ${precision}`));
    if (onPick) dot.addEventListener("click", () => onPick(place));
    points.append(dot);
  }
  map.append(points);
  container.append(map);
  container.append(el("div", { class: "legend" },
    el("span", { class: "legend-item" }, el("span", { class: "dot precision-city" }), t("city")),
    el("span", { class: "legend-item" }, el("span", { class: "dot precision-admin1" }), t("admin1")),
    el("span", { class: "legend-item" }, el("span", { class: "dot precision-country" }), t("country_p"))));
}
