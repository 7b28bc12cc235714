// DOM helpers: every text goes through textContent / text nodes; markup is never parsed from strings.
const SVG_NS = "http://www.w3.org/2000/svg";

function build(node, props, kids) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined || kid === false || kid === "") continue;
    node.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return node;
}

export function el(tag, props, ...kids) {
  return build(document.createElement(tag), props, kids);
}

export function svg(tag, props, ...kids) {
  return build(document.createElementNS(SVG_NS, tag), props, kids);
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function show(id) {
  for (const view of document.querySelectorAll("[data-view]")) view.hidden = view.id !== id;
}

// Links taken from the data: only http(s), so a stored "javascript:" URL can never run.
export function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}
