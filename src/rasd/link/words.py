"""Words for linking: each token with its leading clitics stripped, keyed for knowledge-base lookups.

A token's proclitics before the article (و ف ب ل ك س) are dropped from both the lookup key and the
span: "وبموسكو" is looked up as "موسكو" and reported from the م. The article stays in the key and in
the span ("والشرطة" -> "الشرطة"), because the KB indexes definite and indefinite forms and a reader
expects "الشرطة العراقية". When the article is elided after ل ("للأمم"), its surface is the second ل,
so the span starts there ("لأمم المتحدة"): the only text that carries the article.

A hashtag whose words are joined by underscores ("#وزارة_الداخلية_السعودية") is read as those words,
one Word each, with spans on the words themselves (never the "#" or "_"): it links like the plain
phrase. Its Words share `tag`, so that callers can keep a name from taking half a hashtag (a slogan
"#الشعب_يريد" is no actor "الشعب"). Word.index is the position in the word list, not the token's.

Analysis is cached per surface form: on running text a word costs one dict lookup plus one object.
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

from rasd.lexicon.keys import exact_key, loose_key
from rasd.model.document import Document
from rasd.text.clitics import model_change_hooks, segment_word
from rasd.text.normalize import normalize_string


class Word(NamedTuple):
    index: int
    token_start: int
    start: int          # after the stripped proclitics
    end: int
    key: str            # exact key of article + stem ("" for punctuation and numbers)
    loose: str          # loose key: article and final ة dropped
    clitics: str        # the stripped proclitic forms, e.g. "وب"
    enclitic: bool      # a pronoun suffix ("حكومتها"): such a word ends a phrase
    sentence: int
    tag: int = -1       # token index of the multi-word hashtag the word is part of, else -1


# surface -> (start shift, key, loose, clitics, enclitic)
_CACHE: dict[tuple, tuple[int, str, str, str, bool]] = {}
_CACHE_LIMIT = 200_000
_STRIPPED = frozenset("وفبلكس")
model_change_hooks.append(_CACHE.clear)  # a new clitic model changes the segments
# The same readings keyed on the surface, for running text: the tokenizer segments a surface the same way
# every time (its own cache is keyed on it), so the surface stands for the norm and segments that
# analyse_token's key spells out, at the cost of one slice instead of one tuple per token.
_BY_SURFACE: dict[str, tuple[int, str, str, str, bool]] = {}
model_change_hooks.append(_BY_SURFACE.clear)


def _analyse(token) -> tuple[int, str, str, str, bool]:
    segments = [(seg.kind, seg.form, seg.start - token.start) for seg in token.segments]
    if token.norm.startswith("#") and "_" not in token.norm and len(segments) == 1:
        # A one-word hashtag in running text is that word ("أعلنت #السعودية", "في #بغداد"): it is
        # read without the "#", which stays outside every span.
        segments = [(kind, form, start + 1) for start, _, form, kind in segment_word(segments[0][1][1:])]
    return _reading(segments, token.norm)


def _reading(segments, norm: str) -> tuple[int, str, str, str, bool]:
    shift, clitics, parts, enclitic = None, [], [], False
    for kind, form, start in segments:
        if kind == "proclitic" and normalize_string(form) in _STRIPPED and not parts:
            clitics.append(form)
            continue
        if kind == "enclitic":
            enclitic = True
            continue
        if shift is None:
            shift = start
        parts.append(form)
    if not parts:  # a lone clitic letter: keep it whole
        return 0, exact_key(norm), loose_key(norm), "", False
    key = exact_key("".join(parts))
    if not any("\u0621" <= c <= "\u064a" for c in key):
        return shift or 0, "", "", "", False
    return shift or 0, key, loose_key(key) or key, "".join(clitics), enclitic


def analyse_token(token) -> tuple[int, str, str, str, bool]:
    # The key is everything _analyse reads. The norm alone is not enough: surfaces that normalise
    # alike (presentation forms, vowel marks, ه for ة) can be segmented differently, and a norm key
    # made the result depend on which surface the process happened to see first.
    start = token.start
    cache_key = (token.norm, *[(seg.kind, seg.form, seg.start - start) for seg in token.segments])
    hit = _CACHE.get(cache_key)
    if hit is None:
        if len(_CACHE) > _CACHE_LIMIT:
            _CACHE.clear()
        hit = _CACHE[cache_key] = _analyse(token)
    return hit


def doc_tokens(doc: Document) -> Sequence:
    if doc.has("tokens"):
        return doc.tokens
    from rasd.text.tokenize import tokenize
    return tokenize(doc.text)


def doc_sentences(doc: Document) -> Sequence:
    if doc.has("sentences") and doc.sentences:
        return doc.sentences
    from rasd.text.sentences import split_sentences
    return split_sentences(doc.text) or ()


# One-slot memo: the pipeline calls link_entities(doc) and then find_actors(doc') on a Document
# that shares doc's text and token tuple, so the second call reuses the Words.
_LAST: list = [None, None, None]


def words_of(doc: Document) -> list[Word]:
    """Every token of the document as a Word, with the index of its sentence."""
    tokens, sentences = doc.layers.get("tokens"), doc.layers.get("sentences")
    if tokens is not None and _LAST[0] is tokens and _LAST[1] is sentences:
        return _LAST[2]
    words = _words_of(doc)
    if tokens is not None:
        _LAST[:] = [tokens, sentences, words]
    return words


def _words_of(doc: Document) -> list[Word]:
    sentence_starts = [s.start for s in doc_sentences(doc)][1:] + [len(doc.text) + 1]
    out: list[Word] = []
    append = out.append
    sentence, next_start = 0, sentence_starts[0]
    extra = 0  # words beyond one per token so far (the words of hashtags)
    text = doc.text
    reading_of = _BY_SURFACE.get
    for i, token in enumerate(doc_tokens(doc)):
        start = token.start
        while start >= next_start:  # tokens come in text order: walk the sentence starts along
            sentence += 1
            next_start = sentence_starts[sentence]
        surface = text[start:token.end]
        if surface.startswith("#") and "_" in surface:
            parts = hashtag_parts(surface)
            for n, (part_start, part_end, reading) in enumerate(parts):
                shift, key, loose, clitics, enclitic = reading
                append(Word(i + extra + n, start + part_start, start + shift, start + part_end, key, loose, clitics,
                            enclitic, sentence, i))
            extra += len(parts) - 1
            continue
        reading = reading_of(surface)
        if reading is None:
            if len(_BY_SURFACE) > _CACHE_LIMIT:
                _BY_SURFACE.clear()
            reading = _BY_SURFACE[surface] = _analyse(token)
        shift, key, loose, clitics, enclitic = reading
        append(Word(i + extra, start, start + shift, token.end, key, loose, clitics, enclitic, sentence))
    return out


def hashtag_parts(surface: str) -> list[tuple[int, int, tuple[int, str, str, str, bool]]]:
    """(start, end, reading) of each underscore-joined word of a hashtag, offsets relative to the
    surface; the first word's start is the "#" (its token start), and readings shift past it."""
    out, pos = [], 1
    for part in surface[1:].split("_"):
        if part:
            reading = _reading([(kind, form, pos + s) for s, _, form, kind in segment_word(part)],
                               normalize_string(part))
            out.append((0 if not out and pos == 1 else pos, pos + len(part), reading))
        pos += len(part) + 1
    return out


