"""rasd.store.queries without the server: the search it serves equals `rasd search`, snippets, the day fallback."""
from __future__ import annotations

import pytest

from rasd.store import Store, queries
from rasd.store.search import SearchFilters, search, snippet


@pytest.mark.parametrize("query", ["الكهرباء", "بالكهرباء", "غزة", "السودانية الحكومة", "اتفاقية", "العقوبات"])
def test_search_documents_returns_what_rasd_search_returns(serve_db, query):
    with Store.open(serve_db, readonly=True) as store:
        expected = [hit.as_dict() for hit in search(store.conn, query, SearchFilters(), 20)]
        got = [hit.as_dict() for hit in queries.search_documents(store.conn, query, SearchFilters(), 20)]
        assert expected and got == expected
        only_agree = SearchFilters(event_type="AGREE")
        assert ([h.as_dict() for h in queries.search_documents(store.conn, query, only_agree)]
                == [h.as_dict() for h in search(store.conn, query, only_agree)])


@pytest.mark.parametrize("text,terms", [
    ("قال مسؤول في الرِّيـــاض إن الاجتماع انتهى", ["الرياض"]),          # diacritics and tatweel inside
    ("وصل الوفد إلى القاهرة ثم إلى الإسكندرية", ["الاسكندريه", "القاهره"]),  # hamza and ta marbuta folded
    ("ذكرت مصادر أن " * 40 + "المستشفى استقبل الجرحى", ["المستشفي"]),     # far from the start: both ellipses
    ("لا شيء هنا يطابق", ["غائب"]),                                       # no match: the text's beginning
])
def test_quick_snippet_equals_the_stores_snippet(text, terms):
    assert queries.quick_snippet(text, terms) == snippet(text, terms)


def test_event_day_falls_back_to_a_view_on_a_plain_connection(serve_db):
    with Store.open(serve_db, readonly=True) as store:
        page = queries.list_events(store.conn, queries.EventQuery(since="2024-03-16"), limit=500)
        assert page["total"] > 0 and all(e["day"] >= "2024-03-16" for e in page["items"])
        days = [e["day"] for e in queries.list_events(store.conn, limit=500)["items"]]
        assert days == sorted(days, reverse=True)
        assert queries.stats(store.conn)["events"] == queries.list_events(store.conn)["total"]


def test_unknown_sort_and_inverted_bbox_are_query_errors(serve_db):
    with Store.open(serve_db, readonly=True) as store:
        with pytest.raises(queries.QueryError):
            queries.list_events(store.conn, sort="type; DROP TABLE events")
        with pytest.raises(queries.QueryError):
            queries.list_events(store.conn, queries.EventQuery(bbox=(10, 0, 5, 5)))
