"""Facts from a flattened infobox (the hints cleaning kept): born, died, an office and its term
("Member of the 10th Secretariat" / "In office 5 April 1920 – 16 March 1921"), spouse, party,
alma mater, resting place, native name. Offsets here are RAW offsets: hints live outside the
clean text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Date
from .context import Context

_SIMPLE = {"spouse": "spouse", "spouse(s)": "spouse", "political party": "party", "party": "party",
           "alma mater": "education", "education": "education", "resting place": "burial",
           "native name": "alias", "children": "child", "parents": "parent", "relations": "", "siblings": "sibling",
           "nationality": "nationality", "occupation": "",
           # a soldier's rank is an office held; the service he served in, his employer
           "rank": "position", "branch": "employment",
           # a scholar's box: the universities worked at, one a line
           "institutions": "employment", "residence": "residence"}
# rows that list one item a line (the others give their first line)
_LISTS = {"child", "parent", "spouse", "sibling", "education", "employment", "residence"}
_PLACES = {"burial", "residence"}  # rows whose items are places, not objects
_MAX_ITEMS = 8
_DATED_ITEM = re.compile(r"\(\s*\d{4}\s*[-–—]\s*(?:\d{4}|present)?\s*\)\s*$")
_PLACE = re.compile(r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")


@dataclass
class HintFact:
    property: str
    start: int
    end: int
    date: Date | None = None
    begin: Date | None = None
    until: Date | None = None
    place: str | None = None
    object: str | None = None
    evidence: list = field(default_factory=list)


KIN_PROPERTIES = frozenset({"child", "parent", "spouse", "sibling"})


_KIN_SPLIT = re.compile(r",\s*|\s+and\s+|\s*[·•;]\s*")


def _kin_items(line: str) -> list[str]:
    """A kin row's persons: the line split at commas, "and" or dots outside brackets, when each
    part opens with a capital (else the line is one person's: "Smith, jr.")."""
    depth, cuts, pos = 0, [], 0
    for m in re.finditer(r"[()]|" + _KIN_SPLIT.pattern, line):
        if m.group() == "(":
            depth += 1
        elif m.group() == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            cuts.append((pos, m.start()))
            pos = m.end()
    parts = [line[a:b] for a, b in cuts + [(pos, len(line))]]
    if len(parts) > 1 and all(p.strip()[:1].isupper() for p in parts):
        return [p.strip() for p in parts]
    return [line]


_WED_BEFORE = re.compile(r"\bm\.\s*$")
_PARTED_BEFORE = re.compile(r"\b(?:div|d|sep|died|annulled)\.?\s*$")


def _married_years(fact: HintFact, item: str, at: int, find_dates, find_ranges) -> None:
    """"(m. 1912; div. 1926)", "(m. 1912–1926)", "(m. 1926)": when a marriage began and ended."""
    for whole, begin, until in find_ranges(item):
        if _WED_BEFORE.search(item, 0, whole.start):
            fact.begin, fact.until = begin.date, until.date
            fact.evidence += [("start", at + begin.start, at + begin.end), ("end", at + until.start, at + until.end)]
            return
    for d in find_dates(item):
        if d.date is None:
            continue
        if _WED_BEFORE.search(item, 0, d.start) and fact.begin is None:
            fact.begin = d.date
            fact.evidence.append(("start", at + d.start, at + d.end))
        elif _PARTED_BEFORE.search(item, 0, d.start) and fact.until is None:
            fact.until = d.date
            fact.evidence.append(("end", at + d.start, at + d.end))


def without_life_years(name: str) -> str:
    """"Ivan Ilyich Vavilov 1863–1928": the name, not the life dates after it."""
    return re.sub(r"\s*\d{3,4}\s*[-–—].*$|\s*\d{3,4}$", "", name).strip(" ,")


def hint_facts(ctx: Context) -> list[HintFact]:
    doc, find_dates, find_ranges = ctx.doc, ctx.find_dates, ctx.find_ranges
    out: list[HintFact] = []
    hints = list(doc.hints)
    for i, hint in enumerate(hints):
        value = doc.raw[hint.start:hint.end]
        if hint.key in ("born", "died"):
            fact = _life(hint, value, find_dates)
            if fact:
                out.append(fact)
            if hint.key == "born" and (alias := _birth_name(hint, value, find_dates)):
                out.append(alias)
        elif hint.key in ("born place", "died place"):  # "Birthplace | Warsaw, Poland"
            fact = _place_only(hint, value)
            if fact:
                out.append(fact)
        elif hint.key == "office":
            term = next((h for h in hints[i + 1:i + 2] if h.key == "in office"), None)
            out.append(_office(doc, hint, value, term, find_dates, find_ranges))
        elif _SIMPLE.get(hint.key):
            prop = _SIMPLE[hint.key]
            # kin rows list one person a line ("Children" / "Irène Joliot-Curie (1897–1956)" / ...)
            kin = prop in KIN_PROPERTIES
            lines = value.strip().splitlines()[:_MAX_ITEMS if prop in _LISTS else 1]
            if prop == "party":  # "RSDLP (Bolsheviks) (1903–1918); Russian Communist Party (1918–1937)"
                rows = value.strip().splitlines()[:4]  # further lines only as dated items ("Party (1918–1937)")
                lines = [part for k, line in enumerate(rows) if k == 0 or _DATED_ITEM.search(line)
                         for part in line.split(";")]
            if kin:  # "Oleg Vavilov, Yuri Vavilov", "Irène (1897–1956) · Ève (1904–2007)": one person each
                lines = [item for line in lines for item in _kin_items(line)]
            for line in lines:
                first = re.sub(r"\s*\(.*$", "", line.strip()).strip(" ,|")
                if kin:
                    first = without_life_years(first)
                if prop == "position" and "|" in first:
                    first = first.split("|")[0].strip()
                if prop == "residence":  # "Poland, France": a line's first place
                    first = first.split(",")[0].strip()
                if not first:
                    continue
                pos = hint.start + value.find(first)
                fact = HintFact(prop, hint.start, hint.end, evidence=[("place" if prop in _PLACES else "object",
                                                                        pos, pos + len(first))])
                if prop == "party" and (span := find_ranges(line)):
                    _, begin, until = span[-1]  # the party's years, in the item's last brackets
                    at = hint.start + value.find(line)
                    fact.begin, fact.until = begin.date, until.date
                    fact.evidence += [("start", at + begin.start, at + begin.end), ("end", at + until.start, at + until.end)]
                if prop == "spouse":  # "Ekaterina Sakharova (m. 1912; div. 1926)": the marriage's years
                    _married_years(fact, line, hint.start + value.find(line), find_dates, find_ranges)
                if prop in _PLACES:
                    fact.place = first
                else:
                    fact.object = first
                out.append(fact)
    return out


def _life(hint, value, find_dates) -> HintFact | None:
    found = find_dates(value)
    date = found[0] if found else None
    place = None
    if date:
        after = value[date.end:]
        # a pipe table's "Born | Alexandrovskoye, Russian Empire | 16 February 1893": the place is
        # the cell before the date (in a column of lines the line before is a birth name)
        before = value[:date.start].strip(" ,\n\t")
        m = _PLACE.match(before.strip(" |")) if before.endswith("|") and not before[:1].isdigit() else None
        if m:
            pos = hint.start + value.find(m.group(1))
            after = ""
            place = (pos, pos + len(m.group(1)), m.group(1))
        for line in after.splitlines():
            cand = re.sub(r"\(.*?\)", "", line).strip(" ,")
            m = _PLACE.match(cand)
            if m and not cand[:1].isdigit():
                pos = hint.start + date.end + after.find(m.group(1))
                place = (pos, pos + len(m.group(1)), m.group(1))
                break
    if not (date or place):
        return None
    fact = HintFact("birth" if hint.key == "born" else "death", hint.start, hint.end,
                    date=date.date if date else None, place=place[2] if place else None)
    if date:
        fact.evidence.append(("date", hint.start + date.start, hint.start + date.end))
    if place:
        fact.evidence.append(("place", place[0], place[1]))
    return fact


_NAME_LINE = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){1,4}")


