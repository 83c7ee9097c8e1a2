"""Small databases for the API, page and browser tests.

`build_small_db` writes documents, persons and conflicts straight through `Store` (no spaCy,
milliseconds), with every case the pages draw: a disputed birth, a spouse linked by person
id, two members of one party at overlapping times, glosses and lost characters, and a
person, a place and a text full of HTML that must stay inert. `ingest_tiny` runs the real
pipeline over a short biography that carries the same hostile markup."""
from __future__ import annotations

from pathlib import Path

from factoid import ingest, open_store
from factoid.model import Conflict, Date, Document, Factoid, Person, Region, Span

EVIL = ('<script>alert(1)</script> <img src=x onerror=alert(1)> '
        '<a href="javascript:alert(1)">x</a>')

ANNA = ("Anna Petrova (Анна Петрова) was born on 1 May 1900 in Kazan. "
        "She married Ivan Sidorov, a teacher, in 1921. From 1917 to 1920 she was a member of "
        "the Bolshevik party. Kazan is a city on the Volga. She died in 1950. Lost: \ufffd\ufffd.")
ANNA_2 = "Anna Petrova, the translator, was born in 1901 and died on 3 June 1950."
IVAN = ("Ivan Sidorov was born in 1898. He joined the Bolshevik party in 1918 and left it in 1921. "
        "His wife Anna Petrova (born 1900) survived him.")
HOSTILE = f"{EVIL} Mallory was born in 1910 in {EVIL}. She said {EVIL}."


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _fact(doc_id, text, person, prop, quote, fid, confidence=0.9, evidence=(), **fields) -> Factoid:
    start, end = _span(text, quote)
    ev = tuple((role, *_span(text, part, start)) for role, part in evidence)
    return Factoid(person=person, property=prop, span=Span(doc_id, start, end), quote=quote, extractor="test@1",
                   confidence=confidence, evidence=ev, id=fid, **fields)


def _doc(doc_id, uri, text, persons, facts, regions=(), title="") -> Document:
    return Document(id=doc_id, uri=uri, raw=text, clean=text, offsets=tuple(range(len(text) + 1)),
                    title=title or uri.rsplit("/", 1)[-1], subject=persons[0].name, persons=tuple(persons),
                    factoids=tuple(facts), regions=tuple(regions), language="en")


def build_small_db(path: Path) -> Path:
    a, a2, i, i_a, m = ("d1:0", "d2:0", "d3:0", "d3:1", "d4:0")
    docs = [
        _doc("d1", "/corpus/petrova.txt", ANNA, [Person(a, "Anna Petrova", ("Anna Petrova", "Анна Петрова")),
                                                 Person("d1:1", "Ivan Sidorov", ("Ivan Sidorov",))], [
            _fact("d1", ANNA, a, "birth", "Anna Petrova (Анна Петрова) was born on 1 May 1900 in Kazan", "fa1",
                  0.95, [("subject", "Anna Petrova"), ("date", "1 May 1900"), ("place", "Kazan")],
                  date=Date("1900-05-01", "1 May 1900"), place="Kazan"),
            _fact("d1", ANNA, a, "spouse", "She married Ivan Sidorov, a teacher, in 1921", "fa2", 0.8,
                  [("object", "Ivan Sidorov")], date=Date("1921", "1921"), object="Ivan Sidorov", object_person="p2"),
            _fact("d1", ANNA, a, "party", "From 1917 to 1920 she was a member of the Bolshevik party", "fa3", 0.85,
                  start=Date("1917"), end=Date("1920"), object="Bolshevik party"),
            _fact("d1", ANNA, a, "death", "She died in 1950", "fa4", 0.9, [("date", "1950")], date=Date("1950")),
        ], regions=[Region("gloss", *_span(ANNA, "Kazan is a city on the Volga."), "Kazan"),
                    Region("lost", *_span(ANNA, "\ufffd\ufffd"))]),
        _doc("d2", "/corpus/petrova-2.txt", ANNA_2, [Person(a2, "Anna Petrova", ("Anna Petrova",))], [
            _fact("d2", ANNA_2, a2, "birth", "Anna Petrova, the translator, was born in 1901", "fb1", 0.9,
                  [("date", "1901")], date=Date("1901", "1901")),
            _fact("d2", ANNA_2, a2, "death", "died on 3 June 1950", "fb2", 0.9, date=Date("1950-06-03", "3 June 1950")),
        ]),
        _doc("d3", "/corpus/sidorov.txt", IVAN, [Person(i, "Ivan Sidorov", ("Ivan Sidorov", "Sidorov")),
                                                 Person(i_a, "Anna Petrova", ("Anna Petrova",))], [
            _fact("d3", IVAN, i, "birth", "Ivan Sidorov was born in 1898", "fc1", 0.9, date=Date("1898", "1898")),
            _fact("d3", IVAN, i, "party", "He joined the Bolshevik party in 1918 and left it in 1921", "fc2", 0.8,
                  start=Date("1918"), end=Date("1921"), object="Bolshevik Party"),
            _fact("d3", IVAN, i_a, "birth", "Anna Petrova (born 1900)", "fc3", 0.7, date=Date("1900", "1900")),
        ]),
        _doc("d4", "/corpus/hostile.txt", HOSTILE, [Person(m, "Mallory", ("Mallory", EVIL))], [
            _fact("d4", HOSTILE, m, "birth", f"Mallory was born in 1910 in {EVIL}", "fd1", 0.6,
                  [("subject", "Mallory"), ("place", EVIL)], date=Date("1910", EVIL), place=EVIL, object=EVIL),
        ], title=EVIL),
    ]
    persons = [Person("p1", "Anna Petrova", ("Anna Petrova", "Анна Петрова", "A. Petrova")),
               Person("p2", "Ivan Sidorov", ("Ivan Sidorov", "Sidorov")),
               Person("p3", "Mallory", ("Mallory", EVIL))]
    assignment = {a: "p1", a2: "p1", i_a: "p1", "d1:1": "p2", i: "p2", m: "p3"}
    conflicts = [Conflict("p1", ("birth",), "value", ("fa1", "fb1", "fc3"),
                          "The sources disagree on the date of birth: 1 May 1900 (petrova.txt); 1901 (petrova-2.txt).",
                          "c1"),
                 Conflict("p3", ("birth",), "chronology", ("fd1",), f"Impossible: {EVIL}", "c2")]
    with open_store(path) as store:
        for doc in docs:
            store.write_document(doc)
        store.replace_resolution(persons, assignment, conflicts)
    return path


TINY = ("Vera Sokolova (12 March 1890 – 5 June 1941) was a Russian teacher and translator.\n\n"
        f"{EVIL}\n\n"
        "Sokolova was born in Tver. She taught in Moscow, where she died.\n")


def ingest_tiny(folder: Path) -> Path:
    """The real pipeline (spaCy included) over one short hostile biography."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sokolova.txt").write_text(TINY, encoding="utf-8")
    path = folder / "tiny.db"
    with open_store(path) as store:
        report = ingest([folder / "sokolova.txt"], store)
    assert report.failed == [] and report.added == 1
    return path


def ingest_texts(folder: Path, texts: dict[str, str]) -> Path:
    """The real pipeline over documents written into `folder` (name -> text); the database."""
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "kb.db"
    with open_store(path) as store:
        ingest([folder / n for n in texts], store)
    return path
