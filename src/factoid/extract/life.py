"""Birth and death: the lead's life dates "(15 July 1870 – 24 November 1926)", "born ... in/at/on",
"died ...", "was shot/executed ...", "X, where he remained until his death". Infobox rows are read in hints.py."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..model import Mention
from .events import clause_date
from .relative import relative_dates
from .grammar import Complement, Event, Occurrence, complement, holder_after, holder_before, possessor_before, within
from .context import Context
from .gates import has_words, needed

# "b. 1883", and the dictionaries' bare "b 23 September 1883 in ..., d 25 August 1936 in ..."
_BORN = re.compile(r"\b(?:[Bb]orn|BORN|b\.)(?=\s)|(?<![\w.])b(?=\s+(?:\d|c\.\s|circa\s))")
# "a native of Houston", "his native city of Houston", "A Rhode Island native": where one is from
_NATIVE = re.compile(r"\b(?:a\s+|his\s+|her\s+)?native\s+(?:(?:city|town|village|country|state|land)\s+)?(?:of|from)\s+"
                     r"(?:the\s+)?(?P<after>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
                     r"|\b[Aa]n?\s+(?P<before>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+native\b")
_DIED = re.compile(r"\b(?:died|DIED|d(?=\s+\d)|passed away|perished|was (?:shot|executed|killed|murdered|assassinated)"
                   r"|were (?:shot|executed)|(?<=and )(?:\w+ly )?(?:was )?(?:shot|executed)|(?:shot|executed)(?=\s+on\s+\d))\b"
                   r"|\bd\.(?=\s+(?:\d|c\.\s|circa\s))")  # "d. 30 Oct 1941": no word boundary after the dot
_EXECUTED = re.compile(r"shot|executed")
# "shot dead by Leonid Nikolaev", "shot by an assassin": a murder, no execution
_KILLED_BY = re.compile(r"\s+(?:dead\b|(?:\w+\s+){0,2}by\s+(?:an?\s+)?(?:assassin|gunman|terrorist|[A-Z][a-z]))")
_KIN_BEFORE = re.compile(r"\b(?:son|daughter|child|grandson|granddaughter)\s+of\b[^.;]*$")
_UNTIL_DEATH = re.compile(r",\s+where\s+(?:he|she)\s+(?:remained|lived|stayed|worked|spent the rest of (?:his|her) "
                          r"life)\s+until\s+(?:his|her)\s+death")
_DASH = re.compile(r"\s[–—-]\s|[–—]|-")
_LEAD_TAIL = re.compile(r"\s*\)\s*,?\s*(?:was|is)\b")


def life_events(ctx: Context) -> list[Event]:
    doc, occurrences, ranges, dates = ctx.doc, ctx.occurrences, ctx.ranges, ctx.dates
    text = doc.clean
    starts = [d.start for d in dates]
    ranges = sorted(ranges, key=lambda r: r[0].start)
    range_starts = [r[0].start for r in ranges]
    events: list[Event] = _head_lines(text, doc.sentences[:8], dates, ranges)
    # patterns with none of their words in the document match in none of its sentences (gates.py)
    until_death, native, possessive = (has_words(n, text) for n in _NEEDS)
    for sent in doc.sentences:
        occ = within(occurrences, sent.start, sent.end)
        # only this sentence's ranges, by bisection: a long document stays linear
        mine = ranges[bisect_left(range_starts, sent.start):bisect_left(range_starts, sent.end)]
        lead = _lead_dates(text, sent, occ, mine)
        events += lead or _bracket_dates(text, sent, occ, dates, starts)
        events += _triggered(text, sent, occ, dates, starts, _BORN, "birth")
        events += _triggered(text, sent, occ, dates, starts, _DIED, "death")
        for m in _UNTIL_DEATH.finditer(text, sent.start, sent.end) if until_death else ():
            place = _place_before(text, m.start(), occ)
            if place:
                events.append(Event("death", _pronoun_at(occ, m.start()), None, (place,), place[0], m.end(),
                                    "life.until-death", 0.7))
        events += _possessive_death(text, sent, occ, dates, starts) if possessive else []
        for m in _NATIVE.finditer(text, sent.start, sent.end) if native else ():
            group = "after" if m.group("after") else "before"
            holder = holder_before(occ, text, sent.start, m.start()) or holder_after(occ, m.end(), sent.end)
            if holder is not None:
                place = (m.start(group), m.end(group), m.group(group))
                events.append(Event("birth", holder, None, (place,), m.start(), m.end(), "life.native", 0.6))
    return events


def _head_lines(text: str, sentences, dates: list[Mention], ranges) -> list[Event]:
    """A record's head under its name: a line that is only the life's span ("1884–1941"), or
    two lines each a full date and a place, birth then death ("03.07.1854 Hukvaldy" over
    "12.08.1928 Ostrava"). Both are the subject's (an Event holder of None)."""
    out: list[Event] = []
    lines = [s for s in sentences if "\n" not in text[s.start:s.end].strip()]
    for sent in lines:
        body = text[sent.start:sent.end].strip()
        if _SPAN_LINE.fullmatch(body):
            span = next((r for r in ranges if sent.start <= r[0].start < sent.end), None)
            if span is not None and span[1].date and span[2].date:
                out.append(Event("birth", None, span[1], (), span[1].start, span[1].end, "life.head-span", 0.8))
                out.append(Event("death", None, span[2], (), span[2].start, span[2].end, "life.head-span", 0.8))
                return out
    dated = []
    for sent in lines:
        first = next((d for d in dates if sent.start <= d.start < sent.end), None)
        if first is None or text[sent.start:first.start].strip() or not first.date or len(first.date.edtf) < 10 \
                or not _PLACE_AFTER_DATE.fullmatch(text, first.end, sent.end):
            if dated:
                break
            continue
        dated.append((sent, first))
    if len(dated) == 2 and dated[1][1].date.edtf > dated[0][1].date.edtf:
        for prop, (sent, d) in zip(("birth", "death"), dated):
            first = _FIRST_PLACE.match(text, d.end, sent.end)
            places = ((first.start(1), first.end(1), first.group(1)),) if first else ()
            end = places[0][1] if places else d.end
            out.append(Event(prop, None, d, places, d.start, end, "life.head-lines", 0.75))
    return out


