"""The cardinal-number grammar behind text/numbers.py: lexicon loading, the scanning regex, atoms.

An "atom" is one digit string or one number word with its proclitics. `read_atoms` cuts a scanned
stretch into atoms (digit strings with separators are read here, see `read_digits`), and
`read_number` reads the longest grammatical number starting at an atom:

    number   := vague [plural-scale]                 عشرات الآلاف, بضع مئات, بضعة عشر
              | (scale | dual) tail                   ألف وخمسمائة, ألفي
              | fraction scale tail                   نصف مليون
              | group [scale tail]                    ثلاثة آلاف, 2.5 مليون, مئة وخمسون ألف
    group    := digits | hundreds [و below100] | below100
    below100 := unit عشر | teen-prefix عشر | unit و tens | unit | tens
    tail     := (و group [smaller scale] | و smaller-scale | و fraction)*

Anything the grammar cannot join starts a new number. Word roles come from data/number_words.json;
one normalised form may have several roles (عشرات is vague alone and a scale after بضع).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from typing import Optional

from rasd.text.normalize import Normalized, normalize_string
from rasd.text.trie import trie_alternation

SP = r"[ \t\u00a0]"
_CONJ, _PREP = ("", "و", "ف"), ("", "ب", "ك", "ل")


def load_data(name: str) -> dict:
    return json.loads(resources.files("rasd.text").joinpath(f"data/{name}").read_text("utf-8"))


def trie_regex(phrases) -> str:
    """One group matching any of the normalised phrases; a space inside a phrase matches any run of blanks."""
    return "(?:" + trie_alternation(phrases, f"{SP}+") + ")"


def _clitic_forms(article_ok: bool, clitics_ok: bool) -> list[str]:
    """The written proclitic strings a number word can take (ل + ال is written لل)."""
    if not clitics_ok:
        return [""]
    return [conj + ("لل" if prep == "ل" and art else prep + art)
            for conj in _CONJ for prep in _PREP for art in (("", "ال") if article_ok else ("",))]


@dataclass
class _Word:
    """Every grammatical role one normalised number word can play."""
    unit: Optional[int] = None
    ten: bool = False               # عشر/عشرة as the second part of a teen
    teen_prefix: Optional[int] = None
    tens: Optional[int] = None
    hundred: Optional[int] = None
    scale: Optional[int] = None     # singular scale: ألف, مليون
    dual: Optional[int] = None      # dual scale, worth twice the scale: ألفين, مليوني
    plural: Optional[int] = None    # plural scale: آلاف, ملايين (also عشرات, مئات)
    vague: Optional[tuple] = None
    fraction: Optional[Fraction] = None
    article_ok: bool = True
    clitics_ok: bool = True


@dataclass
class Lexicon:
    words: dict
    prefixes: dict        # normalised phrase -> (kind, strict, temporal_guard)
    suffixes: dict
    temporal: frozenset
    range_openers: tuple
    change_openers: tuple
    range_verbs: frozenset
    joins_after_opener: tuple
    joins: tuple
    scanner: re.Pattern
    atom: re.Pattern
    bare_percent: frozenset


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data, phrases = load_data("number_words.json"), load_data("number_words_phrases.json")
    words: dict[str, _Word] = {}

    def word(form: str) -> _Word:
        return words.setdefault(normalize_string(form), _Word())

    for form, v in data["units"].items():
        word(form).unit = v
    for form in data["ten_words"]:
        word(form).ten = True
    for field_name, key in (("teen_prefix", "teen_prefixes"), ("tens", "tens"), ("hundred", "hundreds"),
                            ("scale", "scales_singular"), ("dual", "scales_dual"), ("plural", "scales_plural")):
        for form, v in data[key].items():
            setattr(word(form), field_name, v)
    for form, (low, high) in data["vague"].items():
        word(form).vague = (low, high)
    for form, v in data["fractions_of_scale"].items():
        word(form).fraction = Fraction(v).limit_denominator(100)
    for form in data["no_article"]:
        word(form).article_ok = False
    for form in data["no_clitics"]:
        word(form).clitics_ok = False

    def phrase_table(entries):
        return {normalize_string(e["phrase"]): (e["kind"], e.get("strict", False), e.get("temporal_guard", False))
                for e in entries}
    prefixes, suffixes = phrase_table(phrases["prefixes"]), phrase_table(phrases["suffixes"])

    percent = [normalize_string(p) for p in phrases["percent"] if p != "%"]
    glued_percent = {p for p in percent if " " not in p}
    bare_percent = [p.split(" ", 1)[1] for p in percent if " " in p]
    forms = {c + f for f, w in words.items() for c in _clitic_forms(w.article_ok, w.clitics_ok)}
    word_atom = trie_regex(forms - glued_percent) + r"(?!\w)"
    # A digit atom never touches ":" between digits, so clock times ("10:30", "الـ5:30") are skipped.
    digit_atom = r"[وف]?[بلك]?(?:ال)?(?<![0-9]:)[0-9]+(?:[.,][0-9]+)*(?![0-9]|:[0-9])"
    atom = rf"(?:{word_atom}|{digit_atom})"
    chunk = rf"{atom}(?:{SP}+(?:و{SP}+)?{atom})*"
    ordinals = {c + normalize_string(o) for o in data["ordinals"] for c in _clitic_forms(True, True)}
    ten_words = [normalize_string(t) for t in data["ten_words"]]
    tens = [normalize_string(t) for t in data["tens"]]
    ordinal = (rf"{trie_regex(ordinals)}{SP}+(?:{trie_regex(ten_words)}|و(?:ال)?{trie_regex(tens)})(?!\w)")
    bound_forms = {c + p for p in prefixes for c in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")}
    # Every alternative starts at a word start: one failed look-behind rejects a mid-word position.
    scanner = re.compile(
        rf"(?<!\w)(?:(?P<ordinal>{ordinal})"
        rf"|(?:(?P<pre>{trie_regex(bound_forms)}){SP}+)?"
        rf"(?P<chunk>{chunk})"
        rf"(?P<pct>{SP}*%|{SP}+(?:في{SP}+{trie_regex(bare_percent)}|{trie_regex(glued_percent)})(?!\w))?"
        # One word may stand between the number and its suffix: "30 شخصا على الأقل".
        rf"(?P<suf>(?:{SP}+[^\W\d_]+)?{SP}+(?P<suffix>{trie_regex(suffixes)})(?!\w))?)")
    return Lexicon(
        words=words, prefixes=prefixes, suffixes=suffixes,
        temporal=frozenset(normalize_string(w) for w in phrases["temporal_after_number"]),
        range_openers=tuple(normalize_string(w) for w in phrases["range_openers"]),
        change_openers=tuple(normalize_string(w) for w in phrases["change_openers"]),
        range_verbs=frozenset(normalize_string(w) for w in phrases["range_verbs"]),
        joins_after_opener=tuple(normalize_string(w) for w in phrases["range_joins_after_opener"]),
        joins=tuple(normalize_string(w) for w in phrases["range_joins"]),
        scanner=scanner, atom=re.compile(atom), bare_percent=frozenset(bare_percent))


@dataclass
class Atom:
    start: int           # normalised offsets; start excludes conjunction/preposition clitics
    end: int
    waw: bool            # joined to the previous atom by و
    clitic: bool         # carries a preposition or ف: cannot continue a number
    word: Optional[_Word] = None
    digits: Optional[Fraction] = None
    decimal_alt: Optional[Fraction] = None  # "1.500" read as a decimal before a scale word
    year_like: bool = False


@lru_cache(maxsize=4096)
def _analyse_word(token: str):
    """(excluded clitic length, has ف/preposition, has و, _Word) or None for a lexicon token."""
    words = lexicon().words
    if token in words:
        return 0, False, False, words[token]
    for conj in _CONJ:
        for prep in _PREP:
            for art in ("", "ال"):
                written = conj + ("لل" if prep == "ل" and art else prep + art)
                if not written or not token.startswith(written):
                    continue
                entry = words.get(token[len(written):])
                if entry is None or (art and not entry.article_ok) or not entry.clitics_ok:
                    continue
                return len(conj) + len(prep), bool(prep or conj == "ف"), conj == "و", entry
    return None


def read_digits(norm: str, original: str) -> list[tuple[int, int, Fraction, Optional[Fraction]]]:
    """Pieces (start, end, value, decimal alternative) of a digit string with separators."""
    if "." not in norm and "," not in norm:
        return [(0, len(norm), Fraction(int(norm)), None)]
    source = original if len(original) == len(norm) else norm
    seps = [(i, source[i]) for i, ch in enumerate(norm) if ch in ".,"]
    groups = re.split(r"[.,]", norm)
    kinds = {ch for _, ch in seps}
    three_digit = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    if kinds == {"٬"} or (three_digit and len(kinds) == 1 and kinds <= {",", "."} and groups[0] != "0"):
        value = Fraction(int("".join(groups)))
        alt = Fraction(norm.replace(",", ".")) if len(seps) == 1 and kinds == {"."} else None
        return [(0, len(norm), value, alt)]
    if len(seps) == 1 and (kinds <= {".", "٫"} or len(groups[1]) <= 2):
        return [(0, len(norm), Fraction(groups[0] + "." + groups[1]), None)]
    marks = [ch for _, ch in seps]
    if len(set(marks)) == 2 and marks[-1] not in marks[:-1] and marks[-1] != "٬" \
            and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:-1]):
        return [(0, len(norm), Fraction("".join(groups[:-1]) + "." + groups[-1]), None)]  # 7,245.18
    pieces, pos = [], 0
    for g in groups:
        pieces.append((pos, pos + len(g), Fraction(int(g)), None))
        pos += len(g) + 1
    return pieces


def _year_like(value: Fraction) -> bool:
    """A four-digit Gregorian or Hijri year: never half of a range, never bounded by حتى."""
    return 1800 <= value <= 2100 or 1300 <= value <= 1500


_AFTER_FI = re.compile(rf"(?<!\w)في{SP}+\Z")  # "في المئة" with no number before it is a percent, not 100


def read_atoms(norm: str, chunk_start: int, chunk_end: int, text: str, normalized: Normalized) -> list[Atom]:
    """The atoms of one scanned run norm[chunk_start:chunk_end]; `text` and `normalized` let digit
    separators be read from the original characters (٫ is always decimal, ٬ always thousands)."""
    lex = lexicon()
    atoms, previous_end = [], chunk_start
    for m in lex.atom.finditer(norm, chunk_start, chunk_end):
        token, s = m.group(), m.start()
        joined = "و" in norm[previous_end:s]
        previous_end = m.end()
        digit_at = next((i for i, ch in enumerate(token) if ch.isdigit()), None)
        if digit_at is not None:
            clitics, digits = token[:digit_at], token[digit_at:]
            waw = clitics.startswith("و")
            other = clitics[1:] if waw else clitics
            o_start, o_end = normalized.to_original(s + digit_at, m.end())
            plain = "." not in digits and "," not in digits
            for a, b, value, alt in read_digits(digits, text[o_start:o_end]):
                atoms.append(Atom(s + digit_at + a, s + digit_at + b, joined or waw,
                                   other not in ("", "ال"), digits=value, decimal_alt=alt,
                                   year_like=plain and b - a == 4 and _year_like(value)))
                joined = waw = False
            continue
        analysis = _analyse_word(token)
        if analysis is None or (token in lex.bare_percent and _AFTER_FI.search(norm, max(0, s - 8), s)):
            atoms.append(Atom(s, m.end(), joined, True))
            continue
        skip, clitic, waw, entry = analysis
        atoms.append(Atom(s + skip, m.end(), joined or waw, clitic, word=entry))
    return atoms


@dataclass
class Item:
    """A number being built, in normalised offsets; becomes a NumberMention at the end."""
    start: int
    end: int
    low: Optional[Fraction]
    high: Optional[Fraction]
    kind: str = "exact"
    scale: int = 1          # the scale word that multiplied it (بين 2 و3 ملايين shares it)
    year_like: bool = False
    percent: bool = False
    first_atom: int = 0
    last_atom: int = 0

    @property
    def value(self):
        return self.low if self.kind in ("exact", "approximate") else None


def _continues(atom: Atom, waw: bool) -> bool:
    return not atom.clitic and atom.waw == waw


def _group(atoms: list[Atom], i: int):
    """A number below a thousand (or any digit string) starting at atoms[i]: (value, next) or None."""
    a, n = atoms[i], len(atoms)
    if a.digits is not None:
        return a.digits, i + 1
    w = a.word
    if w is None:
        return None
    hundreds, j = 0, i
    if w.hundred:
        hundreds, j = w.hundred, i + 1
    elif (w.unit and 3 <= w.unit <= 9 and i + 1 < n and atoms[i + 1].word and atoms[i + 1].word.hundred == 100
          and _continues(atoms[i + 1], False)):
        hundreds, j = w.unit * 100, i + 2
    if hundreds:
        if j < n and _continues(atoms[j], True):
            below = _below_hundred(atoms, j)
            if below:
                return hundreds + below[0], below[1]
        return Fraction(hundreds), j
    below = _below_hundred(atoms, i)
    return (Fraction(below[0]), below[1]) if below else None


def _below_hundred(atoms: list[Atom], i: int):
    """1-99 from words: a unit, a teen (ثلاثة عشر, أحد عشر), unit و tens (خمسة وعشرون), tens."""
    w, n = atoms[i].word, len(atoms)
    if w is None:
        return None
    nxt = atoms[i + 1] if i + 1 < n else None
    nw = nxt.word if nxt else None
    base = w.unit or w.teen_prefix
    if base and base < 10 and nw:
        if nw.ten and _continues(nxt, False) and (w.teen_prefix or base >= 3):
            return 10 + base, i + 2
        if nw.tens and _continues(nxt, True):
            return nw.tens + base, i + 2
    if w.unit:
        return w.unit, i + 1
    if w.tens:
        return w.tens, i + 1
    return None


def _after_scale(atoms, j, total, last_scale):
    """Add و-joined lower parts after a scale word: "ألف وخمسمائة", "مليون و500 ألف", "ألف ونصف"."""
    n = len(atoms)
    while j < n and _continues(atoms[j], True):
        w = atoms[j].word
        if w and w.fraction is not None:
            k = j + 1  # "مليون ونصف المليون": the repeated scale belongs to the fraction
            if k < len(atoms) and atoms[k].word and atoms[k].word.scale == last_scale and _continues(atoms[k], False):
                k += 1
            return total + w.fraction * last_scale, k, last_scale
        if w and (w.scale or w.dual) and (w.scale or w.dual) < last_scale:
            last_scale = w.scale or w.dual
            total += last_scale * (2 if w.dual else 1)
            j += 1
            continue
        group = _group(atoms, j)
        if group is None:
            break
        value, k = group
        if k < n and atoms[k].word and atoms[k].word.scale and _continues(atoms[k], False) \
                and atoms[k].word.scale < last_scale and value < 1000:
            last_scale = atoms[k].word.scale
            total += value * last_scale
            j = k + 1
            continue
        if value < last_scale:
            total += value
            j = k
        break
    return total, j, last_scale


def read_number(atoms: list[Atom], i: int) -> Optional[Item]:
    """The longest number starting at atoms[i] (see the module docstring), or None."""
    a, n = atoms[i], len(atoms)
    w = a.word
    nxt = atoms[i + 1] if i + 1 < n else None
    plural_next = nxt is not None and nxt.word is not None and nxt.word.plural and _continues(nxt, False)
    if w and w.vague:
        low, high, j = Fraction(w.vague[0]), Fraction(w.vague[1]), i + 1
        if not w.plural and nxt is not None and nxt.word and nxt.word.ten and _continues(nxt, False):
            low, high, j = low + 10, high + 10, i + 2  # بضعة عشر: 13-19
        elif plural_next and nxt.word.plural > (w.plural or 1):
            s = nxt.word.plural
            low, high, j = low * s, (high + 1) * s - 1, i + 2
        return Item(a.start, atoms[j - 1].end, low, high, "vague", first_atom=i, last_atom=j - 1)
    if w and (w.scale or w.dual):
        scale = w.scale or w.dual
        total, j, _ = _after_scale(atoms, i + 1, Fraction(scale * (2 if w.dual else 1)), scale)
        return Item(a.start, atoms[j - 1].end, total, total, scale=scale, first_atom=i, last_atom=j - 1)
    if w and w.fraction is not None:
        if nxt is not None and nxt.word and nxt.word.scale and _continues(nxt, False):
            scale = nxt.word.scale
            total, j, _ = _after_scale(atoms, i + 2, w.fraction * scale, scale)
            return Item(a.start, atoms[j - 1].end, total, total, scale=scale, first_atom=i, last_atom=j - 1)
        return None
    group = _group(atoms, i)
    if group is None:
        return None
    value, j = group
    if j < n and _continues(atoms[j], False) and atoms[j].word and (atoms[j].word.scale or atoms[j].word.plural):
        scale = atoms[j].word.scale or atoms[j].word.plural
        if scale >= 1000:
            if atoms[j - 1].decimal_alt is not None and j == i + 1:
                value = atoms[j - 1].decimal_alt
            total, k, _ = _after_scale(atoms, j + 1, value * scale, scale)
            return Item(a.start, atoms[k - 1].end, total, total, scale=scale, first_atom=i, last_atom=k - 1)
    year_like = a.year_like and j == i + 1
    return Item(a.start, atoms[j - 1].end, value, value, year_like=year_like, first_atom=i, last_atom=j - 1)
