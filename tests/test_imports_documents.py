"""Imports of PDF and DOCX files. Every input is made here: the PDFs written by hand (a PDF is a
small text format: objects, a content stream of text operators, a cross-reference table) and
encrypted with pypdf; the DOCX files written with python-docx. Each is ingested into a temporary
database, and its facts are found with spans into the document's raw text and, for a PDF, the
page each one is on."""
from __future__ import annotations

import json
import sqlite3

import docx
import pypdf
from click.testing import CliRunner

from factoid.cli import READ_FORMATS, main
from factoid.errors import SourceError
from factoid.model import Document
from factoid.sources import READERS, ReadOptions, read_sources
from factoid.sources.pdf import page_at

BIOGRAPHY = ["Pavel Orlov was born on 4 March 1881 in Tver.",
             "He taught mathematics at the Tver gymnasium."]
LATER = ["Pavel Orlov died on 2 May 1937 in Moscow."]


def make_pdf(pages: list[list[str] | None], title: str = "", author: str = "") -> bytes:
    """A PDF with one page per item: its lines of text, or None for a page that only draws a
    rectangle (what a scan looks like to a text reader: no text operators at all)."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids, number = [], 4
    for lines in pages:
        stream = b"0.8 g 72 400 300 200 re f\n"
        if lines:
            stream += b"BT /F1 11 Tf 72 740 Td 15 TL\n"
            for line in lines:
                escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                stream += b"(" + escaped.encode("latin-1") + b") Tj T*\n"
            stream += b"ET\n"
        objects[number] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                           b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (number + 1))
        objects[number + 1] = b"<< /Length %d >>\nstream\n%sendstream" % (len(stream), stream)
        kids.append(number)
        number += 2
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    objects[number] = b"<< /Title (%s) /Author (%s) >>" % (title.encode("latin-1"), author.encode("latin-1"))
    out, offsets = bytearray(b"%PDF-1.4\n"), {}
    for n in sorted(objects):
        offsets[n] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (n, objects[n])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (number + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, number + 1))
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (number + 1, number, xref)
    return bytes(out)


def _ingest(tmp_path, *args):
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(main, ["ingest", *map(str, args), "--db", str(db), "-q"])
    assert "Traceback" not in result.output
    return result, db


def _problems(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("factoid: ")]


def _facts(db) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = conn.execute("SELECT f.*, d.raw, d.metadata, d.title FROM factoids f JOIN documents d ON d.id = f.doc_id")
    return [dict(r) for r in rows]


def _documents(db) -> int:
    return sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0]


def _birth(facts: list[dict]) -> dict:
    (birth,) = [f for f in facts if f["property"] == "birth"]
    assert birth["raw"][birth["span_start"]:birth["span_end"]] == birth["quote"]
    return birth


# -- PDF ---------------------------------------------------------------------------------------

def test_pdf_text_layer_with_pages_and_metadata(tmp_path):
    path = tmp_path / "orlov.pdf"
    path.write_bytes(make_pdf([["Pavel Orlov", "A short life"], BIOGRAPHY, LATER],
                              title="The life of Pavel Orlov", author="A. Team"))
    result, db = _ingest(tmp_path, path)
    assert result.exit_code == 0, result.output
    facts = _facts(db)
    birth = _birth(facts)
    assert (birth["date"], birth["place"]) == ("1881-03-04", "Tver")
    meta = json.loads(birth["metadata"])
    assert (meta["format"], meta["page_count"]) == ("pdf", 3)
    assert (meta["title"], meta["author"]) == ("The life of Pavel Orlov", "A. Team")
    assert birth["title"] == "The life of Pavel Orlov"
    assert page_at(meta, birth["span_start"]) == 2
    (death,) = [f for f in facts if f["property"] == "death"]
    assert death["date"] == "1937-05-02" and page_at(meta, death["span_start"]) == 3
    # each page's range holds that page's own text, and nothing else does
    raw = birth["raw"]
    assert [raw[s:e].splitlines()[0] for s, e, _ in meta["pages"]] == ["Pavel Orlov", BIOGRAPHY[0], LATER[0]]
    shown = CliRunner().invoke(main, ["explain", birth["id"], "--db", str(db)])
    assert f"[{birth['span_start']}:{birth['span_end']}], page 2" in shown.output, shown.output


def test_pdf_pages_without_text_are_reported_and_the_rest_kept(tmp_path):
    path = tmp_path / "scanned.pdf"
    path.write_bytes(make_pdf([None, BIOGRAPHY, None, None, LATER]))
    result, db = _ingest(tmp_path, path)
    assert result.exit_code == 3, result.output
    assert _problems(result) == [f"factoid: {path}: 3 of 5 pages have no text layer (pages 1, 3-4): "
                                 "run OCR on them first; the other pages are kept"]
    birth = _birth(_facts(db))
    meta = json.loads(birth["metadata"])
    assert [p for _, _, p in meta["pages"]] == [2, 5]
    assert page_at(meta, birth["span_start"]) == 2
    assert birth["title"] == BIOGRAPHY[0]  # no title in the PDF: its first line


def test_pdf_with_no_text_at_all_is_one_line_and_nothing_stored(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([None, None]))
    result, db = _ingest(tmp_path, path)
    assert result.exit_code == 3
    assert _problems(result) == [f"factoid: {path}: no text layer on any of its 2 pages (a scan?): "
                                 "run OCR on it first; nothing stored"]
    assert _documents(db) == 0


def _encrypted(tmp_path, name: str, user: str, owner: str) -> str:
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(make_pdf([BIOGRAPHY]))
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user, owner_password=owner, algorithm="AES-256")
    path = tmp_path / name
    writer.write(str(path))
    plain.unlink()
    return str(path)


def test_encrypted_pdf_needing_a_password_is_one_line(tmp_path):
    path = _encrypted(tmp_path, "locked.pdf", user="secret", owner="secret")
    result, db = _ingest(tmp_path, path)
    assert result.exit_code == 3
    assert _problems(result) == [f"factoid: {path}: encrypted PDF that needs a password to open; "
                                 "save a copy without the password and ingest that"]
    assert _documents(db) == 0


def test_encrypted_pdf_with_an_empty_password_is_read(tmp_path):
    # the common case: a publisher's PDF that restricts printing but opens for anyone
    path = _encrypted(tmp_path, "restricted.pdf", user="", owner="owner")
    result, db = _ingest(tmp_path, path)
    assert result.exit_code == 0, result.output
    assert _birth(_facts(db))["date"] == "1881-03-04"


def test_truncated_or_damaged_pdf_is_one_line(tmp_path):
    data = make_pdf([BIOGRAPHY, LATER])
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[:len(data) // 2])
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\nnot really a PDF at all\n")
    result, db = _ingest(tmp_path, cut, junk)
    assert result.exit_code == 3
    problems = _problems(result)
    assert len(problems) == 2
    assert problems[0].startswith(f"factoid: {cut}: damaged or cut short PDF, cannot read it: ")
    assert problems[1].startswith(f"factoid: {junk}: damaged or cut short PDF, cannot read it: ")
    assert _documents(db) == 0


# -- DOCX --------------------------------------------------------------------------------------

def make_docx(path) -> None:
    from datetime import datetime, timezone
    document = docx.Document()
    props = document.core_properties
    props.title, props.author = "Pavel Orlov, a teacher", "Regional museum"
    props.created = datetime(2019, 5, 6, 10, 0, tzinfo=timezone.utc)
    document.add_heading("Pavel Orlov", level=1)
    document.add_paragraph(" ".join(BIOGRAPHY))
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("Year", "Event", "Place"), ("1881", "born", "Tver"), ("1937", "died", "")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(2, 1).merge(table.cell(2, 2))
    document.add_heading("Later years", level=2)
    document.add_paragraph(LATER[0])
    document.save(str(path))


def test_docx_paragraphs_tables_and_core_properties(tmp_path):
    path = tmp_path / "orlov.docx"
    make_docx(path)
    result, db = _ingest(tmp_path, path)
    assert result.exit_code == 0, result.output
    facts = _facts(db)
    birth = _birth(facts)
    assert (birth["date"], birth["place"]) == ("1881-03-04", "Tver")
    raw = birth["raw"]
    assert raw.startswith("Pavel Orlov\n\n" + " ".join(BIOGRAPHY) + "\n\n")
    assert "Year\tEvent\tPlace\n1881\tborn\tTver\n1937\tdied\n\nLater years\n\n" + LATER[0] in raw
    meta = json.loads(birth["metadata"])
    assert (meta["format"], meta["title"], meta["author"], meta["date"]) == \
        ("docx", "Pavel Orlov, a teacher", "Regional museum", "2019-05-06")
    assert [f["date"] for f in facts if f["property"] == "death"] == ["1937-05-02"]


def test_damaged_docx_is_one_line(tmp_path):
    whole = tmp_path / "whole.docx"
    make_docx(whole)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole.read_bytes()[:2000])
    whole.unlink()
    result, db = _ingest(tmp_path, cut)
    assert result.exit_code == 3
    (problem,) = _problems(result)
    assert problem.startswith(f"factoid: {cut}: damaged DOCX, cannot read it: ")
    assert _documents(db) == 0


# -- the registry ------------------------------------------------------------------------------

def test_pdf_and_docx_are_sniffed_and_forced(tmp_path):
    (tmp_path / "a").write_bytes(make_pdf([BIOGRAPHY]))
    make_docx(tmp_path / "b.docx")
    (tmp_path / "b.docx").rename(tmp_path / "b")
    docs = [i for i in read_sources([tmp_path]) if isinstance(i, Document)]
    assert [(d.uri, d.metadata["format"]) for d in docs] == [(str(tmp_path / "a"), "pdf"),
                                                             (str(tmp_path / "b"), "docx")]
    # --format pdf on a file that is not one says so on one line
    (tmp_path / "note.txt").write_text("Pavel Orlov was born in Tver.\n")
    (error,) = read_sources([tmp_path / "note.txt"], ReadOptions(format="pdf"))
    assert isinstance(error, SourceError) and "damaged or cut short PDF" in str(error)
    assert set(READ_FORMATS) == set(READERS)  # every reader can be forced by name
