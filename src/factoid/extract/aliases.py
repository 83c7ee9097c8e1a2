"""Other names of a person, as the text states them: the native-script name in the lead
("(Russian: Леонид Красин; ...)"), "real name X", "born X", "née X", "known as X",
"pseudonym X", "nicknamed X". No list of famous aliases: what the document says is what counts."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from .grammar import Event, Occurrence, holder_before, within
from .names import PATRONYMIC, fold, is_variant, looks_like_name
from .context import Context
from .gates import has_words, needed

_SCRIPT = r"[\u0400-\u04FF\u0370-\u03FF\u0590-\u05FF\u0600-\u06FF\u10A0-\u10FF]"
_NATIVE = re.compile(rf"\(\s*(?:[A-Za-z]+\s*:\s*)?(?:link=no,\s*)?({_SCRIPT}[^\s;,()]*(?:\s+{_SCRIPT}[^\s;,()]*){{0,4}})")
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:de\s+|van\s+|von\s+)?[A-Z][\w'’.-]+){0,3}"
STATED = re.compile(rf"\b(?<![-‐])(?P<how>(?i:real\s+name|birth\s+name|born)|(?:his|her)\s+name(?=\s+(?:was|is)\s)|real\s+name|birth\s+name|original\s+name|in\s+full|byname|born|n[ée]e|(?:better\s+|later\s+|also\s+)?known\s+as|"
                     rf"(?:(?:also\s+)?known\s+by\s+(?:his|her|the)\s+)?(?:pseudonym|pen[\s-]name|party\s+name|nickname)|nicknamed|under\s+the\s+name|family\s+name\s+was\s+originally|"
                     rf"(?:adopted|took|assumed|chose)\s+the\s+(?:name|surname|pseudonym|pen[\s-]name|party\s+name))"
                     rf"\s*,?\s+(?:(?<=name )(?:was|is)\s+)?(?:of\s+)?[\"“']?(?P<name>{_NAME})")
STATED_NEEDS = needed(STATED)  # a document with none of its words states no other name (gates.py)
# "Radomyslsky Ovsei-Gershon (Evsei-Gershon) Aronovich": a bracketed other spelling inside a name
_INSIDE = re.compile(r"[ \t]*\([A-Z][\w'’-]+\)[ \t]+(?P<rest>[A-Z][\w'’.-]+)")
# after "born" a name is only a birth name when no date or place follows as for a birth
NOT_BIRTH_NAME = re.compile(r"\s*(?:in|at|on|near|\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
                            r"[a-z]*\.?\s*\d)")
_STRESS = dict.fromkeys(map(ord, "\u0301\u0300"))


def alias_events(ctx: Context) -> list[Event]:
    doc, occurrences = ctx.doc, ctx.occurrences
    text = doc.clean
    out: list[Event] = []
    stated = has_words(STATED_NEEDS, text)
    for index, sent in enumerate(doc.sentences):
        occ = [o for o in within(occurrences, sent.start, sent.end) if not o.pronoun]
        if index < 3:  # the native-script names belong to the lead's brackets
            for m in _NATIVE.finditer(text, sent.start, sent.end):
                named = [o for o in occ if o.end <= m.start()]
                if named and m.start() - named[-1].end <= 3:
                    out += [_alias(named[-1], s, e, name, "alias.native-script", 0.9)
                            for s, e, name in bracket_names(text, m.start(), sent.end)]
        for m in STATED.finditer(text, sent.start, sent.end) if stated else ():
            how = m.group("how").lower()
            if how == "born" and NOT_BIRTH_NAME.match(text, m.start("name")):
                continue
            if m.group("name").split()[0] in ("The", "A", "An", "In", "On"):
                continue
            holder = holder_before(occurrences, text, sent.start, m.start())
            name = m.group("name").rstrip(".")
            name_end = m.start("name") + len(name)
            if (inside := _INSIDE.match(text, m.end("name"))) and len(name.split()) < 4:
                rest = inside.group("rest").rstrip(".")
                name, name_end = f"{name} {rest}", inside.start("rest") + len(rest)
            record = m.group("how").isupper() or text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip(" -•*|") == ""
            if holder is None and record:
                # "REAL NAME Sklodowska, Marya Salomea" on a record's line: the subject's, as written
                holder = Occurrence(m.start(), m.start(), "", "")
                given = r"(?!(?:He|She|His|Her|It|They|The|In|On)\b)[A-Z][^\W\d_A-Z][\w'’.-]*"  # not a label
                inverted = re.match(rf",[ \t]+{given}(?:[ \t]+{given}){{0,2}}", text[m.end("name"):])
                name += inverted.group() if inverted else ""
            if holder is None or holder.pronoun and holder.key:
                continue
            if holder.start <= m.start("name") < holder.end or name == holder.text or not looks_like_name(
                    name.replace(",", "")):
                continue  # "born July 7": a month is no birth name
            renamed = re.search(r"(?:\b(?:which|that)\s+(?:is|was)\s+(?:now\s+)?|\bnow\s+)$",
                                text[max(0, m.start() - 25):m.start()])
            if "known" in how and (renamed or any(p.kind == "place" and p.start <= m.start("name") < p.end
                                                  for p in doc.mentions)):
                continue  # "Kovno, which is now known as Kaunas": a place's other name
            if holder.key == "" and ctx.subject and is_variant(name, ctx.subject.name) and holder.text and not \
                    is_variant(holder.text, ctx.subject.name):
                # "Rosenfeld ... adopted the name Kamenev" on Kamenev's page: the other name is the one before
                out.append(replace(_alias(holder, holder.start, holder.end, holder.text, "alias.stated", 0.8),
                                   end=name_end))  # (quoted to the name taken)
                continue
            out.append(_alias(holder, m.start("name"), name_end, name, "alias.stated", 0.8))
    return out


# a dictionary entry's heading, "Surname, Given [Other, Names; In Other Scripts; ...]": the
# heading as written, and each bracketed form that is a name, are the subject's names
# ("Surname or Other, Given Patronymic": a heading may give two spellings of the surname)
_HEADING = re.compile(r"(?m)^[ \t]*(?P<head>[A-Z][\w'’-]+(?:[ \t]+or[ \t]+(?P<other>[A-Z][\w'’-]+))?,"
                      r"[ \t]+(?P<given>[A-Z][\w'’.-]+(?:[ \t]+\(?[A-Z][\w'’.-]+\)?){0,2}))"
                      r"[ \t]*(?:\[(?P<forms>[^\]\n]{3,400})\])?")
_FORM = re.compile(r"[^\W\d_][\w'’.-]*(?:,?\s+\(?[^\W\d_][\w'’.-]*\)?){0,4}")


_LEAD_FULL = re.compile(r"(?m)(?<![\w'’-])((?:[A-Z][\w'’.-]+[ \t]+){2,4}[A-Z][\w'’-]+)[ \t]*(?:\(|</strong>|\*\*|,?[ \t]*\||,?[ \t]*$)")


def lead_alias(ctx: Context) -> list[Event]:
    """The subject's name as the lead writes it in full, three words or more, before its
    parenthesis ("Maria Alexandrovna Spiridonova (Russian: ...; 1884 - 1941)") or alone on the
    title line: a fuller name than the one the subject goes by."""
    doc, surname_key = ctx.doc, ctx.subject.key
    text = doc.clean
    end = doc.sentences[min(2, len(doc.sentences) - 1)].end if doc.sentences else 0
    for m in _LEAD_FULL.finditer(text, 0, end):
        words = m.group(1).split()
        if words[0].lower() in ("spouse", "born", "children", "the", "in", "on"):
            continue
        if fold(surname_key) in (fold(words[-1]), fold(words[0])) or len(words) == 3 and \
                fold(surname_key) == fold(words[1]) and PATRONYMIC.search(words[2].casefold()):
            return [Event("alias", None, None, (), m.start(1), m.end(1), "alias.lead", 0.8,
                          object=(m.start(1), m.end(1), m.group(1)))]
    return []


# a name in another script at the top of a page ("Григорий Константинович Орджоникидзе" beside
# the Latin one in a title or an infobox header): two to four words of one script
_NATIVE_TOP = re.compile(rf"(?<!\w)({_SCRIPT}[^\W\d_]*(?:[ \t]+{_SCRIPT}[^\W\d_]*){{1,3}})(?!\w)")


def native_top(ctx: Context) -> list[Event]:
    """Names written in another script near the top of the document: the subject's own."""
    text = ctx.doc.clean
    out, seen = [], set()
    for m in _NATIVE_TOP.finditer(text, 0, min(len(text), 400)):
        name = _native(m.group(1))
        words = name.split()
        if name in seen or not all(w[:1].isupper() or not w[:1].islower() for w in words):
            continue  # lower-case words are prose, not a name (Georgian has no capitals at all)
        seen.add(name)
        out.append(Event("alias", None, None, (), m.start(1), m.end(1), "alias.native-top", 0.75,
                         object=(m.start(1), m.end(1), name)))
    return out[:4]


