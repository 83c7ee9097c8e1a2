"""Small shared pieces of the extraction grammar: who a clause is about (its holder), and the
"(on|in|at) DATE / PLACE" complements that follow an event verb."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..model import Mention

KIN = r"(?:son|daughter|wife|husband|widow|brother|sister|father|mother|child|children|parents?|" \
      r"uncle|aunt|nephew|niece|cousin|grandson|granddaughter|grandfather|grandmother|fianc[ée]e?)"
_KIN_WORD = re.compile(rf"\b{KIN}\b", re.I)
_PRONOUN = re.compile(r"\b(?:he|she|He|She|His|his|Her|her|him|who|Who)\b")
# what may stand between an event verb and its date or place: adverbs, a time of day, a weekday,
# a cause or an age ("died of cancer at age 60 in ...", "died at 6:08 AM on Wednesday, August 6")
_ASIDE = (r"(?:(?:again|briefly|later|soon|subsequently|then|also|posthumously|finally|officially|eventually|"
          r"peacefully|suddenly|unexpectedly|there|once\s+more|and\s+raised)\s+"
          r"|(?:at|around|about)\s+(?:approximately\s+)?\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s+"
          r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+"
          r"|of\s+(?:a\s+|an\s+)?(?:[a-z]+\s+){0,2}?(?:cancer|disease|attack|failure|illness|stroke|pneumonia|"
          r"tuberculosis|causes|wounds?|injuries|complications|typhus|malaria|infection)\s+"
          r"|,?\s*(?:at\s+(?:the\s+)?age\s+(?:of\s+)?|aged\s+)\d{1,3},?\s+"
          # "buried with her husband at ...": the company kept
          r"|with\s+(?:his|her|their)\s+(?:[a-z]+\s+){0,2}?(?:husband|wife|parents|father|mother|son|daughter|"
          r"children|family|brother|sister)\s+)*")
_PREP = re.compile(r"\s*(?:,\s*)?" + _ASIDE + r"(?:(on|in|at|near|of|to|from|into)\s+)?(?:the\s+)?"
                   r"(?:(?:[a-z]+\s+)?(?:village|town|city|hamlet|settlement|shtetl|port|fortress|prison|camp|"
                   r"hospital|home|house|estate|clinic|sanatorium|cemetery|churchyard|graveyard|monastery)"
                   r"\s+(?:of|at|in|near)\s+)?")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
# (a place's words stay on one line, and a word in capitals is a record's next label: "Paris
# REAL NAME ...")
_PLACE = re.compile(rf"(?!{_MONTH})[A-Z][\w'’-]*\.?(?:[ \t]+(?:(?:of|de|del|la|le|der)[ \t]+)?(?!{_MONTH})(?![A-Z]{{2,}}\b)"
                    r"[A-Z][\w'’-]*\.?)*(?:[ \t]+(?:shooting\s+ground|prisons?|camps?|cemetery|hospital|"
                    r"district|province|governorate|region|oblast|uyezd)\b)?")
# after a comma, a capitalised phrase is one more place only if a clause does not go on from it
_AFTER_PLACE = re.compile(r"\s*(?:[,.;:)\]]|$|(?:in|on|at|and|where|when|to|the|from|near)\b)")
_PLACE_STOP = {"On", "In", "At", "He", "She", "His", "Her", "The", "After", "Before", "When", "While",
               "January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"}


@dataclass(frozen=True)
class Occurrence:
    """A name or pronoun in the clean text and the person it stands for ("" = the subject)."""
    start: int
    end: int
    text: str
    key: str
    pronoun: bool = False


@dataclass(frozen=True)
class Event:
    """One assertion found in a sentence, in clean-text offsets, before it becomes a Factoid."""
    property: str
    holder: Occurrence | None  # None: the document's subject, by position (lead, infobox)
    date: Mention | None
    places: tuple[tuple[int, int, str], ...]
    start: int
    end: int
    rule: str
    confidence: float
    object: tuple[int, int, str] | None = None   # an organisation, office, penalty or name
    begin: Mention | None = None                 # a span of time: from ...
    until: Mention | None = None                 # ... to
    note: tuple[int, int, str] | None = None     # a penalty, a length of time
    until_death: bool = False                    # "until his death": ends when the holder died


@dataclass(frozen=True)
class Complement:
    date: Mention | None
    places: tuple[tuple[int, int, str], ...]  # "Växjö, Sweden": each component, most specific first
    end: int


def pronouns(text: str, start: int, end: int) -> list[Occurrence]:
    return [Occurrence(m.start(), m.end(), m.group(), "", True) for m in _PRONOUN.finditer(text, start, end)]


_COMPANION = re.compile(r"\b(?:[Aa]long\s+with|[Tt]ogether\s+with|[Ll]ike|[Uu]nlike|[Aa]longside|[Ww]ith)\s+$")


def holder_before(occurrences: list[Occurrence], text: str, sent_start: int, trigger: int) -> Occurrence | None:
    """The person a clause ending in an event verb at `trigger` is about: a name or pronoun
    right before the verb ("Krasin was born"), else the clause's first one. None when a
    kinship word stands between them ("his son, born in 1905" is not about him)."""
    # a semicolon closes a clause: "X followed him there; she was arrested ... and shot" is hers
    semi = text.rfind(";", sent_start, trigger)
    if semi >= 0 and text.count(")", semi, trigger) + text.count("]", semi, trigger) <= \
            text.count("(", semi, trigger) + text.count("[", semi, trigger) and \
            any(semi < o.start < trigger for o in occurrences if o.end <= trigger):  # (not one in brackets)
        sent_start = semi + 1
    before = [o for o in occurrences if sent_start <= o.start and o.end <= trigger and o.text != "him"]
    # "Along with Lev Kamenev, he was found guilty and executed": a companion is not the subject
    if len(before) > 1:
        before = [o for o in before if not _COMPANION.search(text, max(sent_start, o.start - 16), o.start)] or before
    if not before:
        return None
    near = before[-1]
    if not near.pronoun and re.search(r",\s+whose\b[^,]*$", text[sent_start:near.start]):
        # "X, whose family name was originally Y, was born": the birth is X's
        named = [o for o in before[:-1] if not o.pronoun]
        if named:
            return named[-1]
    if near.text.lower() == "who":  # a relative pronoun stands for the name before it
        named = [o for o in before[:-1] if not o.pronoun]
        if not named:
            return None
        near = named[-1]
    gap = text[near.end:trigger]
    if len(gap) <= 25 and re.fullmatch(r"[\s,]*(?:who\s+)?(?:was|had\s+been|is|has\s+been|were)?\s*(?:\(\s*)?"
                                        r"(?:later\s+|also\s+|subsequently\s+|then\s+)?", gap):
        return near
    first = next((o for o in before if o.text.lower() != "who"), None)
    if first is None:
        return None
    if _KIN_WORD.search(text, first.end, trigger) or _KIN_WORD.search(text, max(sent_start, first.start - 12), first.start):
        return None
    return first


def holder_after(occurrences: list[Occurrence], start: int, end: int) -> Occurrence | None:
    """For a sentence-initial participle ("Born at Samara, Serebryakov was ..."): the first
    name or pronoun after it, the subject of the main clause."""
    after = [o for o in occurrences if start <= o.start < end and o.text.lower() not in ("him", "who")]
    return after[0] if after else None


# pieces between an event verb and its date or place that name neither
_ASIDE = re.compile(r"\s*(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|at\s+(?:his|her|their)\s+"
                    r"(?:own\s+)?(?:home|house|apartment|flat|dacha|estate)|of\s+(?:an?\s+)?[a-z]+(?:\s+[a-z]+){0,4}?|"
                    r"by\s+(?:a\s+)?(?:firing\s+squad|shooting|hanging|the\s+NKVD|the\s+OGPU|the\s+Cheka))"
                    r"\b(?=\s*(?:in|at|near|on|,)\b)")


def complement(text: str, pos: int, limit: int, dates: list[Mention], date_starts: list[int],
               place_preps: tuple[str, ...] = ("in", "at", "near")) -> Complement:
    """Parse "(on|in|at) DATE" and "(in|at|near) PLACE[, PLACE...]" pieces after an event verb;
    verbs of movement also take "to PLACE" / "from PLACE" (`place_preps`)."""
    date = None
    places: list[tuple[int, int, str]] = []
    end = pos
    while pos < limit:
        if skip := _ASIDE.match(text, pos, limit):  # "died on Wednesday at her home in Peredelkino"
            pos = skip.end()
            continue
        prep = _PREP.match(text, pos, limit)
        word = prep.group(1)
        at = prep.end()
        i = bisect_left(date_starts, at)
        if i < len(dates) and dates[i].start == at and date is None:
            date, pos = dates[i], dates[i].end
            end = pos
            continue
        found = _PLACE.match(text, at, limit)
        after_comma = text[pos:at].strip() == ","
        continued = bool(found) and after_comma and bool(places) and _AFTER_PLACE.match(text, found.end()) is not None
        # "(born October 1958, Bristol)", "DIED 3 Jul 1934, Paris.", "BORN 7 Nov 1867, Warsaw - DIED":
        # a place right after the date that closes the clause
        continued = continued or (bool(found) and after_comma and date is not None and not places and (
            found.group().endswith(".") or re.match(r"[ \t]*(?:[();\n]|\.(?:\s|$)|[–—-]\s|[A-Z]{2,}\b|$)",
                                                     text[found.end():found.end() + 6]) is not None))
        if found and found.group().split()[0] not in _PLACE_STOP and (word in place_preps or continued):
            value = found.group().rstrip(".")
            places.append((found.start(), found.start() + len(value), value))
            pos = end = found.end()
            continue
        break
    return Complement(date, tuple(places), end)


# "arrested several times", "repeatedly exiled": an event of many dates
REPEATED = re.compile(r"\b(?:several|many|numerous|multiple|a\s+number\s+of|countless)\s+(?:times|occasions)\b"
                      r"|\b(?:repeatedly|more\s+than\s+once|again\s+and\s+again|frequently|often)\b", re.I)


def repeated_after_and(text: str, date_end: int, trigger_start: int, trigger_end: int, limit: int) -> bool:
    """"He joined the party in 1904 and was arrested several times": the event after "and" is
    repeated, so the earlier verb's date is not its own ("In 1905 he was arrested several times" is)."""
    return re.search(r"\band\b", text[date_end:trigger_start]) is not None and \
        REPEATED.search(text, trigger_end, min(limit, trigger_end + 30)) is not None


