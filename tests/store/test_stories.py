"""Near-duplicate clusters and stories, through Store.add_document with hand-made analyses (no pipeline)."""
from __future__ import annotations

import json
import random
import sqlite3

import pytest

from rasd.store import Store
from rasd.store.dedup import DUPLICATE_SIMILARITY, band_hashes, shingles, signature, similarity
from rasd.store.stories import LINK_SCORE, Mention, anchor_day, evidence_keys, match_score

from story_fixtures import ATTACK_A, ATTACK_B, ATTACK_C, ENERGY, FLOOD_A, FLOOD_B

pytest.importorskip("datasketch")

ADEN = {"start": None, "end": None, "text": "عدن", "country": "YEM", "place": "Aden", "admin1": None, "lat": 12.78,
        "lon": 45.04, "precision": "city"}
SANAA = {**ADEN, "text": "صنعاء", "place": "Sanaa", "lat": 15.35, "lon": 44.2}
RIYADH = {**ADEN, "text": "الرياض", "country": "SAU", "place": "Riyadh"}


def doc(text, *, id, published="2022-01-13", source=None, events=()):
    return {"id": id, "text": text, "published": published, "source": source, "title": None, "url": None,
            "entities": [], "actors": [], "events": list(events), "error": None}


def event(type_="ASSAULT", *, key="e1", location=ADEN, day="2022-01-13", dead=None, actor=None, negated=False):
    counts = {} if dead is None else {"dead": dead}
    date = {"iso": day, "precision": "day" if day and len(day) == 10 else "month", "start": None, "end": None,
            "text": None} if day else None
    return {"id": key, "type": type_, "mode": None, "contexts": [], "trigger": {"start": 0, "end": 3, "text": "x"},
            "sentence": {"start": 0, "end": 10}, "actor": actor, "recipient": None, "location": location,
            "date": date, "counts": counts, "attribution": None, "status": "occurred", "negated": negated,
            "historical": False, "confidence": 0.8, "evidence": []}


def add(store, analysed):
    return store.add_document(analysed, provenance={"input": "test"})


def story_of(store, document_id):
    return store.conn.execute("SELECT story_id FROM events WHERE document_id = ? ORDER BY id", (document_id,)
                              ).fetchone()[0]


def story(store, story_id) -> dict:
    row = store.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    out = dict(row)
    for key in ("counts", "dates", "conflicts"):
        out[key] = json.loads(out[key])
    return out


@pytest.fixture()
def store(tmp_path):
    with Store.open(tmp_path / "s.db") as s:
        yield s


# -- signatures --------------------------------------------------------------------------------------
def test_shingles_fold_spelling_and_signatures_are_stable():
    assert shingles("أعلنت الوزارة اليوم") == shingles("اعلنت الوزاره اليوم") == ["اعلنت الوزاره اليوم".encode()]
    assert shingles("...!") == [] and signature("...!") is None
    assert signature(FLOOD_A) == signature(FLOOD_A)  # fixed seed and scheme: the same in every process
    assert len(band_hashes(signature(FLOOD_A))) == 32


def test_republished_story_is_similar_and_another_story_is_not():
    assert similarity(signature(FLOOD_A), signature(FLOOD_B)) >= DUPLICATE_SIMILARITY
    assert similarity(signature(FLOOD_A), signature(ENERGY)) < 0.2
    assert similarity(signature(ATTACK_A), signature(ATTACK_B)) < DUPLICATE_SIMILARITY


# -- clusters ----------------------------------------------------------------------------------------
def test_near_duplicates_share_a_cluster_and_other_stories_stay_apart(store):
    a = add(store, doc(FLOOD_A, id="a", source="صحيفة أ"))
    c = add(store, doc(ENERGY, id="c", source="صحيفة أ"))
    b = add(store, doc(FLOOD_B, id="b", source="صحيفة ب"))
    rows = {r["id"]: r for r in store.conn.execute("SELECT id, cluster_id, near_duplicate_of, similarity FROM documents")}
    assert rows[a]["cluster_id"] == a and rows[a]["near_duplicate_of"] is None
    assert rows[b]["cluster_id"] == a and rows[b]["near_duplicate_of"] == a and rows[b]["similarity"] >= 0.5
    assert rows[c]["cluster_id"] == c and rows[c]["near_duplicate_of"] is None
    stats = store.stats()
    assert stats["near_duplicates"] == {"documents": 1, "clusters": 1, "pending": 0}


