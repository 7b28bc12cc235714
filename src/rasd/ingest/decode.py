"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1256, and nothing else.

Arabic pages that are not UTF-8 are almost always Windows-1256 (cp1256). Every byte decodes under
cp1256, so "it decoded" proves nothing: the result must also look like Arabic text, otherwise the input
is reported as undecodable rather than silently turned into mojibake.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from rasd.errors import BinaryInput, EmptyInput, InputTooLarge, UndecodableInput, UnreadableInput

DEFAULT_MAX_BYTES = 20_000_000

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_LETTER = re.compile(r"[^\W\d_]")
# C0 controls other than tab, newline, carriage return and form feed: text files do not contain these.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    return len(_CONTROL_BYTES.findall(sample)) > max(2, len(sample) // 100)


def decode_bytes(data: bytes, source: str = "<input>") -> Decoded:
    if not data or not data.strip():
        raise EmptyInput("the input is empty", source=source)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableInput(f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                                       f"(byte {exc.start})", source=source) from None
    if looks_binary(data):
        raise BinaryInput("the input is binary data, not text", source=source)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    letters = len(_LETTER.findall(text[:20000]))
    arabic = len(_ARABIC_LETTER.findall(text[:20000]))
    if letters and arabic / letters >= 0.5:
        return Decoded(text, "cp1256")
    raise UndecodableInput(f"the input is not UTF-8 (invalid byte at offset {utf8_error}) nor Windows-1256 Arabic text",
                           source=source)


def read_text_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Read and decode a file, refusing it before reading it whole when it is larger than `max_bytes`."""
    p = Path(path)
    source = str(p)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(f"the file is {size / 1e6:.1f} MB, more than the limit of {max_bytes / 1e6:.1f} MB",
                                source=source)
        data = p.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput("no such file", source=source) from None
    except IsADirectoryError:
        raise UnreadableInput("is a directory, not a file", source=source) from None
    except PermissionError:
        raise UnreadableInput("permission denied", source=source) from None
    return decode_bytes(data, source)
