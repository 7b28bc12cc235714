"""Named-entity recognition with a linear-chain CRF (python-crfsuite) over rasd tokens.

`recognize(doc)` tags each sentence of a Document with BIO labels PER/LOC/ORG/MISC (ANERcorp's
scheme; PERS is written PER) and returns sorted, non-overlapping Entity spans.

Span conventions:
- An entity starts after the proclitics of its first token and ends before the enclitic pronoun
  of its last one: "وموسكو" -> "موسكو", "لروسيا" -> "روسيا". The article stays when it is written
  in full ("والسعودية" -> "السعودية"); when it is elided after ل ("للأمم المتحدة") the span starts at
  the stem ("أمم المتحدة"), since no exact surface of "الأمم" exists in the text.
- Punctuation never opens or closes an entity.
- Boilerplate (Document.clear_of_boilerplate): entities touching read-also lines, credits and share
  prompts are dropped. An entity inside one hashtag is kept (news often uses a hashtag as a word of
  the sentence), with the "#" left outside the span; one running across hashtags is dropped.
- A time adverb ("اليوم", "أمس": EDGE_STOP in data/triggers.json) never ends an entity.
- `score` is the mean marginal probability of the predicted labels over the entity's tokens.

At inference the features are restricted to the attributes the model has weights for (listed in
a sidecar file next to the model, written by training), which halves the strings crfsuite must
convert and look up. A second sidecar, `<model>.autolex.tsv.gz`, holds the auto-lexicon the model
was trained with (autolex.py; training writes or removes it with the model). The model file is
read through mmap by crfsuite, so loading costs almost nothing; the gazetteer table (built from the
KB, about a second) and the auto-lexicon are loaded in `load_model` so the first document is not
slow. `load_model()` is cached per path.
"""
from __future__ import annotations

import bisect
import gzip
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rasd.model.document import Document
from rasd.model.spans import Entity, Token
from rasd.ner.autolex import load as load_autolex
from rasd.ner.autolex import load_phrases, sidecar_path
from rasd.ner.features import FeatureExtractor
from rasd.ner.gazetteer import edge_stop_words, table

MODEL_NAME = "ner-anercorp.crfsuite"


def default_model_path() -> Path:
    return Path(str(resources.files("rasd.ner").joinpath("data", MODEL_NAME)))


class NerModel:
    """A loaded CRF tagger. Not thread-safe (crfsuite taggers keep state): one per process/thread."""

    def __init__(self, path: Path):
        import pycrfsuite  # lazy: only the NER stage needs it

        self.path = Path(path)
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(self.path))
        from rasd.ner import neighbours

        side = sidecar_path(self.path)
        neigh = neighbours.sidecar_path(self.path)
        self.features = FeatureExtractor(model_attributes(self.path, self.tagger),
                                         autolex=load_autolex(str(side)) if side.exists() else None,
                                         phrases=load_phrases(str(side)) if side.exists() else None,
                                         neighbours=neighbours.load(str(neigh)) if neigh.exists() else None)
        table()  # warm the gazetteer now rather than on the first sentence

    def tag(self, text: str, tokens: Sequence[Token]) -> list[tuple[int, int, str, float]]:
        """(first token index, end token index, label, score) of each entity in one sentence."""
        if not tokens:
            return []
        tagger = self.tagger
        labels = tagger.tag(self.features(text, tokens))
        return entity_runs(labels, tokens, lambda i, j: sum(tagger.marginal(labels[m], m) for m in range(i, j)) / (j - i))


def entity_runs(labels: Sequence[str], tokens: Sequence[Token], score) -> list[tuple[int, int, str, float]]:
    """(first token index, end token index, label, score(i, j)) of each run B-X I-X ... in `labels`
    (an I- without B- opens an entity too); a time adverb (EDGE_STOP) never ends an entity.
    Shared by the CRF and the neural tagger, which differ only in how a run is scored."""
    out = []
    stop = edge_stop_words()
    i, n = 0, len(labels)
    while i < n:
        tag = labels[i]
        if tag == "O":
            i += 1
            continue
        label = tag[2:]
        j = i + 1
        while j < n and labels[j] == "I-" + label:
            j += 1
        end = j
        while end > i + 1 and tokens[end - 1].norm in stop:
            end -= 1
        out.append((i, end, label, score(i, j)))
        i = j
    return out


