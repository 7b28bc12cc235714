"""Named-entity recognition (PER/LOC/ORG/MISC) with a CRF trained on ANERcorp; see model.py."""
from __future__ import annotations


def recognize(doc, model=None):
    from rasd.ner.model import recognize as _recognize
    return _recognize(doc, model)


def load_model(path=None):
    from rasd.ner.model import load_model as _load
    return _load(path)


__all__ = ["recognize", "load_model"]
