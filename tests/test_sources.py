"""The readers: files and folders in, documents (or one-line SourceErrors) out, lazily."""
import inspect
import json
import os
from itertools import islice

import pytest

import factoid.sources.jsonl as jsonl_module
from factoid.errors import SourceError
from factoid.model import Document
from factoid.sources import count_sources, read_sources


def read(*paths):
    return list(read_sources(paths))


def one_error(path):
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], SourceError), items
    err = items[0]
    message = str(err)
    assert "\n" not in message and str(path) in message
    return err


# --- ids -------------------------------------------------------------------------------

def test_same_bytes_same_id_different_bytes_different_id(tmp_path):
    a, b, c = tmp_path / "a.txt", tmp_path / "sub.md", tmp_path / "c.txt"
    a.write_bytes(b"Ivan Petrov was born in 1890.\n")
    b.write_bytes(b"Ivan Petrov was born in 1890.\n")
    c.write_bytes(b"Ivan Petrov was born in 1891.\n")
    da, db, dc = read(a, b, c)
    assert da.id == db.id != dc.id
    assert len(da.id) == 32 and all(ch in "0123456789abcdef" for ch in da.id)
    assert read(a)[0].id == da.id  # stable across runs


def test_jsonl_id_is_of_the_line_bytes(tmp_path):
    line = json.dumps({"text": "Anna Ivanova, poet."})
    (tmp_path / "one.jsonl").write_text(line + "\n" + line + "\r\n" + line)
    (tmp_path / "two.jsonl").write_text("\n" + line + "\n")
    docs = read(tmp_path / "one.jsonl", tmp_path / "two.jsonl")
    assert len(docs) == 4 and len({d.id for d in docs}) == 1


# --- text and markdown -------------------------------------------------------------------

def test_text_document_fields(tmp_path):
    path = tmp_path / "bio.txt"
    path.write_bytes(b"\xef\xbb\xbf\r\nIvan Petrov\r\n\r\nHe was born in 1890.\r\n")
    (doc,) = read(path)
    assert doc.raw == "\r\nIvan Petrov\r\n\r\nHe was born in 1890.\r\n"  # BOM gone, CRLF kept
    assert doc.title == "Ivan Petrov"
    assert doc.uri == str(path) and doc.html is None
    assert doc.metadata["format"] == "text" and doc.metadata["path"] == str(path)


def test_markdown_title_and_long_first_line(tmp_path):
    (tmp_path / "a.md").write_text("---\n# Anna Ivanova\n\nA *poet*.\n")
    (tmp_path / "long.txt").write_text("word " * 40 + "\n")
    md, long = read(tmp_path / "a.md", tmp_path / "long.txt")
    assert md.title == "Anna Ivanova" and md.raw == "---\n# Anna Ivanova\n\nA *poet*.\n"
    assert md.metadata["format"] == "markdown"
    assert long.title == "long"


def test_cp1252_fallback_only_when_clearly_not_utf8(tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Café Müller, 1890 – 1937".encode("cp1252"))
    (doc,) = read(legacy)
    assert doc.raw == "Café Müller, 1890 – 1937" and doc.metadata["encoding"] == "cp1252"
    broken = tmp_path / "broken.txt"
    broken.write_bytes("Müller ".encode() + b"\xff tail")  # real UTF-8, then a bad byte
    err = one_error(broken)
    assert err.problem == "not valid UTF-8 text (byte 0xFF at offset 8)"


def test_unknown_extension_explicit_is_text_if_it_decodes(tmp_path):
    notes = tmp_path / "notes.log"
    notes.write_text("Boris Sokolov, engineer.\n")
    (doc,) = read(notes)
    assert doc.raw == "Boris Sokolov, engineer.\n" and doc.metadata["format"] == "text"
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(256)) * 4)
    assert one_error(blob).problem == "binary file, not text"


