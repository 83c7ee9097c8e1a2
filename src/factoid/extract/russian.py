"""The Russian extraction stage: the document's subject from natasha's person names, the record
fields and lead dates of russian_records.py, and event rules over each sentence: a trigger word
(родился, арестован, расстрелян, назначен, ...), the date of its clause, the place after it and,
for offices and bodies, the phrase it names. Factoids use the English property vocabulary and
the same builder as the English stage, so the store, the resolver and the judge see no
difference between languages."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Callable

from ..model import Date, Document, Mention
from . import _Builder, _most_informative
from .grammar import Occurrence
from .russian_records import lead_life, record_fields, two_digit_range
from .subject import Subject

# trigger -> property; the regexes match the past-tense and short-participle forms of both genders
# (the ending tells the gender: a feminine form in a man's biography speaks of someone else)
_EVENTS = (
    ("birth", r"родил(?:ся|ась)|рожд[её]н(?:а)?(?![а-яё])|г\.\s?р\."),
    ("death", r"умер(?:ла)?(?![а-яё])|скончал(?:ся|ась)|погиб(?:ла)?(?![а-яё])"),
    ("arrest", r"арестован(?:а)?(?![а-яё])"),
    ("sentence", r"осужд[её]н(?:а)?(?![а-яё])|приговор[её]н(?:а)?(?![а-яё])"),
    ("execution", r"расстрелян(?:а)?(?![а-яё])"),
    ("rehabilitation", r"реабилитирован(?:а)?(?![а-яё])"),
    ("burial", r"похоронен(?:а)?(?![а-яё])"),
    ("exile", r"сослан(?:а)?(?![а-яё])|выслан(?:а)?(?![а-яё])|в\s+ссылк[уе]|отправлен(?:а)?\s+на\s+поселение"),
    ("emigration", r"эмигрировал(?:а)?(?![а-яё])|эмигрировать|в\s+эмиграци[ию]"),
    ("residence", r"(?<![а-яё])(?:жил|жила|проживал|проживала|переехал|переехала|приехал|приехала|поселил(?:ся|ась))"
                  r"(?![а-яё])"),
    ("imprisonment", r"заключ[её]н(?:а)?(?![а-яё])"),
)
_TRIGGER = re.compile("|".join(f"(?P<{p}>{rx})" for p, rx in _EVENTS), re.I)
_FEMININE_FORM = re.compile(r"(?:ась|ла|на|ена|ёна)$", re.I)

# the penalty or the court a sentence names; the body that rehabilitated
_SENTENCE_OBJECT = re.compile(
    r"к\s+(?P<penalty>ВМН|расстрелу|высшей\s+мере\s+наказания|смертной\s+казни|\d+\s+годам[^,.;]{0,40})"
    r"|(?P<court>ВКВС\s+СССР|Военн\w+\s+коллеги\w+(?:\s+Верховного\s+[Сс]уда\s+СССР)?|Особ\w+\s+совещани\w+"
    r"(?:\s+при\s+НКВД(?:\s+СССР)?)?|тройк\w+(?:\s+НКВД)?)")
_REHAB_BODY = re.compile(r"Пленум\w*\s+Верховного\s+[Сс]уда\s+СССР|ВКВС\s+СССР|Военн\w+\s+коллеги\w+"
                         r"(?:\s+Верховного\s+[Сс]уда\s+СССР)?")

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
# a verb names no title: its object is the phrase it governs ("командовал 5-й армией")
_VERB_HEAD = re.compile(r"командовал|возглавл?[яи]л|руководил", re.I)
_KIN = re.compile(r"(?<![а-яё])(?:отец|отца|мать|матери|жена|жены|муж|сын|сына|дочь|дочери|брат|брата|сестра|"
                  r"вдова|внук\w*|правнук\w*|дед|бабушк\w*|супруг\w*)(?![а-яё])", re.I)
_ALIAS = re.compile(r"(?:наст\.\s*фам\.|настоящая\s+фамилия|носил\w*\s+фамилию|урожд\.|урождённ\w+|урожденн\w+|псевд\.|псевдоним\w*|"
                    r"партийн\w+\s+(?:имя|кличк\w+|псевдоним\w*))\s*[:—-]?\s*«?(?P<name>[А-ЯЁ][а-яё́-]+"
                    r"(?:\s+[А-ЯЁ][а-яё́-]+){0,2})")
# a clause ends at ; ! ? a line break, or a full stop that ends no abbreviation ("1987 г.", "губ.",
# "А. М.": a short lower-case word or an initial before the dot)
# "в Самаре", "в местечке Чернобыль", "на Донском кладбище": a preposition, at most two words, the place
_PLACE_BEFORE = re.compile(r"(?:^|\s)(?:в|во|на|из)\s+(?:[а-яё.-]+\s+){0,2}$|"
                           r"(?:^|\s)(?:город[еа]?|сел[еоа]|местечк[еоа]|деревн[еяи])\s+$")
# "учился в Базельском университете", "окончил Харьковский технологический институт (1900)":
# the school's phrase up to its head word (general words for schools)
_EDUCATION = re.compile(r"(?<![а-яё])(?:учил(?:ся|ась)|обучал(?:ся|ась)|окончил(?:а)?|поступил(?:а)?|учёб\w+|учеб\w+)"
                        r"\s+(?:в\s+|во\s+|на\s+)?(?P<school>(?:[А-ЯЁа-яё0-9-]+\s+){0,4}?(?:училищ|институт|"
                        r"университет|гимнази|академи|семинари|школ|лице|курс|консерватори)[а-яё]*"
                        r"(?:\s+(?:им\.\s*)?[А-ЯЁ][а-яё-]+)?)", re.I)
_NAME_BRACKET = re.compile(r"\((?P<name>[А-ЯЁ][а-яё́-]+(?:\s+[А-ЯЁ][а-яё́-]+){0,2})\)")
_CLAUSE = re.compile(r"[;!?•]\s|\n|(?<![\s(][а-яё])(?<![\s(][а-яё]{2})(?<![\s(][а-яё]{3})(?<![\s(][а-яё]{4})"
                     r"(?<![\s(][А-ЯЁ])\.\s")


def extract_russian(doc: Document, lemma: Callable[[str], str] = lambda w: w) -> Document:
    """Fill doc.subject, doc.persons and doc.factoids from the Russian annotations. `lemma` is
    the morphology's dictionary form of a word (passed in: this stage imports no nlp stage)."""
    text = doc.clean
    persons = [m for m in doc.mentions if m.kind == "person"]
    dates = [m for m in doc.mentions if m.kind == "date"]
    places = [m for m in doc.mentions if m.kind == "place"]
    subject, subject_mentions = _subject(text, persons)
    builder = _Builder(doc, subject)
    if subject is None:
        return replace(doc, subject="", persons=builder.persons(), factoids=())
    me = builder.person_for(None)
    male = _gender(subject.name)
    others = [m for m in persons if m not in subject_mentions]

    def add(prop, start, end, rule, conf, date=None, place=None, obj=None, begin=None, until=None):
        evidence = []
        values = {}
        if date is not None:
            evidence.append(("date", date.start, date.end))
            values["date"] = date.date
        if begin is not None:
            values["start"] = begin
        if until is not None:
            values["end"] = until
        if place is not None:
            evidence.append(("place", place[0], place[1]))
            values["place"] = place[2]
        if obj is not None:
            evidence.append(("object", obj[0], obj[1]))
            values["object"] = obj[2]
        if values:
            builder.add(me, prop, start, end, rule, conf, evidence=evidence, **values)

    for f in record_fields(text, dates):
        add(f.property, f.start, f.end, "ru.record." + f.property, 0.9, date=f.date, place=f.place, obj=f.object)
        if f.property == "execution":
            # the shooting is the death: the judge can then hold it against a header's date of death
            add("death", f.start, f.end, "ru.record.execution", 0.85, date=f.date, place=f.place)
    # the life dates in brackets after the subject's name in the head of the page (the first such)
    for lead in (m for m in subject_mentions if m.start < 1500):
        life = lead_life(text, lead.end, dates, places)
        for prop, s, e, date, place in life:
            add(prop, s, e, "ru.lead." + prop, 0.9, date=date, place=_place(place))
        if life:
            break
    # dates inside the lead's life-dates bracket date the life, not an office named after it
    spans = [(s, e) for lead in subject_mentions[:3] for _, s, e, _, _ in lead_life(text, lead.end, dates, places)]
    free = [d for d in dates if not any(s <= d.start < e for s, e in spans)]
    for sent in doc.sentences:
        _sentence_events(text, sent.start, sent.end, dates, places, others, male, add, lemma, free)
    for m in _ALIAS.finditer(text):
        if not _other_person_before(text, m.start(), others, m.start()):
            add("alias", m.start(), m.end(), "ru.alias", 0.8, obj=(m.start("name"), m.end("name"), m.group("name")))
    # "Краснов (Краснович)", "Иван Петрович (Исаак Пинхасович) Краснов": another name in brackets inside or
    # right after one of the subject's own names, with no date in it
    # anchors: the subject's mentions and every written occurrence of its surname (NER may have
    # swallowed one into a neighbouring name)
    surname = subject.name.split()[-1]
    anchors = [(m.start, m.end) for m in subject_mentions] + [
        (x.start(), x.end()) for x in re.finditer(rf"(?<![А-ЯЁа-яё]){re.escape(surname)}(?![а-яё])", text)]
    for a0, a1 in sorted(set(anchors)):
        for b in _NAME_BRACKET.finditer(text, max(0, a0 - 40), a1 + 40):
            name = b.group("name")
            # a name NER knows as someone else's is an alias only when it looks like the subject's own:
            # the same surname's stem (Краснов / Краснович) or a given name with a patronymic
            theirs = any(p.start <= b.start("name") < p.end for p in others)
            own = name.lower()[:5] == subject.key[:5] or bool(_PATRONYMIC_WORD.search(name.split()[-1]))
            if a0 - 40 <= b.start() <= a1 + 2 and (own or not theirs):
                add("alias", b.start(), b.end(), "ru.alias.bracket", 0.75,
                    obj=(b.start("name"), b.end("name"), b.group("name")))
    return replace(doc, subject=subject.name, persons=builder.persons(),
                   factoids=tuple(_most_informative(builder.factoids)))