def test_clusters_are_rebuilt_from_the_database_not_from_memory(tmp_path):
    path = tmp_path / "s.db"
    with Store.open(path) as first:
        a = add(first, doc(FLOOD_A, id="a"))
    with Store.open(path) as second:  # a later run: a new process would know only the file
        b = add(second, doc(FLOOD_B, id="b"))
        assert second.conn.execute("SELECT cluster_id FROM documents WHERE id = ?", (b,)).fetchone()[0] == a


# -- stories -----------------------------------------------------------------------------------------
def test_reports_of_one_attack_form_one_story_with_conflicting_tolls_kept(store):
    a = add(store, doc(ATTACK_A, id="a", source="وكالة أ", events=[event(dead=5)]))
    b = add(store, doc(ATTACK_B, id="b", source="وكالة ب", events=[event(dead=7)]))
    c = add(store, doc(ATTACK_C, id="c", source="وكالة ب", events=[event(location=SANAA, dead=3)]))
    assert story_of(store, a) == story_of(store, b) != story_of(store, c)
    joined = story(store, story_of(store, a))
    assert (joined["num_events"], joined["num_articles"], joined["num_sources"]) == (2, 2, 2)
    assert joined["counts"] == {"dead": [{"value": 5, "documents": ["a"]}, {"value": 7, "documents": ["b"]}]}
    assert joined["conflicts"] == ["dead"]
    assert joined["dates"] == [{"value": "2022-01-13", "documents": ["a", "b"]}]
    assert (joined["place"], joined["location_country"], joined["day"]) == ("Aden", "YEM", "2022-01-13")
    alone = story(store, story_of(store, c))
    assert (alone["num_articles"], alone["conflicts"]) == (1, [])
    stats = store.stats()["stories"]
    assert (stats["stories"], stats["multi_article"], stats["multi_source"], stats["with_conflicts"]) == (2, 1, 1, 1)


def test_dates_within_a_day_or_from_the_publication_window_link_and_disagreements_show(store):
    a = add(store, doc(ATTACK_A, id="a", events=[event(day="2022-01-13", dead=[5, 9])]))
    b = add(store, doc(ATTACK_B, id="b", published="2022-01-14", events=[event(day="2022-01-14", dead=6)]))
    # no event date: anchored on its publication day
    c = add(store, doc(ATTACK_A + " تحديث", id="c", published="2022-01-14", events=[event(day=None)]))
    late = add(store, doc(ATTACK_B + " لاحقا", id="late", published="2022-01-20", events=[event(day="2022-01-20")]))
    assert story_of(store, a) == story_of(store, b) == story_of(store, c) != story_of(store, late)
    joined = story(store, story_of(store, a))
    assert joined["conflicts"] == ["date"]  # 6 lies within [5, 9]: the counts agree
    assert [d["value"] for d in joined["dates"]] == ["2022-01-13", "2022-01-14"]
    assert (joined["date_min"], joined["date_max"], joined["num_articles"]) == ("2022-01-13", "2022-01-14", 3)


def test_same_type_and_day_alone_do_not_link(store):
    a = add(store, doc(ATTACK_A, id="a", events=[event("CONSULT", location=None)]))
    b = add(store, doc(ATTACK_B, id="b", events=[event("CONSULT", location=None)]))
    c = add(store, doc(ENERGY, id="c", events=[event("PROTEST")]))  # another type, same place and day
    d = add(store, doc(FLOOD_A, id="d", events=[event(negated=True)]))  # a denial is not the attack
    e = add(store, doc(FLOOD_B + " ب", id="e", events=[event(location=RIYADH)]))  # the same day elsewhere
    assert len({story_of(store, x) for x in (a, b, c, d, e)}) == 5


def mention(**kw):
    base = dict(id=1, document_id=1, type="CONSULT", negated=0, anchor="2022-01-13", place=None,
                location_country=None, actor_kb=None, actor_country=None, recipient_kb=None,
                recipient_country=None, cluster_id=None)
    return Mention(**{**base, **kw})


def test_evidence_scores_and_conflicts():
    king, guest = dict(actor_kb="person:x", actor_country="SAU"), dict(recipient_kb="person:y", recipient_country="USA")
    assert match_score(mention(**king, **guest), mention(document_id=2, **king, **guest)) == 2.0
    assert match_score(mention(**king), mention(document_id=2, **king)) == 1.0  # one busy actor is not enough
    assert match_score(mention(**king), mention(document_id=2, actor_kb="person:z", actor_country="SAU")) is None
    assert match_score(mention(actor_country="SAU"), mention(document_id=2, actor_country="QAT")) is None
    assert match_score(mention(cluster_id=7), mention(document_id=2, cluster_id=7)) == 3.0
    riyadh = dict(place="Riyadh", location_country="SAU")
    assert match_score(mention(type="ASSAULT", **riyadh), mention(document_id=2, type="ASSAULT", **riyadh)) == 2.5
    assert match_score(mention(**riyadh), mention(document_id=2, **riyadh)) == 1.0  # a meeting in a capital
    assert match_score(mention(**riyadh), mention(document_id=2, place="Jeddah", location_country="SAU")) is None


