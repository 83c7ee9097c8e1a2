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

from ..model import Document, Mention
from . import _Builder, _most_informative
from .russian_kin import kin_facts
from .russian_records import lead_life, record_fields
from .russian_roles import (clause, education_events, near_date, office_events, other_person_before,
                            party_events, place_of, prison_events, span_of_dates, work_events)
from .subject import Subject

# the reflexive participle's endings, masculine then feminine ("родившегося", "родившейся")
_PARTICIPLE_ENDINGS = r"(?:ийся|егося|емуся|имся|емся|аяся|ейся|уюся)(?![а-яё])"
# trigger -> property; the regexes match the past-tense and short-participle forms of both genders
# (the ending tells the gender: a feminine form in a man's biography speaks of someone else)
_EVENTS = (
    # and the active participles of a name's apposition ("Павла Постышева, родившегося 18 сентября")
    ("birth", r"родил(?:ся|ась)|рожд[её]н(?:а)?(?![а-яё])|г\.\s?р\.|родивш" + _PARTICIPLE_ENDINGS),
    ("death", r"умер(?:ла)?(?![а-яё])|скончал(?:ся|ась)|погиб(?:ла)?(?![а-яё])|(?:скончавш|погибш)"
              + _PARTICIPLE_ENDINGS + r"|умерш(?:ий|его|ему|им|ем|ая|ей|ую)(?![а-яё])"),
    ("arrest", r"арестован(?:а)?(?![а-яё])"),
    ("sentence", r"осужд[её]н(?:а)?(?![а-яё])|приговор[её]н(?:а)?(?![а-яё])|(?:вынесен|оглаш[её]н)\s+приговор"),
    ("execution", r"расстрелян(?:а)?(?![а-яё])"),
    ("rehabilitation", r"реабилитирован(?:а)?(?![а-яё])"),
    ("burial", r"похоронен(?:а)?(?![а-яё])"),
    # "расстрелян по «делу антисоветской ... организации»": the case one was tried in
    ("trial", r"(?<![а-яё])по\s+«?делу(?![а-яё])"),
    ("exile", r"сослан(?:а)?(?![а-яё])|выслан(?:а)?(?![а-яё])|в\s+ссылк[уе]|отправлен(?:а)?\s+на\s+поселение"),
    ("emigration", r"эмигрировал(?:а)?(?![а-яё])|эмигрировать|в\s+эмиграци[ию]"),
    ("residence", r"(?<![а-яё])(?:жил|жила|проживал|проживала|переехал|переехала|приехал|приехала|поселил(?:ся|ась))"
                  r"(?![а-яё])"),
)
_TRIGGER = re.compile("|".join(f"(?P<{p}>{rx})" for p, rx in _EVENTS), re.I)
# the verbs after which "по делу X" names the case one was tried in
_TRIED_BY = re.compile(r"(?:расстрелян|осужд[её]н|приговор[её]н|арестован|проходил|привлеч[её]н|судим)[а-яё]*", re.I)
_CASE = re.compile(r"по\s+«?(делу\s+[^»,.;()]{3,80}?)(?:»|[,.;(]|$)")
_FEMININE_FORM = re.compile(r"(?:ась|ла|на|ена|ёна|аяся|ейся|уюся|ая|ей|ую)$", re.I)

# the penalty or the court a sentence names; the body that rehabilitated
_SENTENCE_OBJECT = re.compile(
    r"к\s+(?P<penalty>ВМН|расстрелу|высшей\s+мере\s+наказания|смертной\s+казни|\d+\s+годам[^,.;]{0,40})"
    r"|(?P<court>ВКВС\s+СССР|Военн\w+\s+коллеги\w+(?:\s+Верховного\s+[Сс]уда\s+СССР)?|Особ\w+\s+совещани\w+"
    r"(?:\s+при\s+НКВД(?:\s+СССР)?)?|тройк\w+(?:\s+НКВД)?)")
