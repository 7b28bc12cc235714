"""From command-line paths to articles: expand, open containers, detect the format, read.

Design choices:
- Paths: a file, a directory (walked recursively; only files with a known extension are taken, so a
  folder of pages and images ingests the pages), or a glob ("news/**/*.html"). A path that does not
  exist and matches nothing is an argument error (exit 2), raised before anything is read.
- Containers are opened one member at a time: a .zip gives each member to the same dispatcher (a bad
  member is one failure, the others go on; nested zips are not opened), a .gz is decompressed with a
  limit on the decompressed size (a gzip bomb or a truncated stream is a failure of that input),
  WARC files are streamed record by record by warcio.
- Size limits come before reading: a file larger than `max_bytes` is refused from its stat() size,
  a zip member from its declared size (and its actual size while reading). JSONL and WARC files are
  streams of documents and are not limited as a whole; each line/record is.
- Format: from the extension, else sniffed from the first bytes (HTML, RSS/Atom, JSONL, plain text).
- http(s) URLs are fetched by rasd.ingest.fetch (public addresses, timeouts, size and redirect limits)
  and read by the response's content type: a page like an .html file, a feed like an .rss file.
- Every reader is a generator of IngestItem or Failure; an exception escaping a reader is a failure
  of the whole input (nothing of it that was not yet yielded is stored).
"""
from __future__ import annotations

import glob
import gzip
import io
import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from rasd.errors import InputError, InputTooLarge, RasdError, UnreadableInput, require_extra
from rasd.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from rasd.ingest.feeds import read_feed
from rasd.ingest.fetch import DEFAULT_TIMEOUT, FetchOptions, fetch, is_url
from rasd.ingest.html import decode_html, extract_page
from rasd.ingest.items import Failure, IngestItem, where_of

FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html", ".rss": "feed",
           ".atom": "feed", ".xml": "feed", ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".zip": "zip",
           ".gz": "gz"}
TITLE_MAX_CHARS = 150


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    source: str | None = None  # overrides every item's source
    allow_private: bool = False  # URLs: also fetch from loopback and private addresses
    timeout: float = DEFAULT_TIMEOUT  # URLs: seconds for the connection and each read


def expand_inputs(args: Iterable[str]) -> list[Path | str]:
    """Like expand_paths, keeping http(s) URLs (as strings) in their place among the files."""
    out: list[Path | str] = []
    for raw in args:
        if is_url(raw):
            out.append(raw)
        else:
            out.extend(expand_paths([raw]))
    return list(dict.fromkeys(out))


def read_inputs(inputs: Iterable[Path | str], options: ReadOptions = ReadOptions()) -> Iterator[IngestItem | Failure]:
    """Items of files and URLs (from expand_inputs), in order; a failure of one input is one Failure."""
    for entry in inputs:
        if isinstance(entry, str) and is_url(entry):
            yield from _guarded(read_url(entry, options), {"input": entry})
        else:
            yield from _guarded(read_file(Path(entry), options), {"input": str(entry)})


_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
               "application/x-rss+xml", "application/feed+json"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}


def read_url(url: str, options: ReadOptions = ReadOptions()) -> Iterator[IngestItem | Failure]:
    """Fetch a page or a feed (rasd.ingest.fetch: public addresses only unless allow_private) and read it
    by its content type (sniffed when the server says nothing useful). A feed gives its items' own text;
    the items' links are not fetched."""
    fetched = fetch(url, FetchOptions(timeout=options.timeout, max_bytes=options.max_bytes,
                                      allow_private=options.allow_private))
    provenance = {"input": url, "fetched_url": fetched.url, "content_type": fetched.content_type or None}
    if fetched.redirects:
        provenance["redirects"] = list(fetched.redirects)
    kind = ("html" if fetched.content_type in _HTML_TYPES else "feed" if fetched.content_type in _FEED_TYPES
            else None)
    if kind is None:
        kind = sniff(fetched.data)
        if kind == "txt" and fetched.content_type and not fetched.content_type.startswith("text/"):
            raise InputError(f"unsupported content type {fetched.content_type} (not a page, a feed or text)",
                             source=url)
    if kind == "feed":
        yield from read_feed(fetched.data, provenance)
    elif kind == "html":
        yield _html_item(fetched.data, provenance, options, url=fetched.url)
    elif kind == "txt":
        item = _text_item(fetched.data, provenance, options)
        item.url = fetched.url
        yield item
    else:
        yield from read_bytes(fetched.data, urlsplit(fetched.url).path.rsplit("/", 1)[-1] or "page", provenance,
                              options)


