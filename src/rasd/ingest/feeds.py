"""RSS and Atom feeds: refuse hostile XML first, then read items with feedparser.

Design choices:
- Every feed is parsed once with defusedxml before feedparser sees it: entity declarations (billion
  laughs, quadratic blow-up) and external references (XXE, external DTDs) are refused with a clear
  error. A DOCTYPE without entities is allowed (old RSS 0.91 files have one).
- A feed that is not well-formed XML is refused whole, not salvaged item by item: feedparser's
  lenient recovery can silently cut items short, and a store must hold nothing partial.
- feedparser always receives bytes, never a string: given a string that looks like a URL or a path it
  would fetch or open it.
- An item's text is its longest content value, else its summary, turned into plain text; an item
  without text is one failure line, the other items go on.
"""
from __future__ import annotations

import time
from typing import Iterator
from urllib.parse import urlparse

from rasd.errors import InputError, require_extra
from rasd.ingest.html import html_to_text
from rasd.ingest.items import Failure, IngestItem, where_of


class HostileXML(InputError):
    code = "R018"


def check_xml(data: bytes, source: str) -> None:
    """Raise HostileXML for entity declarations or external references, InputError for malformed XML."""
    defused = require_extra("defusedxml.ElementTree", "ingest")
    import defusedxml
    try:
        defused.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as exc:
        if getattr(exc, "sysid", None) or getattr(exc, "pubid", None):
            raise HostileXML(f"refused: the feed declares an external entity ({exc.name} -> {exc.sysid or exc.pubid}), "
                             "a known attack (XXE)", source=source) from None
        raise HostileXML(f"refused: the feed declares XML entities ({exc.name}), a known attack (entity expansion)",
                         source=source) from None
    except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden) as exc:
        raise HostileXML(f"refused: the feed references an external resource ({exc}), a known attack (XXE)",
                         source=source) from None
    except defused.ParseError as exc:
        raise InputError(f"malformed feed: not well-formed XML ({exc})", source=source) from None


def _iso_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def read_feed(data: bytes, provenance: dict) -> Iterator[IngestItem | Failure]:
    source = where_of(provenance)
    check_xml(data, source)
    feedparser = require_extra("feedparser", "ingest")
    parsed = feedparser.parse(data)
    if not parsed.entries:
        kind = parsed.get("version") or ""
        if not kind:
            raise InputError("not an RSS or Atom feed (no channel or feed element)", source=source)
        raise InputError("the feed has no items", source=source)
    feed_title = parsed.feed.get("title") or None
    feed_host = urlparse(parsed.feed.get("link") or "").hostname
    for number, entry in enumerate(parsed.entries, 1):
        item_provenance = {**provenance, "entry": number, "reader": "feed",
                           "encoding": parsed.get("encoding") or provenance.get("encoding")}
        contents = [c.get("value") or "" for c in entry.get("content") or []]
        body = max(contents, key=len) if contents and max(contents, key=len).strip() else entry.get("summary") or ""
        text = html_to_text(body)
        title = html_to_text(entry.get("title") or "") or None
        if not text.strip():
            yield Failure(where_of(item_provenance), "[R011] the feed item has no text (no content nor summary)")
            continue
        author = entry.get("author") or None
        yield IngestItem(text=text, provenance=item_provenance, id=entry.get("id") or "", published=_iso_date(entry),
                         title=title, url=entry.get("link") or None, author=author,
                         source=feed_title or feed_host)
