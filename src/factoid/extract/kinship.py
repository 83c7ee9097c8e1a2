"""Kin: parent, child, sibling, spouse. "His father, X, was", "X's wife, Y", "X was one of his
younger brothers", "the son of X and Y", "married X", "three daughters, including: * X * Y".
The kinsman is named as written; resolution decides later who that is."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from ..model import Mention
from .events import clause_date
from .grammar import Event, Occurrence, holder_after, holder_before, within
from .context import Context
from .gates import has_words, needed

KIN = {
    "father": "parent", "mother": "parent", "parents": "parent", "stepfather": "parent", "stepmother": "parent",
    "son": "child", "daughter": "child", "sons": "child", "daughters": "child", "child": "child",
    "children": "child", "stepson": "child", "stepdaughter": "child",
    "brother": "sibling", "sister": "sibling", "brothers": "sibling", "sisters": "sibling",
    "half-brother": "sibling", "half-sister": "sibling",
    "wife": "spouse", "husband": "spouse", "widow": "spouse", "widower": "spouse",
}
_KIN_WORDS = "|".join(sorted(KIN, key=len, reverse=True))
_ADJ = r"(?:(?:elder|eldest|younger|youngest|older|oldest|first|second|third|next|last|late|only|twin|future|beloved)\s+)*"
_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){0,3}"
# "His father, Boris Krasin," / "Bukharin's wife, Anna Larina" / "his daughter Llewella"
# ... and "Zinoviev's next wife was Zlata Lilina", "his first wife was a teacher, Anna Orlova"
_POSSESSED = re.compile(rf"\b(?P<owner>[Hh]is|[Hh]er|[Tt]heir|(?P<name>{_NAME})(?:'s|’s))\s+{_ADJ}(?P<kin>{_KIN_WORDS})"
                        rf"\s*,?\s+(?:(?:was|is)\s+(?:(?:a|an|the)\s+(?:[a-z]+(?:\s+|,\s*)){{0,3}}?)?)?"
                        rf"(?:the\s+[a-z]+\s+)?(?P<rel>{_NAME})")
# "Boris Krasin was one of his younger brothers" / "X was his wife"
_IS_KIN = re.compile(rf"(?P<rel>{_NAME})\s+was\s+(?:one\s+of\s+)?(?P<owner>his|her)\s+{_ADJ}(?P<kin>{_KIN_WORDS})\b")
# "the second son of two schoolteachers, Ivan Bukharin and Liubov Bukharina" (or "of Anton
# Belov, a clerk, and his wife Sofia")
# ("the daughter of the critic and children's poet Korney Chukovsky": a few words of description)
# (not "the son of a railway clerk in Saratov": a description ends at a preposition)
_NOT_PREP = r"(?!(?:in|at|from|near|on|by|with|to|for|of)\s)"
_CHILD_OF = re.compile(rf"\b(?:son|daughter|child|children)\s+of\s+(?:(?:a|an|the|two)\s+(?:{_NOT_PREP}[a-z][\w'’-]*\s+){{0,4}}"
                       rf"{_NOT_PREP}[a-z]+\s*,?\s*)?"
                       rf"(?P<rel>{_NAME})(?:(?:,\s+(?:a|an|the)\s+[\w'’ -]{{1,40}}?,)?\s+and\s+"
                       rf"(?:(?:his|her)\s+(?:wife|husband)\s+)?(?P<rel2>{_NAME}))?")
# "He married Donna Gruz" / "was married to the writer Galina Serebryakova"
# ("married her cousin Vladimir K.", "married a fellow student, Anna P.": a description first)
_MARRIED = re.compile(rf"\b(?:married|marriage\s+to|was\s+married\s+to|wed|"
                      # "was a Russian revolutionary and the wife of Vladimir Lenin"
                      rf"(?:was|is|became)\s+(?:[\w'’-]+\s+){{0,5}}?(?:and\s+)?(?:the|a)\s+(?:(?:first|second|third|"
                      rf"last|later|future)\s+)?(?:wife|husband|widow|widower)\s+of)\s+(?:(?:the|his|her|a|an)\s+[a-z]+\s+(?:[a-z]+\s+)?,?\s*)?"
                      rf"(?P<rel>{_NAME})")
# "The third wife of Radomyslsky was Evgenia Lasman": the owner named after "of"
_KIN_OF = re.compile(rf"\b[Tt]he\s+{_ADJ}(?P<kin>wife|husband)\s+of\s+(?P<name>{_NAME})\s+(?:was|is)\s+"
                     rf"(?:(?:a|an|the)\s+(?:[a-z]+(?:\s+|,\s*)){{0,3}}?)?(?P<rel>{_NAME})")
# "three daughters, including: * Liubov Krasin, ... * Ludmilla Krasin"
_LIST_HEAD = re.compile(r"\b(?:his|her|their)?\s*(?:\w+\s+)?(?P<kin>sons|daughters|children)\b[^.*]{0,30}:")
_BULLET = re.compile(rf"\*\s*(?P<rel>{_NAME})")
_NEEDS = [needed(p) for p in (_POSSESSED, _IS_KIN, _CHILD_OF, _KIN_OF, _MARRIED, _LIST_HEAD)]  # gates.py


# between a name and the "his" of "and his wife": at most a short description of that name
_AND_HIS = re.compile(r"(?:,\s+(?:a|an|the)\s+[\w'’ -]{1,40}?)?,?\s+and\s+")
_PARENT_AND = re.compile(r"\b(?:son|daughter|child|children)\s+of\s+[^.;()]{1,80}?,?\s+and\s+$")


def kin_events(ctx: Context) -> list[Event]:
    doc, occurrences, dates = ctx.doc, ctx.occurrences, ctx.dates
    text = doc.clean
    starts = [d.start for d in dates]
    out: list[Event] = []
    topic = None  # the person the previous sentence opens with
    # the patterns whose words this document has (gates.py): the others match in no sentence
    possessed, is_kin, child_of, kin_of, married, list_head = present = [has_words(n, text) for n in _NEEDS]
    for sent in doc.sentences if any(present) else ():
        occ = within(occurrences, sent.start, sent.end)
        for m in _POSSESSED.finditer(text, sent.start, sent.end) if possessed else ():
            owner = _owner(occ, m, text, sent.start)
            if m.group("owner").lower() == "their":
                # "their son Mikhail" after the subject's marriage: the couple's child, the subject's
                owner = _couple_parent(occurrences, text, m) if KIN[m.group("kin").lower()] == "child" else None
            if owner is not None and owner.pronoun and topic is not None and topic.key not in ("", owner.key) \
                    and not text[sent.start:m.start()].strip():
                # "Taube's second marriage was arranged ... Her second husband, X": a sentence
                # that opens with "her" continues the person the sentence before opened with
                owner = topic
            # "to the teacher Jiri Novak and his wife Amalie", "son of Anton Belov, a clerk, and his
            # wife Sofia": "his" is the name just before
            named = [o for o in occ if not o.pronoun and o.end <= m.start("owner")]
            if owner is not None and owner.pronoun and named and _AND_HIS.fullmatch(
                    text, named[-1].end, m.start("owner")):
                owner = named[-1]
            elif owner is not None and owner.pronoun and _PARENT_AND.search(text, sent.start, m.start("owner")):
                owner = None  # "son of Ivan Orlov, a clerk, and his wife Vera": the father's wife, unnamed here
            prop = KIN[m.group("kin").lower()]
            # a possessed spouse is dated only by a date right after the name ("his wife X, whom he
            # married in 1904"), never by the sentence's other dates (a birth beside it)
            out += _kin(owner, prop, m, ["rel"], text, sent, dates, starts, 0.8, dated=prop == "spouse",
                        near_only=True)
        for m in _IS_KIN.finditer(text, sent.start, sent.end) if is_kin else ():
            owner = _pronoun(occ, m.start("owner"))
            out += _kin(owner, KIN[m.group("kin").lower()], m, ["rel"], text, sent, dates, starts, 0.75)
        for m in _CHILD_OF.finditer(text, sent.start, sent.end) if child_of else ():
            owner = holder_before(occ, text, sent.start, m.start())
            named = [o for o in occ if not o.pronoun and o.end <= m.start()]
            if named and _APPOSITIVE.search(text, max(sent.start, m.start() - 20), m.start()):
                owner = named[-1]  # "married X (1906-1963), a son of Y": X's parent
            out += _kin(owner, "parent", m, ["rel", "rel2"], text, sent, dates, starts, 0.75)
        for m in _KIN_OF.finditer(text, sent.start, sent.end) if kin_of else ():
            owner = _named_owner(occ, m)
            out += _kin(owner, KIN[m.group("kin").lower()], m, ["rel"], text, sent, dates, starts, 0.75)
        for m in _MARRIED.finditer(text, sent.start, sent.end) if married else ():
            owner = holder_before(occ, text, sent.start, m.start())
            if owner is None and not any(o.start < m.start() for o in occ):
                owner = holder_after(occ, m.end(), sent.end)  # "Following a short marriage to X, she ..."
            # ("was ... the wife of X" says no when: the lead's bracketed dates are her life's)
            out += _kin(owner, "spouse", m, ["rel"], text, sent, dates, starts, 0.75,
                        dated=" of " not in m.group())
        first = next((o for o in occ if not o.pronoun), None)
        topic = first if first is not None and not text[sent.start:first.start].strip() else None
        head = _LIST_HEAD.search(text, sent.start, sent.end) if list_head else None
        if head:
            # "With his wife, they were the parents of three daughters": the last his/her before
            mine = [o for o in occ if o.pronoun and o.end <= head.start("kin") and o.text.lower() in ("his", "her")]
            owner = mine[-1] if mine else holder_before(occ, text, sent.start, head.start("kin"))
            paragraph_end = text.find("\n", head.end())
            paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
            for b in _BULLET.finditer(text, head.end(), paragraph_end):
                out += _kin(owner, KIN[head.group("kin")], b, ["rel"], text, sent, dates, starts, 0.7)
    return [_married_span(e, text, dates, starts, ctx.ranges) if e.property == "spouse" else e for e in out]


# "Pierre Curie (m. 1895–1906)", "(married 1921)": the marriage's years, as infoboxes write them
_MARRIED_MARK = re.compile(r"\s*\(\s*(?:m\.|married)\s*")


def _married_span(e: Event, text, dates, starts, ranges) -> Event:
    m = _MARRIED_MARK.match(text, e.object[1])
    if m is None:
        return e
    for whole, first, second in ranges:
        if whole.start == m.end():
            return replace(e, date=None, begin=first, until=second, end=max(e.end, whole.end))
    i = bisect_left(starts, m.end())
    if i < len(dates) and dates[i].start == m.end():
        return replace(e, date=None, begin=dates[i], end=max(e.end, dates[i].end))
    return e


# "married French politician X": a capitalised adjective before a noun is not a name
_NOT_A_NAME = re.compile(r"\s+(?!(?:and|in|on|at|who|whom|with|from|was|were|had|has|is|while|when|where|which|"
                         r"but|for|to|as|after|before|during|until|because|that|did|would|could|died|lived)\b)[a-z]")
_APPOSITIVE = re.compile(r"[,(]\s*(?:a|an|the)?\s*(?:\w+\s+)?$")


def _owner(occ, m, text, sent_start) -> Occurrence | None:  # noqa: ARG001
    """The person whose kinsman this is: the possessive pronoun's antecedent, or the name."""
    if m.group("name"):
        return _named_owner(occ, m)
    at = m.start("owner")
    return next((o for o in occ if o.start <= at < o.end), None)


