"""Fuzzing the input edge: the date grammar, the cleaner, the decoders and the readers.

    python benchmarks/fuzz.py [--count N] [--seed S] [--target dates,clean,decode,read]

Inputs are generated from pieces that real corpora hold (dates in many spellings, mojibake of
one and two rounds, citation marks, chrome lines, Markdown links, infobox rows, Cyrillic,
U+FFFD, legacy code pages, byte-order marks) glued with random characters. Each input is
checked for: an exception; for the cleaner, the offset map (every clean character is its
raw character, an inserted separator, or the repair of exactly the raw characters it maps
to); for the decoders, a text read back different from the one written (mojibake stored);
and any input over 100 ms. Ends with one line:
    fuzz: inputs=<n> exceptions=<n> violations=<n> slow=<n> rate=<n>/s
`make fuzz` runs 10^6 inputs; tests/test_fuzz.py runs a few thousand on every test run.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field

import ftfy
import ftfy.bad_codecs  # noqa: F401  (the sloppy-windows-* codecs)

from factoid.clean import clean
from factoid.errors import SourceError
from factoid.model import Document
from factoid.nlp.dates import find_dates
from factoid.sources import read_sources
from factoid.sources.decode import decode

SLOW = 0.1  # seconds: any single input over this is reported

WORDS = ("Anna", "Petrova", "was", "born", "in", "the", "village", "of", "He", "died", "on", "and",
         "studied", "at", "University", "married", "arrested", "exile", "Smith", "Weber", "O'Brien")
CYRILLIC = ("Пётр", "Сидоров", "родился", "в", "году", "Москве", "инженер", "арестован", "жена")
GERMAN = ("Jürgen", "Weiß", "Köln", "geboren", "März", "Straße", "Übersetzer", "größte", "Löwe")
MONTHS = ("January", "Feb.", "March", "Apr", "May", "June", "July", "Aug.", "September", "Oct",
          "November", "Dec.", "марта", "мая", "Januar", "März")
DATE_PIECES = ("c.", "circa", "ca.", "about", "BC", "AD", "O.S.", "N.S.", "(", ")", "–", "-", "/",
               "between", "and", "before", "after", "the", "of", "th", "st", "1st", "s", "early",
               "late", "mid-", "?", "~", "[", "]", ",", ".", "year", "spring", "century")
CHROME = ("From Wikipedia, the free encyclopedia", "[edit]", "[1]", "[23]", "[citation needed]",
          "Jump to navigation Jump to search", "Retrieved from https://example.org/x",
          "Categories: People", "Share this", "Home » People » Anna", "photo_1901.jpg")
SEPARATORS = (" ", " ", " ", "\n", "\n\n", "\n\n\n\n", "\r\n", "\t", "  ", ". ", ", ", "; ")
QUOTES = ("“", "”", "‘", "’", "«", "»", "—", "–", "é", "ö", "ß", "€", "…", "™", "Ж", "ё")


def _mojibake(text: str, rounds: int) -> str:
    """`text` spelled as its UTF-8 bytes read as cp1252, `rounds` times over."""
    for _ in range(rounds):
        text = text.encode("utf-8").decode("cp1252", errors="replace")
    return text


def _year(rng: random.Random) -> str:
    return str(rng.choice((rng.randint(1000, 2030), rng.randint(1, 999), rng.randint(1800, 1999))))


def gen_date_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 12)):
        r = rng.random()
        if r < 0.25:
            parts.append(_year(rng))
        elif r < 0.4:
            parts.append(str(rng.randint(0, 40)))
        elif r < 0.6:
            parts.append(rng.choice(MONTHS))
        elif r < 0.85:
            parts.append(rng.choice(DATE_PIECES))
        elif r < 0.95:
            parts.append(rng.choice(WORDS))
        else:
            parts.append("".join(chr(rng.randint(32, 0x500)) for _ in range(rng.randint(1, 4))))
        parts.append(rng.choice(("", " ", " ", " ", "  ", "\n", "-", "/", ".")))
    return "".join(parts)


def gen_clean_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 40)):
        r = rng.random()
        if r < 0.35:
            parts.append(rng.choice(WORDS))
        elif r < 0.45:
            parts.append(gen_date_text(rng))
        elif r < 0.6:  # mojibake of a word or a quote mark, once or twice, maybe around a word
            piece = rng.choice(QUOTES + CYRILLIC + GERMAN)
            if rng.random() < 0.4:
                piece = rng.choice(("“", "‘", "«")) + rng.choice(WORDS) + rng.choice(("”", "’", "»"))
            parts.append(_mojibake(piece, rng.choice((1, 1, 2))))
        elif r < 0.7:
            parts.append(rng.choice(CHROME))
        elif r < 0.75:
            parts.append(f"[{rng.choice(WORDS)}](https://example.org/{rng.choice(WORDS)})")
        elif r < 0.8:
            parts.append(f"{rng.choice(('Born', 'Died', 'Spouse'))} | {gen_date_text(rng)}")
        elif r < 0.85:
            parts.append(rng.choice(("''", "'''", "**", "*", "#", "## ", "* ", "1. ")) + rng.choice(WORDS))
        elif r < 0.9:
            parts.append(rng.choice(CYRILLIC + GERMAN + QUOTES))
        elif r < 0.93:
            parts.append("\ufffd" * rng.randint(1, 3))
        else:
            parts.append("".join(chr(rng.randint(1, 0x2fff)) for _ in range(rng.randint(1, 6))))
        parts.append(rng.choice(SEPARATORS))
    return "".join(parts)


def gen_text_in_encoding(rng: random.Random) -> tuple[bytes, str | None]:
    """(bytes, the text they spell, or None when they spell nothing in particular)."""
    r = rng.random()
    if r < 0.2:
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 200))), None
    words = CYRILLIC if rng.random() < 0.5 else GERMAN + WORDS
    text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 60))) + "."
    encodings = ("utf-8", "utf-16-le", "utf-16-be", "cp1251", "koi8_r", "cp866", "latin-1",
                 "cp1252", "utf-8-sig", "utf-16", "utf-32")
    encoding = rng.choice(encodings)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    if rng.random() < 0.1:  # damage
        pos = rng.randrange(len(data))
        data = data[:pos] + bytes([rng.randint(0, 255)]) + data[pos + 1:]
        return data, None
    return data, text


@dataclass
class Tally:
    inputs: int = 0
    exceptions: int = 0
    violations: int = 0
    slow: int = 0
    examples: list[str] = field(default_factory=list)

    def note(self, kind: str, target: str, sample, detail: str = "") -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.examples) < 20:
            self.examples.append(f"{kind} in {target}: {sample!r:.300} {detail}")


def check_dates(text: str) -> list[str]:
    return [f"span {m.start}:{m.end} outside the text" for m in find_dates(text)
            if not 0 <= m.start < m.end <= len(text)]


def offset_violations(raw: str) -> list[str]:
    """Where the cleaner's offset map points at raw text that does not correspond."""
    doc = clean(Document(id="fuzz", uri="fuzz", raw=raw))
    text, offs = doc.clean, doc.offsets
    if len(offs) != len(text) + 1:
        return [f"{len(offs)} offsets for {len(text)} characters"]
    out = []
    for i, ch in enumerate(text):
        o = offs[i]
        if not 0 <= o <= len(raw) or (i and o < offs[i - 1]):
            out.append(f"offset {o} of char {i} out of order or range")
        elif ch.isspace() or ch == "\ufffd" or (o < len(raw) and raw[o] == ch):
            continue  # an inserted separator, a lost character, or copied
        else:  # repaired: some raw chars from o, not reaching the next char's, repair to it
            limit = max(offs[i + 1], o + 1)
            if not any(_repairs_to(raw[o:o + n], ch) for n in range(2, min(16, limit - o) + 1)):
                out.append(f"clean {ch!r} at {i} maps to raw {raw[o:o + 4]!r}")
    return out


