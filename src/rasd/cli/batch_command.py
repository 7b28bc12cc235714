"""`rasd batch`: the JSONL batch contract on a Dask cluster (see rasd.pipeline.distributed).

Exit codes as for `rasd analyze --input`: 0 when the run completed, 4 with --strict when a line carried
an error or a partition failed, 2 for unusable arguments, 3 when the [batch] extra is missing.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from rasd.cli.common import err_console, fail, reports_errors
from rasd.errors import EXIT_PARTIAL


def batch_command(
    inputs: List[Path] = typer.Argument(..., metavar="INPUT.jsonl[.gz]...",
                                        help="JSONL files (SCHEMA.md input lines); workers must see the same paths."),
    output_dir: Path = typer.Option(..., "--output-dir", "-o", help="Folder for the output JSONL partitions "
                                    "(<input>.<n>.jsonl); a rerun skips the partitions already finished."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Address of a running Dask scheduler, e.g. "
                                            "tcp://10.0.0.5:8786 (default: a local cluster)."),
    workers: int = typer.Option(2, "--workers", "-w", min=0, help="Local cluster: worker processes (0: no Dask, "
                                "run here)."),
    block_mb: float = typer.Option(32.0, "--block-mb", min=0.001, help="Partition size in MB of input."),
    strict: bool = typer.Option(False, "--strict", help="Exit with code 4 when a line had an error."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON on stdout."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="TOML file overriding the packaged defaults."),
):
    """Analyse JSONL corpora in partitions on Dask workers: one output line per input line, resumable."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rasd.pipeline.config import Config
    from rasd.pipeline.distributed import run_distributed
    from rasd.pipeline.runner import Pipeline

    if output_dir.exists() and not output_dir.is_dir():
        fail(f"{output_dir}: --output-dir is a file, not a folder", 2)
    pipeline = Pipeline(config=Config.load(config))
    progress = Progress(TextColumn("partitions"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err_console, transient=True, disable=not err_console.is_terminal)
    with progress:
        task = progress.add_task("batch", total=None)

        def on_progress(summary, total):
            progress.update(task, completed=summary.partitions + len(summary.failed), total=total)

        summary = run_distributed([str(p) for p in inputs], output_dir, scheduler=scheduler, workers=workers,
                                  block_bytes=int(block_mb * 1024 * 1024), pipeline=pipeline,
                                  on_progress=on_progress)
    err_console.print(f"rasd: {summary.documents:,} documents ({summary.errors:,} with an error, {summary.words:,} "
                      f"words) in {summary.partitions:,} partitions ({summary.skipped:,} already done) -> {output_dir}",
                      highlight=False, soft_wrap=True)
    for failure in summary.failed:
        err_console.print(f"  failed partition: {failure}", highlight=False, soft_wrap=True, markup=False)
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
    if strict and (summary.errors or summary.failed):
        raise typer.Exit(EXIT_PARTIAL)


def register(app: typer.Typer) -> None:
    app.command("batch")(reports_errors(batch_command))
