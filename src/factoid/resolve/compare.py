"""How strongly two records say "the same person": evidence in bits (log2 of a likelihood
ratio, as in Fellegi-Sunter record linkage), each item with a reason in words.

Name evidence is weighted by rarity: sharing "Chudleigh" says more than sharing "John". A fact
that cannot hold of one person (two birth years far apart, a patronymic that differs, the
masculine and feminine forms of one surname) is a conflict: no score outweighs it.

Every function takes `why`: None on the hot path (scoring hundreds of thousands of pairs), or
a list that collects (bits, reason) for the pairs that are kept and explained."""
from __future__ import annotations

import math
from operator import ne

from rapidfuzz.distance import JaroWinkler

from .names import Name, feminine_pair

# what the names of two records say: "full" (given name and surname agree), "surname" (one
# is a surname alone), "partial" (one part agrees), "none"
FULL, SURNAME, PARTIAL, NONE = "full", "surname", "partial", "none"
DIFFERENT_GIVEN = -8.0  # Boris Krasin is not Leonid Krasin, whatever else they share


STEPS = 4  # the grid of log2(n) resolution weighs by: quarters of a bit


def coarse(n: int) -> float:
    """log2(n) to the nearest quarter bit: the corpus statistics resolution weighs by (its
    size, each key's count) move a weight only when a batch of documents moves them a step,
    so an incremental run can tell which keys' weights a batch changed (incremental.py) and
    its result still equals a full rebuild. Half a step, 1/8 bit, is the most it changes."""
    return round(math.log2(n) * STEPS) / STEPS


class Weights(dict):
    """A key's weight: how surprising it is that two records share it, log2(n / count), its
    two logarithms on the coarse grid."""

    def __init__(self, counts: dict[str, int], total: int, lo: float = 1.0, hi: float = 12.0):
        whole = coarse(max(total, 2))
        super().__init__((k, min(hi, max(lo, whole - coarse(c)))) for k, c in counts.items())
        self.top = min(hi, max(lo, whole))
        self.dates: dict[tuple[str, str], float | None] = {}  # date_bits, remembered

    def __missing__(self, key: str) -> float:
        return self.top


def similar(a: str, b: str) -> bool:
    """A typo or a spelling the sound keys missed (Jughashvili / Dzhugashvili)."""
    return min(len(a), len(b)) >= 3 and JaroWinkler.similarity(a, b) >= 0.88


def compare_names(a: Name, b: Name, w: Weights, why=None) -> tuple[float, str, str]:
    """(bits, kind, conflict) for two parsed names. Reasons are worded only when asked for:
    this runs for every candidate pair, so nothing is allocated for them otherwise."""
    x, y = a.surname, b.surname
    notes = [] if why is not None else None
    score, sur, given = 0.0, False, False
    if x and y:
        if x == y:
            bits, sur = w[x], True
            notes is None or notes.append((bits, "same surname", _last, a))
        elif feminine_pair(x, y):
            return 0.0, NONE, f"{_last(a)} and {_last(b)} are the masculine and feminine forms of one surname"
        elif similar(x, y):
            bits, sur = 0.6 * w[x], True
            notes is None or notes.append((bits, "similar surnames", _last, a, b))
        elif x in b.words or y in a.words:
            bits, sur = 0.5 * w[x if x in b.words else y], True
            notes is None or notes.append((bits, "the surname of one is a name of the other"))
        else:
            bits = -4.0
            notes is None or notes.append((bits, "different surnames", _last, a, b))
        score += bits
    f, g = a.first, b.first
    if f and g:
        if len(f) > 1 and len(g) > 1:
            if f == g:
                bits, given = w[f], True
                notes is None or notes.append((bits, "same given name", _first, a))
            elif similar(f, g):
                bits, given = 0.5 * w[f], True
                notes is None or notes.append((bits, "similar given names", _first, a, b))
            elif f in b.given or g in a.given:
                bits, given = 0.4 * w[f if f in b.given else g], True
                notes is None or notes.append((bits, "a given name of one is a middle name of the other"))
            else:
                bits = DIFFERENT_GIVEN
                notes is None or notes.append((bits, "different given names", _first, a, b))
        elif f[0] == g[0]:
            bits, given = 1.0, True
            notes is None or notes.append((bits, "initials agree"))
        else:
            bits = DIFFERENT_GIVEN
            notes is None or notes.append((bits, "initials disagree"))
        score += bits
    p, q = a.patronymic, b.patronymic
    if p and q:
        if p != q and not similar(p, q):
            return score, NONE, "different patronymics: children of different fathers"
        score += 2.0
        notes is None or notes.append((2.0, "same patronymic"))
    elif p or q:
        # "V. I. Lenin": the second initial stands for the patronymic
        second = (b if p else a).given[1:2]
        if second and len(second[0]) == 1 and second[0] != (p or q)[0]:
            score -= 3.0
            notes is None or notes.append((-3.0, "the second initial is not the patronymic's"))
    if notes:
        for bits, text, *show in notes:
            if show:
                text += " " + " / ".join(show[0](n) for n in show[1:])
            why.append((bits, text))
    if sur and given:
        return score, FULL, ""
    if sur and not (f and g):
        return score, SURNAME, ""
    return score, (PARTIAL if sur or given else NONE), ""


