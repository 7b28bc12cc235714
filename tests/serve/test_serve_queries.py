"""rasd.store.queries without the server (the day fallback, query errors) and the cheap search snippet."""
from __future__ import annotations

import pytest

from rasd.store import Store, queries
from rasd.store.search import normalised_snippet, snippet


@pytest.mark.parametrize("text,terms", [
    ("قال مسؤول في الرِّيـــاض إن الاجتماع انتهى", ["الرياض"]),          # diacritics and tatweel inside
    ("وصل الوفد إلى القاهرة ثم إلى الإسكندرية", ["الاسكندريه", "القاهره"]),  # hamza and ta marbuta folded
    ("ذكرت مصادر أن " * 40 + "المستشفى استقبل الجرحى", ["المستشفي"]),     # far from the start: both ellipses
    ("لا شيء هنا يطابق", ["غائب"]),                                       # no match: the text's beginning
])
def test_snippet_equals_the_normalising_reference(text, terms):
    assert snippet(text, terms) == normalised_snippet(text, terms)


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