def attributes_path(model_path: Path) -> Path:
    return Path(str(model_path) + ".attributes.gz")


def model_attributes(model_path: Path, tagger=None) -> frozenset:
    """The attribute strings the model has weights for (sidecar file written by training)."""
    side = attributes_path(model_path)
    if side.exists():
        with gzip.open(side, "rt", encoding="utf-8") as f:
            return frozenset(f.read().split("\n"))
    return frozenset(attr for attr, _label in tagger.info().state_features)


def write_attributes(model_path: Path) -> Path:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    attrs = sorted({attr for attr, _label in tagger.info().state_features})
    side = attributes_path(model_path)
    with gzip.open(side, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(attrs))
    return side


@lru_cache(maxsize=4)
def load_model(path: str | None = None):
    """The shipped model (or the one at `path`), loaded once per process.

    A path ending in ".npz" is a neural tagger (neural.py), "neural" the shipped one, "ensemble" the
    shipped CRF and neural taggers together (ensemble.py), anything else a CRF model file.
    """
    if path == "ensemble":
        from rasd.ner.ensemble import load_ensemble
        return load_ensemble()
    if path == "neural":
        from rasd.ner.neural import default_neural_path
        path = str(default_neural_path())
    model_path = Path(path) if path else default_model_path()
    if model_path.suffix == ".npz":
        from rasd.ner.neural import load_neural
        return load_neural(str(model_path))
    if not model_path.exists():
        raise FileNotFoundError(f"NER model not found at {model_path}; train one with rasd.ner.train.train()")
    return NerModel(model_path)


def _first_offset(text: str, token: Token) -> int:
    """Start of a token without its proclitics (keeping a fully written article)."""
    for seg in token.segments:
        if seg.kind == "proclitic":
            if seg.form == "ال" and text[seg.start:seg.end] == "ال":
                return seg.start
            continue
        if text[seg.start:seg.end].startswith("#"):
            return seg.start + 1
        return seg.start
    return token.start  # only clitics (e.g. "به"): keep the whole token


def _last_offset(token: Token) -> int:
    """End of a token without its enclitic pronoun."""
    for seg in reversed(token.segments):
        if seg.kind != "enclitic":
            return seg.end
    return token.end


def _sentence_tokens(doc: Document) -> list[tuple[int, int]]:
    """Token index ranges of each sentence (tokens outside every sentence are skipped)."""
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    ranges = []
    for sent in doc.sentences:
        a = bisect.bisect_left(starts, sent.start)
        b = a
        while b < len(tokens) and tokens[b].end <= sent.end:
            b += 1
        if b > a:
            ranges.append((a, b))
    return ranges


def recognize(doc: Document, model: NerModel | None = None) -> list[Entity]:
    """Entities of a document that has sentences and tokens, sorted and non-overlapping."""
    if not doc.has("tokens") or not doc.has("sentences"):
        raise ValueError("recognize() needs the sentences and tokens layers")
    model = model or load_model()
    text, tokens = doc.text, doc.tokens
    entities: list[Entity] = []
    ranges = _sentence_tokens(doc)
    if hasattr(model, "tag_batch"):  # the neural tagger runs all sentences of a document at once
        tagged = model.tag_batch(text, [tokens[a:b] for a, b in ranges])
    else:
        tagged = [model.tag(text, tokens[a:b]) for a, b in ranges]
    for (a, _b), found in zip(ranges, tagged):
        for i, j, label, score in found:
            first, last = tokens[a + i], tokens[a + j - 1]
            start, end = _first_offset(text, first), _last_offset(last)
            if end <= start:
                start, end = first.start, last.end
            entities.append(Entity(start, end, label, score=round(score, 4)))
    entities.sort(key=lambda e: (e.start, e.end))
    return doc.clear_of_boilerplate(entities)
