"""Tokenisation with clitic segmentation.

One compiled regex scans the original text; its alternatives, tried in order, are:
URLs, e-mail addresses, hashtags and @mentions (one token each, underscores included), numbers with
internal separators ("1,678", "2.5", "٢٠٢٢", "2/1/2022", "10:30" stay whole), Arabic words (letters,
vowel marks, tatweel and joiners), Latin words (letters and digits: "COVID19"), other letters, and
finally any other non-space character as a one-character punctuation token.

Arabic words are segmented into proclitics, stem and enclitic by `rasd.text.clitics` (a model learned
from the UD treebanks and news counts; the conventions for the article and spelling changes are
documented there). Segmentation and normalisation are cached per distinct surface form, so the
per-token cost on running text is one dict lookup plus building the span objects.

Every other token is a single stem segment whose form is the token text.
"""
from __future__ import annotations

import re

from rasd.model.spans import Segment, Token
from rasd.text.clitics import model_change_hooks, segment_word, ud_pieces
from rasd.text.normalize import normalize_string

__all__ = ["tokenize", "ud_pieces", "TOKEN_RE"]

_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_AR_LETTER = "\u0621-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06fa-\u06fc\u06ff\ufb50-\ufdff\ufe70-\ufefc"
_AR_MARK = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
_TRAILING_URL_PUNCT = ".,;:!?)]}'\"،؛؟»"

TOKEN_RE = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s<>"«»]+)
    |(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}})
    |(?P<tag>[#@][\w{_AR_MARK}]+)
    |(?P<number>[{_DIGIT}]+(?:[.,/:\u066b\u066c][{_DIGIT}]+)*)
    |(?P<arabic>[{_AR_LETTER}][{_AR_LETTER}{_AR_MARK}]*)
    |(?P<latin>[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f]*)
    |(?P<other>[^\W\d_]+)
    |(?P<punct>\S)
    """,
    re.VERBOSE,
)


# Frozen dataclasses pay for object.__setattr__ on every field; tokens are the most numerous objects
# in a document, so they are built through the slot descriptors directly (same objects, same
# equality and hashing, about 40% cheaper).
_new = object.__new__
_seg_start, _seg_end = Segment.start.__set__, Segment.end.__set__
_seg_form, _seg_kind = Segment.form.__set__, Segment.kind.__set__
_tok_start, _tok_end = Token.start.__set__, Token.end.__set__
_tok_norm, _tok_segments = Token.norm.__set__, Token.segments.__set__


def _segment(start: int, end: int, form: str, kind: str) -> Segment:
    seg = _new(Segment)
    _seg_start(seg, start)
    _seg_end(seg, end)
    _seg_form(seg, form)
    _seg_kind(seg, kind)
    return seg


def _token(start: int, end: int, norm: str, segments: tuple) -> Token:
    tok = _new(Token)
    _tok_start(tok, start)
    _tok_end(tok, end)
    _tok_norm(tok, norm)
    _tok_segments(tok, segments)
    return tok


# surface -> (norm, stem form, pieces or None when the token is a single stem)
_CACHE: dict[str, tuple[str, str, tuple | None]] = {}
_CACHE_LIMIT = 300_000
model_change_hooks.append(_CACHE.clear)


def _analyse(surface: str, arabic: bool) -> tuple[str, str, tuple | None]:
    entry = _CACHE.get(surface)
    if entry is None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        pieces = segment_word(surface) if arabic else None
        if pieces is not None and len(pieces) == 1:
            entry = (normalize_string(surface), pieces[0][2], None)
        else:
            entry = (normalize_string(surface), surface, pieces)
        _CACHE[surface] = entry
    return entry


def _url_end(text: str, start: int, end: int) -> int:
    """Leave sentence punctuation that follows a URL outside it."""
    while end > start + 1 and text[end - 1] in _TRAILING_URL_PUNCT:
        end -= 1
    return end


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` in order, each with its normalised form and clitic segments."""
    tokens: list[Token] = []
    append = tokens.append
    cache_get = _CACHE.get
    for m in TOKEN_RE.finditer(text):
        start, end = m.span()
        group = m.lastgroup
        if group == "url":
            url_end = _url_end(text, start, end)
            _append_plain(append, text, start, url_end)
            for i in range(url_end, end):  # punctuation that ended the sentence after the URL
                _append_plain(append, text, i, i + 1)
            continue
        surface = m.group()
        entry = cache_get(surface) or _analyse(surface, group == "arabic")
        norm, form, pieces = entry
        if pieces is None:
            segs = (_segment(start, end, form, "stem"),)
        else:
            segs = tuple(_segment(start + s, start + e, f, k) for s, e, f, k in pieces)
        append(_token(start, end, norm, segs))
    return tokens


def _append_plain(append, text: str, start: int, end: int) -> None:
    norm, form, _ = _analyse(text[start:end], False)
    append(_token(start, end, norm, (_segment(start, end, form, "stem"),)))
