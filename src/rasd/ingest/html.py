"""HTML pages to article text and metadata (trafilatura), and HTML fragments to plain text (lxml).

Design choices:
- Decoding: a BOM or valid UTF-8 wins; otherwise the charset the page declares (meta or XML
  declaration) when Python knows it; otherwise Windows-1256, accepted only when the text outside the
  tags looks Arabic (decode.py's rule, applied to the visible text: markup is Latin and would
  otherwise sink the ratio).
- trafilatura finds the main text, title, date, author, canonical url and site name. A page where it
  finds no text (only scripts, a login wall) is a failure, never an empty document.
- trafilatura and lxml are optional (extra "ingest") and imported on first use.
"""
from __future__ import annotations

import codecs
import re
from typing import Optional

from rasd.errors import EmptyInput, UndecodableInput, require_extra
from rasd.ingest.decode import Decoded, decode_bytes

_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_TAG = re.compile(r"<[^>]*>|&[#\w]+;")
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "article", "section"}


def decode_html(data: bytes, source: str) -> Decoded:
    try:
        return decode_bytes(data, source)
    except UndecodableInput:
        pass
    match = _CHARSET.search(data[:4096])
    if match:
        name = match.group(1).decode("ascii", "replace")
        try:
            codecs.lookup(name)
            return Decoded(data.decode(name), name.lower())
        except (LookupError, UnicodeDecodeError):
            pass
    visible = _TAG.sub(" ", data.decode("cp1256", errors="replace"))
    decoded = decode_bytes(visible.encode("cp1256", errors="replace"), source)  # raises when not Arabic
    return Decoded(data.decode("cp1256", errors="replace"), decoded.encoding)


def extract_page(html: str, source: str, url: Optional[str] = None) -> dict:
    """{"text", "title", "published", "author", "url", "sitename"} of a page's main content."""
    trafilatura = require_extra("trafilatura", "ingest")
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                         include_tables=False, favor_precision=False)
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise EmptyInput("no article text in the page (only scripts, navigation or markup)", source=source)
    date = getattr(result, "date", None)
    return {"text": text.strip(), "title": getattr(result, "title", None) or None,
            "published": date[:10] if date else None, "author": getattr(result, "author", None) or None,
            "url": getattr(result, "url", None) or url, "sitename": getattr(result, "sitename", None) or None}


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content): block elements become line breaks."""
    if "<" not in fragment:
        return _unescape(fragment).strip()
    lxml_html = require_extra("lxml.html", "ingest")
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on odd markup; fall back to stripping tags
        return _unescape(_TAG.sub(" ", fragment)).strip()
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    pieces = []

    def walk(element):
        tag = element.tag if isinstance(element.tag, str) else ""
        if element.text:
            pieces.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
        if tag.lower() in _BLOCK_TAGS:
            pieces.append("\n")

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(pieces).splitlines())
    return "\n".join(line for line in lines if line)


def _unescape(text: str) -> str:
    import html
    return html.unescape(text)