def _place(m: Mention | None):
    return (m.start, m.end, m.normal or m.text) if m is not None else None


_PATRONYMIC_WORD = re.compile(r"(?:вич|вна|ична|ич)$")


def _gender(name: str) -> bool | None:
    """True for a man, False for a woman, from the patronymic; None when there is none."""
    for word in name.split():
        if re.search(r"(?:вич|ич)$", word):
            return True
        if re.search(r"(?:вна|чна)$", word):
            return False
    # else the surname's gendered ending (Красин, Краснощёков, Тухачевский / Ларина, Коллонтай: none)
    last = name.split()[-1].lower() if name.split() else ""
    if re.search(r"(?:ов|ев|ёв|ин|ын|ский|цкий)$", last):
        return True
    if re.search(r"(?:ова|ева|ёва|ина|ына|ская|цкая)$", last):
        return False
    return None


def _words(m: Mention) -> list[str]:
    return (m.normal or m.text).split()


def _surname(m: Mention) -> str:
    words = (m.normal or m.text).split()
    return words[-1].lower().replace("ё", "е") if words else ""


def _subject(text: str, persons: list[Mention]) -> tuple[Subject | None, list[Mention]]:
    """The person the page is about: the surname named most often, with a bonus for being in the
    title line, in the head of the page, and first; its mentions are those with that surname and
    no other given name."""
    if not persons:
        return None, []
    title_end = text.find("\n") if "\n" in text[:200] else min(len(text), 200)
    score: Counter = Counter()
    for i, m in enumerate(persons):
        key = _surname(m)
        if not key or (len(_words(m)) == 2 and _PATRONYMIC_WORD.search(_words(m)[1])):
            continue  # a given name and patronymic alone name no surname
        score[key] += 2
        if m.start < title_end:
            score[key] += 3
        elif m.start < 400:
            score[key] += 1
        if i == 0:
            score[key] += 1
    if not score:
        return None, []
    key, best = score.most_common(1)[0]
    if best < 3:
        return None, []  # one passing mention deep in the text: no subject
    same = [m for m in persons if _surname(m) == key]
    fullest = max(same, key=lambda m: (len(_words(m)), -m.start))
    words = _words(fullest)
    given = words[0] if len(words) > 1 else ""
    mine = [m for m in same if not _other_given(m, given, key)]
    names = [m.normal or m.text for m in mine]
    if len(words) > 1 and len(words[0]) > 1:
        # initials add nothing to a full name and, across scripts, fit strangers ("Л" of Liubov)
        names = [n for n in names if not re.match(r"[А-ЯЁ]\.?\s", n)]
    variants = tuple(dict.fromkeys(names))
    return Subject(fullest.normal or fullest.text, key, variants), mine


