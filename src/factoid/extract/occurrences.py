"""Who a document's words name: the person mentions NER found (completed where it cut a
name short), the subject's names where NER missed them, the lead's names, role references
("the ambassador") and pronouns, each an Occurrence with the key of the person it stands for
("" for the subject, "?" for a pronoun of the other sex than the subject's)."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..model import Document, Mention
from .aliases import NOT_BIRTH_NAME, STATED, STATED_NEEDS
from .gates import has_words
from .grammar import Occurrence, pronouns
from .kinship import KIN
from .names import PATRONYMIC, TITLES, clean_name, fold, is_variant, looks_like_name, name_words, word_spans
from .subject import Subject


def _with_given(text: str, m):
    """"[Alexandra] Mikhailovna Kollontai": a name never opens with its patronymic; NER left
    the given name before it out (or the surname before "Anna Sergeyevna")."""
    words = m.text.split()
    if m.kind != "person" or not words:
        return m
    # ("Gromova [Anna Sergeyevna]": a surname-first name cut to its given name and patronymic)
    first = PATRONYMIC.search(words[0].casefold())
    if not first and not (len(words) == 2 and PATRONYMIC.search(words[1].casefold())):
        return m
    cut = _GIVEN_BEFORE.search(text, max(0, m.start - 30), m.start)
    if cut is None or not looks_like_name(cut.group(1)) or PATRONYMIC.search(cut.group(1).casefold()):
        return m
    return replace(m, start=cut.start(1), text=text[cut.start(1):m.end])


_LEAD_NAME = re.compile(r"((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+)\s*\((?=[^()]*(?:\([^()]*\))?[^()]*\d{4})")


# "Heezen was born in ...", "Tambo died on ...": a sentence-opening name before a life verb
_OPENING_NAME = re.compile(r"(?!(?:The|A|An|In|On|At|He|She|It|They|This|That|His|Her|After|Before|When)\b)"
                           r"((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)(?=\s+(?:was\s+born|died|was\s+(?:shot|executed|"
                           r"killed)|\(born)\b)")


def _lead_names(doc: Document) -> tuple[Mention, ...]:
    """A sentence that opens "Capitalised Name (... 1884 ...)" or "Name was born/died" names a
    person, whatever NER made of it: the encyclopedia lead form."""
    taken = sorted((m.start, m.end) for m in doc.mentions if m.kind == "person")
    opened = [s for s, _ in taken]
    out = []
    for sent in doc.sentences:
        m = _LEAD_NAME.match(doc.clean, sent.start, sent.end) or _OPENING_NAME.match(doc.clean, sent.start, sent.end)
        # the person mentions that may overlap the name: those opening before its end, nearby
        near = taken[max(0, bisect_right(opened, m.end(1)) - 8):bisect_right(opened, m.end(1))] if m else ()
        if m and not any(s < m.end(1) and m.start(1) < e for s, e in near) and looks_like_name(m.group(1)):
            out.append(Mention("person", m.start(1), m.end(1), m.group(1)))
    return tuple(out)


# "he married Lidia Kravets", "his wife, the poet Anna Orlova": a full name a kin word introduces
# is a person's, whatever NER made of it (a relative NER missed took her later facts with her)
_KIN_NAME = re.compile(r"\b(?:%s|[Mm]arried|[Mm]arries|wed|weds|widow|widower|fianc[ée]e?|marriage[\"”']?\s+(?:to|with))\s*,?\s+"
                       r"(?:(?:a|an|the)\s+(?:[a-z]+\s+){1,3}?)?"
                       r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\b(?!\s+[A-Z])" % "|".join(
                           sorted((k for k in KIN if k.isalpha()), key=len, reverse=True)))


def _kin_names(doc: Document) -> tuple[Mention, ...]:
    taken = sorted((m.start, m.end) for m in doc.mentions if m.kind == "person")
    opened = [s for s, _ in taken]
    out = []
    for m in _KIN_NAME.finditer(doc.clean):
        near = taken[max(0, bisect_right(opened, m.end("name")) - 8):bisect_right(opened, m.end("name"))]
        if not any(s < m.end("name") and m.start("name") < e for s, e in near) and looks_like_name(m.group("name")):
            out.append(Mention("person", m.start("name"), m.end("name"), m.group("name")))
    return tuple(out)


def _occurrences(doc: Document, subject: Subject | None) -> list[Occurrence]:
    """Names (NER persons, plus the subject's names where NER missed them) and pronouns."""
    text = doc.clean
    out: list[Occurrence] = []
    lead = doc.sentences[min(3, len(doc.sentences)) - 1].end if doc.sentences else 0
    own = {fold(w) for w in subject.name.split()} if subject else set()
    lead_fuller: set[str] = set()  # fuller names of the subject the lead gives
    renamed = _other_names_stated(doc, subject)
    given_alone = _given_alone(doc, subject, renamed)
    for m in doc.mentions:
        if m.kind != "person" and not (m.kind == "org" and _named_like_person(text, m)):
            continue
        cut = _GIVEN_BEFORE.search(text, max(0, m.start - 30), m.start)
        # NER cut "[Sergo] Konstantinovich Ordzhonikidze", also where a copy glued the word to
        # the one before it ("OrdzhonikidzeSergo Konstantinovich ...")
        given = cut and re.search(r"[A-ZÀ-Þ][^\W\d_A-ZÀ-Þ]*$", cut.group(1))
        if given and fold(given.group()) in own:
            at = cut.start(1) + given.start()
            m = replace(m, start=at, text=text[at:m.end])
        name = clean_name(m.text)
        if not looks_like_name(name) or _NAMES_A_THING.match(text, m.end):
            continue
        # a fuller form of the subject's name in the lead ("Sergo Konstantinovich Ordzhonikidze"
        # under the title "Sergo Ordzhonikidze") is the subject too
        fuller = subject and (m.start < lead or name in lead_fuller) and is_variant(subject.name, name)
        if fuller:
            lead_fuller.add(name)
        key = "" if subject and (name in subject.variants or is_variant(name, subject.name) or fuller or name == given_alone or any(
            is_variant(name, other) or is_variant(other, name) and _own_given(name, subject.name)
            for other in renamed)) else fold(name)
        out.append(Occurrence(m.start, m.end, name, key))
    if subject:
        taken = [(o.start, o.end) for o in out]
        # (with the other names the text says the subject bore, whole and by their surname)
        other = {w for r in renamed for w in (r, r.split()[-1]) if looks_like_name(w)}
        if given_alone and len(given_alone) >= 4 and given_alone.lower() not in text:
            other.add(given_alone)  # "Nadia graduated in 1932": NER often misses a given name alone
        for variant in sorted(set(subject.variants) | other, key=len, reverse=True):  # the longest name first
            for at, end in word_spans(text, variant):
                if _other_given_name(text, at, variant, subject.variants):
                    continue  # "Ève Curie (1904–2007)" in Marie Curie's infobox: her daughter
                if not any(s <= at < e for s, e in taken):
                    out.append(Occurrence(at, end, variant, ""))
                    taken.append((at, end))
        out += _role_references(doc, taken)
    out = _surnames_joined(out, text, own)
    said = pronouns(text, 0, len(text))
    # (the dominant pronoun is read over the whole text: only where there is a pronoun to judge)
    gender = _gender(text, doc.raw[:1500], subject.name if subject else "") if said else None
    named = sorted((o for o in out if o.key and o.key != "?"), key=lambda o: o.start)
    kin_gender = _kin_genders(text, named, gender)
    starts = [o.start for o in named]
    for o in said:
        # a "she" in a man's biography is someone else: never the subject; she is the relative
        # of her sex the text named last, if it named no one else since ("his wife Anna Orlova
        # was arrested in 1937; she spent ten years in camps")
        same = gender is None or _PRONOUN_GENDER.get(o.text.lower()) in (None, gender)
        if not same:
            k = bisect_right(starts, o.start) - 1
            last = named[k] if k >= 0 and o.start - named[k].end < 300 else None
            other = last.key if last is not None and kin_gender.get(last.key) == _PRONOUN_GENDER[o.text.lower()] \
                and "\n\n" not in text[last.end:o.start] else "?"
            o = replace(o, key=other)
        out.append(o)
    return sorted(out, key=lambda o: o.start)


_KIN_SEX = re.compile(r"\b(?:(?P<f>wife|mother|sister|daughter|widow|aunt|niece|granddaughter|grandmother|stepmother|"
                      r"stepdaughter|fiancée)|(?P<m>husband|father|brother|son|widower|uncle|nephew|grandson|"
                      r"grandfather|stepfather|stepson|fiancé)|(?P<w>\b(?:he|she)\s+(?:married|wed)))\b[,\s]+(?:(?:a|an|the)\s+)?"
                      r"(?:[a-z]+\s+){0,2}$")


def _kin_genders(text: str, named: list[Occurrence], subject_gender: str | None) -> dict[str, str]:
    """The sex of the persons a gendered kin word introduces ("his wife Anna", "her brother
    Ivan"); whom the subject married is of the other sex."""
    out: dict[str, str] = {}
    for o in named:
        if o.key == "":
            continue
        m = _KIN_SEX.search(text, max(0, o.start - 40), o.start)
        if m is None:
            continue
        sex = "f" if m.group("f") else "m" if m.group("m") else None
        if m.group("w") and subject_gender == ("m" if m.group("w").lower().startswith("he") else "f"):
            sex = {"m": "f", "f": "m"}[subject_gender]  # "he married Anna Orlova" in his biography: she
        if sex:
            out.setdefault(o.key, sex)
    return out


def _surnames_joined(out: list[Occurrence], text: str, own: set[str]) -> list[Occurrence]:
    """"Professor Ivan Markov ... Markov was arrested": a surname alone after the one full name
    the document gives with that surname is that person, whether NER saw it or not (two
    namesakes, or the subject's surname: nobody's)."""
    full: dict[str, set[str]] = {}
    first: dict[str, tuple[int, str]] = {}
    for o in out:
        if o.key and o.key != "?" and len(o.text.split()) > 1:
            full.setdefault(fold(o.text.split()[-1]), set()).add(o.key)
            first.setdefault(o.key, (o.start, o.text.split()[-1]))
    if not full:
        return out
    joined = []
    for o in out:
        keys = full.get(fold(o.text), set()) if o.key and len(o.text.split()) == 1 else set()
        if len(keys) == 1 and first[next(iter(keys))][0] < o.start:
            o = replace(o, key=next(iter(keys)))
        joined.append(o)
    if len(first) > _MAX_SCANNED:
        return joined  # a register of many names: NER's own mentions only, the cost bounded
    taken = sorted((o.start, o.end) for o in joined)
    starts = [a for a, _ in taken]
    for key, (at, word) in first.items():
        if len(full[fold(word)]) > 1 or fold(word) in own or not looks_like_name(word):
            continue
        for s, e in word_spans(text, word):
            k = bisect_right(starts, s)  # the mentions opening at or before s, and the next one
            if s > at and not any(a < e and s < b for a, b in taken[max(0, k - 3):k + 1]):
                joined.append(Occurrence(s, e, word, key))
    return sorted(joined, key=lambda o: o.start)


_MAX_SCANNED = 60


_GIVEN_BEFORE = re.compile(r"([A-ZÀ-Þ][\w'’-]+)[ \t]+$")


def _other_names_stated(doc: Document, subject: Subject | None) -> list[str]:
    """The subject's other names the text states: "Lev Rosenfeld ... adopted the name Kamenev" on
    a page about Kamenev makes Rosenfeld the subject too, as "Kamenev (born Rosenfeld)" does."""
    if subject is None or not has_words(STATED_NEEDS, doc.clean):
        return []
    text, out = doc.clean, []
    names = {clean_name(m.text) for m in doc.mentions if m.kind == "person"} | {subject.name}
    for sent in doc.sentences:
        for m in STATED.finditer(text, sent.start, sent.end):
            name = m.group("name").rstrip(".")
            if not looks_like_name(name) or m.group("how").lower() == "born" and NOT_BIRTH_NAME.match(
                    text, m.start("name")):
                continue
            # the last name before the statement in its sentence, whole or by its surname alone
            # (NER often misses the bare surname: "Sokolov joined the party and took the name ...")
            segment = text[sent.start:m.start()]
            before = max(((at, n) for n in names for w in {n, n.split()[-1]} for at, _ in word_spans(segment, w)),
                         default=None)
            if before is None:
                continue
            holder = before[1]
            if is_variant(holder, subject.name) and not is_variant(name, subject.name):
                out.append(name)
            elif is_variant(name, subject.name) and not is_variant(holder, subject.name):
                out.append(holder)
    return out


def _own_given(name: str, subject_name: str) -> bool:
    """"Helga Berg" under a birth name Berg is the subject; "Anders Berg" is her father."""
    mine = {fold(w) for w in name_words(subject_name)}
    return all(fold(w) in mine for w in name_words(name)[:-1])


def _given_alone(doc: Document, subject: Subject | None, renamed: list[str] = ()) -> str:
    """"Anna moved to Kazan": the subject's given name alone names her, where no one else in
    the document has that given name (a family page calls its subject by it)."""
    if subject is None or len(subject.name.split()) < 2:
        return ""
    given = name_words(subject.name)[0]
    names = {clean_name(m.text) for m in doc.mentions if m.kind == "person"}
    others = [n for n in names if len(n.split()) > 1 and fold(n.split()[0]) == fold(given)
              and not is_variant(n, subject.name) and not any(is_variant(r, n) or is_variant(n, r) for r in renamed)]
    return "" if others else next((w for w in subject.name.split() if fold(w) == fold(given)), "")


def _other_given_name(text: str, pos: int, variant: str, names) -> bool:
    """A bare surname right after a given name (or patronymic) that none of the subject's
    names has names someone else of the family."""
    if " " in variant:
        return False
    m = _GIVEN_BEFORE.search(text, max(0, pos - 40), pos)
    if m is None:
        return False
    word = m.group(1)
    own = {fold(w) for n in names for w in n.split()}
    if re.search(r"(?:vich|vna|ovna|evna|ichna)$", word):
        return False  # a patronymic the lead spelled out: "Inessa Fyodorovna Armand"
    return (fold(word) not in own and looks_like_name(word)
            and word.casefold().strip(".") not in TITLES)


# "the Semyannikov (also known as Nevsky) factory": a name that names a works, a prize, a street
_NAMES_A_THING = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:factory|factories|plant|works|mill|mine|"
                            r"company|prize|medal|award|street|square|avenue|bridge|museum|theatre|institute)\b")
_PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f"}
_LEAD_ROLES = re.compile(r"\b(?:was|is)\s+(?:an?|the)\s+([^.;()]{3,200})")


def _role_references(doc: Document, taken: list[tuple[int, int]]) -> list[Occurrence]:
    """"The ambassador", "the poet": a role-only reference to the subject, when the lead says
    the subject is one ("... was a Russian engineer and a Soviet diplomat")."""
    if not doc.sentences:
        return []
    lead = _LEAD_ROLES.search(doc.clean, doc.sentences[0].start, doc.sentences[0].end)
    if lead is None:
        return []
    roles = {w.lower() for w in re.findall(r"[a-z]{4,}", lead.group(1))} - {"with", "from", "that", "which",
                                                                             "also", "known", "later"}
    after = doc.clean[doc.sentences[0].end:]
    if not any(role in after for role in roles):
        return []  # no role word past the lead: no pattern to build
    pattern = re.compile(rf"\b[Tt]he\s+(?:(?:former|young|future|old|elderly)\s+)?({'|'.join(sorted(roles))})\b"
                         r"(?!\s+(?:of|who|whom|[A-Z]))")
    out = []
    for m in pattern.finditer(doc.clean, doc.sentences[0].end):
        if not any(s <= m.start() < e for s, e in taken):
            out.append(Occurrence(m.start(), m.end(), m.group(), ""))
    return out


