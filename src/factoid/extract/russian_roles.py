"""The Russian rules for the roles of a life (parties, offices and bodies, work, schools) and the
clause helpers every Russian rule shares: where a clause begins and ends, which date is its own,
and whether another person or a kin word claims it before the subject."""
from __future__ import annotations

import re

from ..model import Mention
from .russian_records import two_digit_range

# parties by their usual names and abbreviations (general knowledge of the period)
_PARTY = (r"(?:РСДРП|РКП|ВКП|КПСС|КП\(б\)У|РСДРП\s*\(б\)|РКП\s*\(б\)|ВКП\s*\(б\)|Бунд|ПСР|"
          r"[Кк]оммунистическ\w+\s+партии(?:\s+Советского\s+Союза)?|партии|партию)(?:\s*\([бб6]\))?")
_PARTY_SINCE = re.compile(rf"(?:[Чч]лен\w*|[Чч]л\.)\s+(?P<org>{_PARTY})\s+(?:с|со)\s+", re.I)
_PARTY_JOINED = re.compile(rf"вступил[а]?\s+в\s+(?P<org>{_PARTY})")
_PARTY_EXPELLED = re.compile(rf"исключ[её]н[а]?\s+из\s+(?P<org>{_PARTY})")

# offices and bodies: the head word of a title (general vocabulary of Soviet biographies)
_OFFICE = re.compile(
    r"(?<![а-яё])(?P<head>председател\w*|пред\.|заместител\w*|зам\.|секретар\w*|нарком\w*|народн\w+\s+комиссар\w*|"
    r"начальник\w*|командующ\w*|командир\w*|командарм\w*|комиссар\w*|посол|послом|полпред\w*|"
    r"полномочн\w+\s+представител\w*|редактор\w*|министр\w*|директор\w*|управляющ\w*|уполномоченн\w*|"
    r"руководител\w*|заведующ\w*|зав\.|член\w*|чл\.|кандидат\w*\s+в\s+члены|команд\.|нач\.|пом\.|"
    r"маршал\w*|командовал\w*|возглавил\w*|возглавлял\w*|руководил\w*)"
    r"(?P<rest>(?:\s+(?!и\s|с\s|в\s\d|по\s\d|до\s\d|\d{4}|\d+\.\d)[^\s,.;:()]+(?-i:\.(?=\s[а-яё]))?){1,8})", re.I)
_MEMBER_HEAD = re.compile(r"член|чл\.|кандидат", re.I)
# a verb names no title: its object is the phrase it governs ("командовал 3-й дивизией")
_VERB_HEAD = re.compile(r"командовал|возглавл?[яи]л|руководил", re.I)

KIN = re.compile(r"(?<![а-яё])(?:отец|отца|мать|матери|жена|жены|муж|сын|сына|дочь|дочери|брат|брата|сестра|"
                  r"вдова|внук\w*|правнук\w*|дед|бабушк\w*|супруг\w*)(?![а-яё])", re.I)

# "учился в Казанском университете", "окончил Горный институт (1899)":
# the school's phrase up to its head word (general words for schools)
_EDUCATION = re.compile(r"(?<![а-яё])(?:учил(?:ся|ась)|обучал(?:ся|ась)|окончил(?:а)?|поступил(?:а)?|учёб\w+|учеб\w+)"
                        r"\s+(?:в\s+|во\s+|на\s+)?(?P<school>(?:[А-ЯЁа-яё0-9-]+\s+){0,4}?(?:училищ|институт|"
                        r"университет|гимнази|академи|семинари|школ|лице|курс|консерватори)[а-яё]*"
                        r"(?:\s+(?:им\.\s*)?[А-ЯЁ][а-яё-]+)?)", re.I)

# a clause ends at ; ! ? a line break, or a full stop that ends no abbreviation ("1957 г.", "губ.",
# "А. М.": a short lower-case word or an initial before the dot)
_CLAUSE = re.compile(r"[;!?•]\s|\n|(?<![\s(][а-яё])(?<![\s(][а-яё]{2})(?<![\s(][а-яё]{3})(?<![\s(][а-яё]{4})"
                     r"(?<![\s(][А-ЯЁ])\.(?!\s\d)\s")  # "окт. 1920": a dot before a number ends no clause