def within(occurrences: list[Occurrence], start: int, end: int) -> list[Occurrence]:
    """The occurrences (sorted by start) that start in [start, end): by bisection, so a long
    document costs a logarithm per sentence instead of a pass over all its names."""
    lo = bisect_left(occurrences, start, key=lambda o: o.start)
    hi = bisect_left(occurrences, end, key=lambda o: o.start)
    return occurrences[lo:hi]


def coreferent(occurrences: list[Occurrence], holder: Occurrence | None, sentences) -> list[Occurrence]:
    """The holder and the other mentions of the same person in its sentence: other names of
    it, and pronouns ("he", "his", "who") with no other person's name between."""
    if holder is None:
        return []
    k = bisect_right(sentences, holder.start, key=lambda s: s.start) - 1
    sent = sentences[k] if k >= 0 and holder.start < sentences[k].end else None
    if sent is None:
        return [holder]
    inside = within(occurrences, sent.start, sent.end)
    out = []
    for o in inside:
        if o is holder or (not o.pronoun and o.key == holder.key and not holder.pronoun):
            out.append(o)
        elif o.pronoun:
            lo, hi = sorted((o.start, holder.start))
            if not any(lo < x.start < hi and not x.pronoun and x.key != holder.key for x in inside):
                out.append(o)
    return sorted(out, key=lambda o: (o is not holder, o.start))


def possessor_before(occ, text, pos) -> Occurrence | None:
    """"in Stalin's desk after his death": a name in the possessive just before, with no other
    name between, is whom "his" stands for."""
    named = [o for o in occ if not o.pronoun and o.end <= pos and pos - o.end <= 60]
    if not named:
        return None
    last = named[-1]
    # NER's span may end before the possessive or take it in ("Ivan Petrov's")
    possessive = re.search(r"(?:'s|’s|'|’)$", text[last.start:last.end]) or re.match(r"(?:'s|’s|'|’)\s",
                                                                                    text[last.end:last.end + 3])
    return last if possessive else None