def test_every_pair_that_can_link_shares_an_evidence_key():
    """The index lookup (story_keys) must find every pair that match_score would link without a cluster."""
    rng = random.Random(5)
    pick = lambda *values: rng.choice(values)  # noqa: E731

    def random_mention(type_, document_id):
        return mention(type=type_, document_id=document_id, place=pick(None, "Aden", "Sanaa"),
                       location_country=pick(None, "YEM", "SAU"), actor_kb=pick(None, "org:a", "person:b"),
                       actor_country=pick(None, "YEM", "SAU"), recipient_kb=pick(None, "org:c", "person:d"),
                       recipient_country=pick(None, "YEM", "SAU"))
    linked = 0
    for _ in range(20_000):
        type_ = pick("ASSAULT", "CONSULT")
        a, b = random_mention(type_, 1), random_mention(type_, 2)
        score = match_score(a, b)
        if score is not None and score >= LINK_SCORE:
            linked += 1
            assert set(evidence_keys(a, "2022-01-13")) & set(evidence_keys(b, "2022-01-13")), (a, b, score)
    assert linked > 200


def test_anchor_days():
    assert anchor_day("2022-01-12", "2022-01-13", False) == "2022-01-12"
    assert anchor_day(None, "2022-01-13", False) == "2022-01-13"
    assert anchor_day("2022-01", "2022-01-13", False) == anchor_day("2022", "2022-01-13", False) == "2022-01-13"
    assert anchor_day("2021-11", "2022-01-13", False) is None  # dated another month: not this day's event
    assert anchor_day(None, "2022-01-13", True) is None and anchor_day(None, None, False) is None


def test_a_story_takes_no_mention_that_conflicts_with_any_of_its_members(store):
    group = {"start": None, "end": None, "text": "التنظيم", "country": None, "sector": "REB", "kb_id": "org:group",
             "name_en": None}
    a = add(store, doc(ATTACK_A, id="a", events=[event(location=None, actor=group)]))
    b = add(store, doc(ATTACK_B, id="b", events=[event(actor=group)]))  # Aden
    c = add(store, doc(ATTACK_C, id="c", events=[event(location=SANAA, actor=group)]))
    d = add(store, doc(ENERGY, id="d", events=[event(location=None, actor=group)]))
    # the group alone (1.0) links nothing; Aden's report does not pull Sanaa's in through a or d
    assert len({story_of(store, x) for x in (a, b, c, d)}) == 4
    e = add(store, doc(FLOOD_A, id="e", events=[event(actor=group)]))  # Aden again: joins b
    assert story_of(store, e) == story_of(store, b)


def test_a_mention_that_conflicts_with_one_member_is_vetoed_even_when_another_matches(store):
    group = {"start": None, "end": None, "text": "التنظيم", "country": None, "sector": "REB", "kb_id": "org:group",
             "name_en": None}
    x = add(store, doc(FLOOD_A, id="x", events=[event(actor=group)]))  # Aden
    y = add(store, doc(FLOOD_B, id="y", events=[event(location=None, actor=group)]))  # a copy of x without a place
    z = add(store, doc(FLOOD_B + " تحديث", id="z", events=[event(location=SANAA, actor=group)]))
    assert story_of(store, y) == story_of(store, x)
    assert story_of(store, z) != story_of(store, x)  # z matches y (same cluster) but contradicts x's Aden


def test_near_duplicate_articles_link_their_events_even_without_a_place(store):
    a = add(store, doc(FLOOD_A, id="a", source="صحيفة أ", events=[event("AID", location=None, dead=2)]))
    b = add(store, doc(FLOOD_B, id="b", source="صحيفة ب", events=[event("AID", location=None, dead=3)]))
    joined = story(store, story_of(store, a))
    assert story_of(store, b) == joined["id"] and (joined["num_articles"], joined["num_sources"]) == (2, 2)
    assert joined["conflicts"] == ["dead"]


def test_the_same_content_twice_changes_no_story(store):
    add(store, doc(ATTACK_A, id="a", events=[event(dead=5)]))
    add(store, doc(ATTACK_B, id="b", events=[event(dead=7)]))
    before = store.conn.execute("SELECT id, num_events, num_articles, counts FROM stories").fetchall()
    assert add(store, doc(ATTACK_B, id="b2", events=[event(dead=8)])) is None
    assert store.conn.execute("SELECT id, num_events, num_articles, counts FROM stories").fetchall() == before


