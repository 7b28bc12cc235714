"""What the example articles must give, field by field: the facts the demo promises (the golden files pin
everything else)."""
import json

import pytest

from conftest import EXAMPLES

RECORDS = {r["id"]: r for r in map(json.loads, (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines())}


@pytest.fixture(scope="module")
def docs(pipeline):
    return {i: pipeline.analyze(r["text"], r["published"], id=i) for i, r in RECORDS.items()}


def dates(doc):
    return {doc.text_of(d): d.iso for d in doc.dates}


def counts(doc):
    return {doc.text_of(n): n.as_count() for n in doc.numbers}


def kinds(doc):
    return sorted({b.kind for b in doc.boilerplate})


def test_kazakhstan(docs):
    doc = docs["kaz-withdrawal"]
    assert dates(doc)["امس"] == "2022-01-12"
    assert any(iso == "2022-01-02" and text.startswith("الثاني من") for text, iso in dates(doc).items())
    assert counts(doc)["أكثر من 2000"] == (2001, None)
    assert counts(doc)["1678"] == 1678
    assert "2000" not in {d.iso for d in doc.dates} and "1678" not in {d.iso for d in doc.dates}
    assert kinds(doc) == ["hashtag", "read_also"]


def test_iraq(docs):
    doc = docs["iraq-protests"]
    assert "2019-10-03" in dates(doc).values()          # أمس الخميس, published on Friday
    assert counts(doc)["آلاف"] == (2000, 9999)
    assert counts(doc)["ثلاثة"] == 3
    assert counts(doc)["العشرات"] == (20, 99)
    assert counts(doc)["نحو 40"] == 40
    assert "source_credit" in kinds(doc)


def test_yemen_hijri_and_relative(docs):
    doc = docs["yemen-hijri"]
    found = dates(doc)
    assert any(iso == "2015-07-02" for iso in found.values())   # 15 رمضان 1436هـ
    assert found["قبل يومين"] == "2015-07-18"
    assert counts(doc)["أكثر من 3 آلاف"] == (3001, None)
    assert "share_prompt" in kinds(doc)


def test_tunisia_maghrebi_months(docs):
    doc = docs["tunisia-strike"]
    found = dates(doc)
    assert "2021-01-14" in found.values()   # 14 جانفي 2021
    assert found["قبل يومين"] == "2021-01-14"
    assert counts(doc)["7"] == 7
    assert kinds(doc) == ["hashtag", "read_also"]


def test_syria_levantine_months(docs):
    doc = docs["syria-shelling"]
    found = dates(doc)
    assert "2018-03-12" in found.values()   # 12 آذار 2018
    assert "2018-03-15" in found.values()   # اليوم الخميس
    assert counts(doc)["ما لا يقل عن عشرين"] == (20, None)
    assert counts(doc)["مئات"] == (200, 999)


def test_egypt_year_and_weekday(docs):
    doc = docs["egypt-sentence"]
    found = dates(doc)
    assert found["عام 2013"] == "2013"
    assert "2016-11-22" in found.values()   # الثلاثاء, published on a Tuesday
    assert counts(doc)["عشرين"] == 20
