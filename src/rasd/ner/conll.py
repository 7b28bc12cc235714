"""Reading CoNLL NER files and aligning their gold tags to rasd's own tokens.

The reader follows the reference scorer's rules exactly (../shared/eval/score.py, reimplemented
here because rasd never imports from ../shared): "token TAG" per line, the tag is the last column, a
blank line ends a sentence, LRM/RLM marks are dropped, "B--X" is read as "B-X", and any tag that is
not O and does not start with "B-"/"I-" becomes O. Labels map PERS/PER/PERSON -> PER, GPE -> LOC;
anything else (AQMAR's MIS0-3) is not an entity for scoring.

Alignment: the sentence is joined with single spaces, exactly as the scorer builds the text, and
tokenised by `rasd.text.tokenize`. A rasd token never crosses a space, so it lies inside one gold
token. Each gold entity (a token range) covers the rasd tokens inside its character span, minus
punctuation at its edges ("(د" -> "(" stays O); the first gets B-, the rest I-. Training on these
tags means the model learns on exactly the tokens it will see at inference.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from rasd.model.spans import Token

LABELS = {"PERS": "PER", "PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG", "MISC": "MISC"}
ENTITY_LABELS = ("PER", "LOC", "ORG", "MISC")
_TAG = re.compile(r"^[BI]-")

GoldSentence = list[tuple[str, str]]


def read_conll(path: str | os.PathLike) -> list[GoldSentence]:
    """Sentences of (token, tag) from a CoNLL file or every *.txt file of a folder (sorted)."""
    path = os.fspath(path)
    files = [os.path.join(path, f) for f in sorted(os.listdir(path)) if f.endswith(".txt")] \
        if os.path.isdir(path) else [path]
    sentences: list[GoldSentence] = []
    for name in files:
        current: GoldSentence = []
        with open(name, encoding="utf-8-sig") as f:
            for line in f:
                parts = line.strip().replace("\u200e", "").replace("\u200f", "").split()
                if not parts:
                    if current:
                        sentences.append(current)
                        current = []
                    continue
                token, tag = parts[0], parts[-1] if len(parts) > 1 else "O"
                tag = tag.replace("--", "-")
                if tag != "O" and not _TAG.match(tag):
                    tag = "O"
                current.append((token, tag))
        if current:
            sentences.append(current)
    return sentences


def bio_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """(start, end, label) token ranges of a BIO tag sequence, with the scorer's label mapping."""
    spans, start, label = set(), None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        lab = LABELS.get(tag[2:]) if tag != "O" else None
        if tag.startswith("B-") or tag == "O" or lab != label or lab is None:
            if label is not None:
                spans.add((start, i, label))
            start, label = (i, lab) if lab is not None else (None, None)
    return spans


def joined_text(sentence: GoldSentence) -> tuple[str, list[tuple[int, int]]]:
    """The scorer's text for a gold sentence and each gold token's character span in it."""
    offsets, pos = [], 0
    for token, _ in sentence:
        offsets.append((pos, pos + len(token)))
        pos += len(token) + 1
    return " ".join(t for t, _ in sentence), offsets


def _is_punct(text: str, token: Token) -> bool:
    return not any(ch.isalnum() for ch in text[token.start:token.end])


def align_tags(text: str, offsets: Sequence[tuple[int, int]], gold_tags: Sequence[str],
               tokens: Sequence[Token]) -> list[str]:
    """BIO tags for rasd `tokens` of `text` from the gold tags of the gold tokens at `offsets`."""
    tags = ["O"] * len(tokens)
    k = 0
    for start, end, label in sorted(bio_spans(list(gold_tags))):
        char_start, char_end = offsets[start][0], offsets[end - 1][1]
        while k < len(tokens) and tokens[k].end <= char_start:
            k += 1
        inside = []
        m = k
        while m < len(tokens) and tokens[m].start < char_end:
            inside.append(m)
            m += 1
        while inside and _is_punct(text, tokens[inside[0]]):
            inside.pop(0)
        while inside and _is_punct(text, tokens[inside[-1]]):
            inside.pop()
        for n, idx in enumerate(inside):
            tags[idx] = ("B-" if n == 0 else "I-") + label
    return tags


@dataclass
class AlignedSentence:
    """One rasd sentence of a gold sentence: its tokens and their aligned tags."""
    text: str
    tokens: list[Token]
    tags: list[str]


def aligned_sentences(gold: Iterable[GoldSentence]) -> list[AlignedSentence]:
    """Gold sentences re-cut into rasd sentences and tokens, with tags aligned to those tokens."""
    from rasd.text.sentences import split_sentences
    from rasd.text.tokenize import tokenize

    out = []
    for sentence in gold:
        text, offsets = joined_text(sentence)
        tokens = tokenize(text)
        tags = align_tags(text, offsets, [t for _, t in sentence], tokens)
        for part in split_sentences(text):
            idx = [i for i, t in enumerate(tokens) if part.start <= t.start and t.end <= part.end]
            if idx:
                out.append(AlignedSentence(text, [tokens[i] for i in idx], [tags[i] for i in idx]))
    return out
