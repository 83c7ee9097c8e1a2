"""Relatives as evidence for resolution. Two records that name the same father (or wife, or
child) are likelier one person; a record whose parent bears the other record's name, a name
it does not bear itself, describes that person's child, not that person ("Krasin, whose father
was Boris Krasin" is not Boris Krasin)."""
from __future__ import annotations

from .names import Name, parse

KIN_PROPERTIES = ("parent", "child", "sibling", "spouse")
MAX_RELATIVES = 6
MAX_BITS = 8.0  # relatives support a join; they never carry it alone


def relatives(facts) -> tuple[tuple[str, Name], ...]:
    """(kind, name) of each relative a record's factoids name with a full name."""
    found = []
    for f in facts:
        if f["property"] in KIN_PROPERTIES and f.get("object"):
            name = parse(f["object"])
            if name.full and (f["property"], name.text) not in {(k, n.text) for k, n in found}:
                found.append((f["property"], name))
    return tuple(found[:MAX_RELATIVES])


def same_person_named(a: Name, b: Name) -> bool:
    """Two full names that can only be one person's: same surname and given name, and no
    patronymics that differ."""
    return (a.full and b.full and a.surname == b.surname and a.first == b.first and len(a.first) > 1
            and not (a.patronymic and b.patronymic and a.patronymic != b.patronymic))


def kin_bits(p_kin, q_kin, w, why: list | None = None) -> float:
    """Bits for the relatives both records name (one relative per kind counts)."""
    total = 0.0
    for kind in KIN_PROPERTIES:
        shared = next((a for k, a in p_kin if k == kind for j, b in q_kin if j == kind and same_person_named(a, b)),
                      None)
        if shared is not None:
            bits = min(MAX_BITS, 0.5 * (w[shared.surname] + w[shared.first]))
            total += bits
            if why is not None:
                why.append((bits, f"both name a {kind} called {shared.text}"))
    return min(total, MAX_BITS)


def kin_conflict(p_names, p_kin, q_names, q_kin) -> str:
    """Why one record describes a relative of the other, or ''."""
    for names, kin, others in ((p_names, p_kin, q_names), (q_names, q_kin, p_names)):
        for kind, relative in kin:
            if any(same_person_named(relative, n) for n in others) and not any(
                    same_person_named(relative, n) for n in names):
                return f"one names its {kind} {relative.text}, which is the other's name"
    return ""