def _repairs_to(source: str, ch: str) -> bool:
    """`source` is `ch` as mojibake: its UTF-8 read as cp1252, cp1251 or Latin-1, once or
    twice over, or what ftfy repairs it to."""
    for codec in ("sloppy-windows-1252", "sloppy-windows-1251", "latin-1"):
        spelled = ch
        for _ in range(2):
            spelled = spelled.encode("utf-8").decode(codec)
            if spelled == source:
                return True
    return ftfy.fix_encoding(source) == ch


def check_decode(data: bytes, text: str | None) -> list[str]:
    try:
        got, encoding = decode("fuzz", data)
    except SourceError:
        return []
    if text is not None and got.strip() != text.strip():
        return [f"read as {encoding}: {got[:60]!r}"]
    return []


def check_read(folder: str, data: bytes, ext: str) -> list[str]:
    path = os.path.join(folder, "input" + ext)
    with open(path, "wb") as f:
        f.write(data)
    out = []
    for item in read_sources([path]):
        if isinstance(item, SourceError) and "internal error" in item.problem:
            raise RuntimeError(item.problem)
        if isinstance(item, Document):
            try:
                (item.uri + item.title + item.raw).encode("utf-8")
            except UnicodeEncodeError:
                out.append("a document holds text SQLite cannot store")
    return out