# --- errors ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, problem", [
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
    ("controls.txt", b"abc\x01\x02\x03\x04\x05\x06def", "binary file, not text"),
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\n", "empty file"),
    ("bad.txt", b"Ivan \xe2\x80 Petrov \xd0\xb8", "not valid UTF-8 text (byte 0xE2 at offset 5)"),
    ("bad.html", b"<p>\xc3\xa9\xc3</p>", "not valid UTF-8 text (byte 0xC3 at offset 5)"),
    ("empty.jsonl", b"\n\n", "empty file"),
    ("binary.jsonl", b'{"text": "a"}\n\x00\x00\x00', "binary file, not text"),
])
def test_unreadable_files_give_one_error(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    err = one_error(path)
    assert err.problem == problem and err.path == str(path)
    assert str(err) == f"{path}: {problem}"


def test_missing_path(tmp_path):
    err = one_error(tmp_path / "nowhere.txt")
    assert err.problem == "no such file or folder"


def test_errors_do_not_stop_the_run(tmp_path):
    (tmp_path / "good.txt").write_text("Vera Pavlova.")
    (tmp_path / "empty.txt").write_bytes(b"")
    items = read(tmp_path / "missing", tmp_path / "empty.txt", tmp_path / "good.txt")
    assert [type(i) for i in items] == [SourceError, SourceError, Document]


# --- folders -----------------------------------------------------------------------------

def test_folder_walk_recursive_sorted_skips_hidden_and_reports_unknown(tmp_path):
    files = {
        "b.txt": "B text", "a.md": "A text", "sub/c.html": "<p>C text</p>",
        "sub/deeper/d.jsonl": '{"text": "D text"}\n{"text": "E text"}\n',
        "sub/z.TXT": "Z text", "notes.log": "not taken",
        ".hidden.txt": "hidden", ".git/config.txt": "hidden", "sub/.cache/x.txt": "hidden",
    }
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    items = read(tmp_path)
    docs = [d for d in items if isinstance(d, Document)]
    assert [d.raw for d in docs] == ["A text", "B text", "C text", "D text", "E text", "Z text"]
    assert docs[2].uri == os.path.join(str(tmp_path), "sub", "c.html")
    # a file no reader takes is reported, one line each, never skipped silently
    errors = {os.path.basename(e.path): e.problem for e in items if isinstance(e, SourceError)}
    assert errors["image.png"] == "cannot read: an image (PNG), not text; run OCR on it first"
    assert errors["notes.log"].startswith("not read: a text file with the extension .log")
    assert len(errors) == 2
    assert count_sources([tmp_path]) == 8


# --- html --------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Ivan Petrov &ndash; Biography</title>
<style>p { color: red }</style><script>var secret = "script text";</script></head>
<body><nav><a href="/">Home</a> | <a href="/people">People</a></nav>
<div class="sidebar">Sidebar text outside the article</div>
<article><h1>Ivan  Petrov</h1>
<p>Ivan Petrov was   born in <b>Moscow</b>
   in 1890.</p>
<p>He studied law &amp; history.<br>He died in 1937.</p>
<noscript>Enable JavaScript</noscript></article>
<footer>Copyright</footer></body></html>"""


def test_html_main_text_with_paragraph_breaks(tmp_path):
    path = tmp_path / "petrov.html"
    path.write_text(PAGE)
    (doc,) = read(path)
    assert doc.raw == ("Ivan Petrov\n\nIvan Petrov was born in Moscow in 1890.\n\n"
                       "He studied law & history.\nHe died in 1937.")
    assert doc.title == "Ivan Petrov – Biography"
    assert doc.html == PAGE and doc.metadata["format"] == "html"
    for dropped in ("secret", "script text", "color", "Home", "Sidebar", "Copyright", "Enable"):
        assert dropped not in doc.raw


def test_html_without_article_uses_body_and_h1_title(tmp_path):
    path = tmp_path / "plain.htm"
    path.write_text("<body><header>Site name</header><h1>Anna Ivanova</h1><p>A poet.</p>"
                    "<ul><li>one</li><li>two</li></ul><aside>ad</aside></body>")
    (doc,) = read(path)
    assert doc.raw == "Anna Ivanova\n\nA poet.\n\none\ntwo"
    assert doc.title == "Anna Ivanova"


def test_html_declared_charset(tmp_path):
    path = tmp_path / "old.html"
    path.write_bytes('<meta charset="windows-1251"><p>Иван Петров</p>'.encode("cp1251"))
    (doc,) = read(path)
    assert doc.raw == "Иван Петров"


# --- jsonl -------------------------------------------------------------------------------

def test_jsonl_documents_and_bad_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "p1", "title": "Ivan", "url": "https://example.org/ivan",
                    "text": "Ivan Petrov was born in 1890."}),
        "",
        "{not json",
        json.dumps({"text": "Anna Ivanova.\nA poet."}),
        json.dumps({"text": ""}),
        json.dumps(["text"]),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = read(path)
    assert [type(i).__name__ for i in items] == [
        "Document", "SourceError", "Document", "SourceError", "SourceError"]
    first, bad, second, empty, array = items
    assert first.uri == f"{path}#p1" and first.title == "Ivan"
    assert first.metadata["url"] == "https://example.org/ivan"
    assert first.metadata["format"] == "jsonl" and first.raw == "Ivan Petrov was born in 1890."
    assert second.uri == f"{path}#4" and second.title == "Anna Ivanova."
    assert bad.path == f"{path}:3" and str(bad).startswith(f"{path}:3: line 3: invalid JSON")
    assert "\n" not in str(bad)
    assert empty.problem == 'line 5: missing or empty "text"'
    assert array.problem.startswith("line 6: not a JSON object")
    assert count_sources([path]) == 6


def test_count_sources(tmp_path):
    (tmp_path / "a.txt").write_text("A")
    (tmp_path / "b.jsonl").write_text('{"text": "1"}\n{"text": "2"}\n{"text": "3"}')
    assert count_sources([tmp_path]) == 4
    assert count_sources([tmp_path / "a.txt", tmp_path / "missing"]) == 2
    assert count_sources([]) == 0


# --- streaming ---------------------------------------------------------------------------

def test_read_sources_is_a_generator(tmp_path):
    assert inspect.isgenerator(read_sources([tmp_path / "missing"]))
    assert inspect.isgenerator(read_sources([]))


def test_first_document_of_a_big_jsonl_comes_without_reading_the_rest(tmp_path, monkeypatch):
    path = tmp_path / "big.jsonl"
    with open(path, "w") as f:
        for i in range(10_000):
            f.write(json.dumps({"id": i, "text": f"Person {i} was born in {1800 + i % 200}."}))
            f.write("\n")
        f.write("{broken\n")  # only the very end is bad
    parsed = []
    real_loads = json.loads
    monkeypatch.setattr(jsonl_module.json, "loads", lambda s: parsed.append(s) or real_loads(s))
    stream = read_sources([path])
    first = next(stream)
    assert isinstance(first, Document) and first.raw == "Person 0 was born in 1800."
    assert len(parsed) == 1  # the other 10,000 lines are untouched
    head = list(islice(stream, 9))
    assert [d.uri for d in head] == [f"{path}#{i}" for i in range(1, 10)]
    assert len(parsed) == 10
    monkeypatch.undo()
    rest = list(stream)
    assert len(rest) == 9_991 and isinstance(rest[-1], SourceError)
    assert rest[-1].path == f"{path}:10001"
