"""Clitic segmentation of one Arabic orthographic word, learned from treebanks and news counts.

The model (data/clitics.json, built by scripts/train_clitics.py) has three parts:

1. A supervised lexicon: normalised word -> its most frequent segmentation in the PADT treebank
   (orthographic words rebuilt from PADT's separated clitic tokens).
2. Priors for proclitic sequences (و ف ب ل ك س, and the article) and for enclitic pronouns,
   estimated on the same treebank words.
3. Host frequencies: how often each host (article + stem, in dictionary spelling) occurs, estimated
   by EM over unlabelled news word counts, so that "وقال" is explained as و + قال (its frequency in
   news does not count for a stem "وقال"), while "وزير" stays whole (no host "زير" to explain it).

A word the lexicon does not know is segmented by the best-scoring candidate
    log P(proclitics) + log P(enclitic) + log P(host)
where an unseen host gets a length-decaying probability (so an unknown name is not split just to
make it shorter, but a known host beats an unknown longer one).

Conventions (the spans are always exact surface; `form` is the dictionary spelling):
- The article is its own segment: kind "proclitic", form "ال". After the preposition ل its alef is
  not written ("للأمم"): the article segment then covers one letter "ل" (form "ال") and the stem
  "أمم". When the stem itself starts with ل ("للجنة" = ل + اللجنة) both article letters are
  dropped in writing; no article segment is emitted and the stem covers "لجنة".
- A preposition with a pronoun and no noun ("به", "ولها") has no stem segment: the proclitic is the
  host. `Token.stem` then falls back to the last segment.
- Before an enclitic a stem's final ة is written ت, ى is written ا or ي and verbal وا loses its alef;
  the stem's form restores the dictionary spelling ("ابنتها": stem surface "ابنت", form "ابنة").
- UD treebanks keep the article on the stem; `ud_pieces` merges it back for comparison with them.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

from rasd.text.normalize import normalize, normalize_string

PROCLITIC_LETTERS = "وفبلكس"
ENCLITICS = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "ي", "ني", "نا")
KIND_NAMES = {"p": "proclitic", "a": "proclitic", "s": "stem", "e": "enclitic"}
MIN_STEM = 2
# Marks that `form` drops (vowels, shadda, tatweel); hamza letters are kept in forms.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS_ONLY = re.compile("[\u0621-\u064a]+")


def bare(surface: str) -> str:
    """The surface without vowel marks and tatweel (dictionary spelling, hamza kept)."""
    return _MARKS.sub("", surface).replace("\u0671", "\u0627")


def seg_key(surface: str) -> str:
    """The form segmentation works on: normalised, except that ة stays ة.

    Folding ة into ه (as matching does) would make every feminine noun look like it ends in the
    pronoun ه ("شرطة" as شرط + ه); the treebanks and news text keep the two apart.
    """
    # Text pasted from PDFs writes ة in its presentation forms (ﺓ ﺔ): they are ة too.
    return normalize_string(surface.translate(_TEH_MARBUTA_PROTECTED)).replace("\ue000", "ة")


_TEH_MARBUTA_PROTECTED = str.maketrans({"ة": "\ue000", "\ufe93": "\ue000", "\ufe94": "\ue000"})


def _encode(pieces) -> str:
    """(kind, length, restore) triples -> 'p1 a1 s4>ة e2' (the lexicon's compact form)."""
    return " ".join(f"{k}{n}{r}" for k, n, r in pieces)


_PIECE = re.compile(r"([pase])(\d+)(.*)")


def decode(code: str) -> tuple[tuple[str, int, str], ...]:
    out = []
    for part in code.split():
        k, n, r = _PIECE.fullmatch(part).groups()
        out.append((k, int(n), r))
    return tuple(out)


class CliticModel:
    """Scores segmentations of normalised words; see the module docstring for the model."""

    def __init__(self, data: dict):
        self.lexicon: dict[str, str] = data["lexicon"]
        # The scorer's split decisions for every word in `counts`, computed once at training time
        # (a memo: the same answers as scoring at run time, without the cost on first sight).
        self.decided: dict[str, str] = data.get("decided", {})
        self.counts: dict[str, int] = data["counts"]
        self.weights: dict[str, float] = data.get("weights", {})
        self.prefixes: tuple[str, ...] = tuple(data["prefixes"])
        self.non_article = frozenset(data["non_article"])

    def host_variants(self, host: str, prefix: str, has_enclitic: bool):
        """Dictionary spellings a written host may stand for.

        Yields (key, article, restore): key is the normalised dictionary host (article included),
        article is "" | "a2" (written ال) | "a1" (ل after ل) | "a0" (both letters dropped after ل),
        restore the change that turns the written stem back into its dictionary form.
        """
        yield host, ("a2" if self._has_article(host) else ""), ""
        if prefix.endswith("ل") and host.startswith("ل"):
            yield "ا" + host, "a1", ""
            yield "ال" + host, "a0", ""
        if has_enclitic and len(host) >= 2:
            last = host[-1]
            if last == "ت":
                yield host[:-1] + "ة", "", ">ة"
            elif last == "ا":
                yield host[:-1] + "ي", "", ">ى"
            elif last == "و":
                yield host + "ا", "", "+ا"

    def _has_article(self, host: str) -> bool:
        return host.startswith("ال") and len(host) - 2 >= MIN_STEM and host not in self.non_article

    def _features(self, prefix: str, article: str, key: str, restore: str, enclitic: str,
                  log_whole: float) -> dict:
        count = self.counts.get(key, 0)
        log_count = math.log1p(count)
        feats = {"p:" + prefix: 1.0, "e:" + enclitic: 1.0, "log_count": log_count}
        # How common the word is as a whole, seen from a split reading: a word much more frequent
        # than its supposed host ("وزير" vs "زير") is rarely a clitic compound.
        if prefix:
            feats["log_count|prefix"] = log_count
            feats["log_whole|prefix"] = log_whole
        if enclitic:
            feats["log_count|enclitic"] = log_count
            feats["log_whole|enclitic"] = log_whole
            if prefix:
                feats["prefix+enclitic"] = 1.0
        if (prefix or enclitic) and len(key) <= 2:
            feats["short_host"] = 1.0
        if count == 0:
            feats["unknown_host"] = 1.0
            feats["unknown_host_len"] = len(key)
            if (prefix or enclitic) and not log_whole:
                feats["unknown_host_and_word|split"] = 1.0  # an unknown name, most often
        if article:
            feats["article:" + article] = 1.0
        if restore:
            feats["restore"] = 1.0
        return feats

    def candidates(self, word: str):
        """All readings of a normalised word as (features, code, host_key)."""
        log_whole = math.log1p(self.counts.get(word, 0))
        for prefix in self.prefixes:
            if not word.startswith(prefix):
                continue
            rest = word[len(prefix):]
            for enclitic in ("",) + ENCLITICS:
                if enclitic and not rest.endswith(enclitic):
                    continue
                host = rest[: len(rest) - len(enclitic)]
                tail = [("e", len(enclitic), "")] if enclitic else []
                if not host:
                    # preposition + pronoun ("به", "ولها"): the last proclitic is the host
                    if enclitic and prefix and prefix[-1] in "بلك":
                        feats = self._features(prefix, "", prefix[-1], "", enclitic, log_whole)
                        feats["no_stem"] = 1.0
                        yield feats, _encode([("p", 1, "")] * len(prefix) + tail), prefix[-1]
                    continue
                if len(host) < MIN_STEM:
                    continue
                if prefix.endswith("س") and host[0] not in "يتنا":
                    continue  # the future particle only precedes an imperfect verb
                head = [("p", 1, "")] * len(prefix)
                for key, article, restore in self.host_variants(host, prefix, bool(enclitic)):
                    if article and enclitic:
                        continue  # a definite noun takes no possessive pronoun
                    if article == "a2":
                        body = [("a", 2, ""), ("s", len(host) - 2, restore)]
                    elif article == "a1":
                        body = [("a", 1, ""), ("s", len(host) - 1, restore)]
                    else:
                        body = [("s", len(host), restore)]
                    yield (self._features(prefix, article, key, restore, enclitic, log_whole),
                           _encode(head + body + tail), key)

    def score(self, feats: dict) -> float:
        w = self.weights
        return sum(w.get(name, 0.0) * value for name, value in feats.items())

    def best(self, word: str) -> str:
        """The segmentation code of a normalised Arabic word (lexicon first, then the scorer)."""
        code = self.lexicon.get(word) or self.decided.get(word)
        if code is not None:
            return code
        if word in self.counts and self.decided:
            return f"s{len(word)}"  # scored at training time: the whole word won
        best_code, best_score = f"s{len(word)}", -math.inf
        for feats, code, _ in self.candidates(word):
            value = self.score(feats)
            if value > best_score:
                best_code, best_score = code, value
        return best_code


def load_model_data() -> dict:
    data = json.loads(resources.files("rasd.text").joinpath("data/clitics.json").read_text("utf-8"))
    return unpack(data)


def unpack(data: dict) -> dict:
    """Expand the file's grouped tables ({count: "w1 w2"}, {code: "w1 w2"}) into word dicts."""
    out = dict(data)
    if "counts_grouped" in data:
        out["counts"] = {w: int(n) for n, words in data["counts_grouped"].items() for w in words.split()}
    if "decided_grouped" in data:
        out["decided"] = {w: code for code, words in data["decided_grouped"].items() for w in words.split()}
    return out


_active: list[CliticModel] = []
# Callbacks that drop caches built from the active model (tokenize registers its per-form cache).
model_change_hooks: list = []


def model() -> CliticModel:
    if not _active:
        _active.append(CliticModel(load_model_data()))
    return _active[0]


def use_model(data: dict | None) -> None:
    """Swap in model data built in memory (training and cross-validation); None restores the file."""
    _active.clear()
    if data is not None:
        _active.append(CliticModel(data))
    segment_word.cache_clear()
    for hook in model_change_hooks:
        hook()


def _form(kind: str, surface: str, restore: str) -> str:
    if kind == "a":
        return "ال"
    form = bare(surface)
    if restore.startswith(">") and form:
        form = form[:-1] + restore[1:]
    elif restore.startswith("+"):
        form += restore[1:]
    return form


@lru_cache(maxsize=200_000)
def segment_word(surface: str) -> tuple[tuple[int, int, str, str], ...]:
    """Segments of one Arabic word as (start, end, form, kind), offsets relative to `surface`."""
    norm = seg_key(surface)
    if not norm or not _LETTERS_ONLY.fullmatch(norm):
        return ((0, len(surface), bare(surface), "stem"),)
    pieces = decode(model().best(norm))
    if len(pieces) == 1:
        return ((0, len(surface), bare(surface), "stem"),)
    if len(norm) == len(surface):
        starts = None  # identity alignment: nothing was removed or expanded
    else:
        starts = normalize(surface).starts
    out = []
    pos = 0
    for i, (k, n, restore) in enumerate(pieces):
        end_norm = pos + n
        start = pos if starts is None else (starts[pos] if pos < len(norm) else len(surface))
        if i == len(pieces) - 1:
            end = len(surface)
        else:
            end = end_norm if starts is None else (starts[end_norm] if end_norm < len(norm) else len(surface))
        if out and out[-1][2] == "a" and surface[out[-1][0]] in "أإآ":
            # "إلغاء" normalises like "الغاء": a hamza on the alef means ال is not the article
            start = out.pop()[0]
        out.append((start, end, k, restore))
        pos = end_norm
    out = _future_particle_checked(surface, out)
    return tuple((s, e, _form(k, surface[s:e], r), KIND_NAMES[k]) for s, e, k, r in out)


def _future_particle_checked(surface: str, out: list) -> list:
    """Undo a future particle س before a bare alef: the 1st person imperfect after it is written
    with hamza ("سأعمل"), so "سامراء" is Samarra, not س + أمراء (normalised text cannot tell)."""
    for i, (s, e, k, _) in enumerate(out[:-1]):
        if k == "p" and surface[s:e] == "س" and surface[e:e + 1] == "ا":
            rest = out[i + 1:]
            enclitics = [piece for piece in rest if piece[2] == "e"]
            stem_end = enclitics[0][0] if enclitics else len(surface)
            restore = next((r for _, _, kind, r in rest if kind == "s"), "")
            return out[:i] + [(s, stem_end, "s", restore)] + enclitics
    return out


def ud_pieces(segments) -> list[tuple[int, int]]:
    """(start, end) pieces in UD convention: the article is merged into the stem after it."""
    out: list[list[int]] = []
    merge_next = False
    for seg in segments:
        start, end, form, kind = seg if isinstance(seg, tuple) else (seg.start, seg.end, seg.form, seg.kind)
        if merge_next and out:
            out[-1][1] = end
        else:
            out.append([start, end])
        merge_next = kind == "proclitic" and form == "ال"
    return [(s, e) for s, e in out]
