"""Pure helpers of the store's reads and writes (no SQL, no I/O): how a name is searched, a
source or database named, a factoid's days keyed and a sentence cut around a span."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import iuliia

from .. import edtf


@lru_cache(maxsize=100_000)
def name_key(text: str) -> str:
    """A name as searched: case folded, accents dropped and Cyrillic transliterated, so
    "Lomov" finds a person known only as "Ломов", and "Ломов" one known only in Latin letters
    (the needle is keyed the same way)."""
    if text.isascii():
        return text.casefold()
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        text = iuliia.WIKIPEDIA.translate(text)
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def source_name(uri: str) -> str:
    """The export's `source`: the file name, with a JSONL line's '#id' kept. (PurePath(uri).name,
    without building a path: the corpus stages ask once per factoid.)"""
    return uri.rstrip("/").rsplit("/", 1)[-1]


def factoid_days(date: str | None, start: str | None, end: str | None) -> tuple[int | None, int | None]:
    """The first and last day keys of a factoid's time, as stored in day_lo and day_hi."""
    return _day_bound(start or date or end, 0), _day_bound(end or date or start, 1)


def _day_bound(value: str | None, side: int) -> int | None:
    """The first (side 0) or last (side 1) ordinal day a value may mean; open ends unbounded."""
    span = edtf.span(value)
    return span[side] if span else None


def sentence_around(raw: str, start: int, end: int, reach: int = 400) -> str:
    """The raw text from the sentence start before `start` to the sentence end after `end`."""
    lo = max(0, start - reach)
    cut = max(raw.rfind(". ", lo, start), raw.rfind("\n\n", lo, start), raw.rfind(".\n", lo, start))
    begin = cut + 2 if cut >= 0 else lo
    stop = min(len(raw), end + reach)
    ends = [i for i in (raw.find(". ", end, stop), raw.find("\n\n", end, stop), raw.find(".\n", end, stop)) if i >= 0]
    finish = min(ends) + 1 if ends else stop
    return raw[begin:finish].strip()


def shown(target: str | Path) -> str:
    """A database as messages name it: a URL without its password."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", str(target))