def inverted_names(ctx: Context) -> list[Event]:
    """"Zinoviev Grigory Evseevich was born ...": the subject named surname first, as Russian
    registers and their translations write it (the patronymic last), is a form of the name."""
    surname, out, seen = fold(ctx.subject.key), [], set()
    for o in ctx.occurrences:
        words = o.text.split()
        if o.pronoun or o.key or len(words) != 3 or o.text in seen:
            continue
        if fold(words[0]) == surname and PATRONYMIC.search(words[2].casefold()) and not PATRONYMIC.search(words[1].casefold()):
            seen.add(o.text)
            out.append(Event("alias", None, None, (), o.start, o.end, "alias.inverted", 0.8,
                             object=(o.start, o.end, o.text)))
    return out[:2]


def heading_aliases(ctx: Context) -> list[Event]:
    """The names a dictionary heading of the subject (`surname_key`, folded) gives at the top
    of the document."""
    doc, surname_key = ctx.doc, ctx.subject.key
    text = doc.clean
    out, seen = [], set()
    for m in _HEADING.finditer(text, 0, min(len(text), 600)):
        if fold(surname_key) not in (fold(m.group("head").split(",")[0].split()[0]), fold(m.group("other") or "")):
            continue
        if m.group("head") not in seen:
            seen.add(m.group("head"))
            # two spellings of the surname: each, in the order a name is written
            forms = [(m.start("head"), f'{m.group("given")} {m.group("head").split()[0]}'),
                     (m.start("other"), f'{m.group("given")} {m.group("other")}')] \
                if m.group("other") else [(m.start("head"), m.group("head"))]
            out += [Event("alias", None, None, (), at, m.end("head"), "alias.heading", 0.85,
                          object=(at, m.end("head"), form)) for at, form in forms]
        if not m.group("forms"):
            continue
        pos = m.start("forms")
        for part in m.group("forms").split(";"):
            at = pos + len(part) - len(part.lstrip())
            pos += len(part) + 1
            form = part.strip()
            if form[:1].isupper() and _FORM.fullmatch(form) and form not in seen:
                seen.add(form)
                out.append(Event("alias", None, None, (), at, at + len(form), "alias.heading", 0.85,
                                 object=(at, at + len(form), _native(form))))
    return out


