// A minimal offline API page: lists the operations of /openapi.json (used when Swagger UI is not installed).
import { el } from "./dom.js";

const spec = await (await fetch("/openapi.json")).json();
const root = document.getElementById("operations");
for (const [path, item] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(item)) {
    const params = (op.parameters || []).map((p) => `${p.name}${p.required ? "*" : ""}`).join(", ");
    root.append(el("section", { class: "op" },
      el("h2", {}, el("code", {}, `${method.toUpperCase()} ${path}`)),
      el("p", {}, op.summary || ""),
      params ? el("p", {}, "parameters: ", el("code", {}, params)) : "",
      el("p", {}, "responses: ", Object.keys(op.responses || {}).join(", "))));
  }
}
