"""Document <-> JSON, exactly as SCHEMA.md v1, plus compatible additions.

The SCHEMA keys come first (id, published, source, url, title, text, sentences, entities, events, error);
the extra layers (boilerplate, numbers, dates, and tokens on request) and provenance are additions that
version 1 allows. Every span carries its text so a reader needs nothing but the JSON line.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Mapping, Optional

from rasd.model.document import Document
from rasd.model.spans import (ActorMention, Boilerplate, DateMention, Entity, Event, NumberMention, Party, Place, Segment,
                              Sentence, Span, Token, When)

SCHEMA_VERSION = 1


def _span(doc: Document, span: Optional[Span], with_text: bool = True) -> Optional[dict]:
    if span is None or span.start is None:
        return None
    out = {"start": span.start, "end": span.end}
    if with_text:
        out["text"] = doc.text[span.start:span.end]
    return out


def _number(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _count(value):
    return [_number(v) for v in value] if isinstance(value, (tuple, list)) else _number(value)


def _party(doc: Document, p: Optional[Party]) -> Optional[dict]:
    if p is None:
        return None
    has_span = p.start is not None
    return {"start": p.start, "end": p.end, "text": doc.text[p.start:p.end] if has_span else None,
            "country": p.country, "sector": p.sector, "kb_id": p.kb_id, "name_en": p.name_en}


def _place(doc: Document, p: Optional[Place]) -> Optional[dict]:
    if p is None:
        return None
    has_span = p.start is not None
    return {"start": p.start, "end": p.end, "text": doc.text[p.start:p.end] if has_span else None,
            "country": p.country, "place": p.place, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
            "precision": p.precision}


def _when(doc: Document, w: Optional[When]) -> Optional[dict]:
    if w is None:
        return None
    has_span = w.start is not None
    return {"iso": w.iso, "precision": w.precision, "start": w.start, "end": w.end,
            "text": doc.text[w.start:w.end] if has_span else None}


def entity_to_dict(doc: Document, e: Entity) -> dict:
    out = {"start": e.start, "end": e.end, "text": doc.text_of(e), "label": e.label, "kb_id": e.kb_id,
           "country": e.country, "name_en": e.name_en}
    for key in ("subtype", "sector", "score", "lat", "lon"):
        value = getattr(e, key)
        if value is not None:
            out[key] = value
    return out


def event_to_dict(doc: Document, e: Event) -> dict:
    return {
        "id": e.id, "type": e.type, "mode": e.mode, "contexts": list(e.contexts),
        "trigger": _span(doc, e), "sentence": _span(doc, e.sentence, with_text=False),
        "actor": _party(doc, e.actor), "recipient": _party(doc, e.recipient),
        "location": _place(doc, e.location), "date": _when(doc, e.date),
        "counts": {k: _count(v) for k, v in e.counts.items()},
        "attribution": _span(doc, e.attribution),
        "status": e.status, "negated": e.negated, "historical": e.historical,
        "confidence": round(e.confidence, 4),
        "evidence": [_span(doc, s) for s in e.evidence],
    }


def to_dict(doc: Document, *, tokens: bool = False) -> dict:
    out: dict[str, Any] = {
        "id": doc.id,
        "published": doc.published.isoformat() if doc.published else None,
        "source": doc.source, "url": doc.url, "title": doc.title,
        "text": doc.text,
        "sentences": [{"start": s.start, "end": s.end} for s in doc.sentences],
        "entities": [entity_to_dict(doc, e) for e in doc.entities],
        "events": [event_to_dict(doc, e) for e in doc.events],
        "error": doc.error,
    }
    out["boilerplate"] = [{"start": b.start, "end": b.end, "kind": b.kind, "text": doc.text_of(b)} for b in doc.boilerplate]
    out["numbers"] = [{"start": n.start, "end": n.end, "text": doc.text_of(n), "value": _number(n.value),
                       "low": _number(n.low), "high": _number(n.high), "kind": n.kind} for n in doc.numbers]
    out["dates"] = [{"start": d.start, "end": d.end, "text": doc.text_of(d), "iso": d.iso, "precision": d.precision,
                     "relative": d.relative, "calendar": d.calendar} for d in doc.dates]
    if doc.has("actors"):
        out["actors"] = [{"start": a.start, "end": a.end, "text": doc.text_of(a), "country": a.country,
                          "sector": a.sector, "kb_id": a.kb_id, "name_en": a.name_en, "kind": a.kind}
                         for a in doc.actors]
    if tokens:
        out["tokens"] = [{"start": t.start, "end": t.end, "text": doc.text_of(t), "norm": t.norm,
                          "segments": [{"start": s.start, "end": s.end, "form": s.form, "kind": s.kind}
                                       for s in t.segments]} for t in doc.tokens]
    if doc.provenance:
        out["provenance"] = dict(doc.provenance)
    for key, value in doc.extra.items():
        out.setdefault(key, value)
    return out


def to_json(doc: Document, *, tokens: bool = False, indent: Optional[int] = None) -> str:
    return json.dumps(to_dict(doc, tokens=tokens), ensure_ascii=False, indent=indent)


def error_dict(record: Mapping[str, Any] | None, message: str) -> dict:
    """The output line for an input line that could not be analysed: same id, empty lists, `error` set."""
    record = record if isinstance(record, Mapping) else {}
    ident = record.get("id")
    text = record.get("text")
    return {"id": ident if isinstance(ident, (str, int)) else None,
            "published": record.get("published") if isinstance(record.get("published"), str) else None,
            "source": record.get("source"), "url": record.get("url"), "title": record.get("title"),
            "text": text if isinstance(text, str) else "",
            "sentences": [], "entities": [], "events": [], "error": message}


# -- reading back -------------------------------------------------------------------------------
def _tuple_count(value):
    return tuple(value) if isinstance(value, list) else value


def _party_from(d):
    return None if d is None else Party(d.get("start"), d.get("end"), d.get("country"), d.get("sector"),
                                        d.get("kb_id"), d.get("name_en"))


def _place_from(d):
    return None if d is None else Place(d.get("start"), d.get("end"), d.get("country"), d.get("place"),
                                        d.get("admin1"), d.get("lat"), d.get("lon"), d.get("precision"))


def _event_from(d) -> Event:
    trig, sent = d["trigger"], d["sentence"]
    date = d.get("date")
    att = d.get("attribution")
    return Event(start=trig["start"], end=trig["end"], id=d["id"], type=d["type"],
                 sentence=Span(sent["start"], sent["end"]), mode=d.get("mode"), contexts=tuple(d.get("contexts") or ()),
                 actor=_party_from(d.get("actor")), recipient=_party_from(d.get("recipient")),
                 location=_place_from(d.get("location")),
                 date=None if date is None else When(date.get("iso"), date.get("precision"), date.get("start"), date.get("end")),
                 counts={k: _tuple_count(v) for k, v in (d.get("counts") or {}).items()},
                 attribution=None if att is None else Span(att["start"], att["end"]),
                 status=d.get("status", "occurred"), negated=bool(d.get("negated")),
                 historical=bool(d.get("historical")), confidence=float(d.get("confidence", 0.5)),
                 evidence=tuple(Span(s["start"], s["end"]) for s in d.get("evidence") or ()))


_KNOWN = {"id", "published", "source", "url", "title", "text", "sentences", "entities", "events", "error",
          "boilerplate", "numbers", "dates", "tokens", "actors", "provenance"}


def from_dict(d: Mapping[str, Any]) -> Document:
    layers: dict[str, tuple] = {
        "sentences": tuple(Sentence(s["start"], s["end"]) for s in d.get("sentences") or ()),
        "entities": tuple(Entity(e["start"], e["end"], e["label"], e.get("subtype"), e.get("kb_id"), e.get("country"),
                                 e.get("name_en"), e.get("sector"), e.get("score"), e.get("lat"), e.get("lon"))
                          for e in d.get("entities") or ()),
        "events": tuple(_event_from(e) for e in d.get("events") or ()),
    }
    if "boilerplate" in d:
        layers["boilerplate"] = tuple(Boilerplate(b["start"], b["end"], b["kind"]) for b in d["boilerplate"])
    if "numbers" in d:
        layers["numbers"] = tuple(NumberMention(n["start"], n["end"], n["value"], n["low"], n["high"], n["kind"])
                                  for n in d["numbers"])
    if "dates" in d:
        layers["dates"] = tuple(DateMention(x["start"], x["end"], x["iso"], x["precision"], x.get("relative", False),
                                            x.get("calendar", "gregorian")) for x in d["dates"])
    if "actors" in d:
        layers["actors"] = tuple(ActorMention(a["start"], a["end"], a.get("country"), a.get("sector"), a.get("kb_id"),
                                              a.get("name_en"), a.get("kind", "nominal")) for a in d["actors"])
    if "tokens" in d:
        layers["tokens"] = tuple(Token(t["start"], t["end"], t["norm"],
                                       tuple(Segment(s["start"], s["end"], s["form"], s["kind"]) for s in t["segments"]))
                                 for t in d["tokens"])
    published = d.get("published")
    return Document(text=d["text"], id=d.get("id") or "",
                    published=dt.date.fromisoformat(published) if published else None,
                    source=d.get("source"), url=d.get("url"), title=d.get("title"),
                    provenance=d.get("provenance") or {}, extra={k: v for k, v in d.items() if k not in _KNOWN},
                    layers=layers, error=d.get("error"))
