"""What the CLI prints of file names and document text can forge no line, send no escape
sequence to the terminal and reverse no text: every such character is shown escaped."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from factoid import pipeline
from factoid.cli import main
from factoid.model import Date, Document, Factoid, Person, Span
from factoid.store import Store
from factoid.terminal import json_line, safe

# what must never reach a terminal raw: C0 and C1 controls, DEL, bidi controls, surrogates
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
HOSTILE = "Ann\x1b[2J\u202eavorteP\u202c\nforged: line"


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("text, shown", [
    ("a\nb", "a\\nb"),
    ("tab\there\r", "tab\\there\\r"),
    ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
    ("\x07\x7f\x9b", "\\x07\\x7f\\x9b"),
    ("left \u202eright\u202c \u2066iso\u2069 \u200f", "left \\u202eright\\u202c \\u2066iso\\u2069 \\u200f"),
    ("name\udcff.txt", "name\\udcff.txt"),
])
def test_safe_shows_each_dangerous_character_as_an_escape(text, shown):
    assert safe(text) == shown


def test_safe_keeps_ordinary_text_of_any_script():
    text = "Müller, Сидоров, 李白, ‘quoted’ — and a back\\slash"
    assert safe(text) == text


def test_json_lines_carry_the_same_data_with_nothing_raw():
    row = {"name": HOSTILE, "quote": "x\u0085y\u2067z", "n": 1}
    line = json_line(row)
    assert line.endswith("\n") and line.count("\n") == 1
    assert not RAW.search(line)
    assert json.loads(line) == row
    assert "Müller" in json_line({"n": "Müller"})  # readable UTF-8, not \u escapes


def _hostile_database(path):
    text = f"{HOSTILE} was born in 1901 in Tver."
    person = Person("d1:0", HOSTILE, (HOSTILE, "Anna\x1b]0;title\x07"))
    fact = Factoid(person=person.id, property="birth", span=Span("d1", 0, len(text)), quote=text,
                   extractor="test@1", confidence=0.9, date=Date("1901", "1901"), place="Tv\x1b[8mer", id="f-d1")
    doc = Document(id="d1", uri="/docs/evil\n\x1b[2J\u202etxt.doc", raw=text, clean=text,
                   offsets=tuple(range(len(text) + 1)), title=HOSTILE, subject=HOSTILE,
                   persons=(person,), factoids=(fact,))
    with Store(path) as store:
        store.write_document(doc)
        pipeline.rebuild(store)
    return path


@pytest.mark.parametrize("args", [["people"], ["person", "f-d1"], ["export"], ["search", "Tver"],
                                  ["explain", "f-d1"]], ids=lambda a: a[0])
def test_reading_commands_escape_names_and_text(tmp_path, args):
    db = _hostile_database(tmp_path / "kb.db")
    if args[0] == "person":  # by the person's id: the hostile name cannot be typed
        pid = _run("export", "--db", db).stdout.splitlines()[0]
        args = ["person", json.loads(pid)["id"]]
    result = _run(*args, "--db", db)
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.output), repr(result.output)
    assert "forged: line" not in [line.strip() for line in result.output.splitlines()]
    if args[0] in ("people", "person"):
        assert "Ann\\x1b[2J\\u202eavorteP\\u202c\\nforged: line" in result.stdout


def test_a_bad_file_with_a_hostile_name_is_reported_on_one_escaped_line(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "evil\n\x1b[2Jname\u202e.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    result = _run("ingest", docs, "--db", tmp_path / "kb.db", "-q")
    assert result.exit_code == 3, result.output  # 3: some inputs failed
    assert not RAW.search(result.output), repr(result.output)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "evil\\n\\x1b[2Jname\\u202e.txt" in errors[0], errors


def test_usage_errors_escape_the_file_name_they_quote(tmp_path):
    result = _run("extract", "--input", tmp_path / "no\x1b[2Jfile", "--output", tmp_path / "o.jsonl")
    assert result.exit_code == 2
    assert "no\\x1b[2Jfile" in result.stderr and not RAW.search(result.output)