_HE_KIN = re.compile(r"(?m)(?:^|:)[ \t]*(?:Son|Husband|Father|Brother|Widower) of\b")
_SHE_KIN = re.compile(r"(?m)(?:^|:)[ \t]*(?:Daughter|Wife|Mother|Sister|Widow) of\b")


# a Russian name says its bearer's sex: the patronymic's ending, else the surname's
_MALE_NAME = re.compile(r"(?:vich|vitch|ich)\b|\b\w+(?:ov|ev|in|sky|skiy|skii)$")
_FEMALE_NAME = re.compile(r"(?:vna|ichna)\b|\b\w+(?:ova|eva|ina|skaya|aya)$")


def _gender(text: str, head: str = "", name: str = "") -> str | None:
    """The document's dominant personal pronoun: a biography speaks of its subject most."""
    male = len(re.findall(r"\b(?:[Hh]e|[Hh]is|him)\b", text))
    female = len(re.findall(r"\b(?:[Ss]he|[Hh]er)\b", text))
    # "Daughter of X", "Wife of Y" opening a family record's lines (in the raw text: the cleaner
    # joins short lines) say it more firmly than pronouns
    male += 3 * len(_HE_KIN.findall(head)) + 3 * bool(_MALE_NAME.search(name.casefold()))
    female += 3 * len(_SHE_KIN.findall(head)) + 3 * bool(_FEMALE_NAME.search(name.casefold()))
    if male > 2 * female:
        return "m"
    if female > 2 * male:
        return "f"
    return None


_ORG_WORDS = re.compile(r"\b(?:University|College|School|Institute|Company|Corporation|Inc|Ltd|Party|"
                        r"Committee|Council|Club|Association|Society|Bank|Church|Army|Navy|Ministry|Department|"
                        r"Group|Records|Press|Agency|Union|League|Academy|Museum|Foundation|Team)\b")
_PERSON_CUE = re.compile(r"\s*(?:\((?!\s*(?:now|formerly|then)\b)|,?\s+(?:was|is)\s+born\b|\s+died\b|,\s+who\b)")


def _named_like_person(text: str, m) -> bool:
    """The small NER model often labels an unfamiliar person's name as an organisation; a
    two-to-four-word capitalised name followed by life dates or "was born" is a person."""
    words = m.text.split()
    return (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
            and not _ORG_WORDS.search(m.text) and _PERSON_CUE.match(text, m.end) is not None)
