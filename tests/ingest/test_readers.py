"""Readers: each format from team-written fixtures, and hostile inputs that must fail alone and clearly."""
from __future__ import annotations

import gzip

import pytest

from rasd.errors import UnreadableInput
from rasd.ingest.items import Failure, IngestItem
from rasd.ingest.readers import ReadOptions, expand_paths, read_paths

from ingest_fixtures import (ARTICLES, ATOM, RSS, SCRIPT_ONLY, XML_BOMB, XXE, page, write_gz, write_jsonl, write_warc,
                       write_zip)

pytest.importorskip("trafilatura")
pytest.importorskip("feedparser")


def read(*paths, **options):
    out = list(read_paths(expand_paths([str(p) for p in paths]), ReadOptions(**options)))
    return [x for x in out if isinstance(x, IngestItem)], [x for x in out if isinstance(x, Failure)]


def test_txt_title_is_a_short_first_line(tmp_path):
    (tmp_path / "a.txt").write_text("عنوان قصير\n" + ARTICLES[0], encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLES[1], encoding="utf-8")  # one line: no title
    items, failures = read(tmp_path / "a.txt", tmp_path / "b.txt")
    assert not failures
    assert [i.title for i in items] == ["عنوان قصير", None]
    assert items[0].text.startswith("عنوان قصير\n")  # the text stays whole: offsets refer to the file
    assert items[0].provenance == {"input": str(tmp_path / "a.txt"), "encoding": "utf-8", "reader": "txt"}


def test_windows_1256_text_and_page(tmp_path):
    (tmp_path / "ar.txt").write_bytes(ARTICLES[2].encode("cp1256"))
    html = page(2).replace('charset="utf-8"', 'charset="windows-1256"')
    (tmp_path / "ar.html").write_bytes(html.encode("cp1256"))
    (tmp_path / "nodecl.html").write_bytes(html.replace(' charset="windows-1256"', "").encode("cp1256"))
    items, failures = read(tmp_path)
    assert not failures
    assert len(items) == 3
    for item in items:
        assert "الخرطوم" in item.text
        assert item.provenance["encoding"] in ("cp1256", "windows-1256")


def test_html_main_text_and_metadata(tmp_path):
    (tmp_path / "p.html").write_text(page(0, url="https://site.example.com/iraq"), encoding="utf-8")
    [item], failures = read(tmp_path / "p.html")
    assert not failures
    assert "عشرين متظاهرا" in item.text
    assert "لا يجب أن يظهر" not in item.text and "الرئيسية" not in item.text
    assert item.title == "خبر رقم 0"
    assert item.published == "2022-01-13"
    assert item.url == "https://site.example.com/iraq"
    assert item.provenance["reader"] == "html"


def test_rss_items(tmp_path):
    (tmp_path / "news.rss").write_text(RSS.format(a=ARTICLES[0], b=ARTICLES[1]), encoding="utf-8")
    items, failures = read(tmp_path / "news.rss")
    assert not failures
    assert [i.published for i in items] == ["2022-01-13", "2022-01-14"]
    assert [i.url for i in items] == ["https://news.example.org/1", "https://news.example.org/2"]
    assert items[0].text == ARTICLES[0]
    assert "<p>" not in items[0].text
    assert items[0].source == "أخبار الفريق"
    assert [i.provenance["entry"] for i in items] == [1, 2]


def test_atom_entry_drops_scripts(tmp_path):
    (tmp_path / "feed.atom").write_text(ATOM.format(a=ARTICLES[3]), encoding="utf-8")
    [item], failures = read(tmp_path / "feed.atom")
    assert not failures
    assert item.text == ARTICLES[3]
    assert item.author == "محرر" and item.published == "2022-02-01"


def test_jsonl_lines_and_bad_line(tmp_path):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [{"id": "a", "text": ARTICLES[0], "published": "2022-01-13", "source": "وكالة"},
                       {"id": "b"}])
    with path.open("a") as f:
        f.write("{not json\n")
    items, failures = read(path)
    assert [(i.id, i.source, i.provenance["line"]) for i in items] == [("a", "وكالة", 1)]
    assert [str(f).split(": ")[0] for f in failures] == [f"{path}:2", f"{path}:3"]
    assert "missing \"text\"" in str(failures[0]) and "not JSON" in str(failures[1])


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses(tmp_path, name):
    path = tmp_path / name
    write_warc(path, [("https://site.example.com/1", page(0)), ("https://site.example.com/2", page(1))])
    items, failures = read(path)
    assert not failures
    assert [i.url for i in items] == ["https://site.example.com/a"] * 2  # the canonical link wins
    records = [i.provenance["record"] for i in items]
    assert len(set(records)) == 2 and all(isinstance(r, int) for r in records)
    assert all(i.provenance["reader"] == "warc" for i in items)


