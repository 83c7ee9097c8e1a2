"""Encodings are found, not assumed: byte-order marks, declared charsets checked against the
bytes, UTF-16 without a mark, legacy code pages by charset-normalizer and a plausibility
check; what cannot be read with confidence is an error, never mojibake."""
import codecs
import json

import pytest

from factoid.errors import SourceError
from factoid.sources import read_sources
from factoid.sources.base import doc_id
from factoid.sources.decode import decode, oddity

RUSSIAN = ("Пётр Иванович Сидоров родился 3 марта 1850 года в Москве. Он учился в университете, "
           "работал инженером на заводе, а в 1905 году был арестован и выслан в Вологду.")
GERMAN = ("Jürgen Weiß wurde am 3. März 1901 in Köln geboren. Er studierte in Göttingen, "
          "arbeitete als Übersetzer und starb 1970 in der Schloßstraße.")


def read_one(path):
    (item,) = list(read_sources([path]))
    return item


@pytest.mark.parametrize("text", [RUSSIAN, GERMAN])
@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp866", "latin-1", "cp1252",
                                      "utf-16-le", "utf-16-be", "utf-8"])
def test_file_in_each_encoding_reads_back_exactly(tmp_path, text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{encoding} cannot spell this text")
    path = tmp_path / "bio.txt"
    path.write_bytes(data)
    doc = read_one(path)
    assert not isinstance(doc, SourceError), doc
    assert doc.raw == text
    assert doc.id == doc_id(data)  # the id is of the bytes, whatever the encoding


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                           (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                                           (codecs.BOM_UTF32_BE, "utf-32-be")])
def test_byte_order_marks(bom, encoding):
    text, found = decode("x.txt", bom + RUSSIAN.encode(encoding))
    assert text == RUSSIAN and found == encoding  # the mark itself is not part of the text


def test_cp1251_is_not_read_as_latin1(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("Сидоров Пётр Иванович, инженер Московского завода, родился в 1850 году.".encode("cp1251"))
    doc = read_one(path)
    assert doc.raw.startswith("Сидоров Пётр") and doc.metadata["encoding"] == "cp1251"
    assert oddity("Ñèäîðîâ Ï¸òð") > 0.1  # what a Latin-1 reading would have stored


def test_ascii_page_declaring_utf16_is_read_as_ascii(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b'<html><head><meta charset="utf-16"><title>Weiss</title></head>'
                     b"<body><p>Jurgen Weiss was born in 1901 in Cologne.</p></body></html>")
    doc = read_one(path)
    assert doc.raw == "Jurgen Weiss was born in 1901 in Cologne." and doc.title == "Weiss"


def test_declared_charset_that_lies_is_overruled(tmp_path):
    page = f'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>{RUSSIAN}</p>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    doc = read_one(path)
    assert doc.raw == RUSSIAN and doc.metadata["encoding"] == "cp1251"


def test_declared_charset_that_fits_is_used(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(f'<meta charset="koi8-r"><p>{RUSSIAN}</p>'.encode("koi8_r"))
    doc = read_one(path)
    assert doc.raw == RUSSIAN and doc.metadata["encoding"] == "koi8-r"


def test_valid_utf8_beats_a_legacy_declaration(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(f'<meta charset="windows-1251"><p>{GERMAN}</p>'.encode("utf-8"))
    assert read_one(path).raw == GERMAN


def test_what_cannot_be_read_with_confidence_is_an_error(tmp_path):
    short = tmp_path / "short.txt"
    short.write_bytes("Сидоров".encode("cp1251"))  # seven letters: Russian, Greek or Mac Cyrillic alike
    err = read_one(short)
    assert isinstance(err, SourceError) and err.problem.startswith("cannot tell the text encoding")
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(0x80, 0x100)) * 4)
    err = read_one(noise)
    assert isinstance(err, SourceError) and "encoding" in err.problem


def test_damaged_utf8_names_the_byte():
    with pytest.raises(SourceError, match=r"not valid UTF-8 text \(byte 0xFF at offset 14\)"):
        decode("x.txt", "Jürgen Weiß ".encode() + b"\xff and more")


def test_jsonl_in_a_legacy_code_page(tmp_path):
    path = tmp_path / "old.jsonl"
    lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate([RUSSIAN, RUSSIAN[:60]])]
    raw = [line.encode("cp1251") for line in lines]
    path.write_bytes(b"\n".join(raw) + b"\n")
    docs = list(read_sources([path]))
    assert [d.raw for d in docs] == [RUSSIAN, RUSSIAN[:60]]
    assert [d.id for d in docs] == [doc_id(r) for r in raw]


def test_jsonl_in_utf16_with_a_mark(tmp_path):
    path = tmp_path / "win.jsonl"
    lines = [json.dumps({"text": GERMAN}, ensure_ascii=False), json.dumps({"text": RUSSIAN}, ensure_ascii=False)]
    path.write_bytes(codecs.BOM_UTF16_LE + "\r\n".join(lines).encode("utf-16-le") + "\r\n".encode("utf-16-le"))
    docs = list(read_sources([path]))
    assert [d.raw for d in docs] == [GERMAN, RUSSIAN]
    assert docs[0].id == doc_id(lines[0].encode("utf-16-le"))


def test_utf8_jsonl_line_in_another_encoding_is_decoded_alone_or_reported(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(json.dumps({"text": GERMAN}).encode() + b"\n"
                     + json.dumps({"text": RUSSIAN}, ensure_ascii=False).encode("koi8_r") + b"\n"
                     + b'{"text": "\xc3\xbc \xff"}\n')
    first, second, third = read_sources([path])
    assert first.raw == GERMAN and second.raw == RUSSIAN
    assert isinstance(third, SourceError) and third.problem.startswith("line 3: not valid UTF-8 text")
