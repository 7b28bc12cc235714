"""`rasd ingest`, `rasd stats`, `rasd search` and `rasd export`: the store commands (see rasd.ingest and rasd.store).

Exit codes: 0 when the run completed, even with failed inputs (each failure is one line of the
summary: the run is the unit of success, bad articles are data); 2 for unusable arguments (no such
path, a pattern matching nothing, a missing or foreign database, a bad date); 3 when an optional
package is missing.
"""
from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import List, Optional

import typer

from rasd.cli.common import err_console, fail, reports_errors

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
                "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def _estimate(files: list) -> int:
    """A quick count of the documents to expect, for the progress bar's ETA (feeds, WARCs and URLs count 1)."""
    total = 0
    for path in files:
        if isinstance(path, str):
            total += 1
            continue
        name = path.name.lower()
        try:
            if name.endswith((".jsonl", ".ndjson")):
                with path.open("rb") as f:
                    total += sum(1 for line in f if line.strip())
            elif name.endswith(".zip") and zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as z:
                    total += sum(1 for i in z.infolist() if not i.is_dir())
            else:
                total += 1
        except OSError:
            total += 1
    return total


def ingest_command(
    paths: List[str] = typer.Argument(..., metavar="PATH|URL...", help="Files, directories (recursive) or globs: .txt "
                                      ".html .rss/.atom/.xml .jsonl .warc(.gz) .zip .gz; or http(s) URLs of pages "
                                      "and feeds."),
    db: Path = typer.Option(..., "--db", help="SQLite database (created when missing)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Analysis processes (one writer in any case)."),
    source: Optional[str] = typer.Option(None, "--source", help="Source name for every document (default: from the "
                                         "input: the feed title, the page's site, the JSONL 'source')."),
    max_bytes: int = typer.Option(20_000_000, "--max-bytes", min=1, help="Refuse a file, member or record larger "
                                  "than this (checked before reading)."),
    allow_private: bool = typer.Option(False, "--allow-private", help="URLs: also fetch from loopback, private and "
                                       "link-local addresses (refused by default: only public hosts are fetched)."),
    timeout: float = typer.Option(20.0, "--timeout", min=0.1, help="URLs: seconds allowed for connecting and for "
                                  "each read."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON on stdout."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="TOML file overriding the packaged defaults."),
):
    """Read articles into the store: analyse each one, skip content already stored, report failures."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rasd.ingest.readers import ReadOptions, expand_inputs, read_inputs
    from rasd.ingest.runner import ingest
    from rasd.pipeline.config import Config
    from rasd.pipeline.runner import Pipeline
    from rasd.store import Store

    files = expand_inputs(paths)
    if not files:
        fail("no input files (the directories hold no file with a known extension)", 2)
    pipeline = Pipeline(config=Config.load(config))
    progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]} docs/s"), TimeRemainingColumn(),
                        console=err_console, transient=True, disable=not err_console.is_terminal)
    with Store.open(db) as store, progress:
        task = progress.add_task("ingest", total=_estimate(files), rate="—")

        def on_progress(summary):
            rate = f"{summary.seen / summary.seconds:,.1f}" if summary.seconds else "—"
            total = max(progress.tasks[0].total or 0, summary.seen)
            progress.update(task, completed=summary.seen, total=total, rate=rate)

        options = ReadOptions(max_bytes=max_bytes, allow_private=allow_private, timeout=timeout)
        summary = ingest(read_inputs(files, options), store, pipeline=pipeline,
                         workers=workers, source=source, on_progress=on_progress)
    rate = summary.seen / summary.seconds if summary.seconds else 0.0
    err_console.print(f"rasd: {summary.new:,} new, {summary.duplicate:,} duplicate, {summary.failed:,} failed "
                      f"({summary.events:,} events) in {summary.seconds:,.1f} s, {rate:,.1f} docs/s -> {db}",
                      highlight=False, soft_wrap=True)
    for failure in summary.failures:
        err_console.print(f"  failed: {failure}", highlight=False, soft_wrap=True, markup=False)
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))


def stats_command(
    db: Path = typer.Option(..., "--db", help="SQLite database written by rasd ingest."),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
):
    """Count documents, events, entities; events by type; documents and events by source; stories and
    near-duplicate documents."""
    from rasd.store import Store
    with Store.open(db, readonly=True) as store:
        stats = store.stats()
    if as_json:
        typer.echo(json.dumps(stats, ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.table import Table
    console = Console()
    console.print(f"{stats['documents']:,} documents, {stats['events']:,} events, {stats['entities']:,} entities, "
                  f"{stats['sources']:,} sources; published {stats['published_range'][0]} .. {stats['published_range'][1]}",
                  highlight=False)
    table = Table("event type", "events")
    for name, count in stats["events_by_type"].items():
        table.add_row(name, f"{count:,}")
    console.print(table)
    table = Table("source", "documents", "events")
    for name, row in stats["by_source"].items():
        table.add_row(name, f"{row['documents']:,}", f"{row['events']:,}")
    console.print(table)
    if "stories" in stats:
        stories, near = stats["stories"], stats["near_duplicates"]
        console.print(f"{stories['stories']:,} stories: {stories['multi_article']:,} reported by several articles, "
                      f"{stories['multi_source']:,} by several sources, {stories['with_conflicts']:,} with conflicting "
                      f"values; {near['documents']:,} near-duplicate documents in {near['clusters']:,} clusters"
                      + (f" ({near['pending']:,} documents not yet clustered: the next ingest does it)"
                         if near["pending"] else ""), highlight=False)
        if stories["largest"]:
            table = Table("story", "type", "day", "articles", "sources", "country", "conflicts")
            for row in stories["largest"]:
                table.add_row(str(row["story_id"]), row["type"], row["day"] or "", str(row["num_articles"]),
                              str(row["num_sources"]), row["location_country"] or "", ", ".join(row["conflicts"]))
            console.print(table)


def _date(value: Optional[str], option: str) -> Optional[str]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        fail(f"{option} must be a date YYYY-MM-DD, got {value!r}", 2)


def search_command(
    query: str = typer.Argument(..., help="Words to find (all must occur; spelling variants and clitics are folded)."),
    db: Path = typer.Option(..., "--db", help="SQLite database written by rasd ingest."),
    event_type: Optional[str] = typer.Option(None, "--type", "-t", help="Only documents with an event of this PLOVER type."),
    country: Optional[str] = typer.Option(None, "--country", help="Only documents with an event whose actor, recipient "
                                          "or location is in this country (ISO alpha-3)."),
    since: Optional[str] = typer.Option(None, "--since", help="Published on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Published on or before YYYY-MM-DD."),
    source: Optional[str] = typer.Option(None, "--source", help="Only documents from this source."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=10_000, help="At most this many documents."),
    as_json: bool = typer.Option(False, "--json", help="Print the hits as JSON."),
):
    """Full-text search of the stored documents, best matches first, each with a snippet."""
    from rasd.store import Store
    from rasd.store.search import SearchFilters, hits_json
    if event_type and event_type.upper() not in PLOVER_TYPES:
        fail(f"--type must be a PLOVER type ({' '.join(PLOVER_TYPES)}), got {event_type!r}", 2)
    filters = SearchFilters(event_type=event_type, country=country, since=_date(since, "--since"),
                            until=_date(until, "--until"), source=source)
    with Store.open(db, readonly=True) as store:
        hits = store.search(query, filters, limit)
    if as_json:
        typer.echo(hits_json(hits))
        return
    if not hits:
        err_console.print("rasd: no matching document", highlight=False)
        return
    from rich.console import Console
    console = Console()
    for hit in hits:
        head = " · ".join(x for x in (hit.published, hit.source, ", ".join(hit.event_types)) if x)
        console.print(f"[bold]{hit.title or hit.doc_id}[/]  [dim]{head}[/]", highlight=False)
        console.print(f"  {hit.snippet}", highlight=False, markup=False)
        if hit.url:
            console.print(f"  {hit.url}", highlight=False, markup=False)


def export_command(
    db: Path = typer.Option(..., "--db", help="SQLite database written by rasd ingest."),
    fmt: str = typer.Option(..., "--format", "-f", help="csv | jsonl | parquet | geojson | plover (see rasd.store.export)."),
    output: Path = typer.Option(..., "--output", "-o", help="File to write (replaced only when the export succeeds)."),
    event_type: Optional[str] = typer.Option(None, "--type", "-t", help="Only events of this PLOVER type (jsonl: "
                                             "documents with one)."),
    country: Optional[str] = typer.Option(None, "--country", help="Only events whose actor, recipient or location is "
                                          "in this country (ISO alpha-3)."),
    since: Optional[str] = typer.Option(None, "--since", help="Published on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Published on or before YYYY-MM-DD."),
    source: Optional[str] = typer.Option(None, "--source", help="Only documents from this source."),
    excel: bool = typer.Option(False, "--excel", help="CSV: add a UTF-8 BOM so that Excel shows Arabic correctly."),
    stories: bool = typer.Option(False, "--stories", help="One row per story (a real-world event with the articles "
                                 "reporting it; conflicting values listed) instead of one per event: csv, jsonl, "
                                 "parquet or geojson."),
    min_articles: int = typer.Option(1, "--min-articles", min=1, help="With --stories: only stories reported by at "
                                     "least this many articles."),
):
    """Write the stored events (or documents, for jsonl; or stories) as CSV, JSONL, Parquet, GeoJSON or PLOVER JSONL."""
    from rasd.store import Store
    from rasd.store.export import FORMATS, export
    from rasd.store.search import SearchFilters
    from rasd.store.story_export import STORY_FORMATS
    if fmt.lower() not in FORMATS:
        fail(f"--format must be one of {' '.join(FORMATS)}, got {fmt!r}", 2)
    if stories and fmt.lower() not in STORY_FORMATS:
        fail(f"--stories exports as {' '.join(STORY_FORMATS)}, not {fmt!r}", 2)
    if event_type and event_type.upper() not in PLOVER_TYPES:
        fail(f"--type must be a PLOVER type ({' '.join(PLOVER_TYPES)}), got {event_type!r}", 2)
    filters = SearchFilters(event_type=event_type, country=country, since=_date(since, "--since"),
                            until=_date(until, "--until"), source=source)
    with Store.open(db, readonly=True) as store:
        written = export(store.conn, fmt, output, filters, excel=excel, stories=stories, min_articles=min_articles)
    unit = "stories" if stories else "documents" if fmt.lower() == "jsonl" else "events"
    err_console.print(f"rasd: {written:,} {unit} -> {output}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("ingest")(reports_errors(ingest_command))
    app.command("stats")(reports_errors(stats_command))
    app.command("search")(reports_errors(search_command))
    app.command("export")(reports_errors(export_command))
