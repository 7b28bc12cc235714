"""The `rasd` command: a thin layer that parses options, calls the library and turns errors into one line.

Exit codes: 0 ok; 2 unusable input; 3 bad configuration; 4 a batch with --strict had bad lines;
70 internal error (a bug: run again with RASD_DEBUG=1 for the traceback).
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from rasd import __version__
from rasd.cli.common import err_console, fail, reports_errors
from rasd.errors import EXIT_PARTIAL

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="rasd (رصد): Arabic news to structured, source-linked event records.")
def _version(value: bool):
    if value:
        typer.echo(f"rasd {__version__}")
        raise typer.Exit()


@app.callback()
def root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit."),
         verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details to stderr.")):
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def _pipeline(config: Optional[Path]):
    from rasd.pipeline.config import Config
    from rasd.pipeline.runner import Pipeline
    return Pipeline(config=Config.load(config))


@contextlib.contextmanager
def _open_out(path: str, append: bool = False):
    if path == "-":
        yield sys.stdout
    else:
        with open(path, "a" if append else "w", encoding="utf-8") as f:
            yield f


def _finished_lines(path: str) -> int:
    """Output lines a killed run completed; a torn last line is cut off so that the rerun rewrites it."""
    import json
    if path == "-" or not os.path.exists(path):
        return 0
    done, keep = 0, 0
    with open(path, "rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                json.loads(line)
            except ValueError:
                break
            done, keep = done + 1, keep + len(line)
    with open(path, "rb+") as f:
        f.truncate(keep)
    return done


@contextlib.contextmanager
def _open_in(path: str):
    """JSONL input as binary lines: each line is decoded on its own (see pipeline.batch)."""
    if path == "-":
        yield sys.stdin.buffer
    else:
        from rasd.errors import UnreadableInput
        try:
            f = open(path, "rb")
        except FileNotFoundError:
            raise UnreadableInput("no such file", source=path) from None
        except IsADirectoryError:
            raise UnreadableInput("is a directory, not a file", source=path) from None
        with f:
            yield f


def _count_lines(path: str) -> Optional[int]:
    if path == "-":
        return None
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def _run_batch(pipeline, input_path: str, output_path: str, workers: int, strict: bool, resume: bool = False) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rasd.pipeline.batch import run_jsonl

    if resume and output_path == "-":
        fail("--resume needs --output FILE (standard output cannot be resumed)", 2)
    done = _finished_lines(output_path) if resume else 0
    if done:
        err_console.print(f"rasd: resuming after {done:,} documents already in {output_path}", highlight=False)
    total = _count_lines(input_path)
    progress = Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]} docs/s"), TimeRemainingColumn(),
                        console=err_console, transient=True, disable=not err_console.is_terminal)
    with progress, _open_in(input_path) as src, _open_out(output_path, append=resume) as out:
        task = progress.add_task("analyse", total=total, rate="—")

        def on_progress(summary):
            elapsed = progress.tasks[0].elapsed or 0
            rate = f"{summary.documents / elapsed:,.1f}" if elapsed else "—"
            progress.update(task, completed=summary.documents, rate=rate)

        def write(line: str):
            out.write(line + "\n")

        summary = run_jsonl(src, write, pipeline=pipeline, workers=workers, source=input_path,
                            on_progress=on_progress, skip=done)
    err_console.print(f"rasd: {summary.documents:,} documents, {summary.words:,} words, {summary.errors:,} with errors",
                      highlight=False)
    for sample in summary.error_samples:
        err_console.print(f"  {sample}", highlight=False, soft_wrap=True)
    if strict and summary.errors:
        raise typer.Exit(EXIT_PARTIAL)


def _analyze_file(pipeline, path: str, published: Optional[str]):
    from rasd.ingest.decode import decode_bytes, read_text_file, DEFAULT_MAX_BYTES
    if path == "-":
        data = sys.stdin.buffer.read(DEFAULT_MAX_BYTES + 1)
        if len(data) > DEFAULT_MAX_BYTES:
            from rasd.errors import InputTooLarge
            raise InputTooLarge(f"more than {DEFAULT_MAX_BYTES / 1e6:.0f} MB on standard input", source="<stdin>")
        decoded = decode_bytes(data, "<stdin>")
    else:
        decoded = read_text_file(path)
    name = "<stdin>" if path == "-" else path
    ident = "stdin" if path == "-" else Path(path).stem
    return pipeline.analyze(decoded.text, published, id=ident,
                            provenance={"input": name, "encoding": decoded.encoding})


@app.command()
@reports_errors
def analyze(
    files: List[str] = typer.Argument(None, metavar="[FILE|-]...",
                                      help="Article text files (UTF-8 or Windows-1256), '-' for stdin, or .jsonl files."),
    as_json: bool = typer.Option(False, "--json", help="Print the analysed document(s) as JSON (SCHEMA.md)."),
    tokens: bool = typer.Option(False, "--tokens", help="With --json, include the token layer."),
    published: Optional[str] = typer.Option(None, "--published", "-p", metavar="YYYY-MM-DD",
                                            help="Publication date of a text file, for relative dates."),
    input_path: Optional[str] = typer.Option(None, "--input", "-i", help="Batch: JSONL input, one document per line ('-' = stdin)."),
    output_path: str = typer.Option("-", "--output", "-o", help="Batch: JSONL output ('-' = stdout)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Batch: worker processes."),
    strict: bool = typer.Option(False, "--strict", help="Batch: exit with code 4 when any line had an error."),
    resume: bool = typer.Option(False, "--resume", help="Batch: keep the complete lines of an existing --output "
                                "(a killed run) and analyse only the records after them."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="TOML file overriding the packaged defaults."),
):
    """Analyse articles: print a readable summary, the JSON document, or run the JSONL batch contract."""
    pipeline = _pipeline(config)
    if input_path is not None:
        if files:
            fail("give either FILE arguments or --input, not both", 2)
        _run_batch(pipeline, input_path, output_path, workers, strict, resume)
        return
    if not files:
        fail("nothing to analyse: give a FILE, '-' for stdin, or --input X.jsonl", 2)
    from rasd.cli.render import print_document
    from rasd.model.serialize import to_json
    console = Console()
    for path in files:
        if path.endswith(".jsonl"):
            docs = _analyze_jsonl_file(pipeline, path)
        else:
            docs = [_analyze_file(pipeline, path, published)]
        for doc in docs:
            if as_json:
                typer.echo(to_json(doc, tokens=tokens, indent=None if len(files) > 1 or path.endswith(".jsonl") else 1))
            else:
                print_document(console, doc)


def _analyze_jsonl_file(pipeline, path: str):
    """Documents of a JSONL file for the readable view; a bad line stops with its error (use --input to go on)."""
    from rasd.pipeline.batch import document_of, parse_record
    with _open_in(path) as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            yield document_of(pipeline, parse_record(line, where), where)


@app.command()
@reports_errors
def components(config: Optional[Path] = typer.Option(None, "--config", "-c", help="TOML config file.")):
    """List the pipeline components: what each requires and provides, and which run by default."""
    from rich.table import Table
    from rasd.pipeline.config import Config
    from rasd.pipeline.registry import registered
    active = Config.load(config).get("pipeline", "components", default=[])
    table = Table("component", "requires", "provides", "default", "description")
    for name, spec in registered().items():
        table.add_row(name, ", ".join(spec.requires) or "—", ", ".join(spec.provides), "yes" if name in active else "",
                      spec.description)
    Console().print(table)


train_app = typer.Typer(no_args_is_help=True, help="Train the models that ship in the package.")
eval_app = typer.Typer(no_args_is_help=True, help="Score rasd against gold data.")
app.add_typer(train_app, name="train")
app.add_typer(eval_app, name="eval")


def _existing(path: str, what: str) -> str:
    from rasd.errors import UnreadableInput
    if not Path(path).exists():
        raise UnreadableInput(f"no such {what}", source=path)
    return path


@train_app.command("ner")
@reports_errors
def train_ner(
    train_path: str = typer.Argument(..., metavar="TRAIN", help="CoNLL file ('token TAG' lines), e.g. ANERcorp train.txt."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the CRF model file."),
    dev_fraction: float = typer.Option(0.1, "--dev-fraction", min=0.0, max=0.5,
                                       help="Part of TRAIN held out to report a dev score before the final refit."),
    seed: int = typer.Option(13, "--seed", help="Random seed (training is deterministic for a given seed)."),
    autolex_articles: int = typer.Option(5000, "--autolex-articles", min=0, help="SaudiNewsNet articles (from "
                                         "../shared or $RASD_SHARED) tagged by a first CRF to build the auto-lexicon "
                                         "features of the final one; 0 trains a plain one-stage CRF."),
):
    """Train the named-entity model (CRF) and write it to --output; prints the dev-split scores as JSON."""
    import json
    from rasd.ner.train import train
    report = train(_existing(train_path, "training file"), output, dev_fraction=dev_fraction, seed=seed,
                   autolex_articles=autolex_articles)
    typer.echo(json.dumps(report, ensure_ascii=False, indent=1, default=str))


@eval_app.command("ner")
@reports_errors
def eval_ner(
    gold: str = typer.Argument(..., metavar="GOLD", help="CoNLL file or folder of .txt files with gold NER tags."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="A model file (default: the packaged model)."),
    as_json: bool = typer.Option(False, "--json", help="Print every score as JSON."),
):
    """Score the NER model on GOLD exactly as ../shared/eval/score.py ner does (per-label and micro P/R/F1)."""
    import json
    from rasd.ner.evaluate import evaluate
    scores = evaluate(_existing(gold, "gold file or folder"), model)
    if as_json:
        typer.echo(json.dumps(scores, ensure_ascii=False, indent=1))
        return
    from rich.table import Table
    table = Table("label", "precision", "recall", "F1", "tp", "fp", "fn", title=f"NER on {gold}")
    for label in ("PER", "LOC", "ORG", "MISC", "micro", "micro_PER_LOC_ORG"):
        if label in scores:
            row = scores[label]
            table.add_row(label, f"{row['precision']:.4f}", f"{row['recall']:.4f}", f"{row['f1']:.4f}",
                          str(row["tp"]), str(row["fp"]), str(row["fn"]))
    Console().print(table)


def _register_store_commands() -> None:
    from rasd.cli import batch_command, events_command, store_commands  # each in its own module
    store_commands.register(app)
    events_command.register(app)
    batch_command.register(app)


_register_store_commands()


def _register_serve_command() -> None:
    from rasd.cli import serve_command  # rasd serve: the API and the dashboard
    serve_command.register(app)


_register_serve_command()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