def place_of(m: Mention | None):
    return (m.start, m.end, m.normal or m.text) if m is not None else None



def other_person_before(text: str, pos: int, others: list[Mention], clause_start: int) -> bool:
    """Another person, or a kin word, names the one a clause speaks of before its trigger. A name
    in brackets ("Иванов (наст. фам. Вершин) родился") is an aside, not the clause's person."""
    lo = max(clause_start, pos - 80)
    if KIN.search(text, lo, pos):
        return True
    return any(lo <= m.start < pos and not _in_brackets(text, lo, m.start, pos) for m in others)


def _in_brackets(text: str, lo: int, at: int, pos: int) -> bool:
    return text.rfind("(", lo, at) > text.rfind(")", lo, at) and ")" in text[at:pos]


def clause(text: str, lo: int, hi: int, pos: int) -> tuple[int, int]:
    start = lo
    for m in _CLAUSE.finditer(text, lo, pos):
        start = m.end()
    nxt = _CLAUSE.search(text, pos, hi)
    return start, nxt.start() if nxt else hi


def near_date(dates: list[Mention], lo: int, hi: int, pos: int) -> Mention | None:
    inside = [d for d in dates if lo <= d.start and d.end <= hi]
    if not inside:
        return None
    return min(inside, key=lambda d: (d.start - pos if d.start >= pos else (pos - d.end) * 1.2))


def education_events(text, lo, hi, dates, others, add) -> None:
    """"учился в ...", "окончил ... (1899)", "с 1908 учился в ...": the school (and a second one
    joined by "и"), the year it was finished or the year its study began."""
    for m in _EDUCATION.finditer(text, lo, hi):
        c0, c1 = clause(text, lo, hi, m.start())
        if other_person_before(text, m.start(), others, c0):
            continue
        schools = [(m.start("school"), m.end("school"), m.group("school"))]
        more = _SECOND_SCHOOL.match(text, m.end())
        if more:
            schools.append((more.start("school"), more.end("school"), more.group("school")))
        # the year in brackets right after the school is its own; else the clause's nearest
        after = next((d for d in dates if m.end() <= d.start <= m.end() + 3), None)
        date = after or near_date(dates, c0, c1, m.start())
        since = date is not None and date.end <= m.start() and re.search(r"[Сс]о?\s*$", text[max(c0, date.start - 3):date.start])
        for school in schools:
            if re.match(r"оконч", m.group(), re.I) and date is not None:
                add("education", m.start(), max(school[1], date.end), "ru.education", 0.8, obj=school, until=date.date)
            elif since:
                add("education", date.start, school[1], "ru.education", 0.8, obj=school, begin=date.date)
            else:
                add("education", m.start(), school[1], "ru.education", 0.8, obj=school)


_SECOND_SCHOOL = re.compile(r"\s+и\s+(?:в\s+|во\s+)?(?P<school>(?:[А-ЯЁа-яё0-9-]+\s+){0,4}?(?:училищ|институт|"
                            r"университет|гимнази|академи|семинари|школ|лице|консерватори)[а-яё]*)", re.I)


def span_of_dates(text: str, dates: list[Mention], at: int, c1: int):
    """"с 1905 по 1927", "1922-1924", "1914-16", "с 1905": (start, end) dates from `at`."""
    first = next((d for d in dates if at <= d.start < at + 6 and d.end <= c1), None)
    if first is None:
        return None, None, at
    after = text[first.end:first.end + 6]
    second = next((d for d in dates if first.end < d.start <= first.end + 6 and d.end <= c1), None)
    if second is not None and re.match(r"\s*(?:по|до|[-–—])\s*$", text[first.end:second.start]):
        return first.date, second.date, second.end
    short = two_digit_range(text, first)
    if short is not None:
        return first.date, short, first.end + len(short.text) - len(first.text)
    return first.date, None, first.end if after is not None else at


