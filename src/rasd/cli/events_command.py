"""`rasd events`: the stored events as a readable table (what `make demo` shows after an ingest).

The rows come from `rasd.store.export.event_rows`, the same flat view the CSV export writes, so the table,
the CSV and the API agree on every value. Arabic cells are wrapped in directional isolates (see
rasd.cli.render) so that terminals keep each phrase right-to-left in its own cell.
"""
from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Optional

import typer

from rasd.cli.common import err_console, fail, reports_errors
from rasd.cli.render import isolate
from rasd.cli.store_commands import PLOVER_TYPES, _date

EVIDENCE_WINDOW = 60
COUNT_COLUMNS = (("fatalities", "dead"), ("injured", "injured"), ("arrested", "arrested"),
                 ("participants", "participants"), ("troops", "troops"))


def _party(name: Optional[str], country: Optional[str], sector: Optional[str]) -> str:
    code = " ".join(x for x in (country, sector) if x)
    return " ".join(x for x in (isolate(name), f"[{code}]" if code else "") if x) or "—"


def _evidence(sentence: Optional[str], trigger: Optional[str], window: int = EVIDENCE_WINDOW):
    """The evidence sentence cut to `window` characters either side of its trigger, the trigger highlighted."""
    from rich.text import Text
    text = Text()
    if not sentence:
        return text
    sentence = " ".join(sentence.split())
    at = sentence.find(trigger) if trigger else -1
    if at < 0:
        text.append(isolate(sentence))
        return text
    before, after = sentence[:at], sentence[at + len(trigger):]
    if len(before) > window:
        before = "…" + before[-window:].split(" ", 1)[-1]
    if len(after) > window:
        after = after[:window].rsplit(" ", 1)[0] + "…"
    text.append("\u2068" + before)
    text.append(trigger, style="bold reverse")
    text.append(after + "\u2069")
    return text


def events_command(
    db: Path = typer.Option(..., "--db", help="SQLite database written by rasd ingest."),
    event_type: Optional[str] = typer.Option(None, "--type", "-t", help="Only events of this PLOVER type."),
    country: Optional[str] = typer.Option(None, "--country", help="Only events whose actor, recipient or location is "
                                          "in this country (ISO alpha-3)."),
    since: Optional[str] = typer.Option(None, "--since", help="Published on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Published on or before YYYY-MM-DD."),
    source: Optional[str] = typer.Option(None, "--source", help="Only documents from this source."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, max=100_000, help="At most this many events."),
    as_json: bool = typer.Option(False, "--json", help="Print the events as JSON lines (the CSV export's columns)."),
):
    """List the stored events: type and source, actor -> recipient, place, date, counts and evidence."""
    from rasd.store import Store
    from rasd.store.export import event_rows
    from rasd.store.search import SearchFilters
    if event_type and event_type.upper() not in PLOVER_TYPES:
        fail(f"--type must be a PLOVER type ({' '.join(PLOVER_TYPES)}), got {event_type!r}", 2)
    filters = SearchFilters(event_type=event_type, country=country, since=_date(since, "--since"),
                            until=_date(until, "--until"), source=source)
    with Store.open(db, readonly=True) as store:
        rows = [{k: v for k, v in row.items() if not k.startswith("_")}
                for row in itertools.islice(event_rows(store.conn, filters), limit)]
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        err_console.print("rasd: no stored event matches", highlight=False)
        return
    from rich.console import Console
    from rich.table import Table
    table = Table(title=f"{len(rows):,} events from {db}", title_justify="left", show_lines=True, expand=True)
    for column, ratio in (("type", 2), ("actor → recipient", 3), ("place", 2), ("date", 2), ("counts", 2),
                          ("evidence", 6)):
        table.add_column(column, overflow="fold", ratio=ratio)
    for row in rows:
        kind = row["event_type"] + (f"/{row['mode']}" if row["mode"] else "")
        if row["negated"]:
            kind += " (negated)"
        if row["status"] and row["status"] != "occurred":
            kind += f" [{row['status']}]"
        place = " ".join(x for x in (isolate(row["location"]), row["country"] or "") if x) or "—"
        date = f"{row['event_date']} ({row['date_precision']})" if row["event_date"] else "—"
        counts = ", ".join(f"{label} {row[column]}" for column, label in COUNT_COLUMNS if row[column] is not None)
        kind += "\n" + " · ".join(x for x in (row["source"], row["document_id"]) if x)
        table.add_row(kind, f"{_party(row['actor1'], row['actor1_country'], row['actor1_sector'])} → "
                            f"{_party(row['actor2'], row['actor2_country'], row['actor2_sector'])}",
                      place, date, counts or "—", _evidence(row["evidence_sentence"], row["trigger"]))
    Console().print(table)


def register(app: typer.Typer) -> None:
    app.command("events")(reports_errors(events_command))