_REHAB_BODY = re.compile(r"Пленум\w*\s+Верховного\s+[Сс]уда\s+СССР|ВКВС\s+СССР|Военн\w+\s+коллеги\w+"
                         r"(?:\s+Верховного\s+[Сс]уда\s+СССР)?")
# "наст. фам. Иванов", "псевд. Горький", "носил фамилию ...": the name that follows
_ALIAS = re.compile(r"(?:наст\.\s*фам\.|настоящая\s+фамилия|носил\w*\s+фамилию|урожд\.|урождённ\w+|урожденн\w+|псевд\.|псевдоним\w*|"
                    r"партийн\w+\s+(?:имя|кличк\w+|псевдоним\w*))\s*[:—-]?\s*«?(?P<name>[А-ЯЁ][а-яё́-]+"
                    r"(?:\s+[А-ЯЁ][а-яё́-]+){0,2})")

# "в Твери", "в местечке Липки", "на Новом кладбище": a preposition, at most two words, the place
_PLACE_BEFORE = re.compile(r"(?:^|\s)(?:в|во|на|из)\s+(?:[а-яё.-]+\s+){0,2}$|"
                           r"(?:^|\s)(?:город[еа]?|сел[еоа]|местечк[еоа]|деревн[еяи])\s+$")
_NAME_BRACKET = re.compile(r"\((?P<name>[А-ЯЁ][а-яё́-]+(?:\s+[А-ЯЁ][а-яё́-]+){0,2})\)")


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
        # the subject's mention inside the quote, else the nearest one before it: passage mode
        # reports each assertion at its subject's span
        near = [m for m in subject_mentions if start - 160 <= m.start < end]
        inside = [m for m in near if start <= m.start] or near[-1:]
        evidence = [("subject", m.start, m.end) for m in inside]
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
            add(prop, s, e, "ru.lead." + prop, 0.9, date=date, place=place_of(place))
        if life:
            break
    # dates inside the lead's life-dates bracket date the life, not an office named after it
    spans = [(s, e) for lead in subject_mentions[:3] for _, s, e, _, _ in lead_life(text, lead.end, dates, places)]
    free = [d for d in dates if not any(s <= d.start < e for s, e in spans)]
    for sent in doc.sentences:
        _sentence_events(text, sent.start, sent.end, dates, places, others, male, add, lemma, free)
        for prop, s, e, kinsman in kin_facts(text, sent.start, sent.end, others):
            add(prop, s, e, "ru.kin", 0.75, obj=kinsman)
    for m in _ALIAS.finditer(text):
        if not other_person_before(text, m.start(), others, m.start()):
            add("alias", m.start(), m.end(), "ru.alias", 0.8, obj=(m.start("name"), m.end("name"), m.group("name")))
    # "Вершинин (Вершин)", "Сергей Ильич (Самуил Ицкович) Вершинин": another name in brackets inside or
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
            # the same surname's stem (Вершинин / Вершин) or a given name with a patronymic
            theirs = any(p.start <= b.start("name") < p.end for p in others)
            own = name.lower()[:5] == subject.key[:5] or bool(_PATRONYMIC_WORD.search(name.split()[-1]))
            if a0 - 40 <= b.start() <= a1 + 2 and (own or not theirs):
                add("alias", b.start(), b.end(), "ru.alias.bracket", 0.75,
                    obj=(b.start("name"), b.end("name"), b.group("name")))
    return replace(doc, subject=subject.name, persons=builder.persons(),
                   factoids=tuple(_most_informative(builder.factoids)))


_PATRONYMIC_WORD = re.compile(r"(?:вич|вна|ична|ич)$")


def _gender(name: str) -> bool | None:
    """True for a man, False for a woman, from the patronymic; None when there is none."""
    for word in name.split():
        if re.search(r"(?:вич|ич)$", word):
            return True
        if re.search(r"(?:вна|чна)$", word):
            return False
    # else the surname's gendered ending (Ломов, Стужин, Дольский / Ломова, Стужина; Гурко: none)
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
        # initials add nothing to a full name and, across scripts, fit strangers (the "Л" of a Lidia)
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
    # one name read in two cases by the morphology ("Иона" / "Ион", as pymorphy2 may read either): one is the other less an ending
    short, long_ = sorted((first, given), key=len)
    return not (long_.startswith(short) and len(long_) - len(short) <= 1 and len(short) >= 3)


