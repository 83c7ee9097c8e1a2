"""What the sources say about one property of one person, grouped into values that agree.

Two factoids agree when every field both give agrees: dates by `dates.agree` (containment,
Old Style / New Style), places by `places.agree` (one inside the other, spellings, renamed
cities, a region for a place), objects when one contains the other as whole words after
folding, or they share a word that names which one. For a property a person has many of
(offices, arrests) two factoids are one fact only when they also share a field: an undated
"member of the SPD" and "a member from 1917" may be two memberships. A group's value is its
most precise member; its support is every independent source that says it."""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import iuliia

from ..vocabulary import SINGLE_VALUED  # a person has one of each: values that disagree are a dispute
from . import dates, places

DATE_FIELDS = ("date", "start", "end")
TEXT_FIELDS = ("place", "object")

# words that name the kind of office or body, not which one: "Member of the 10th Secretariat"
# and "Secretariat of the Central Committee" are the same body
_GENERIC = frozenset("""a an the of and in for to at on member members head chief chairman chairwoman
president vice deputy first second third fourth fifth sixth seventh eighth ninth tenth secretary
general people peoples s soviet committee central council party state union national executive
russian ussr board office department director manager editor minister commissar""".split())


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=100_000)  # a person's page folds the same places and bodies many times
def fold(text: str) -> str:
    """Case, accents and punctuation folded; Cyrillic transliterated, so a Russian source's
    "Ромны" and an English one's "Romny" are compared as one name."""
    if _CYRILLIC.search(text):
        text = iuliia.WIKIPEDIA.translate(text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def contains(a: str, b: str) -> bool:
    """One inside the other as whole words, after folding."""
    x, y = f" {fold(a)} ", f" {fold(b)} "
    if not (x.strip() and y.strip()):
        return False
    if x in y or y in x:
        return True
    # Russian inflects a place ("в Ромнах", "Ромны Полтавской губернии"): when either side is
    # Cyrillic, the first words agree if they share all but an ending of at most two letters
    if _CYRILLIC.search(a) or _CYRILLIC.search(b):
        u, v = x.split()[0], y.split()[0]
        common = len(os.path.commonprefix([u, v]))
        return common >= 4 and common >= min(len(u), len(v)) - 2
    return False


def places_agree(a: str, b: str) -> bool:
    return places.agree(a, b) or contains(a, b)  # (contains reads Russian endings)


def content_words(text: str) -> set[str]:
    """The words that say which one, a plural as its singular ("Bolsheviks", "Bolshevik")."""
    words = {w for w in fold(text).split() if w not in _GENERIC and not w.isdigit() and len(w) > 2
             and not re.fullmatch(r"\d+(?:st|nd|rd|th)", w)}
    return {w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w for w in words}


def objects_agree(a: str, b: str) -> bool:
    """The same organisation, office or person: one inside the other, a shared word that
    names which one (Secretariat), not what kind (member, committee), or a name and its
    acronym ("RSDLP", "Russian Social Democratic Workers' Party")."""
    return contains(a, b) or bool(content_words(a) & content_words(b)) or _acronym_of(a, b) or _acronym_of(b, a)


# words a name's translations render differently, so its acronym may take either letter
# (the Russian "рабочая" party is the "Labour" or the "Workers'" party)
_SAME_LETTER = {"workers": "lw", "worker": "lw", "labour": "lw", "labor": "lw"}
_LINKS = {"of", "the", "and", "for", "in", "on"}


def _acronym_of(short: str, name: str) -> bool:
    short = short.strip()
    if not re.fullmatch(r"[A-Z]{3,8}", short):
        return False
    words = [w for w in fold(name).split() if w not in _LINKS]
    if len(words) != len(short):
        return False
    return all(c.lower() in _SAME_LETTER.get(w, w[0]) for c, w in zip(short, words))


def agree(f: dict, g: dict) -> bool:
    for name in DATE_FIELDS:
        if f.get(name) and g.get(name) and not dates.facts_agree(f, g, name):
            return False
    if f.get("place") and g.get("place") and not places_agree(f["place"], g["place"]):
        return False
    if f.get("object") and g.get("object") and not objects_agree(f["object"], g["object"]):
        return False
    return True


def anchored(f: dict, g: dict) -> bool:
    """The two give one field at least (a date, a place, an office), so that agreeing on it
    says they speak of one fact."""
    if f.get("object") or g.get("object"):
        return bool(f.get("object") and g.get("object"))  # an office is the fact; without it, another
    return any(f.get(k) and g.get(k) for k in (*DATE_FIELDS, "place"))


def filled(f: dict) -> bool:
    return any(f.get(k) for k in (*DATE_FIELDS, *TEXT_FIELDS))


@dataclass
class Value:
    """One value of a property and the factoids that support it."""
    factoids: list[dict] = field(default_factory=list)
    # sources that also give another, incompatible value of the same property (a record whose
    # undated place line agrees with two death years): they support neither
    split: frozenset = frozenset()

    @property
    def support(self) -> float:
        """Independent sources add up: 1 - the chance that all of them are wrong."""
        doubt = 1.0
        for f in _best_per_source(self.factoids):
            doubt *= 1.0 - min(f.get("confidence") or 0.5, 0.99)
        return round(1.0 - doubt, 3)

    @property
    def independent(self) -> int:
        """How many independent sources say it: copies of one text count once."""
        return len({source_key(f) for f in self.factoids} - self.split)

    @property
    def sources(self) -> list[str]:
        return sorted({f.get("source") or f.get("document") or "?" for f in self.factoids})

    def best(self, name: str) -> str | None:
        """The most precise value of a field (a day beats a year; the longer place name)."""
        values = [f for f in self.factoids if f.get(name)]
        if not values:
            return None
        if name in DATE_FIELDS:
            # a date given in both calendars says most: "15 August [O.S. 3 August] 1888"
            top = max(values, key=lambda f: (dates.precision(f[name]), bool(f.get("date_julian")),
                                             f.get("confidence") or 0))
        else:
            top = max(values, key=lambda f: (len(f[name]), f.get("confidence") or 0))
        return top[name]

    def describe(self) -> str:
        """The value in words, as the most precise source wrote it."""
        parts = []
        for name in ("date", "start", "end", "place", "object"):
            value = self.best(name)
            if value:
                if name == "date":
                    top = next(f for f in self.factoids if f.get("date") == value)
                    value = top.get("date_text") or value
                parts.append({"start": "from ", "end": "until "}.get(name, "") + value)
        return ", ".join(parts) or "(no value)"

    def summary(self) -> dict:
        """The value as the pages and the API show it: the fields of its most precise
        statement, in words, with its support (documents), confidence and sources."""
        value = {name: self.best(name) for name in (*DATE_FIELDS, *TEXT_FIELDS)}
        dated = next((f for f in self.factoids if value["date"] and f.get("date") == value["date"]), {})
        value.update(date_text=dated.get("date_text"), calendar=dated.get("calendar"),
                     date_julian=dated.get("date_julian"),
                     object_person=next((f.get("object_person") for f in self.factoids
                                         if value["object"] and f.get("object") == value["object"]), None),
                     text=self.describe())
        ranked = sorted(self.factoids, key=lambda f: (-(f.get("confidence") or 0), f["id"]))
        return {"value": value, "support": len({f.get("document") or f["id"] for f in self.factoids}),
                "confidence": self.support, "sources": self.sources, "factoids": [f["id"] for f in ranked]}


def source_key(f: dict) -> str:
    """What counts as one source: a family of near-copies (families.py), else a document."""
    return f.get("family") or f.get("document") or f.get("source") or f["id"]


def _best_per_source(facts: list[dict]) -> list[dict]:
    best: dict[str, dict] = {}
    for f in facts:
        key = source_key(f)
        if key not in best or (f.get("confidence") or 0) > (best[key].get("confidence") or 0):
            best[key] = f
    return list(best.values())


def value_key(f: dict) -> tuple:
    """The fields agreement reads: two factoids with one key agree with the same others."""
    return (f.get("date"), f.get("date_julian"), f.get("start"), f.get("end"), f.get("place"), f.get("object"))


def group(facts: list[dict]) -> list[Value]:
    """Agreeing factoids in one group each (a factoid joins the first group it agrees with
    entirely), the best-supported first. Factoids with no value at all are left out.
    A person a corpus names thousands of times repeats a few values thousands of times:
    each group is checked against its distinct values, and each pair of values once."""
    groups: list[tuple[Value, dict[tuple, dict]]] = []
    known: dict[tuple, bool] = {}
    many = bool(facts) and facts[0].get("property") not in SINGLE_VALUED

    def fits(key: tuple, f: dict, members: dict[tuple, dict]) -> bool:
        for other_key, other in members.items():
            pair = (key, other_key)
            if pair not in known:
                known[pair] = agree(f, other)
            if not known[pair]:
                return False
        return not many or any(anchored(f, other) for other in members.values())

    for f in sorted(facts, key=lambda f: (-(f.get("confidence") or 0), f["id"])):
        if not filled(f):
            continue
        key = value_key(f)
        home = next((g for g in groups if fits(key, f, g[1])), None)
        if home is None:
            groups.append((Value([f]), {key: f}))
        else:
            home[0].factoids.append(f)
            home[1].setdefault(key, f)
    return sorted((g for g, _ in groups), key=lambda g: (-g.support, -len(g.sources), g.factoids[0]["id"]))
