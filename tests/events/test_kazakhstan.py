"""The typical article of the developers' brief (examples/articles.jsonl, id kaz-withdrawal) comes out right."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd import Pipeline
from rasd.model.serialize import to_dict

ARTICLE = Path(__file__).resolve().parents[2] / "examples/articles.jsonl"


@pytest.fixture(scope="module")
def events():
    art = json.loads(ARTICLE.read_text(encoding="utf-8").splitlines()[0])
    assert art["id"] == "kaz-withdrawal"
    doc = Pipeline().analyze(art["text"], art["published"], id=art["id"])
    return doc.text, to_dict(doc)["events"]


def one(evs, etype, trigger=None):
    hits = [e for e in evs if e["type"] == etype and (trigger is None or e["trigger"]["text"] == trigger)]
    assert hits, (etype, [(e["type"], e["trigger"]["text"]) for e in evs])
    return hits[0]


def test_withdrawal_by_russia_from_kazakhstan(events):
    _, evs = events
    e = one(evs, "RETREAT", "سحب")
    assert e["mode"] == "withdraw"
    assert e["actor"]["country"] == "RUS" and e["actor"]["text"] == "روسيا"
    assert e["counts"] == {"troops": [2001, None]}
    assert e["location"]["country"] == "KAZ" and e["location"]["text"] == "كازخستان"
    assert e["location"]["place"] == "Kazakhstan" and e["location"]["precision"] == "country"
    assert e["attribution"]["text"] == "مصادر إعلامية"
    assert e["recipient"] is None  # the 2,000 soldiers are Russia's own forces, moved, not acted on


def test_first_sentence_has_no_deployment_or_aid(events):
    text, evs = events
    first = text.index("\n")
    assert not [e for e in evs if e["type"] in ("MOBILIZE", "AID") and e["trigger"]["start"] < first]


def test_arrests_by_kazakh_authorities(events):
    _, evs = events
    e = one(evs, "COERCE")
    assert e["mode"] == "arrest" and e["status"] == "occurred"
    assert e["actor"]["country"] == "KAZ"
    assert e["counts"] == {"arrested": 1678}
    assert e["date"]["iso"] == "2022-01-12" and e["date"]["text"] == "امس"


def test_protest_that_broke_out_on_january_2(events):
    _, evs = events
    e = one(evs, "PROTEST")
    assert e["date"]["iso"] == "2022-01-02"
    assert not e["negated"]


def test_turkish_parliament_condemns(events):
    _, evs = events
    e = one(evs, "ACCUSE")
    assert (e["actor"]["country"], e["actor"]["sector"]) == ("TUR", "LEG")
    assert e["location"] is None or e["location"]["place"] != "Almaty"


def test_phone_call_turkey_russia(events):
    _, evs = events
    e = one(evs, "CONSULT")
    assert e["mode"] == "phone"
    assert (e["actor"]["country"], e["actor"]["sector"]) == ("TUR", "GOV")
    assert (e["recipient"]["country"], e["recipient"]["sector"]) == ("RUS", "GOV")


def test_attributions_and_boilerplate(events):
    text, evs = events
    sources = {e["attribution"]["text"] for e in evs if e["attribution"]}
    assert {"مصادر إعلامية", "وزارة الدفاع الروسية"} <= sources
    read_also = text.index("اقرأ أيضا")
    assert all(e["trigger"]["start"] < read_also for e in evs)  # "الحكومة تقدم استقالتها" is a read-also line
