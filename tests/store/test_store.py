"""The store without the pipeline: migrations, one-transaction writes, stats, search normalisation and filters."""
from __future__ import annotations

import sqlite3

import pytest

from rasd.store import Store, content_hash
from rasd.store.db import StoreError, migrations
from rasd.store.search import SearchFilters, match_expression


def analysed(text, *, id="d", published=None, source=None, title=None, events=()):
    return {"id": id, "text": text, "published": published, "source": source, "title": title, "url": None,
            "entities": [], "events": list(events), "error": None}


def event(type_, country=None, start=0, end=4, text=""):
    return {"id": "e1", "type": type_, "mode": None, "contexts": [], "trigger": {"start": start, "end": end, "text": text},
            "sentence": {"start": 0, "end": end}, "actor": {"start": None, "end": None, "text": None, "country": country,
                                                          "sector": "COP", "kb_id": None, "name_en": None},
            "recipient": None, "location": None, "date": {"iso": "2022-01-12", "precision": "day", "start": None,
                                                          "end": None, "text": None},
            "counts": {"arrested": 20}, "attribution": None, "status": "occurred", "negated": False,
            "historical": False, "confidence": 0.8, "evidence": []}


@pytest.fixture()
def store(tmp_path):
    with Store.open(tmp_path / "t.db") as s:
        yield s


def test_migrations_are_recorded_once_and_wal_is_on(tmp_path):
    path = tmp_path / "m.db"
    Store.open(path).close()
    Store.open(path).close()
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT version FROM schema_migrations")] == [v for v, _, _ in migrations()]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_or_foreign_databases_are_refused(tmp_path):
    path = tmp_path / "m.db"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    with pytest.raises(StoreError, match="newer rasd"):
        Store.open(path)
    (tmp_path / "junk.db").write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a usable rasd database"):
        Store.open(tmp_path / "junk.db")


def test_content_hash_ignores_layout_not_spelling():
    assert content_hash("قال  الوزير\nأمس") == content_hash(" قال الوزير أمس ")
    assert content_hash("قال الوزير أمس") != content_hash("قال الوزير امس")


def test_one_transaction_per_document(store):
    bad = analysed("نص فيه حدث", events=[{"type": "COERCE"}])  # an event without its fields: the write fails
    bad["events"][0] = None
    with pytest.raises(Exception):
        store.add_document(bad, provenance={"input": "x"})
    assert store.stats()["documents"] == 0  # nothing partial: no document row without its events
    assert store.add_document(analysed("نص فيه حدث"), provenance={"input": "x"}) is not None


def test_stats_counts_by_type_and_source(store):
    store.add_document(analysed("اعتقلت الشرطة متظاهرين", id="a", source="وكالة", events=[event("COERCE", "IRQ")]),
                       provenance={})
    store.add_document(analysed("تظاهر الطلاب", id="b", source="وكالة", events=[event("PROTEST", "SDN")]),
                       provenance={})
    store.add_document(analysed("خبر بلا مصدر", id="c"), provenance={})
    assert store.add_document(analysed("خبر بلا مصدر", id="c2"), provenance={}) is None
    stats = store.stats()
    assert (stats["documents"], stats["events"]) == (3, 2)
    assert stats["events_by_type"] == {"COERCE": 1, "PROTEST": 1}
    assert stats["by_source"] == {"وكالة": {"documents": 2, "events": 2}, "(none)": {"documents": 1, "events": 0}}
    row = store.conn.execute("SELECT actor_country, actor_sector, date_iso, counts FROM events WHERE type='COERCE'").fetchone()
    assert tuple(row) == ("IRQ", "COP", "2022-01-12", '{"arrested": 20}')


@pytest.mark.parametrize("stored, query", [
    ("أعلن الرئيس إنشاء مدرسة", "اعلن"),            # hamza on alef
    ("اعلن الرئيس", "أعلن"),                         # and the other way round
    ("افتتح الوزير مدرسة جديدة", "مدرسه"),           # ta marbuta
    ("بنى المستشفى الجديد", "مستشفي"),               # alef maqsura
    ("قُتِلَ ثلاثةٌ في الهجوم", "قتل"),              # diacritics in the text
    ("قتل ثلاثة", "قُتِلَ"),                         # and in the query
    ("اجتماع طـــارئ للمجلس", "طارئ"),               # tatweel
    ("استمر الاعتقال أياما", "اعتقال"),              # article
    ("ونددوا بالاعتقال والاحتجاز", "اعتقال"),        # preposition + article
    ("دعوا إلى وقف الاعتقالات وللاعتقال التعسفي", "اعتقال"),
    ("شهدت المدينة اعتقال عشرة", "والاعتقال"),       # clitics in the query find the bare word
    ("زار مدينتهم أمس", "مدينة"),                    # enclitic pronoun
])
def test_search_normalisation(store, stored, query):
    store.add_document(analysed(stored), provenance={})
    store.add_document(analysed("نص آخر لا علاقة له بالموضوع", id="other"), provenance={})
    hits = store.search(query)
    assert [h.snippet for h in hits] == [stored]


def test_search_does_not_overmatch(store):
    store.add_document(analysed("اعتقلت الشرطة رجلا"), provenance={})
    assert store.search("اعتقال") == []
    assert store.search("الشرطة رجل امرأة") == []  # every query word must occur


def test_search_filters(store):
    store.add_document(analysed("اعتقال في بغداد", id="a", published="2022-01-10", source="س1",
                                events=[event("COERCE", "IRQ")]), provenance={})
    store.add_document(analysed("اعتقال في الخرطوم", id="b", published="2022-03-01", source="س2",
                                events=[event("PROTEST", "SDN")]), provenance={})
    ids = lambda **f: [h.doc_id for h in store.search("اعتقال", SearchFilters(**f))]  # noqa: E731
    assert sorted(ids()) == ["a", "b"]
    assert ids(event_type="coerce") == ["a"]
    assert ids(country="sdn") == ["b"]
    assert ids(since="2022-02-01") == ["b"]
    assert ids(until="2022-01-31") == ["a"]
    assert ids(source="س1") == ["a"]
    assert ids(event_type="PROTEST", country="IRQ") == []


@pytest.mark.parametrize("query", ['"; DROP TABLE documents; --', "a OR b NOT c*", "NEAR(", "' OR 1=1 --", "))) ((("])
def test_hostile_queries_are_plain_words(store, query):
    store.add_document(analysed("نص عادي"), provenance={})
    store.search(query)  # no FTS syntax error, no SQL
    assert store.stats()["documents"] == 1


def test_match_expression_quotes_every_term():
    assert match_expression("والاعتقال") == '("والاعتقال" OR "اعتقال")'
    assert match_expression('x"y') == '"x" AND "y"'
    assert match_expression("، . !") is None


def test_snippet_maps_back_to_the_original_text(store):
    long = "مقدمة طويلة " * 40 + "ثم أعلنت الحكومةُ الاعتقالَ الفوري للمشتبه بهم" + " خاتمة" * 40
    store.add_document(analysed(long), provenance={})
    [hit] = store.search("اعتقال")
    assert "الاعتقالَ" in hit.snippet and hit.snippet.startswith("…") and hit.snippet.endswith("…")
