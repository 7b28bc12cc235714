import pytest

from rasd.errors import BinaryInput, EmptyInput, InputTooLarge, UndecodableInput, UnreadableInput
from rasd.ingest.decode import decode_bytes, read_text_file

ARABIC = "أعلنت وزارة الداخلية المصرية القبض على عشرين شخصا في القاهرة."


@pytest.mark.parametrize("data, encoding", [
    (ARABIC.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + ARABIC.encode("utf-8"), "utf-8-sig"),
    (ARABIC.encode("utf-16"), "utf-16"),
    (ARABIC.encode("cp1256"), "cp1256"),
])
def test_decodes_arabic_in_its_encodings(data, encoding):
    decoded = decode_bytes(data, "x.txt")
    assert decoded.text.lstrip("\ufeff") == ARABIC
    assert decoded.encoding == encoding


def test_latin1_bytes_that_are_not_arabic_are_refused_rather_than_garbled():
    with pytest.raises(UndecodableInput, match="not UTF-8.*nor Windows-1256"):
        decode_bytes("Größe und Qualität für München".encode("latin-1"), "de.txt")


@pytest.mark.parametrize("data", [b"", b"   \n  "])
def test_empty(data):
    with pytest.raises(EmptyInput, match="x.txt"):
        decode_bytes(data, "x.txt")


def test_binary():
    with pytest.raises(BinaryInput, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "image.png")


def test_too_large_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(50_000_000)
    with pytest.raises(InputTooLarge, match="50.0 MB"):
        read_text_file(big)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(UnreadableInput, match="no such file"):
        read_text_file(tmp_path / "nope.txt")
    with pytest.raises(UnreadableInput, match="directory"):
        read_text_file(tmp_path)
