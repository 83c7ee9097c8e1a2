"""Record-style Russian pages read as structured fields: the memorial databases' labelled lines
("Дата ареста: 3 марта 1937 г.", "Приговор: ВМН (расстрел)"), an infobox flattened to
"Место рождения:\\n\\nТверь" or "| Дата смерти = ...", and the encyclopedia lead's life dates in
brackets after the name ("Фамилия Имя Отчество [12(24).3.1890 - 21.6.1937]"). Labels are the
general vocabulary of such records, each mapped to a property and the field its value fills."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Date, Mention

# label (lower case, without the colon) -> (property, field); field "date", "place" or "object"
LABELS = {
    "дата рождения": ("birth", "date"), "родился": ("birth", "date"), "рождение": ("birth", "date"),
    "место рождения": ("birth", "place"),
    "дата смерти": ("death", "date"), "умер": ("death", "date"), "смерть": ("death", "date"),
    "место смерти": ("death", "place"),
    "дата ареста": ("arrest", "date"), "арестован": ("arrest", "date"), "арест": ("arrest", "date"),
    "осуждение": ("sentence", "date"), "дата осуждения": ("sentence", "date"), "осужден": ("sentence", "date"),
    "осуждён": ("sentence", "date"), "приговорен": ("sentence", "object"), "приговорён": ("sentence", "object"),
    "осудивший орган": ("sentence", "object"), "приговор": ("sentence", "object"),
    "дата расстрела": ("execution", "date"), "расстрелян": ("execution", "date"),
    "место расстрела": ("execution", "place"),
    "дата реабилитации": ("rehabilitation", "date"), "реабилитирован": ("rehabilitation", "date"),
    "реабилитирующий орган": ("rehabilitation", "object"),
    "место захоронения": ("burial", "place"), "кладбище": ("burial", "place"), "похоронен": ("burial", "place"),
    "национальность": ("nationality", "object"), "гражданство": ("nationality", "object"),
    "партийность": ("party", "object"), "партия": ("party", "object"),
    "место проживания": ("residence", "place"), "проживал": ("residence", "place"),
    "профессия / место работы": ("position", "object"), "место работы": ("position", "object"),
    "должность": ("position", "object"),
    "имя при рождении": ("alias", "object"), "псевдоним": ("alias", "object"), "псевдонимы": ("alias", "object"),
    "настоящая фамилия": ("alias", "object"), "урождённый": ("alias", "object"), "урожденный": ("alias", "object"),
}

_LABEL = "|".join(sorted((re.escape(k) for k in LABELS), key=len, reverse=True))
# a label opens a line, follows a bullet, a pipe or the end of the previous field (the cleaner
# joins a record's lines into one paragraph), and is followed by a colon or "="; its value runs
# to the next bullet, line break or label ("Дата рождения: 24.03.1890 Дата смерти: 21.06.1937")
_FIELD = re.compile(rf"(?:^|(?<=[\s•|*;.]))[ \t•*|\-–]*(?P<label>{_LABEL})[ \t]*(?::|=|\|(?=[ \t]*[^|\s]))\s*", re.I | re.M)
_VALUE_END = re.compile(r"\s*•|\n|\s\||\s[А-ЯЁ][а-яё]+(?:[ /]+[а-яё]+){0,4}\s*:")
# the body of a value that names no place of its own: "г. Тверь" -> "Тверь"
_PLACE_PREFIX = re.compile(r"^(?:г\.|гор\.|город|с\.|село|дер\.|деревня|пос\.|ст\.)\s*", re.I)
# a record's "место захоронения - Москва, Новое кладбище": the cemetery (or necropolis), else the town
_CEMETERY = re.compile(r"[А-ЯЁ][а-яё-]+(?:ое|ее|ом|ем)\s+кладбищ[еаи]|[А-ЯЁ][^,;]*?некрополь")


@dataclass(frozen=True)
class Field:
    property: str
    start: int  # clean offsets of the whole line, label to value
    end: int
    date: Mention | None = None
    place: tuple[int, int, str] | None = None
    object: tuple[int, int, str] | None = None


def record_fields(text: str, dates: list[Mention]) -> list[Field]:
    """The labelled fields of `text` (clean), each as a Field of the page's subject."""
    out = []
    for m in _FIELD.finditer(text):
        if not m.group("label")[:1].isupper() and m.start("label") and text[m.start("label") - 1] not in "\n•|":
            continue  # a lower-case label inside prose ("... был арестован: ") is no field
        prop, field = LABELS[m.group("label").lower()]
        v0 = m.end()
        stop = _VALUE_END.search(text, v0, v0 + 200)
        v1 = stop.start() if stop else min(len(text), v0 + 200)
        value = text[v0:v1].rstrip(" ;.,")
        v1 = v0 + len(value)
        if not value:
            continue
        inside = [d for d in dates if v0 <= d.start < v1]
        if inside:
            out.append(Field(prop, m.start("label"), inside[0].end, date=inside[0]))
        if field == "date":
            continue
        if field == "place":
            place = _place(text, v0, v1, prop)
            if place:
                out.append(Field(prop, m.start("label"), v1, place=place))
            continue
        # an object is the value before its date and its first comma ("ВКВС СССР 20 июня 1937 г., обв.: ...")
        cut = min([d.start for d in inside] + [v0 + i for i, ch in enumerate(value) if ch in ",;"] + [v1])
        obj = text[v0:cut].strip()
        if prop == "party":
            obj = re.sub(r"^(?:член|кандидат в члены)\s+", "", obj, flags=re.I)
        if obj:
            start = text.index(obj, v0)
            out.append(Field(prop, m.start("label"), start + len(obj), object=(start, start + len(obj), obj)))
    return out