def _other_given(m: Mention, given: str, surname: str) -> bool:
    """A mention with the subject's surname and another given name (a wife, a son)."""
    words = [w for w in (m.normal or m.text).split() if w.lower().replace("ё", "е") != surname]
    if not words or not given:
        return False
    first, given = words[0].rstrip(".").lower().replace("ё", "е"), given.lower().replace("ё", "е")
    if len(first) == 1:
        return not given.startswith(first)
    # one name read in two cases by the morphology ("Иона" / "Ион"): one is the other less an ending
    short, long_ = sorted((first, given), key=len)
    return not (long_.startswith(short) and len(long_) - len(short) <= 1 and len(short) >= 3)


def _other_person_before(text: str, pos: int, others: list[Mention], clause_start: int) -> bool:
    """Another person, or a kin word, names the one a clause speaks of before its trigger."""
    lo = max(clause_start, pos - 80)
    if _KIN.search(text, lo, pos):
        return True
    return any(lo <= m.start < pos for m in others)


def _clause(text: str, lo: int, hi: int, pos: int) -> tuple[int, int]:
    start = lo
    for m in _CLAUSE.finditer(text, lo, pos):
        start = m.end()
    nxt = _CLAUSE.search(text, pos, hi)
    return start, nxt.start() if nxt else hi