def _stories(path):
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT type, day, first_event_id, num_events, num_articles, num_sources, counts, dates,"
                             " conflicts FROM stories ORDER BY id").fetchall(),
                conn.execute("SELECT id, cluster_id, near_duplicate_of FROM documents ORDER BY id").fetchall(),
                conn.execute("SELECT id, story_id FROM events ORDER BY id").fetchall())
    finally:
        conn.close()


def _all_docs():
    return [doc(FLOOD_A, id="f1", source="أ", events=[event("AID", location=None, dead=2)]),
            doc(ATTACK_A, id="a", source="أ", events=[event(dead=5), event("COERCE", key="e2")]),
            doc(FLOOD_B, id="f2", source="ب", events=[event("AID", location=None, dead=3)]),
            doc(ATTACK_B, id="b", source="ب", events=[event(dead=7)]),
            doc(ATTACK_C, id="c", source="ب", events=[event(location=SANAA)])]


def test_incremental_runs_give_what_one_run_gives(tmp_path):
    with Store.open(tmp_path / "one.db") as one:
        for analysed in _all_docs():
            add(one, analysed)
    for part in (_all_docs()[:2], _all_docs()[2:]):
        with Store.open(tmp_path / "two.db") as two:
            for analysed in part:
                add(two, analysed)
    assert _stories(tmp_path / "one.db") == _stories(tmp_path / "two.db")


def test_documents_stored_before_the_stories_migration_are_placed_on_the_next_write(tmp_path):
    path = tmp_path / "old.db"
    with Store.open(path) as s:
        for analysed in _all_docs():
            add(s, analysed)
    expected = _stories(path)
    with sqlite3.connect(path) as conn:  # what a store written before migration 2 looks like after it
        conn.execute("UPDATE documents SET cluster_id = NULL, near_duplicate_of = NULL, similarity = NULL")
        conn.execute("UPDATE events SET story_id = NULL")
        for table in ("stories", "story_keys", "minhash_bands", "document_signatures", "store_meta"):
            conn.execute(f"DELETE FROM {table}")
    with Store.open(path) as s:
        assert s.stats()["near_duplicates"]["pending"] == 5
        s.ready_for_writing()
        assert s.stats()["near_duplicates"]["pending"] == 0
    assert _stories(path) == expected


def test_without_datasketch_documents_wait_unclustered_and_are_placed_later(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    expected_path = tmp_path / "expected.db"
    with Store.open(expected_path) as s:
        for analysed in _all_docs():
            add(s, analysed)
    import rasd.store.repository as repository
    monkeypatch.setattr(repository, "dedup_available", lambda: False)
    with Store.open(path) as s:
        for analysed in _all_docs()[:3]:
            add(s, analysed)
        assert s.stats()["near_duplicates"]["pending"] == 3 and s.stats()["stories"]["stories"] == 0
    monkeypatch.undo()
    with Store.open(path) as s:
        for analysed in _all_docs()[3:]:
            add(s, analysed)
    assert _stories(path) == _stories(expected_path)


def test_a_batch_keeps_whole_documents_when_one_of_them_fails(tmp_path):
    path = tmp_path / "b.db"
    with Store.open(path) as s:
        s.begin_batch()
        a = add(s, doc(ATTACK_A, id="a", source="أ", events=[event(dead=5)]))
        assert add(s, doc(ATTACK_A, id="again", source="أ")) is None
        broken = doc(ATTACK_C, id="broken", source="مصدر جديد", events=[event(), {**event(key="e2"), "type": None}])
        with pytest.raises(sqlite3.IntegrityError):
            add(s, broken)
        # the failed document's new source row was undone with it: the next document of that source is fine
        b = add(s, doc(ATTACK_B, id="b", source="مصدر جديد", events=[event(dead=7)]))
        assert s.batch_size == 2
        with sqlite3.connect(path) as reader:  # nothing is visible before the commit
            assert reader.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
        assert s.commit_batch() == 2 and s.batch_size is None
    with Store.open(path, readonly=True) as s:
        assert [r[0] for r in s.conn.execute("SELECT doc_id FROM documents ORDER BY id")] == ["a", "b"]
        assert s.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2
        assert story_of(s, a) == story_of(s, b) and story(s, story_of(s, a))["num_sources"] == 2
        assert s.conn.execute("PRAGMA foreign_key_check").fetchall() == []