def party_events(text, lo, hi, dates, others, add) -> None:
    for m in _PARTY_SINCE.finditer(text, lo, hi):
        if other_person_before(text, m.start(), others, lo):
            continue
        begin, until, end = span_of_dates(text, dates, m.end(), hi)
        if begin is not None:
            add("party", m.start(), end, "ru.party.since", 0.85, obj=(m.start("org"), m.end("org"), m.group("org")),
                begin=begin, until=until)
    for rx, rule in ((_PARTY_JOINED, "ru.party.joined"), (_PARTY_EXPELLED, "ru.party.expelled")):
        for m in rx.finditer(text, lo, hi):
            c0, c1 = clause(text, lo, hi, m.start())
            if other_person_before(text, m.start(), others, c0):
                continue
            date = near_date([d for d in (dates) if d.date and d.date.year], c0, c1, m.start())
            if date is None:
                continue
            org = (m.start("org"), m.end("org"), m.group("org"))
            if rule.endswith("joined"):
                add("party", min(m.start(), date.start), max(m.end(), date.end), rule, 0.8, obj=org, begin=date.date)
            else:
                add("party", min(m.start(), date.start), max(m.end(), date.end), rule, 0.75, obj=org, until=date.date)


def office_events(text, lo, hi, dates, others, add, lemma) -> None:
    """An office or a body with the dates of its clause: "С 1921 по 1925 председатель треста",
    "в 1922 назначен наркомом финансов", "член губкома в 1920-1922 годах"."""
    for m in _OFFICE.finditer(text, lo, hi):
        c0, c1 = clause(text, lo, hi, m.start())
        if other_person_before(text, m.start(), others, c0):
            continue
        if any((m.end() <= p.start <= m.end() + 3 and p.start < c1) or m.start() <= p.start < m.end() for p in others):
            continue  # "будущий председатель губкома Иван Петров": the title is the name's that follows
        near = [d for d in dates if c0 <= d.start and d.end <= c1]
        if not near:
            continue
        head = m.group("head")
        rest = m.group("rest")
        member = bool(_MEMBER_HEAD.match(head))
        if member and re.match(rf"\s*{_PARTY}(?![а-яё])", rest):
            continue  # a party membership: the party rules read it
        # "назначен наркомом": the title in the nominative, as a reference work lists it
        first = lemma(head) if " " not in head and not head.endswith(".") and not _VERB_HEAD.match(head) else head
        bare = member or bool(_VERB_HEAD.match(head))
        obj_text = (rest.strip() if bare else f"{first}{rest}").rstrip(".")
        start = m.start("rest") + (len(rest) - len(rest.lstrip())) if bare else m.start()
        date, begin, until, first_date = _when(text, dates, near, c0, c1, m.start(), m.end())
        prop = "membership" if member else "position"
        add(prop, min(m.start(), first_date.start), max(m.end(), first_date.end), "ru.office", 0.7,
            date=date, obj=(start, m.end(), obj_text), begin=begin, until=until)


def _when(text, dates, near, c0, c1, start, end):
    """(date, start, end, the first date read) of a phrase at [start, end) from the dates of its
    clause: its own stretch between commas first ("член бюро 1920-1922, секретарь губкома
    1921-1922"), a range from its start ("с 1921 по 1925 председатель"), "с 1905" as a start."""
    s0 = text.rfind(",", c0, start) + 1 or c0
    s1 = text.find(",", end, c1)
    own = [d for d in near if s0 <= d.start and d.end <= (s1 if s1 >= 0 else c1)] or near
    first_date = min(own, key=lambda d: abs(d.start - start))
    for d in sorted(near, key=lambda d: -d.start):
        if d.end <= first_date.start and re.fullmatch(r"\s*(?:по|до|[-–—])\s*", text[d.end:first_date.start]):
            first_date = d
    b, u, _ = span_of_dates(text, dates, first_date.start, c1)
    before = text[max(c0, first_date.start - 3):first_date.start]
    if u is not None:
        return None, b, u, first_date
    if re.search(r"[Сс]о?\s*$", before):
        return None, b, None, first_date
    return first_date, None, None, first_date