def _note(why, bits: float, reason: str, *args) -> float:
    """Record a reason, worded only when reasons are asked for."""
    if why is not None:
        why.append((bits, reason.format(*args)))
    return bits


def _last(name: Name) -> str:
    return name.shown[-1].title() if name.shown else name.surname


def _first(name: Name) -> str:
    return name.shown[0].title() if name.shown else name.first


# -- dates and places ---------------------------------------------------------------------

def _year(date: str) -> int | None:
    digits = date.lstrip("-")[:4]
    return int(digits) if digits.isdigit() else None


def date_bits(a: str, b: str, w: Weights | None = None) -> float | None:
    """Evidence that two dates of one life event are one date; None when they cannot be:
    a date contains a less precise one (1924 contains 1924-03-05), an Old Style reading lies
    within a year of the New Style one, and one mistyped digit of a full date is a typo.
    A shared date counts by its rarity (many sources write 1 January for a year alone)."""
    a, b = a.rstrip("~?%"), b.rstrip("~?%")
    if a == b:
        top = 9.0 if len(a) >= 10 else 6.0 if len(a) >= 7 else 4.0
        return min(top, w[a]) if w is not None and a in w else top
    if a.startswith(b) or b.startswith(a):
        return 3.0
    ya, yb = _year(a), _year(b)
    if ya is None or yb is None:
        return 0.0
    typos = sum(map(ne, a, b)) if len(a) == len(b) >= 10 else 9
    if ya == yb:
        return 1.0 if typos <= 2 else -1.0  # same year; months or days mistyped, or not
    if typos == 1:
        return 1.0
    if abs(ya - yb) <= 1:
        return 0.0
    return None


def compare_dates(label: str, xs: tuple[str, ...], ys: tuple[str, ...], w: Weights | None = None,
                  why=None) -> tuple[float, str]:
    """(bits, conflict) for the dates two records give one life event."""
    if not xs or not ys:
        return 0.0, ""
    best = None
    memo = w.dates if w is not None else {}
    for x in xs:
        for y in ys:
            bits = memo.get((x, y), False)
            if bits is False:
                bits = memo[(x, y)] = date_bits(x, y, w)
            if bits is not None and (best is None or bits > best):
                best = bits
    if best is None:
        conflict = f"different {label} dates: {', '.join(xs)} / {', '.join(ys)}"
        _note(why, 0.0, conflict)
        return 0.0, conflict
    if best and why is not None:
        _note(why, best, "{} dates agree" if best >= 3 else "{} dates close" if best > 0
              else "{} dates differ in month or day", label)
    return best, ""


def compare_places(label: str, xs: tuple[str, ...], ys: tuple[str, ...], w: Weights, why=None) -> float:
    """Places are folded strings; one inside the other as whole words agrees (Kurgan;
    Kurgan, Tobolsk Governorate). Places are noisy (a district for a town): a mismatch counts little."""
    if not xs or not ys:
        return 0.0
    for x in xs:
        if x in ys:
            bits = w[x]
            return (bits if bits < 6.0 else 6.0) if why is None else _note(why, min(bits, 6.0), "same {} {}", label, x)
    if any(f" {x} " in f" {y} " or f" {y} " in f" {x} " for x in xs for y in ys):
        return _note(why, 1.5, "{}s agree", label)
    return _note(why, -1.0, "different {}s", label)


def compare_occupations(xs: tuple[str, ...], ys: tuple[str, ...], w: Weights, why=None) -> float:
    """A shared occupation or office is weak evidence; different ones say nothing (people
    hold several)."""
    for x in xs:
        if x in ys:
            bits = w[x]
            return (bits if bits < 4.0 else 4.0) if why is None else _note(why, min(bits, 4.0), "same occupation {}", x)
    return 0.0