def _near_date(dates: list[Mention], lo: int, hi: int, pos: int) -> Mention | None:
    inside = [d for d in dates if lo <= d.start and d.end <= hi]
    if not inside:
        return None
    return min(inside, key=lambda d: (d.start - pos if d.start >= pos else (pos - d.end) * 1.2))


def _sentence_events(text, lo, hi, dates, places, others, male, add, lemma, free) -> None:
    for m in _TRIGGER.finditer(text, lo, hi):
        prop = m.lastgroup
        c0, c1 = _clause(text, lo, hi, m.start())
        word = m.group()
        if male is not None and prop != "exile" and not word.endswith(".") and \
                bool(_FEMININE_FORM.search(word)) == male:
            continue  # "родилась" in a man's biography: his wife or daughter
        if _other_person_before(text, m.start(), others, c0):
            continue
        nxt = _TRIGGER.search(text, m.end(), c1)
        upto = nxt.start() if nxt else c1  # "арестован и сослан в ...": the place is the exile's
        # the date of the clause up to the next trigger, never one behind a bracket ("1918) родился")
        date = _near_date([d for d in dates if (d.end <= m.start() and not re.search(r"[()]", text[d.end:m.start()]))
                           or (d.start >= m.end() and not re.search(r"\sи\s", text[m.end():d.start]))],
                          c0, upto, m.start())
        place = next((p for p in places if m.end() <= p.start < upto and _PLACE_BEFORE.search(
            text[max(m.end(), p.start - 30):p.start])), None)
        obj = None
        if prop == "sentence":
            o = _SENTENCE_OBJECT.search(text, m.end(), c1)
            if o:
                g = "penalty" if o.group("penalty") else "court"
                obj = (o.start(g), o.end(g), o.group(g))
        elif prop == "rehabilitation":
            o = _REHAB_BODY.search(text, m.end(), c1)
            obj = (o.start(), o.end(), o.group()) if o else None
        if prop in ("residence", "emigration") and place is None:
            continue  # "жил" says little without where
        if prop == "birth" and word.startswith("г"):
            place = None  # "1888 г. р.": the year only
        if date is None and place is None and obj is None:
            continue
        add(prop, min(m.start(), date.start if date else m.start()), max(m.end(), date.end if date else 0,
            place.end if place else 0, obj[1] if obj else 0), "ru.event." + prop, 0.8,
            date=date, place=_place(place), obj=obj)
    _party_events(text, lo, hi, dates, others, add)
    for m in _EDUCATION.finditer(text, lo, hi):
        c0, c1 = _clause(text, lo, hi, m.start())
        if _other_person_before(text, m.start(), others, c0):
            continue
        date = _near_date(dates, c0, c1, m.start())
        school = (m.start("school"), m.end("school"), m.group("school"))
        if re.match(r"оконч", m.group(), re.I) and date is not None:
            add("education", m.start(), max(m.end(), date.end), "ru.education", 0.8, obj=school, until=date.date)
        else:
            add("education", m.start(), m.end(), "ru.education", 0.8, obj=school)
    _office_events(text, lo, hi, free, others, add, lemma)
    _work_events(text, lo, hi, free, places, others, add, male)


def _span_of_dates(text: str, dates: list[Mention], at: int, c1: int):
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