def expand_paths(paths: Iterable[str]) -> list[Path]:
    """The files to ingest, in a stable order; UnreadableInput for a path that names nothing."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and _kind_from_name(p.name)
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.exists():
            files.append(path)
        elif glob.has_magic(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            if not matches:
                raise UnreadableInput("the pattern matches no file", source=raw)
            files.extend(matches)
        else:
            raise UnreadableInput("no such file or directory", source=raw)
    return list(dict.fromkeys(files))


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1_000_000 else f"{n:,} bytes"


def _kind_from_name(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    return FORMATS.get(os.path.splitext(lower)[1])


def sniff(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed"):
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
        return "html" if b"<html" in head else "feed"
    if head.startswith(b"<!doctype html") or head.startswith(b"<html") or b"<body" in head:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"warc/"):
        return "warc"
    return "txt"


def read_paths(files: Iterable[Path], options: ReadOptions = ReadOptions()) -> Iterator[IngestItem | Failure]:
    for path in files:
        yield from _guarded(read_file(path, options), {"input": str(path)})


def _guarded(items: Iterator, provenance: dict) -> Iterator[IngestItem | Failure]:
    """Turn an error escaping a reader into one failure line for that input."""
    try:
        for item in items:
            if isinstance(item, IngestItem) and not item.text.strip():
                yield Failure(where_of(item.provenance), "[R011] no text")
                continue
            yield item
    except RasdError as exc:
        yield Failure(exc.source or where_of(provenance), f"[{exc.code}] {exc.message}")
    except Exception as exc:  # a broken container (truncated WARC, bad zip entry) fails this input only
        yield Failure(where_of(provenance), f"[R016] unreadable: {type(exc).__name__}: {exc}")


def read_file(path: Path, options: ReadOptions) -> Iterator[IngestItem | Failure]:
    provenance = {"input": str(path)}
    kind = _kind_from_name(path.name)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableInput(f"cannot read ({exc.strerror})", source=str(path)) from None
    if kind == "warc":
        yield from read_warc(path.open("rb"), provenance, options)
        return
    if kind == "jsonl":
        with path.open("rb") as stream:
            yield from read_jsonl(stream, provenance, options)
        return
    if kind == "zip":
        yield from read_zip(path, provenance, options)
        return
    if size > options.max_bytes:
        raise InputTooLarge(f"the file is {_size(size)}, more than the limit of {_size(options.max_bytes)} "
                            "(--max-bytes)", source=str(path))
    data = path.read_bytes()
    yield from read_bytes(data, path.name, provenance, options)


def read_bytes(data: bytes, name: str, provenance: dict, options: ReadOptions) -> Iterator[IngestItem | Failure]:
    """Dispatch an in-memory input (a file, a zip member, a decompressed .gz) on its name or content."""
    kind = _kind_from_name(name)
    if kind == "gz" or (kind == "warc" and name.lower().endswith(".gz")):
        inner = _gunzip(data, where_of(provenance), options.max_bytes)
        yield from read_bytes(inner, name[:-3], {**provenance, "compression": "gzip"}, options)
        return
    kind = kind or sniff(data)
    if kind == "zip":
        raise InputError("a zip inside a container is not opened", source=where_of(provenance))
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), provenance, options)
    elif kind == "jsonl":
        yield from read_jsonl(io.BytesIO(data), provenance, options)
    elif kind == "feed":
        yield from read_feed(data, provenance)
    elif kind == "html":
        yield _html_item(data, provenance, options)
    else:
        yield _text_item(data, provenance, options)


def _gunzip(data: bytes, where: str, limit: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except EOFError:
        raise InputError("truncated gzip: the compressed stream ends early", source=where) from None
    except (OSError, zlib.error) as exc:
        raise InputError(f"not a valid gzip file ({exc})", source=where) from None
    if len(out) > limit:
        raise InputTooLarge(f"decompresses to more than the limit of {_size(limit)} (--max-bytes)", source=where)
    return out


def _text_item(data: bytes, provenance: dict, options: ReadOptions) -> IngestItem:
    decoded = decode_bytes(data, where_of(provenance))
    text = decoded.text
    first, _, rest = text.strip().partition("\n")
    title = first.strip() if rest.strip() and len(first.strip()) <= TITLE_MAX_CHARS else None
    return IngestItem(text=text, provenance={**provenance, "encoding": decoded.encoding, "reader": "txt"},
                      title=title)


def _html_item(data: bytes, provenance: dict, options: ReadOptions, url: str | None = None,
               published: str | None = None) -> IngestItem:
    where = where_of(provenance)
    decoded = decode_html(data, where)
    page = extract_page(decoded.text, where, url)
    source = page["sitename"] or (_host(page["url"]) if page["url"] else None)
    return IngestItem(text=page["text"], provenance={**provenance, "encoding": decoded.encoding, "reader": "html"},
                      published=page["published"] or published, title=page["title"], url=page["url"],
                      author=page["author"], source=source)


def _host(url: str) -> str | None:
    from urllib.parse import urlparse
    return urlparse(url).hostname


def read_jsonl(stream, provenance: dict, options: ReadOptions) -> Iterator[IngestItem | Failure]:
    from rasd.pipeline.batch import parse_record
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        line_provenance = {**provenance, "line": number, "reader": "jsonl", "encoding": "utf-8"}
        where = where_of(line_provenance)
        if len(line) > options.max_bytes:
            yield Failure(where, f"[R014] the line is larger than the limit of {_size(options.max_bytes)}")
            continue
        try:
            record = parse_record(line, where)
        except RasdError as exc:
            yield Failure(where, f"[{exc.code}] {exc.message}")
            continue
        known = {"id", "text", "published", "title", "url", "source", "author"}
        yield IngestItem(text=record["text"], provenance=line_provenance, id=record["id"],
                         published=record.get("published"), title=record.get("title"), url=record.get("url"),
                         author=record.get("author"), source=record.get("source"),
                         extra={k: v for k, v in record.items() if k not in known})


def read_zip(path: Path, provenance: dict, options: ReadOptions) -> Iterator[IngestItem | Failure]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError("not a valid zip file", source=str(path)) from None
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir() or Path(info.filename).name.startswith("."):
                continue
            member = {**provenance, "member": info.filename}
            where = where_of(member)
            if info.file_size > options.max_bytes:
                yield Failure(where, f"[R014] the member is {_size(info.file_size)}, more than the limit of "
                                     f"{_size(options.max_bytes)} (--max-bytes)")
                continue

            def member_items(info=info, member=member):
                with archive.open(info) as stream:
                    data = stream.read(options.max_bytes + 1)
                if len(data) > options.max_bytes:
                    raise InputTooLarge("the member is larger than it declares", source=where_of(member))
                yield from read_bytes(data, info.filename, member, options)

            yield from _guarded(member_items(), member)


def read_warc(stream, provenance: dict, options: ReadOptions) -> Iterator[IngestItem | Failure]:
    """HTML responses (and resources) of a WARC file, each extracted like a page."""
    warcio = require_extra("warcio.archiveiterator", "ingest")
    with stream:
        for number, record in enumerate(warcio.ArchiveIterator(stream), 1):
            if record.rec_type not in ("response", "resource"):
                continue
            if record.rec_type == "response":
                if not record.http_headers:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
            else:
                content_type = record.rec_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
            record_provenance = {**provenance, "record": number, "warc_date": date, "url": url}
            data = record.content_stream().read(options.max_bytes + 1)
            if len(data) > options.max_bytes:
                yield Failure(where_of(record_provenance), "[R014] the record is larger than --max-bytes")
                continue
            try:
                item = _html_item(data, record_provenance, options, url=url)
            except RasdError as exc:
                yield Failure(where_of(record_provenance), f"[{exc.code}] {exc.message}")
                continue
            item.provenance["reader"] = "warc"
            yield item
