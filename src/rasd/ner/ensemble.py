"""CRF + neural ensemble: the CRF's entities, plus the neural tagger's where the CRF found nothing.

Why this combination. On the dev split the two taggers fail differently: the CRF recalls names seen
in training better (0.893 vs 0.839 of the dev names whose surface also occurs as a name in the
train part), the neural tagger the names never seen in training (0.619 vs 0.587; 341 of 788 dev
names), which is what the ANERcorp test articles are full of. Keeping every CRF entity and adding
each neural entity that overlaps none of them (no threshold, no free parameter) scores 0.798 micro
F1 on the dev split (0.800 with an earlier neural checkpoint) against 0.791 for the CRF alone and
0.775 for the neural tagger; the reverse priority (neural first) scores 0.785. One standard error of
F1 on this dev split is about 0.015, so the gain is suggestive, not proven.

The price is speed: both taggers run, so NER costs about the sum of the two. The ensemble is
therefore an option (model path "ensemble"), not the default.
"""
from __future__ import annotations

from collections.abc import Sequence

from rasd.model.spans import Token

ENSEMBLE = "ensemble"


class EnsembleNerModel:
    """`NerModel` interface over a CRF model and a neural model."""

    def __init__(self, crf, neural):
        self.crf, self.neural = crf, neural

    def tag_batch(self, text: str, sentences: Sequence[Sequence[Token]]) -> list[list[tuple[int, int, str, float]]]:
        extra = self.neural.tag_batch(text, sentences)
        out = []
        for tokens, added in zip(sentences, extra):
            found = self.crf.tag(text, tokens) if tokens else []
            for span in added:
                if not any(a < span[1] and span[0] < b for a, b, _label, _score in found):
                    found.append(span)
            out.append(sorted(found))
        return out

    def tag(self, text: str, tokens: Sequence[Token]) -> list[tuple[int, int, str, float]]:
        return self.tag_batch(text, [tokens])[0]


def load_ensemble(crf_path: str | None = None, neural_path: str | None = None) -> EnsembleNerModel:
    """The shipped CRF and neural models (or the ones given) as one ensemble."""
    from rasd.ner.model import load_model
    from rasd.ner.neural import default_neural_path

    return EnsembleNerModel(load_model(crf_path), load_model(neural_path or str(default_neural_path())))
