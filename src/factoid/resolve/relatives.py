"""The person a relation's object names: "His father, Ivan Petrov, ..." gives Ivan Petrov facts
of his own when the sentence says more about him, and so a document person; the relation
then points at that person (factoid.object_person), and a page can link the two."""
from __future__ import annotations

from typing import Iterable

from .kin import KIN_PROPERTIES
from .names import Name, parse

__all__ = ["KIN_PROPERTIES", "link_relatives"]


def _fits(obj: Name, name: Name) -> bool:
    """The object's name is this name or a shorter form of it (Ivan Petrov, Ivan Ivanovich
    Petrov); a lone given name may stand for the full name (Anna, Anna Petrova)."""
    if not obj.words or not name.words:
        return False
    if obj.full and obj.surname != name.surname:
        return False
    return set(obj.words) <= set(name.words)


def link_relatives(candidates: Iterable[tuple[str, str, str, list[str]]],
                   assignment: dict[str, str]) -> dict[str, str]:
    """candidates: (factoid id, its object, a doc person of the same document other than the
    holder, that doc person's names), a row per doc person. Returns factoid id -> person id
    for each object that fits exactly one person of its document: two that fit is a guess."""
    fits: dict[str, set[str]] = {}
    for fact_id, obj, doc_person, names in candidates:
        found = fits.setdefault(fact_id, set())
        target = parse(obj)
        if doc_person in assignment and any(_fits(target, parse(n)) for n in names):
            found.add(assignment[doc_person])
    return {fact_id: next(iter(found)) for fact_id, found in fits.items() if len(found) == 1}
