"""Person resolution across documents: each document's persons -> one person per real person.

First cut: persons whose names agree after folding are one person; a document's subject
also carries every variant of its name the document used. Blocking is by folded surname, so
the cost grows with the number of persons, never with all pairs."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict

from .model import Person


# Latin spellings of one Russian name differ mostly in these endings and soft signs
_SPELLING = [(re.compile(r"(?:iy|ii|yi|ij|ei)$"), "y"), (re.compile(r"ya$"), "ia"), (re.compile(r"^ye"), "e"),
             (re.compile(r"yu"), "iu"), (re.compile(r"ks"), "x")]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’ʼʹ]", "", text)  # soft signs and apostrophes: Sokol'nikov = Sokolnikov
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def spelling_key(word: str) -> str:
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


def _key(name: str) -> str:
    """First and last word: "Leonid Borisovich Krasin" and "Leonid Krasin" share a key."""
    words = [spelling_key(w) for w in fold(name).split()]
    return f"{words[0]} {words[-1]}" if len(words) > 1 else (words[0] if words else "")


def resolve(doc_persons: list[dict]) -> tuple[list[Person], dict[str, str]]:
    """doc_persons: dicts with id, name, names, is_subject. Returns persons and the assignment
    of each document person to a person id (stable: a hash of the person's key)."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for dp in doc_persons:
        groups[_key(dp["name"])].append(dp)
    # a surname alone joins the one full name with that surname, never one of several
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        if " " in key:
            by_surname[key.split()[-1]].append(key)
    for key in [k for k in groups if " " not in k]:
        fuller = by_surname.get(key, [])
        if len(fuller) == 1:
            groups[fuller[0]].extend(groups.pop(key))
    persons, assignment = [], {}
    for key, members in sorted(groups.items()):
        pid = "p" + hashlib.sha1(key.encode()).hexdigest()[:10]
        names: list[str] = []
        for dp in members:
            for n in [dp["name"], *dp["names"]]:
                if n not in names:
                    names.append(n)
            assignment[dp["id"]] = pid
        display = max((dp["name"] for dp in members), key=lambda n: (len(n.split()), n))
        persons.append(Person(pid, display, tuple(names)))
    return persons, assignment
