"""The auto-lexicon: bucket features, table loading, the model sidecar, and a tiny two-stage training."""
from __future__ import annotations

import gzip

from rasd.ner import autolex
from rasd.ner.features import FeatureExtractor
from rasd.ner.train import fit, fit_two_stage
from rasd.text.tokenize import tokenize

SETTINGS = {"c1": 0.0, "c2": 0.01, "max_iterations": 30}


def _write_table(path, rows):
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("# test table\n")
        for row in rows:
            f.write("\t".join(map(str, row)) + "\n")


def _gold():
    names = [("سليم", "حداد"), ("نادر", "خوري"), ("رامي", "عيسى"), ("كريم", "ناصر")]
    cities = ["بيروت", "عمان", "الدوحة", "تونس"]
    sentences = []
    for (first, last), city in zip(names * 3, cities * 3):
        sentences.append([("وصل", "O"), (first, "B-PERS"), (last, "I-PERS"), ("إلى", "O"), (city, "B-LOC"), ("أمس", "O")])
    return sentences


def test_buckets_follow_the_shares():
    assert autolex.row_features(100, [80, 0, 10, 0], 30) == ("aPER=h", "aORG=l", "acue=m")
    assert autolex.row_features(100, [0, 0, 0, 0], 0) == ("a=none",)
    assert autolex.row_features(10, [0, 2, 0, 0], 0) == ("aLOC=m",)


def test_load_skips_rare_rows_and_missing_files(tmp_path):
    path = tmp_path / "t.tsv.gz"
    _write_table(path, [("سليم", 50, 40, 0, 0, 0, 20), ("نادر", 2, 2, 0, 0, 0, 0)])
    table = autolex.load(str(path))
    assert table == {"سليم": ("aPER=h", "acue=m")}
    assert autolex.load(str(tmp_path / "absent.tsv.gz")) == {}


def test_extractor_adds_the_stem_features_to_the_word_and_its_neighbours():
    text = "وصل سليم إلى بيروت"
    tokens = tokenize(text)
    plain = FeatureExtractor()(text, tokens)
    auto = FeatureExtractor(autolex={"سليم": ("aPER=h",)})(text, tokens)
    assert not any(f.startswith(("a=", "aPER", "-1:a", "1:a")) for feats in plain for f in feats)
    assert "aPER=h" in auto[1]
    assert "1:aPER=h" in auto[0] and "-1:aPER=h" in auto[2]
    assert "a=rare" in auto[3]  # not in the table


def test_fit_writes_and_removes_the_sidecar(tmp_path):
    table = tmp_path / "t.tsv.gz"
    _write_table(table, [("سليم", 50, 40, 0, 0, 0, 20)])
    model = tmp_path / "m.crfsuite"
    fit(_gold(), model, autolex_table=table, **SETTINGS)
    assert autolex.sidecar_path(model).exists()
    fit(_gold(), model, **SETTINGS)
    assert not autolex.sidecar_path(model).exists()


def test_two_stage_training_tags_news_and_ships_the_table(tmp_path):
    def news(n):
        return ["التقى سليم حداد مع رامي عيسى في بيروت. وصل كريم ناصر إلى عمان."] * n

    model = tmp_path / "m.crfsuite"
    report = fit_two_stage(_gold(), model, news=news, autolex_articles=3, workdir=tmp_path, **SETTINGS)
    assert report["autolex"]["tokens"] > 0
    table = autolex.load(str(autolex.sidecar_path(model)))
    assert table["سليم"][0] == "aPER=h"
    assert "aPER" not in "".join(table.get("في", ()))


def test_phrase_windows_mark_the_longest_known_name():
    text = "قال البنك المركزي الأوروبي أمس"
    tokens = tokenize(text)
    extractor = FeatureExtractor(autolex={}, phrases={})
    lookups = [extractor.word_info(text[t.start:t.end], t).lookup for t in tokens]
    phrases = {" ".join(lookups[1:3]): "ORG", " ".join(lookups[1:4]): "ORG"}
    feats = FeatureExtractor(autolex={}, phrases=phrases)(text, tokens)
    assert "awB=ORG" in feats[1]
    assert "awI=ORG" in feats[2] and "awI=ORG" in feats[3]
    assert not any(f.startswith("aw") for f in feats[0] + feats[4])


def test_phrase_rows_need_a_clear_majority(tmp_path):
    path = tmp_path / "t.tsv.gz"
    _write_table(path, [("سليم", 50, 40, 0, 0, 0, 20), ("البنك المركزي", 10, 0, 1, 9, 0, 0),
                        ("الشرق الاوسط", 10, 0, 5, 5, 0, 0), ("نادي النصر", 2, 0, 0, 2, 0, 0)])
    assert autolex.load_phrases(str(path)) == {"البنك المركزي": "ORG"}
    assert "البنك المركزي" not in autolex.load(str(path))


def test_shipped_model_carries_its_auto_lexicon():
    from rasd.ner import load_model

    model = load_model()
    assert model.features.autolex, "the packaged model must ship with its autolex sidecar"
    assert model.features.phrases