def test_zip_members_each_read_and_bad_member_fails_alone(tmp_path):
    path = tmp_path / "batch.zip"
    write_zip(path, {"a.txt": ARTICLES[0].encode(), "sub/b.html": page(1).encode(),
                     "c.txt": b"\x00\x01\x02binary\x00" * 20, "d.rss": RSS.format(a=ARTICLES[2], b=ARTICLES[3]).encode()})
    items, failures = read(path)
    assert sorted(i.provenance["member"] for i in items) == ["a.txt", "d.rss", "d.rss", "sub/b.html"]
    assert [str(f) for f in failures] == [f"{path}!c.txt: [R013] the input is binary data, not text"]


def test_gz_single_file_and_truncated(tmp_path):
    write_gz(tmp_path / "a.txt.gz", ARTICLES[1].encode())
    data = gzip.compress(ARTICLES[2].encode() * 50)
    (tmp_path / "broken.txt.gz").write_bytes(data[: len(data) // 2])
    items, failures = read(tmp_path / "a.txt.gz", tmp_path / "broken.txt.gz")
    assert [i.text for i in items] == [ARTICLES[1]]
    assert items[0].provenance["compression"] == "gzip"
    assert len(failures) == 1 and "truncated gzip" in str(failures[0]) and "broken.txt.gz" in str(failures[0])


@pytest.mark.parametrize("content, fragment", [
    (XML_BOMB, "entity expansion"),
    (XXE, "XXE"),
    ("<rss version='2.0'><channel><item><title>x</title>", "malformed feed"),
])
def test_hostile_and_malformed_feeds_are_refused(tmp_path, content, fragment):
    (tmp_path / "evil.xml").write_text(content, encoding="utf-8")
    items, failures = read(tmp_path / "evil.xml")
    assert items == []
    assert len(failures) == 1 and fragment in str(failures[0])
    assert "root:" not in str(failures[0])  # nothing of /etc/passwd leaks into a message


@pytest.mark.parametrize("name, data, fragment", [
    ("empty.txt", b"", "[R011]"),
    ("blank.txt", b"  \n\n ", "[R011]"),
    ("bin.txt", bytes(range(256)) * 4, "[R013]"),
    ("scripts.html", SCRIPT_ONLY.encode(), "no article text"),
    ("latin1.txt", "caf\xe9 cr\xe8me br\xfbl\xe9e".encode("latin-1"), "[R012]"),
])
def test_bad_single_inputs(tmp_path, name, data, fragment):
    (tmp_path / name).write_bytes(data)
    items, failures = read(tmp_path / name)
    assert items == [] and len(failures) == 1
    assert fragment in str(failures[0]) and name in str(failures[0])


def test_size_limit_refuses_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_text(ARTICLES[0] * 40, encoding="utf-8")
    from pathlib import Path
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file above the limit"))
    items, failures = read(big, max_bytes=1000)
    assert items == [] and len(failures) == 1
    assert "big.txt" in str(failures[0]) and "(--max-bytes)" in str(failures[0])


def test_gzip_bomb_is_limited_by_decompressed_size(tmp_path):
    write_gz(tmp_path / "bomb.txt.gz", b"a" * 200_000)
    items, failures = read(tmp_path / "bomb.txt.gz", max_bytes=10_000)
    assert items == [] and "decompresses to more than" in str(failures[0])


def test_paths_directories_globs_and_missing(tmp_path):
    (tmp_path / "d" / "e").mkdir(parents=True)
    (tmp_path / "d" / "x.txt").write_text(ARTICLES[0], encoding="utf-8")
    (tmp_path / "d" / "e" / "y.html").write_text(page(1), encoding="utf-8")
    (tmp_path / "d" / "e" / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "d" / ".hidden.txt").write_text("x", encoding="utf-8")
    assert [p.name for p in expand_paths([str(tmp_path / "d")])] == ["y.html", "x.txt"]
    assert [p.name for p in expand_paths([str(tmp_path / "d" / "**" / "*.html")])] == ["y.html"]
    with pytest.raises(UnreadableInput, match="no such file"):
        expand_paths([str(tmp_path / "nope.txt")])
    with pytest.raises(UnreadableInput, match="matches no file"):
        expand_paths([str(tmp_path / "*.warc")])