def gen_read(rng: random.Random) -> tuple[bytes, str]:
    ext = rng.choice((".txt", ".md", ".html", ".jsonl"))
    data, _ = gen_text_in_encoding(rng)
    if ext == ".html":
        data = rng.choice((b"<meta charset=\"utf-16\">", b"<meta charset=windows-1251>", b"", b"<p>",
                           b"<html><body><article>", b"<pre>")) + data + rng.choice((b"", b"</p>", b"<br>"))
    elif ext == ".jsonl":
        text = gen_clean_text(rng)
        line = rng.choice(('{"text": %s}', '{"id": 1, "text": %s}', '[%s]', '{"text": %s'))
        import json
        dumped = json.dumps(text, ensure_ascii=rng.random() < 0.5)
        if rng.random() < 0.1:
            dumped = '"\\ud800' + dumped[1:]
        data = (line % dumped).encode("utf-8", "surrogatepass") + b"\n" + data
        if rng.random() < 0.05:
            data = b"[" * rng.randint(1000, 100_000) + b"\n" + data
    return data, ext


def run(count: int, seed: int = 0, targets=("dates", "clean", "decode", "read")) -> Tally:
    rng = random.Random(seed)
    tally = Tally()
    with tempfile.TemporaryDirectory() as folder:
        for k in range(count):
            target = targets[k % len(targets)]
            if target == "dates":
                sample = gen_date_text(rng)
                check = lambda: check_dates(sample)  # noqa: E731
            elif target == "clean":
                sample = gen_clean_text(rng)
                check = lambda: offset_violations(sample)  # noqa: E731
            elif target == "decode":
                sample = gen_text_in_encoding(rng)
                check = lambda: check_decode(*sample)  # noqa: E731
            else:
                sample = gen_read(rng)
                check = lambda: check_read(folder, *sample)  # noqa: E731
            tally.inputs += 1
            start = time.perf_counter()
            try:
                problems = check()
            except Exception as e:
                tally.note("exceptions", target, sample, traceback.format_exception_only(e)[-1].strip())
                continue
            if time.perf_counter() - start > SLOW:
                tally.note("slow", target, sample, f"{time.perf_counter() - start:.3f}s")
            if problems:
                tally.note("violations", target, sample, "; ".join(problems[:3]))
    return tally


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--target", default="dates,clean,decode,read",
                        help="comma-separated: dates, clean, decode, read")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    tally = run(args.count, args.seed, tuple(args.target.split(",")))
    elapsed = time.perf_counter() - start
    for line in tally.examples:
        print(line, file=sys.stderr)
    print(f"fuzz: inputs={tally.inputs} exceptions={tally.exceptions} violations={tally.violations} "
          f"slow={tally.slow} rate={tally.inputs / elapsed:.0f}/s")
    return 1 if tally.exceptions or tally.violations or tally.slow else 0


if __name__ == "__main__":
    sys.exit(main())