def words_of_text(text: str) -> list[Word]:
    """A lexicon phrase as Words, so entries and running text are keyed the same way."""
    from rasd.text.tokenize import tokenize
    return [Word(i, t.start, t.start + a[0], t.end, a[1], a[2], a[3], a[4], 0)
            for i, t in enumerate(tokenize(text)) for a in [analyse_token(t)]]


def splits_hashtag(words: Sequence[Word], first: int, last: int) -> bool:
    """True when words[first..last] take part of a multi-word hashtag but not all of it."""
    tag = words[first].tag
    if tag >= 0 and first > 0 and words[first - 1].tag == tag:
        return True
    tag = words[last].tag
    return tag >= 0 and last + 1 < len(words) and words[last + 1].tag == tag


def phrase_loose(text: str) -> str:
    """The words' loose keys joined by spaces; "" when a word is not Arabic (such names are skipped)."""
    words = words_of_text(text)
    if not words or any(not w.loose for w in words):
        return ""
    return " ".join(w.loose for w in words)


def tag_line_sentences(text: str, words: Sequence[Word]) -> set[int]:
    """Sentences made of hashtags only ("#كازاخستان #روسيا" closing an article): their tags are an
    index of topics, not running text, so they yield no actors and no recovered names."""
    tagged: dict[int, bool] = {}
    for w in words:
        if w.key:
            tagged[w.sentence] = tagged.get(w.sentence, True) and (w.tag >= 0 or text[w.token_start] == "#")
    return {sentence for sentence, only_tags in tagged.items() if only_tags}
