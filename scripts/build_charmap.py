"""Build src/rasd/text/data/charmap.json, the normalisation table used for matching.

The hand-chosen folds are listed below with the reason for each; Arabic presentation forms
(U+FB50-U+FDFF, U+FE70-U+FEFF) are expanded from Unicode's NFKC decompositions and then folded.
Run: python scripts/build_charmap.py
"""
import json
import pathlib
import unicodedata

OUT = pathlib.Path(__file__).resolve().parents[1] / "src/rasd/text/data/charmap.json"

FOLDS = {
    # alef with hamza or madda, and wasla: writers drop or swap them freely (أحمد/احمد, إيران/ايران)
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    # hamza seats: مسؤول/مسئول are both common spellings of one word
    "ؤ": "ء", "ئ": "ء",
    # ta marbuta and alef maqsura are often written as ha and ya (especially in Egypt)
    "ة": "ه", "ى": "ي",
    # Persian/Urdu letter shapes found in copy-pasted text
    "ک": "ك", "ی": "ي", "ې": "ي", "ە": "ه", "ۀ": "ه",
    # Arabic decimal and thousands separators, percent sign
    "٫": ".", "٬": ",", "٪": "%",
}
for i in range(10):  # Arabic-Indic and Persian (Extended Arabic-Indic) digits
    FOLDS[chr(0x0660 + i)] = str(i)
    FOLDS[chr(0x06F0 + i)] = str(i)
for c in range(ord("A"), ord("Z") + 1):
    FOLDS[chr(c)] = chr(c).lower()

# Removed for matching. Marks are attached to the letter before them, so a span that ends on that
# letter keeps its marks (see normalize.py); bidi and zero-width controls are not attached.
MARKS = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"] + [chr(c) for c in range(0x06D6, 0x06EE)] + ["\u0640"]
CONTROLS = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"] + \
    [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]


def fold(s: str) -> str:
    return "".join(FOLDS.get(ch, "" if ch in MARKS or ch in CONTROLS else ch) for ch in s)


def presentation_forms() -> dict:
    table = {}
    for c in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        ch = chr(c)
        if not unicodedata.name(ch, ""):
            continue
        decomposed = unicodedata.normalize("NFKC", ch)
        if decomposed != ch:
            table[ch] = fold(decomposed)
    return table


def main():
    table = {
        "source": "rasd scripts/build_charmap.py: hand folds + Unicode NFKC for Arabic presentation forms",
        "fold": dict(sorted(FOLDS.items())),
        "presentation": presentation_forms(),
        "marks": "".join(MARKS),
        "controls": "".join(CONTROLS),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(table['fold'])} folds, {len(table['presentation'])} presentation forms)")


if __name__ == "__main__":
    main()