_FIRST_PLACE = re.compile(r",?\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")
_SPAN_LINE = re.compile(r"\(?\s*\d{4}\s*[–—-]\s*\d{4}\s*\)?")
# ", Tver" or " Hukvaldy, Czech": only a place after the date, no verb, no other words
_PLACE_AFTER_DATE = re.compile(r",?\s+[A-Z][\w'’.-]+(?:[ ,]+\(?[A-Z][\w'’.-]+\)?){0,4}\s*\.?\s*")


# a parenthesis after a name that dates something else than the life: a marriage, a reign
_NOT_LIFE = re.compile(r"\(\s*(?:m\.|(?:married|reigned|ruled|r\.|in\s+office)\b)", re.I)


def _lead_dates(text, sent, occ, ranges) -> list[Event]:
    """A range of two dates in the parentheses that follow a name, or a cut fragment of such a
    parenthesis ending ") was a ...": the life dates of that name's bearer."""
    out = []
    for whole, first, second in ranges:
        if not (sent.start <= whole.start and whole.end <= sent.end):
            continue
        opening = text.rfind("(", sent.start, whole.start)
        depth_ok = opening >= 0 and text.count(")", opening, whole.start) <= text.count("(", opening + 1, whole.start)
        holder = None
        if depth_ok and _NOT_LIFE.match(text, opening):
            continue  # "Pierre Curie (m. 1895–1906)": a marriage's years, not a life's
        if depth_ok:
            named = [o for o in occ if o.end <= opening and not o.pronoun]
            if not named or not _only_asides(text[named[-1].end:opening]):
                continue
            holder, conf = named[-1], 0.95
        elif _LEAD_TAIL.match(text, whole.end) and "(" not in text[sent.start:whole.start]:
            conf = 0.8  # a cut lead: the document's subject, by position
        else:
            continue
        close = text.find(")", whole.end)
        sep = _DASH.search(text, first.end, second.start)
        dash = sep.start() if sep else first.end
        for prop, point, lo, hi in (("birth", first, max(opening, text.rfind(";", sent.start, first.start)) + 1, dash),
                                    ("death", second, dash + 1, close if close > 0 else sent.end)):
            places = _places_around(text, point, lo, hi)
            out.append(Event(prop, holder, point, places, holder.start if holder else whole.start,
                             max([whole.end] + [p[1] for p in places]), "life.lead-dates", conf))
    return out


