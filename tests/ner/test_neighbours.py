"""Embedding-neighbour label features: neighbours' shares, never the word's own label."""
from __future__ import annotations

import numpy as np

from rasd.ner import neighbours
from rasd.ner.conll import aligned_sentences
from rasd.ner.features import FeatureExtractor
from rasd.text.tokenize import tokenize

SENTENCES = [
    [("قال", "O"), ("سمير", "B-PER"), ("إن", "O"), ("المدينة", "O"), ("هادئة", "O")],
    [("وصل", "O"), ("سمير", "B-PER"), ("و", "O"), ("كريم", "B-PER"), ("أمس", "O")],
    [("قال", "O"), ("كريم", "B-PER"), ("إن", "O"), ("المدينة", "O"), ("هادئة", "O")],
]


def _embeddings(tmp_path):
    words = ["سمير", "كريم", "زهير", "مدينه", "قال"]
    vectors = np.array([[1, 0.1, 0], [1, 0, 0.1], [1, 0.05, 0.05], [0, 1, 0], [0, 0, 1]], np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    path = tmp_path / "emb.npz"
    np.savez(path, words=np.array(words), vectors=vectors.astype(np.float16))
    return path


def test_unseen_name_gets_its_neighbours_label(tmp_path):
    out = tmp_path / "model.crfsuite.neighbours.tsv.gz"
    report = neighbours.build(_embeddings(tmp_path), aligned_sentences(SENTENCES), out, k=2)
    table = neighbours.load(str(out))
    assert report["labelled_stems"] >= 3
    assert table["زهير"] == ("nPER=h",)  # never seen in training; both nearest labelled stems are names
    assert "nPER=h" in table["سمير"]    # from "كريم", its neighbour, not from its own label
    assert not any(f.startswith("nPER") for f in table.get("مدينه", ()))


def test_own_label_is_excluded(tmp_path):
    # "سمير" (always PER in training) lies next to "مدينه" (never an entity); "كريم" is far away
    words = ["سمير", "مدينه", "كريم"]
    vectors = np.array([[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1]], np.float16)
    emb = tmp_path / "emb.npz"
    np.savez(emb, words=np.array(words), vectors=vectors)
    out = tmp_path / "t.tsv.gz"
    neighbours.build(emb, aligned_sentences(SENTENCES), out, k=1)
    table = neighbours.load(str(out))
    assert table["سمير"] == ("n=none",)  # its own PER label does not count
    assert table["مدينه"] == ("nPER=h",)  # its nearest labelled stem is the name


def test_feature_extractor_uses_the_table():
    extractor = FeatureExtractor(neighbours={"زهير": ("nPER=h",)})
    text = "قال زهير إن"
    feats = extractor(text, tokenize(text))
    assert "nPER=h" in feats[1]
    assert "-1:nPER=h" in feats[2] and "1:nPER=h" in feats[0]
    assert "n=unk" in feats[0]
    assert not any(f.startswith("n") and "PER" in f for f in FeatureExtractor()(text, tokenize(text))[1])