def _birth_name(hint, value, find_dates) -> HintFact | None:
    """A column's "Born / Maria Salomea Skłodowska / 7 November 1867": the line above the date
    is the name given at birth."""
    found = find_dates(value)
    lines = value[:found[0].start].strip().splitlines() if found else []
    name = lines[0].strip() if len(lines) == 1 else ""
    if not _NAME_LINE.fullmatch(name) or not all(w[0].isupper() for w in name.split()):
        return None
    pos = hint.start + value.find(name)
    return HintFact("alias", hint.start, hint.end, object=name, evidence=[("object", pos, pos + len(name))])


def _place_only(hint, value) -> HintFact | None:
    line = re.sub(r"\(.*?\)", "", value.strip().splitlines()[0] if value.strip() else "").strip(" ,|")
    m = _PLACE.match(line)
    if not m or line[:1].isdigit():
        return None
    pos = hint.start + value.find(m.group(1))
    return HintFact("birth" if hint.key == "born place" else "death", hint.start, hint.end, place=m.group(1),
                    evidence=[("place", pos, pos + len(m.group(1)))])


def _office(doc, hint, value, term, find_dates, find_ranges) -> HintFact:
    title = value.strip().rstrip("| \t").strip()  # a flattened table's empty cells: "X | |"
    fact = HintFact("position", hint.start, term.end if term else hint.end, object=title,
                    evidence=[("object", hint.start, hint.end)])
    if term:
        text = doc.raw[term.start:term.end]
        ranges = find_ranges(text, find_dates(text))
        if ranges:
            _, first, second = ranges[0]
            fact.begin, fact.until = first.date, second.date
            fact.evidence += [("start", term.start + first.start, term.start + first.end),
                              ("end", term.start + second.start, term.start + second.end)]
    return fact