def _couple_parent(occurrences, text: str, m) -> Occurrence | None:
    """The subject, where the text married the subject before "their" and names no parents
    in between (whose "their son" would be the subject's brother)."""
    married = _MARRIED.search(text, 0, m.start()) or re.search(r"\b(?:his|her)\s+(?:wife|husband)\b", text[:m.start()])
    if married is None or re.search(r"\b(?:parents|father|mother)\b", text[married.end():m.start()]):
        return None
    return next((o for o in occurrences if o.key == "" and not o.pronoun and o.start < m.start()), None)


def _named_owner(occ, m) -> Occurrence | None:
    """The person named in the match's "name" group: the one whose name ends it ("Here
    Janáček's son": the regex may take a capitalised word before the name in)."""
    last = m.end("name") - 1
    return next((o for o in occ if o.start <= last < o.end), None)


def _pronoun(occ, at) -> Occurrence | None:
    return next((o for o in occ if o.start == at), None)


def _kin(owner, prop, m, groups, text, sent, dates, starts, confidence, dated=False, near_only=False) -> list[Event]:
    if owner is None:
        return []
    out = []
    for group in groups:
        if not m.group(group):
            continue
        name = m.group(group).rstrip(".")
        rel = (m.start(group), m.start(group) + len(name), name)
        if owner.start <= rel[0] < owner.end or _NOT_A_NAME.match(text, rel[1]):
            continue
        date = None
        if dated:  # "married X in 1904", else "In 1904 he married X"
            date = _date_near(text, rel[1], sent.end, dates, starts) or (
                None if near_only else clause_date(text, sent.start, m.start(), dates, starts))
        start = min(owner.start, m.start()) if abs(m.start() - owner.end) < 40 else m.start()
        out.append(Event(prop, owner, date, (), start, max(rel[1], date.end if date else 0), f"kin.{prop}",
                         confidence, object=rel))
    return out


def _date_near(text, pos, limit, dates, starts) -> Mention | None:
    """A marriage's date: "married X in 1904" (a date right after the name)."""
    i = bisect_left(starts, pos)
    if i < len(dates) and dates[i].start < limit and _BEFORE_MARRIAGE_DATE.fullmatch(text[pos:dates[i].start]):
        return dates[i]
    return None


# "married X in 1904", or "His wife, Liubov, whom he married in 1904"
_BEFORE_MARRIAGE_DATE = re.compile(r"[\s,]*(?:whom\s+(?:he|she)\s+(?:had\s+)?married\s+)?(?:in|on)?\s*")