# "работал на механическом заводе (Тула)", "служил в пехотном полку в Вятке", "работал слесарем в Туле"
_WORK = re.compile(r"(?<![а-яё])(?:работал(?:а)?|служил(?:а)?|трудил(?:ся|ась))(?P<rest>(?:\s+(?!и\s|с\s|в\s\d|"
                   r"по\s\d|до\s\d|\d)[^\s,.;:()]+){1,7})", re.I)


def work_events(text, lo, hi, dates, places, others, add, male) -> None:
    for m in _WORK.finditer(text, lo, hi):
        c0, c1 = clause(text, lo, hi, m.start())
        verb = m.group().split()[0].lower()
        if other_person_before(text, m.start(), others, c0) or (
                male is not None and verb.endswith(("ла", "ась")) == male):
            continue  # "работала" in a man's biography: a woman's work
        rest = m.group("rest")
        r0 = m.start("rest") + len(rest) - len(rest.lstrip())
        town = re.compile(r"\s*\(([А-ЯЁ][а-яё-]+)\)").match(text, m.end())  # "(Тула)" after the works
        place = next((p for p in places if m.end() - len(rest) <= p.start < c1), None)
        where = (town.start(1), town.end(1), town.group(1)) if town else place_of(place)
        near = [d for d in dates if c0 <= d.start and d.end <= c1]
        date = begin = until = None
        if near:
            date, begin, until, _ = _when(text, dates, near, c0, c1, m.start(), m.end())
        add("employment", m.start(), max(m.end(), town.end() if town else 0), "ru.work", 0.7, date=date,
            place=where, obj=(r0, m.end(), text[r0:m.end()]), begin=begin, until=until)


# "заключён в крепость", "содержался в Бутырской тюрьме", "отбывал каторгу в Нерчинске",
# "находился в плену": a verb of confinement and the place it names
_PRISON_VERB = re.compile(r"(?<![а-яё])(?:заключ[её]н[а]?|содержал(?:ся|ась)|отбывал[а]?\s+(?:каторгу|срок|"
                          r"заключение|наказание)|находил(?:ся|ась)|сидел[а]?|провёл|провела)(?![а-яё])", re.I)
_PRISON = re.compile(r"(?<![А-ЯЁа-яё])(?P<where>(?!(?:в|во|на|из)\s)(?:[А-ЯЁа-яё.-]+\s+){0,3}?(?:тюрьм|централ|крепост|лагер|плен|острог|изолятор|"
                     r"каземат)[а-яё]*(?:\s+[А-ЯЁ][а-яё-]+)?)", re.I)


def prison_events(text, lo, hi, dates, others, add, male) -> None:
    for m in _PRISON_VERB.finditer(text, lo, hi):
        c0, c1 = clause(text, lo, hi, m.start())
        verb = m.group().split()[0].lower()
        if other_person_before(text, m.start(), others, c0) or (
                male is not None and verb.endswith(("ла", "ась", "на")) == male):
            continue
        where = _PRISON.search(text, m.end(), min(c1, m.end() + 80))
        if where is None:
            continue
        w0, w1 = where.span("where")
        # only a date of the verb's own stretch between commas: a clause often dates something else
        s0 = text.rfind(",", c0, m.start()) + 1 or c0
        s1 = text.find(",", w1, c1)
        near = [d for d in dates if s0 <= d.start and d.end <= (s1 if s1 >= 0 else c1)]
        date = begin = until = None
        if near:
            date, begin, until, _ = _when(text, dates, near, c0, c1, m.start(), m.end())
        add("imprisonment", m.start(), w1, "ru.prison", 0.7, date=date, place=(w0, w1, where.group("where")),
            begin=begin, until=until)