def _bracket_dates(text, sent, occ, dates, starts) -> list[Event]:
    """Life dates with places between them, which the date grammar reads as two dates, not a
    range: "(Castres 1859 - Paris 1914)", "(1885, Murom, Vladimir Province - 1937, Moscow)",
    "(24 October [O.S. 12 October] 1886, Kutais Governorate – 18 February 1937, Moscow)": the
    parenthesis right after a name (asides apart), one date before its dash and one after."""
    out = []
    for opening in (m.start() for m in re.finditer(r"\(", text[sent.start:sent.end])):
        opening += sent.start
        named = [o for o in occ if o.end <= opening and not o.pronoun]
        if not named or not _only_asides(text[named[-1].end:opening]) or _NOT_LIFE.match(text, opening):
            continue
        close = _closing(text, opening, sent.end)
        inside = [d for d in dates[bisect_left(starts, opening):bisect_left(starts, close)]
                  if d.end <= close and d.date is not None]
        cut = _CUT_BIRTH.match(text, opening + 1, close)
        if cut and inside and inside[0].start == cut.end():
            # "Uritsky (; ; – 30 August 1918)": a copy lost the birth; the death is still his
            point = inside[0]
            places = _places_around(text, point, cut.end(), close)
            out.append(Event("death", named[-1], point, places, named[-1].start,
                             max([point.end] + [p[1] for p in places]), "life.lead-dates", 0.85))
            break
        dash = next((m for m in _DASH.finditer(text, inside[0].end, inside[-1].start)), None) if len(inside) >= 2 else None
        if dash is None or any(d.start < dash.start() < d.end for d in inside):
            continue
        before = [d for d in inside if d.end <= dash.start()]
        after = [d for d in inside if d.start >= dash.end()]
        if not before or not after:
            continue
        for prop, point, lo, hi in (("birth", before[-1], max(opening, text.rfind(";", opening, before[-1].start)) + 1,
                                     dash.start()), ("death", after[0], dash.end(), close)):
            places = _places_around(text, point, lo, hi)
            out.append(Event(prop, named[-1], point, places, named[-1].start,
                             max([point.end] + [p[1] for p in places]), "life.lead-dates", 0.9))
        break  # the first such parenthesis is the bearer's life
    return out


# an opening parenthesis whose birth date a copy lost: only separators before the dash
_CUT_BIRTH = re.compile(r"[\s;,]*[–—-]\s*")


def _closing(text: str, opening: int, limit: int) -> int:
    depth = 0
    for i in range(opening, limit):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i
    return limit


def _places_around(text: str, point: Mention, lo: int, hi: int) -> tuple[tuple[int, int, str], ...]:
    """The places written beside a life date inside its parentheses: "(Leskovac, 11 November
    1879 – Belgrade, ...)" or "(March 22, 1917, Polotsk, Vitebsk Governorate – ...)"."""
    for start, end in ((point.end, hi), (lo, point.start)):
        found = tuple((start + m.start(1), start + m.end(1), m.group(1))
                      for m in _PLACE_PART.finditer(text[start:max(start, end)])
                      if not m.group(1).startswith(("Russian", "Old Style", "O.S", "N.S")))
        if found:
            return found
    return ()


_PLACE_PART = re.compile(r"(?:^|,)\s*([A-Z][\w'’.-]*(?:\s+(?:of\s+|de\s+|upon\s+)?[A-Z][\w'’.-]*)*)\s*(?=,|$|\s*[–—-])")


def _only_asides(gap: str) -> bool:
    """Between a name and its life dates only other parentheses and an alias clause may stand:
    ' (Russian: ...) ', ', real name X (Russian: ...'"""
    gap = re.sub(r"\([^()]*\)", "", gap)
    return len(gap) < 120 and re.fullmatch(r"[\s,;]*(?:(?:real|birth|born|née|nee|also known as|known as|in full|"
                                           r"byname|original name|pseudonym of)[^()]*)?[\s,;]*", gap, re.I) is not None


