"""A readable terminal view of an analysed Document (rich tables).

Terminals differ in how they lay out right-to-left text, so every Arabic cell is wrapped in Unicode
directional isolates (FSI ... PDI): an Arabic phrase then cannot reorder the Latin cells beside it, and
terminals that do run the bidi algorithm show each phrase right-to-left in its own cell.
"""
from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rasd.model.document import Document
from rasd.model.spans import Event

FSI, PDI = "\u2068", "\u2069"
MAX_CELL = 90


def isolate(s: str | None) -> str:
    if not s:
        return ""
    s = " ".join(s.split())
    if len(s) > MAX_CELL:
        s = s[:MAX_CELL - 1] + "…"
    return f"{FSI}{s}{PDI}"


def _quantity(low, high, value=None) -> str:
    def fmt(x):
        return "?" if x is None else f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"
    if value is not None:
        return fmt(value)
    return f"[{fmt(low)}, {fmt(high)}]"


def _count(value) -> str:
    if isinstance(value, (tuple, list)):
        return _quantity(value[0], value[1])
    return _quantity(None, None, value)


def _party(doc: Document, party) -> str:
    if party is None:
        return "—"
    code = " ".join(x for x in (party.country, party.sector) if x)
    name = doc.text[party.start:party.end] if party.start is not None else ""
    return " ".join(x for x in (isolate(name), f"[{code}]" if code else "") if x) or "—"


def _evidence(doc: Document, event: Event) -> Text:
    sentence = event.sentence
    text = Text()
    text.append(FSI + doc.text[sentence.start:event.start])
    text.append(doc.text[event.start:event.end], style="bold reverse")
    text.append(doc.text[event.end:sentence.end] + PDI)
    return text


def events_table(doc: Document) -> Table:
    table = Table(title="Events", title_justify="left", show_lines=True, expand=True)
    for column in ("type", "actor → recipient", "place", "date", "counts", "according to", "evidence"):
        table.add_column(column, overflow="fold")
    for e in doc.events:
        kind = e.type + (f"/{e.mode}" if e.mode else "")
        if e.negated:
            kind += " (negated)"
        if e.status != "occurred":
            kind += f" [{e.status}]"
        place = "—"
        if e.location is not None:
            place = " ".join(x for x in (isolate(doc.text[e.location.start:e.location.end]) if e.location.start is not None else "",
                                        e.location.country or "") if x) or "—"
        date = f"{e.date.iso} ({e.date.precision})" if e.date and e.date.iso else "—"
        counts = ", ".join(f"{k} {_count(v)}" for k, v in e.counts.items()) or "—"
        attribution = isolate(doc.text_of(e.attribution)) if e.attribution else "—"
        table.add_row(kind, f"{_party(doc, e.actor)} → {_party(doc, e.recipient)}", place, date, counts, attribution,
                      _evidence(doc, e))
    return table


def _spans_table(title: str, columns: tuple[str, ...], rows) -> Table:
    table = Table(title=title, title_justify="left", expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def document_view(doc: Document) -> Group:
    head = [f"id {doc.id}", f"published {doc.published.isoformat() if doc.published else '—'}",
            f"{doc.word_count:,} words", f"{len(doc.sentences)} sentences", f"{len(doc.entities)} entities",
            f"{len(doc.events)} events"]
    if doc.source:
        head.insert(1, f"source {doc.source}")
    parts: list = [Text(" · ".join(head), style="bold")]
    if doc.events:
        parts.append(events_table(doc))
    if doc.entities:
        parts.append(_spans_table("Entities", ("text", "label", "country", "name", "kb id"),
                                  ((isolate(doc.text_of(e)), e.label + (f"/{e.subtype}" if e.subtype else ""),
                                    e.country or "—", e.name_en or "—", e.kb_id or "—") for e in doc.entities)))
    if doc.actors:
        parts.append(_spans_table("Actors", ("text", "country", "sector", "who"),
                                  ((isolate(doc.text_of(a)), a.country or "—", a.sector or "—", a.name_en or "—")
                                   for a in doc.actors)))
    if doc.dates:
        parts.append(_spans_table("Dates", ("text", "resolved", "precision"),
                                  ((isolate(doc.text_of(d)), d.iso or "—", d.precision + (" (relative)" if d.relative else ""))
                                   for d in doc.dates)))
    quantities = [n for n in doc.numbers if not any(d.start <= n.start and n.end <= d.end for d in doc.dates)]
    if quantities:  # the day and year digits of a date are numbers too, but not quantities worth listing
        parts.append(_spans_table("Quantities", ("text", "value", "kind"),
                                  ((isolate(doc.text_of(n)), _quantity(n.low, n.high, n.value), n.kind)
                                   for n in quantities)))
    if doc.boilerplate:
        parts.append(_spans_table("Boilerplate (skipped)", ("kind", "text"),
                                  ((b.kind, isolate(doc.text_of(b))) for b in doc.boilerplate)))
    return Group(*parts)


def print_document(console: Console, doc: Document) -> None:
    console.print(Panel(document_view(doc), title=isolate(doc.title) if doc.title else doc.id, title_align="right"))
