"""Readers for UniversalPetrarch's Arabic dictionaries (MIT), used by build_lexicon.py.

actor_dict_ar_v4.txt: one entry is a name line followed by its codes, either on the same line
("حركة_فتح_  [PSEPTY]") or on indented lines below it ("\t[IRQGOV 20101221-20140908]").
- Names are lemma-ish: words joined by "_", often with a trailing "_"; articles are mostly dropped
  and adjectives are in the masculine ("اتحاد_أوروبي_" for الاتحاد الأوروبي); a clitic preposition
  may stand alone ("أمين_عام_ل_أمة_المتحدة_").
- A code is CAMEO: an optional 3-letter country or transnational code (ISO-like, IGO, NGO, IMG,
  INT, MNC, NGM, KSV...) then 3-letter sector codes ("PSECVLELI" = PSE + CVL + ELI).
- Dates: "A-B" is a range; B = 18000101 marks an open end, and so does B < A (in the file an end
  before the start is a copy of the previous line's end, e.g. a king "19990207-19640922");
  ">A" = from A on, "<B" = until B; no date = always.
agents.all.ar_v3.txt: "noun_phrase [~SECTOR]" lines; "~" marks an agent (sector without country).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# CAMEO transnational / non-state "country" codes that stand where a country would.
TRANSNATIONAL = {"IGO", "NGO", "NGM", "IMG", "INT", "MNC", "UIS", "KUR"}
CAMEO_TO_ISO = {"KSV": "XKX"}
OPEN_END = "18000101"

_CODE = re.compile(r"\[([^\]]*)\]")
_DATES = re.compile(r"^(?P<code>[A-Z?]*)\s*(?:(?P<a>\d{8})\s*-\s*(?P<b>\d{8})|>\s*(?P<gt>\d{8})|<\s*(?P<lt>\d{8}))?\s*$")


@dataclass
class Role:
    country: str | None
    sectors: list[str]
    start: str | None  # YYYY-MM-DD or None
    end: str | None


@dataclass
class ActorEntry:
    lemma: str  # as in the file, "_" between words
    roles: list[Role] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return [w for w in self.lemma.split("_") if w]

    @property
    def dated(self) -> bool:
        return any(r.start or r.end for r in self.roles)


def _iso_date(yyyymmdd: str) -> str:
    return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:]}"


def split_code(code: str, countries: set[str]) -> tuple[str | None, list[str]]:
    """'PSECVLELI' -> ('PSE', ['CVL', 'ELI']); 'MIL' -> (None, ['MIL'])."""
    code = code.strip().replace("?", "")  # "[IMG?]", "[?MIL]": the annotator's doubt
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if chunks and (chunks[0] in countries or chunks[0] in TRANSNATIONAL or chunks[0] in CAMEO_TO_ISO):
        country = CAMEO_TO_ISO.get(chunks[0], chunks[0])
        return country, [c for c in chunks[1:] if len(c) == 3]
    return None, [c for c in chunks if len(c) == 3]


def parse_role(text: str, countries: set[str]) -> Role | None:
    text = text.split(",")[-1].strip()  # one line reads "[china,CHNCRMEDU ...]"
    m = _DATES.match(text)
    if not m or not m.group("code"):
        return None
    country, sectors = split_code(m.group("code"), countries)
    start = end = None
    if m.group("a"):
        a, b = m.group("a"), m.group("b")
        start = _iso_date(a)
        end = None if (b == OPEN_END or b < a) else _iso_date(b)
    elif m.group("gt"):
        start = _iso_date(m.group("gt"))
    elif m.group("lt"):
        end = _iso_date(m.group("lt"))
    return Role(country, sectors, start, end)


def read_actors(path: str, countries: set[str]) -> list[ActorEntry]:
    """All entries, duplicates merged by lemma (the file repeats names such as حماس)."""
    entries: dict[str, ActorEntry] = {}
    current: ActorEntry | None = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            is_code_line = line.lstrip().startswith("[")
            if not is_code_line:
                name = _CODE.split(line)[0].strip()
                if not name or " " in name.strip("_ "):  # free text lines are noise
                    current = None
                    continue
                name = name.strip()
                current = entries.setdefault(name, ActorEntry(name))
            if current is None:
                continue
            for code in _CODE.findall(line):
                role = parse_role(code, countries)
                if role and role not in current.roles:
                    current.roles.append(role)
    return [e for e in entries.values() if e.roles]


def read_agents(path: str) -> list[tuple[str, str]]:
    """(noun phrase with spaces, sector code) pairs; codes like '~GOVMED' keep their first sector."""
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "[" not in line:
                continue
            name, _, rest = line.partition("[")
            code = rest.split("]")[0].split("}")[0].strip()
            if "~" not in code:
                continue
            code = code.replace("~", "").split()[0] if code.replace("~", "").split() else ""
            if len(code) < 3 or not code[:3].isalpha() or not code[:3].isupper():
                continue
            words = [w for w in name.strip().split("_") if w]
            if words:
                pairs.append((" ".join(words), code[:3] if code[:3] != "IGO" else "IGO"))
    return pairs
