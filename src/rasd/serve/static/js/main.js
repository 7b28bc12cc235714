// Hash router of the dashboard: #/events?filters, #/event/ID, #/doc/ID?event=ID, #/search?q=, #/analyze.
import { show } from "./dom.js";
import { applyLang, currentLang } from "./i18n.js";
import { bindAnalyzeForm, bindFilterForm, filtersFromHash, renderDocument, renderEvent, renderEvents,
  renderSearch } from "./views.js";

function route() {
  const [path, search] = (location.hash.slice(1) || "/events").split("?");
  const params = new URLSearchParams(search || "");
  const parts = path.split("/").filter(Boolean);
  for (const link of document.querySelectorAll("nav a[data-route]")) {
    link.classList.toggle("active", link.dataset.route === parts[0]);
  }
  if (parts[0] === "event" && parts[1]) { show("view-event"); return renderEvent(parts[1]); }
  if (parts[0] === "doc" && parts[1]) { show("view-article"); return renderDocument(parts[1], params.get("event")); }
  if (parts[0] === "search") { show("view-search"); return renderSearch(params.get("q")); }
  if (parts[0] === "analyze") { show("view-analyze"); return null; }
  show("view-events");
  return renderEvents(filtersFromHash(params));
}

applyLang(currentLang());
bindFilterForm();
bindAnalyzeForm();
document.getElementById("lang-toggle").addEventListener("click", () => {
  applyLang(currentLang() === "ar" ? "en" : "ar");
  route();
});
document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = document.getElementById("search-input").value.trim();
  location.hash = `#/search?q=${encodeURIComponent(q)}`;
});
document.getElementById("back").addEventListener("click", () => history.back());
window.addEventListener("hashchange", route);
Promise.resolve(route()).then(() => document.body.setAttribute("data-ready", "1"));