def _place(text: str, v0: int, v1: int, prop: str) -> tuple[int, int, str] | None:
    value = text[v0:v1]
    if prop == "burial":
        cem = _CEMETERY.search(value)
        if cem:
            return v0 + cem.start(), v0 + cem.end(), cem.group()
    value = re.sub(r"^(?:место захоронения|место рождения)\s*[-–—]\s*", "", value, flags=re.I)
    shift = v1 - v0 - len(value)
    pre = _PLACE_PREFIX.match(value)
    cut = pre.end() if pre else 0
    # the town is the first part before a comma ("Тверь, ул. Садовая, д. 5")
    town = re.split(r"[,;(]", value[cut:], maxsplit=1)[0].strip()
    if not town or not town[:1].isupper() or re.search(r"\d", town):
        return None
    s = v0 + shift + cut
    return s, s + len(town), town


# "Фамилия Имя Отчество [12(24).3.1890 - 21.6.1937]", "(1890-1937)", "(12.03(24.03).1890 - 21.06.1937)",
# "(24 марта 1890, Тверь — 21 июня 1937, Москва)": the first bracket of the lead after a name
_LEAD_BRACKET = re.compile(r"[(\[]([^()\[\]]*(?:\([^()]*\)[^()\[\]]*)*)[)\]]")
_DASH = re.compile(r"\s[-–—]\s|\s?[–—]\s?|(?<=\d)-(?=\d)|(?<=\d)\s?-\s?(?=\d)")


def lead_life(text: str, name_end: int, dates: list[Mention], places: list[Mention]):
    """Birth and death read from the bracket right after the subject's name in the lead:
    [(property, start, end, date mention or None, place mention or None)]."""
    gap = re.compile(r"[\s\]]*,?\s*").match(text, name_end)
    m = _LEAD_BRACKET.match(text, gap.end())
    if m is None or gap.end() - name_end > 4:
        return []
    b0, b1 = m.span(1)
    inner = text[b0:b1]
    dash = None
    for d in _DASH.finditer(inner):
        if not any(x.start < b0 + d.start() < x.end for x in dates):
            dash = d
            break
    if dash is None:
        halves = [("birth", b0, b1)] if re.search(r"\bрод\.|родил", inner) else []
    else:
        halves = [("birth", b0, b0 + dash.start()), ("death", b0 + dash.end(), b1)]
    out = []
    for prop, s, e in halves:
        date = next((x for x in dates if s <= x.start and x.end <= e), None)
        place = next((p for p in places if s <= p.start and p.end <= e), None)
        if place is None:
            # "(24.3.1890, Вышний Волочёк - ...)": the town after the date, whatever NER made of it
            town = re.compile(r",\s*(?:г\.\s*)?([А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*)").search(text, date.end if date else s, e)
            if town:
                place = Mention("place", town.start(1), town.end(1), town.group(1))
        if date or place:
            out.append((prop, s, e, date, place))
    return out


def two_digit_range(text: str, first: Mention) -> Date | None:
    """"1912-14 годах": the end of a range written with the last two digits of its year."""
    m = re.compile(r"\s?[-–—]\s?(\d\d)(?!\d)").match(text, first.end)
    if m is None or not first.date or not first.date.edtf[:4].isdigit() or len(first.date.edtf) != 4:
        return None
    year = int(first.date.edtf[:2] + m.group(1))
    return Date(str(year), text[first.start:m.end()]) if year > int(first.date.edtf) else None