def _party_events(text, lo, hi, dates, others, add) -> None:
    for m in _PARTY_SINCE.finditer(text, lo, hi):
        if _other_person_before(text, m.start(), others, lo):
            continue
        begin, until, end = _span_of_dates(text, dates, m.end(), hi)
        if begin is not None:
            add("party", m.start(), end, "ru.party.since", 0.85, obj=(m.start("org"), m.end("org"), m.group("org")),
                begin=begin, until=until)
    for rx, rule in ((_PARTY_JOINED, "ru.party.joined"), (_PARTY_EXPELLED, "ru.party.expelled")):
        for m in rx.finditer(text, lo, hi):
            c0, c1 = _clause(text, lo, hi, m.start())
            if _other_person_before(text, m.start(), others, c0):
                continue
            date = _near_date([d for d in (dates) if d.date and d.date.year], c0, c1, m.start())
            if date is None:
                continue
            org = (m.start("org"), m.end("org"), m.group("org"))
            if rule.endswith("joined"):
                add("party", min(m.start(), date.start), max(m.end(), date.end), rule, 0.8, obj=org, begin=date.date)
            else:
                add("party", min(m.start(), date.start), max(m.end(), date.end), rule, 0.75, obj=org, until=date.date)


def _office_events(text, lo, hi, dates, others, add, lemma) -> None:
    """An office or a body with the dates of its clause: "С 1919 по 1920 секретарь ВЦИК",
    "в 1918 назначен наркомом торговли", "член ЦК в 1919-1921 годах"."""
    for m in _OFFICE.finditer(text, lo, hi):
        c0, c1 = _clause(text, lo, hi, m.start())
        if _other_person_before(text, m.start(), others, c0):
            continue
        if any((m.end() <= p.start <= m.end() + 3 and p.start < c1) or m.start() <= p.start < m.end() for p in others):
            continue  # "будущий председатель ВЧК Иван Петров": the title is the name's that follows
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
    clause: its own stretch between commas first ("член Оргбюро 1919-1921, секретарь ЦК
    1920-1921"), a range from its start ("с 1921 по 1925 председатель"), "с 1905" as a start."""
    s0 = text.rfind(",", c0, start) + 1 or c0
    s1 = text.find(",", end, c1)
    own = [d for d in near if s0 <= d.start and d.end <= (s1 if s1 >= 0 else c1)] or near
    first_date = min(own, key=lambda d: abs(d.start - start))
    for d in sorted(near, key=lambda d: -d.start):
        if d.end <= first_date.start and re.fullmatch(r"\s*(?:по|до|[-–—])\s*", text[d.end:first_date.start]):
            first_date = d
    b, u, _ = _span_of_dates(text, dates, first_date.start, c1)
    before = text[max(c0, first_date.start - 3):first_date.start]
    if u is not None:
        return None, b, u, first_date
    if re.search(r"[Сс]о?\s*$", before):
        return None, b, None, first_date
    return first_date, None, None, first_date


# "работал на пивоваренном заводе (Уфа)", "служил в запасном полку в Костроме", "работал электриком в Баку"
_WORK = re.compile(r"(?<![а-яё])(?:работал(?:а)?|служил(?:а)?|трудил(?:ся|ась))(?P<rest>(?:\s+(?!и\s|с\s|в\s\d|"
                   r"по\s\d|до\s\d|\d)[^\s,.;:()]+){1,7})", re.I)


def _work_events(text, lo, hi, dates, places, others, add, male) -> None:
    for m in _WORK.finditer(text, lo, hi):
        c0, c1 = _clause(text, lo, hi, m.start())
        verb = m.group().split()[0].lower()
        if _other_person_before(text, m.start(), others, c0) or (
                male is not None and verb.endswith(("ла", "ась")) == male):
            continue  # "работала" in a man's biography: a woman's work
        rest = m.group("rest")
        r0 = m.start("rest") + len(rest) - len(rest.lstrip())
        town = re.compile(r"\s*\(([А-ЯЁ][а-яё-]+)\)").match(text, m.end())  # "(Уфа)" after the works
        place = next((p for p in places if m.end() - len(rest) <= p.start < c1), None)
        where = (town.start(1), town.end(1), town.group(1)) if town else _place(place)
        near = [d for d in dates if c0 <= d.start and d.end <= c1]
        date = begin = until = None
        if near:
            date, begin, until, _ = _when(text, dates, near, c0, c1, m.start(), m.end())
        add("employment", m.start(), max(m.end(), town.end() if town else 0), "ru.work", 0.7, date=date,
            place=where, obj=(r0, m.end(), text[r0:m.end()]), begin=begin, until=until)
