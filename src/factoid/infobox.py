"""Flattened infoboxes: label lines ("Born", "In office", "Spouse(s)") and their values.

An infobox copied as text becomes a column of short lines: a label, alone or followed by
its value, then more value lines up to the next label. `hints` turns such rows into
`Hint`s; the cleaning stage decides which lines form an infobox. Rows are any objects with
`text`, `a`, `b` (the stripped content is text[a:b]), `rmap` (None when the line is the raw
text unchanged) and `raw(i)` (raw offset of text position i).
"""
from __future__ import annotations

import re

from factoid.model import Hint

# Label as printed -> hint key. None marks a section label with no value of its own.
KEYS = {
    "Born": "born", "Died": "died", "Resting place": "resting place",
    "Cause of death": "cause of death", "In office": "in office",
    "Assumed office": "in office", "Preceded by": "preceded by",
    "Succeeded by": "succeeded by", "Spouse(s)": "spouse", "Spouses": "spouse",
    "Spouse": "spouse", "Partner(s)": "partner", "Partner": "partner", "Children": "children",
    "Parents": "parents", "Parent(s)": "parents", "Relatives": "relatives",
    "Nationality": "nationality", "Citizenship": "citizenship", "Political party": "party",
    "Other political affiliations": "party", "Alma mater": "alma mater",
    "Education": "education", "Occupation": "occupation", "Profession": "occupation",
    "Known for": "known for", "Notable work": "notable works", "Notable works": "notable works",
    "Awards": "awards", "Allegiance": "allegiance", "Branch/service": "branch",
    "Service/branch": "branch", "Years of service": "years of service", "Rank": "rank",
    "Commands": "commands", "Battles/wars": "battles", "Religion": "religion",
    "Residence": "residence", "Other names": "other names", "Native name": "native name",
    "Signature": None, "Personal details": None, "Military service": None,
    # a memorial or grave site's rows ("Birth  25 Nov 1887", "Burial  Voskresenskoe Cemetery")
    "Birth": "born", "Death": "died", "Burial": "resting place", "Siblings": "siblings",
    "Grave location": "resting place", "Buried": "resting place", "Place of burial": "resting place",
    # a scientist's or an artist's box; most rows give nothing we extract, but they are labels,
    # and a box is told from hard-wrapped prose by how many of its lines are labels
    "Fields": "fields", "Institutions": "institutions", "Doctoral advisor": "advisor",
    "Doctoral students": "students", "Other academic advisors": "advisor", "Notable students": "students",
    "Notable awards": "awards", "Influences": "influences", "Influenced": "influences", "Website": "website",
    "Years active": "years active", "Genres": "genres", "Instruments": "instruments", "Title": "title",
    "Birthday": "birthday", "Height": "height", "Age": "age",
}
# the date and the place of a birth or a death in rows of their own ("Date of death", "Birthplace")
for _label, _key in (("Date of birth", "born"), ("Birth date", "born"), ("Date of death", "died"),
                     ("Death date", "died"), ("Place of birth", "born place"), ("Birth place", "born place"),
                     ("Birthplace", "born place"), ("Born place", "born place"), ("Place of death", "died place"),
                     ("Death place", "died place"), ("Died place", "died place")):
    KEYS[_label] = KEYS[_label.title()] = KEYS[_label.capitalize()] = _key
# An office's superiors. These labels count only alone on their line, since a line such
# as "President of the Council" is more often an office title than a label.
ROLE_KEYS = {"Monarch": "monarch", "President": "president", "Premier": "premier",
             "Prime Minister": "prime minister", "Leader": "leader", "Deputy": "deputy",
             "Vice President": "vice president", "Chairman": "chairman"}
# "Born: ...", "Born ...", and a pipe table's "Born | ... | ..."
_LABEL = re.compile(r"(%s)(?:\s*[:|]\s*|\s+|$)(.*)|(%s):?" % (
    "|".join(re.escape(k) for k in sorted(KEYS, key=len, reverse=True)),
    "|".join(re.escape(k) for k in sorted(ROLE_KEYS, key=len, reverse=True))))


# a label we have no key for, with its value on its line ("Charge: sabotage", "Arrested: 12 May 1937")
_OTHER_LABEL = re.compile(r"[A-Z][\w'’()/-]*(?:[ \t][\w'’()/-]+){0,2}[ \t]*:[ \t]+\S")


def label(row) -> tuple[str | None, int] | None:
    """(hint key, where the value starts in row.text) if the row starts with a label."""
    m = _LABEL.fullmatch(row.text, row.a, row.b)
    if not m:
        return None
    if m.group(1):
        value = m.group(2)
        if value and not (value[0].isupper() or value[0].isdigit() or value[0] in "(\"'"):
            return None     # "Born in that house, ..." is prose, not a label and a value
        return KEYS[m.group(1)], m.start(2)
    return ROLE_KEYS[m.group(3)], row.b


def _latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return sum(c < "\u0250" for c in letters) >= len(letters) / 2


def hints(rows: list, raw: str) -> list[Hint]:
    """The hints of one infobox. A label's value runs to the next label; the line just
    above "In office" names the office; a line in another script above the first label
    is the native name."""
    found: list[Hint] = []

    def emit(key, values):
        if not key or not values:
            return
        (first, a), (last, _) = values[0], values[-1]
        start, end = first.raw(a), last.raw(last.b)
        if all(row.rmap is None for row, _ in values):
            value = raw[start:end]
        else:       # the repaired text reads better than the mojibake behind it
            value = "\n".join(row.text[a:row.b] for row, a in values)
        found.append(Hint(key, value, start, end))

    key, values, above = None, [], []
    for row in rows:
        lab = label(row)
        if lab is None and key and _OTHER_LABEL.match(row.text, row.a, row.b):
            lab = ("", row.b)  # "Arrested: 12 May 1937" under "Residence: Kharkov": a row of its own
        if lab is None:
            (values if key is not None else above).append((row, row.a))
            continue
        office = None
        if lab[0] == "in office":
            source = values if key is not None else above
            office = source.pop() if source else None
        emit(key, values)
        emit("office", [office] if office else [])
        key = lab[0] or ""      # "" = a section label: what follows belongs to no key
        values = [(row, lab[1])] if lab[1] < row.b else []
    emit(key, values)
    for row, a in above:
        if not _latin(row.text[a:row.b]):
            emit("native name", [(row, a)])
    return found