def _sentence_events(text, lo, hi, dates, places, others, male, add, lemma, free) -> None:
    for m in _TRIGGER.finditer(text, lo, hi):
        prop = m.lastgroup
        c0, c1 = clause(text, lo, hi, m.start())
        word = m.group()
        if male is not None and prop != "exile" and not word.endswith(".") and \
                bool(_FEMININE_FORM.search(word)) == male:
            continue  # "родилась" in a man's biography: his wife or daughter
        if other_person_before(text, m.start(), others, c0):
            continue
        nxt = _TRIGGER.search(text, m.end(), c1)
        upto = nxt.start() if nxt else c1  # "арестован и сослан в ...": the place is the exile's
        comma = text.find(",", m.end(), upto)
        # "сослан в Сибирь, откуда в 1909 году бежал": a date after the comma is the next verb's
        date_upto = comma if comma >= 0 and re.match(r",\s*(?:откуда|где|когда|после|а\s|но\s|затем)", text[comma:]) else upto
        # the date of the clause up to the next trigger, never one behind a bracket ("1901) родился")
        after = [d for d in dates if d.start >= m.end() and not re.search(r"\sи\s", text[m.end():d.start])
                 and c0 <= d.start and d.end <= date_upto]
        # "родившегося в 1890 году и скончавшегося в 1941 году": with a date of its own after it, a
        # verb leaves the date before another verb to that verb ("в 1937 арестован и расстрелян": both)
        before = [d for d in dates if d.end <= m.start() and not re.search(r"[()]", text[d.end:m.start()])
                  and not (after and re.search(r"\sи\s", text[d.end:m.start()]))]
        date = near_date(before + after, c0, date_upto, m.start())
        place = next((p for p in places if m.end() <= p.start < upto and _PLACE_BEFORE.search(
            text[max(m.end(), p.start - 30):p.start])), None)
        obj = None
        if prop == "sentence":
            o = _SENTENCE_OBJECT.search(text, m.end(), c1)
            if o:
                g = "penalty" if o.group("penalty") else "court"
                obj = (o.start(g), o.end(g), o.group(g))
        elif prop == "trial":
            if not _TRIED_BY.search(text, max(c0, m.start() - 60), m.start()):
                continue  # "отбывал каторгу по делу ...": the case is named, the trial is not told
            o = _CASE.match(text, m.start())
            obj = (o.start(1), o.end(1), o.group(1)) if o else None
        elif prop == "rehabilitation":
            o = _REHAB_BODY.search(text, m.end(), c1)
            obj = (o.start(), o.end(), o.group()) if o else None
        if prop in ("residence", "emigration") and place is None:
            continue  # "жил" says little without where
        if prop == "birth" and word.startswith("г"):
            place = None  # "1890 г. р.": the year only
        if date is None and place is None and obj is None:
            continue
        begin = until = None
        if date is not None and prop in ("residence", "imprisonment", "exile", "emigration"):
            b, u, _ = span_of_dates(text, dates, date.start, c1)  # "в 1914-16 годах жил": a stay, from and to
            if u is not None:
                date, begin, until = None, b, u
        add(prop, min(m.start(), date.start if date else m.start()), max(m.end(), date.end if date else 0,
            place.end if place else 0, obj[1] if obj else 0), "ru.event." + prop, 0.8,
            date=date, place=place_of(place), obj=obj, begin=begin, until=until)
    party_events(text, lo, hi, dates, others, add)
    education_events(text, lo, hi, dates, others, add)
    office_events(text, lo, hi, free, others, add, lemma)
    work_events(text, lo, hi, free, places, others, add, male)
    prison_events(text, lo, hi, free, others, add, male)