def _triggered(text, sent, occ, dates, starts, pattern, prop) -> list[Event]:
    out = []
    for m in pattern.finditer(text, sent.start, sent.end):
        pos = m.end()
        if prop == "birth" and not _is_place_next(text, pos):
            # "born Girsh Brilliant on 15 August 1888": a birth name first, then the birth
            name = _BIRTH_NAME.match(text, pos, sent.end)
            if name:
                pos = name.end()
        comp = complement(text, pos, sent.end, dates, starts)
        opening = _OPENING_DATE.match(text, sent.start, m.start())
        if comp.date is None and opening:  # "In July 1982, X died of cancer in ..."
            comp = Complement(opening_date(opening, dates), comp.places, max(comp.end, m.end()))
        if comp.date is None and not comp.places:
            # "sentenced to death on 26 January 1940; he was shot the following day"
            later = relative_dates(text, m.end(), min(sent.end, m.end() + 30),
                                   clause_date(text, sent.start, m.start(), dates, starts))
            if later and later[0].date.edtf[-1:] not in "~?":
                comp = Complement(later[0], (), later[0].end)
        if comp.date is None and not comp.places:
            earlier = clause_date(text, sent.start, m.start(), dates, starts) if _EXECUTED.search(m.group()) else None
            if earlier is None:
                continue
            # "sentenced to death in January 1937 and executed shortly afterwards"
            comp = Complement(earlier, (), m.end())
            borrowed = True
        else:
            borrowed = False
        initial = text[sent.start:m.start()].strip() == ""
        holder = holder_after(occ, comp.end, sent.end) if initial else holder_before(occ, text, sent.start, m.start())
        if initial and holder is not None and _KIN_BEFORE.search(text, comp.end, holder.start):
            holder = None  # "Born in Odessa in 1890, the daughter of Mikhail F.": not the father's birth
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start:m.start()]
        # "BORN 7 Nov 1867, Warsaw", and a dictionary's "(born Feb. 16, 1893, near X—died June
        # 11, 1937)" opening its line: a record's fields are its subject's
        record = m.group().isupper() or before.strip(" -–—|•*(") == "" or before.lstrip().startswith(
            ("(born", "(b.")) and ")" not in before
        if holder is None and not (record and comp.date):
            continue  # "BORN 7 Nov 1867, Warsaw - DIED ...": a record's fields are its subject's
        if record and comp.date and not comp.places and before.strip() == "":
            # "b. 12 Feb 1885, Vitebsk, Russian Empire" on a line of its own: the places after the date
            line_end = text.find("\n", comp.date.end)
            comp = Complement(comp.date, _places_around(text, comp.date, comp.date.end,
                                                       sent.end if line_end < 0 else min(line_end, sent.end))[:1],
                              comp.end)
        conf = 0.7 if borrowed else 0.9 if comp.date else 0.8
        start = holder.start if holder and 0 <= m.start() - holder.end <= 40 else m.start()
        # the quote ends with the date or the most specific place, before any wider places
        end = max(holder.end if holder else 0, m.end(), comp.date.end if comp.date else 0, comp.places[0][1] if comp.places else 0)
        if not borrowed:  # a borrowed date is near the execution, not exact enough for a death
            out.append(Event(prop, holder, comp.date, comp.places, start, end, f"life.{prop}-verb", conf))
        if prop == "death" and _EXECUTED.search(m.group()) and not _KILLED_BY.match(text, m.end(), sent.end):
            out.append(Event("execution", holder, comp.date, comp.places, start, end, "life.execution-verb", conf))
    return out


_POSSESSIVE_DEATH = re.compile(r"\b(?:[Hh]is|[Hh]er|([A-Z][\w-]+)(?:'s|’s|'|’))\s+(?:sudden\s+|untimely\s+|early\s+)?"
                               r"death\b(?:\s+there)?")
_NEEDS = [needed(p) for p in (_UNTIL_DEATH, _NATIVE, _POSSESSIVE_DEATH)]  # their words (gates.py)


def _possessive_death(text, sent, occ, dates, starts) -> list[Event]:
    """"his death in November 1997", "Lenin's death on 21 January 1924"."""
    out = []
    for m in _POSSESSIVE_DEATH.finditer(text, sent.start, sent.end):
        comp = complement(text, m.end(), sent.end, dates, starts)
        if comp.date is None:
            continue
        holder = next((o for o in occ if o.start == m.start() or (o.start <= m.start() < o.end)), None)
        if holder is None:
            continue
        if holder.pronoun:  # "his" stands for the clause's person, found as for a verb
            owner = possessor_before(occ, text, m.start())
            holder = owner or holder_before(occ, text, sent.start, m.start()) or holder
        end = max(comp.date.end, *(p[1] for p in comp.places)) if comp.places else comp.date.end
        out.append(Event("death", holder, comp.date, comp.places, m.start(), end, "life.possessive-death", 0.75))
    return out


_BIRTH_NAME = re.compile(r"\s+(?:as\s+)?(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+(?=\s*(?:[,;)]|on\b|in\b|at\b))")


# "In July 1982, Carolyn Sherif died": a sentence that opens with the date of its event
_OPENING_DATE = re.compile(r"\s*(?:In|On|By)\s+(?=[\w ,]{3,30},?\s+(?:[A-Z][\w'’.-]+\s*){1,4}\s*(?:died|was\s+born))")


def opening_date(opening: re.Match, dates: list[Mention]) -> Mention | None:
    return next((d for d in dates if d.start == opening.end()), None)


def _is_place_next(text: str, pos: int) -> bool:
    return re.match(r"\s+(?:in|at|on|near)\b", text[pos:pos + 8]) is not None


def _place_before(text, pos, occ) -> tuple[int, int, str] | None:
    m = re.search(r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s*$", text[max(0, pos - 60):pos])
    if not m:
        return None
    start = max(0, pos - 60) + m.start(1)
    if any(o.start <= start < o.end for o in occ if not o.pronoun):
        return None  # a person's name, not a place
    return (start, start + len(m.group(1)), m.group(1))


def _pronoun_at(occ, pos) -> Occurrence | None:
    after = [o for o in occ if o.start >= pos and o.pronoun]
    return after[0] if after else None