# a run of two to five words of one script in a lead's bracket; a romanisation written with
# diacritics ("Grigorij Konstantinovič Ordžonikidze") right after a native one
_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f])"  # a letter, or a stress mark over one ("Григо́рий")
_SCRIPT_RUN = re.compile(rf"{_SCRIPT}{_LETTER}*(?:[ \t]+{_SCRIPT}{_LETTER}*){{1,4}}")
_ROMANISED = re.compile(r"(?:romani[sz]ed\s*:\s*)?([A-Z][^\W\d_]+(?:[ \t]+[A-Z][^\W\d_]+){1,3})")


def bracket_names(text: str, open_at: int, limit: int) -> list[tuple[int, int, str]]:
    """The names in the bracket opening at `open_at` right after a person's name: each run of
    words in another script ("Russian: Григорий Орджоникидзе; Georgian: ..."), without stress
    marks, and a romanisation with diacritics that follows one. Segments with digits (the
    dates of a life) are not names."""
    close = _closing(text, open_at, min(limit, open_at + 600))
    out = []
    for seg in re.finditer(r"[^;]+", text[open_at + 1:close]):
        s0 = open_at + 1 + seg.start()
        segment = seg.group()
        if re.search(r"\d", segment):
            continue
        runs = list(_SCRIPT_RUN.finditer(segment))
        for run in runs:
            name = _native(run.group())
            words = name.split()
            # prose is lower-case; Georgian names are written without capitals
            if all(w[:1].isupper() or not w[:1].islower() or "\u10d0" <= w[:1] <= "\u10ff" for w in words):
                out.append((s0 + run.start(), s0 + run.end(), name))
        if runs:
            rom = _ROMANISED.match(segment, runs[-1].end() + len(segment[runs[-1].end():]) -
                                   len(segment[runs[-1].end():].lstrip(" ,")))
            if rom and any(ord(c) > 127 for c in rom.group(1)):
                out.append((s0 + rom.start(1), s0 + rom.end(1), rom.group(1)))
    return out


def _closing(text: str, open_at: int, limit: int) -> int:
    depth = 0
    for i in range(open_at, limit):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return limit


def _native(name: str) -> str:
    """The name without stress marks, which dictionaries add and names do not carry."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).translate(_STRESS))


def _alias(holder: Occurrence, start: int, end: int, name: str, rule: str, confidence: float) -> Event:
    begin = holder.start if 0 <= start - holder.end <= 80 else start
    return Event("alias", holder, None, (), begin, end, rule, confidence, object=(start, end, name))
