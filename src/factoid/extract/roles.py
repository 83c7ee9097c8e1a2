"""Offices, bodies and schools: position, party, membership, employment, education, founded.
A trigger verb, then the phrase it governs, then its time: "from April 1920 to July 1921",
"until his death in 1926", or the clause's date; an inceptive verb ("joined", "became",
"was appointed") dates the start of the role, "graduated" its end."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .events import clause_date, relative_date
from .grammar import Event, Occurrence, holder_after, holder_before, within
from .phrases import capitalised, noun_phrase
from .context import Context
from .gates import has_words, needed

OFFICES = (r"ambassador|commissar|minister|chairman|chairwoman|chair|secretary|president|director|manager|"
           r"editor|head|leader|deputy|governor|mayor|premier|chancellor|treasurer|judge|prosecutor|consul|"
           r"envoy|plenipotentiary|representative|delegate|chief|commander|general|officer|professor|rector|"
           r"dean|lecturer|inspector|commissioner|senator|deputy|speaker|vice|member|trustee|founder|"
           r"conductor|curator|pastor|bishop|archbishop|superintendent|marshal|admiral|assistant|adviser|advisor|"
           r"councillor|counsellor|prefect|procurator|magistrate|headmaster|headmistress|commandant|colonel|"
           r"lieutenant|captain|attaché|undersecretary")
_OFFICE = re.compile(rf"\b(?:{OFFICES})s?\b", re.I)
_PARTY = re.compile(r"\b(?:[Pp]arty|Bolsheviks?|Mensheviks?|[Ff]action|Communists?|Socialists?|Labou?r|"
                    r"Democrats?|Republicans?|Conservatives?|Liberals?|Whigs?|Tories|Nazis?|Fascists?|"
                    r"Social[- ]Democrats?|Trotskyists?|Anarchists?|Opposition)\b")
# a party's initials, with the letter P of Party, Partei, Partia, Parti: "RSDLP", "SPD", "VKP(b)"
PARTY_ACRONYM = re.compile(r"[A-Z]*P[A-Z]*(?:\s*\([a-z]\))?")


def is_party_acronym(name: str) -> bool:
    return len(name) >= 3 and PARTY_ACRONYM.fullmatch(name) is not None


_INSTITUTION = re.compile(r"\b(?:[Ss]chool|[Ii]nstitute|[Uu]niversity|[Cc]ollege|[Aa]cademy|[Gg]ymnasium|"
                          r"[Ss]eminary|[Cc]onservatory|[Ll]yceum|[Ll]yc[ée]e|[ÉéEe]cole|[Pp]olytechnic|[Ff]aculty|[Rr]ealschule|"
                          r"Courses)\b")  # "the Higher Women's Courses": a Russian women's university


@dataclass(frozen=True)
class Role:
    property: str
    pattern: re.Pattern
    timing: str          # "start", "end" or "date": which field a lone date fills
    needs: str = ""      # "office", "institution", "capital": what the phrase must look like
    confidence: float = 0.75


def _r(prop, words, timing="date", needs="", confidence=0.75) -> Role:
    return Role(prop, re.compile(rf"\b(?:{words})\b"), timing, needs, confidence)


ROLES = [
    _r("education", r"(?:enrolled|matriculated|entered|admitted)\s+(?:at|in|to)|started\s+studying\s+at", "start",
       "institution"),
    _r("education", r"graduated\s+(?:from|at)", "end", "institution"),
    _r("education", r"(?:educated|studied|trained|schooled)\s+(?:at|in)|attended|studying\s+at", "date",
       "institution"),
    _r("party", r"joined|became\s+a\s+member\s+of", "start", "party"),
    _r("party", r"rejoined|re-joined|was\s+a\s+member\s+of|member\s+of", "date", "party"),
    _r("membership", r"joined", "date", "body"),
    _r("membership", r"became\s+a\s+member\s+of", "start", "body"),
    _r("membership", r"rejoined|re-joined|was\s+a\s+member\s+of", "date", "body"),
    _r("membership", r"(?:was\s+|been\s+)?(?:re-?)?elected\s+(?:to|on)(?=\s+the\b)|co-?opted\s+(?:on)?to", "date",
       "capital"),
    _r("membership", r"(?:was\s+)?appointed\s+to(?=\s+the\b)", "start", "capital"),
    _r("position", r"served\s+as|became|to\s+become|was\s+appointed(?:\s+as)?(?!\s+to)|appointed(?!\s+to)|was\s+made|"
                   r"was\s+named|was\s+elected(?:\s+as)?(?!\s+to)|as", "start", "office"),
    _r("position", r"(?:was|had\s+been)(?=\s+(?:the\s+)?(?:first\s+)?(?:" + OFFICES + r")\s+of\b)", "date", "office"),
    _r("employment", r"worked\s+(?:as|for|at)|working\s+(?:as|for|at)|work\s+(?:as|for|at)|employed\s+(?:by|at|as)|"
                     r"(?:a|the)\s+job\s+(?:as|at|with)", "date", "", 0.7),
    _r("founded", r"founded|co-?founded|established|set\s+up|created|to\s+create", "date", "capital", 0.7),
]
# the words each role's pattern needs (gates.py): a role none of whose words a document holds is skipped
_NEEDS = [(role, needed(role.pattern)) for role in ROLES]
# "joined an illegal Marxist group as a teenager in 1896": a date later in the same clause
_DATE_AFTER = re.compile(r"(?:\s+(?!and\b|but\b|when\b|where\b|which\b|who\b)[a-z]+){0,4}\s*(?:in|on|since|by)?\s*")
_OPENS = re.compile(r"\s*(?:from|since)\b")
_CLOSES = re.compile(r"\s*(?:until|till)\b")
_APPOSITIVE = re.compile(r",\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})(?=\s*(?:[.;]|$))")
_UNTIL_DEATH = re.compile(r"\b(?:until|till)\s+(?:his|her)\s+death\b")
_EMPLOYER = re.compile(r"\s+(?:at|for|on|with|in)\s+(?=(?:the\s+)?[A-Z])")


def role_events(ctx: Context) -> list[Event]:
    doc, occurrences, dates, ranges = ctx.doc, ctx.occurrences, ctx.dates, ctx.ranges
    text = doc.clean
    starts = [d.start for d in dates]
    out: list[Event] = []
    present = [role for role, needs in _NEEDS if has_words(needs, text)]  # in their order
    for sent in doc.sentences if present else ():
        occ = within(occurrences, sent.start, sent.end)
        if not occ:
            continue
        taken: list[tuple[int, int]] = []
        for role in present:
            for m in role.pattern.finditer(text, sent.start, sent.end):
                if any(s <= m.start() < e for s, e in taken):
                    continue  # "became a member of" read once, as party or as body
                event = _role(text, sent, occ, dates, starts, ranges, role, m)
                if event:
                    out.append(event)
                    taken.append((m.start(), event.end))
    return out


# "could no longer find work at", "was never made a member of": no role was held
_NOT_HELD = re.compile(r"\b(?:not|never|no\s+longer|unable\s+to|refused\s+to|failed\s+to)\b[\w\s]{0,12}$|n't\s+[\w\s]{0,12}$")


def _role(text, sent, occ, dates, starts, ranges, role, m) -> Event | None:
    if _NOT_HELD.search(text, max(sent.start, m.start() - 30), m.start()):
        return None
    phrase = noun_phrase(text, m.end(), sent.end)
    if phrase is None or not _fits(role, phrase[2]):
        return None
    if role.property == "employment" and not capitalised(phrase[2]):
        employer = _EMPLOYER.match(text, phrase[1])
        found = noun_phrase(text, employer.end(), sent.end) if employer else None
        if not (found and capitalised(found[2])):
            return None  # a trade with no employer named ("worked as an engineer")
        phrase = found
    inside = [o for o in occ if o.start < phrase[1] and phrase[0] < o.end and not o.pronoun]
    if inside and (cut := text.rfind(" of ", phrase[0], inside[0].start)) > phrase[0] and \
            re.fullmatch(r"(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,2}", text[cut + 4:inside[0].start]):
        # "the Left Opposition of Leon Trotsky": the body is what comes before its leader's name
        phrase, inside = (phrase[0], cut, text[phrase[0]:cut]), []
    if inside:
        return None  # "joined Martov", "worked with Krasin": a person, not a body
    appositive = _APPOSITIVE.match(text, phrase[1], sent.end)
    if appositive and phrase[2].split()[-1][:1].islower():
        # "the editor of the party's newspaper, Pravda": the name completes the phrase
        phrase = (phrase[0], appositive.end(1), text[phrase[0]:appositive.end(1)])
    initial = text[sent.start:m.start()].strip() == ""
    holder = holder_after(occ, phrase[1], sent.end) if initial else holder_before(occ, text, sent.start, m.start())
    if holder is None or (role.property == "position" and m.group() == "as" and not _near(holder, m)):
        return None
    begin = until = date = None
    after = _range_after(text, phrase[1], sent.end, ranges, occ)
    if after:
        begin, until = after
    else:
        i = bisect_left(starts, phrase[1])
        nxt = dates[i] if i < len(dates) and dates[i].start < sent.end else None
        if nxt and _DATE_AFTER.fullmatch(text[phrase[1]:nxt.start]):
            date = nxt
            if role.timing == "date" and _OPENS.match(text, phrase[1], nxt.start):
                begin, date = date, None  # "a member of the party from its creation in 1903"
            elif role.timing == "date" and _CLOSES.match(text, phrase[1], nxt.start):
                until, date = date, None  # "rector of X until his arrest in 1930"
        elif role.property != "employment":  # a job's date only when written with it
            date = (clause_date(text, sent.start, m.start(), dates, starts)
                    or relative_date(text, sent.start, m.start(), dates, starts))
            span = next((r for r in ranges if date is not None and r[2].start == date.start), None)
            if span is not None:  # "In 1918–1920 he served as ...": the span, not its last year
                begin, until, date = span[1], span[2], None
        death = _UNTIL_DEATH.search(text, phrase[1], sent.end)
        if death:
            until = _first_date_after(dates, starts, death.end(), sent.end) or None
        if date is not None and role.timing == "start":
            begin, date = date, None
        elif date is not None and role.timing == "end":
            until, date = date, None
    conf = role.confidence
    start = holder.start if 0 <= m.start() - holder.end <= 40 else m.start()
    end = max([phrase[1], *(x.end for x in (begin, until, date) if x)])
    return Event(role.property, holder, date, (), start, end, f"role.{role.property}", conf,
                 object=phrase, begin=begin, until=until,
                 until_death=until is None and _UNTIL_DEATH.search(text, phrase[1], sent.end) is not None)


# a body inside the party ("the party's Central Committee") is a membership, not the party
_PARTY_BODY = re.compile(r"\b(?:Committee|Council|Bureau|Politburo|Orgburo|Secretariat|Presidium|Congress|Commission)\b")


def _fits(role: Role, phrase: str) -> bool:
    if re.match(r"(?:him|her|them|us|me)\b", phrase):
        return False  # "she joined him in Munich": a person, no body
    if role.needs == "office":  # "an early member of the group": a membership, not an office
        return _OFFICE.search(phrase) is not None and not re.match(r"(?:\w+\s+){0,2}members?\b", phrase, re.I)
    if role.needs == "institution":
        return _INSTITUTION.search(phrase) is not None
    if role.needs == "party":  # the head decides: "Secretariat of the ... Party" is a body
        head = re.split(r"\s+of\s+", phrase)[0]
        return _PARTY.search(head) is not None and _PARTY_BODY.search(head) is None
    if role.needs == "body" and _PARTY.search(re.split(r"\s+of\s+", phrase)[0]):
        return False
    if role.needs == "body":
        return capitalised(phrase) or re.search(r"\b(?:circle|group|society|union|committee|league)\b", phrase) is not None
    if role.needs == "capital":
        return capitalised(phrase)
    return len(phrase.split()) <= 8


def _near(holder: Occurrence, m) -> bool:
    return 0 <= m.start() - holder.end <= 25


def _range_after(text, pos, limit, ranges, occ=()):
    """A span of time later in the clause: "served as X and Y of Z from April 1920 to July 1921";
    not the life dates in brackets after another person's name ("under Danielssen (1815-1894)")."""
    for whole, first, second in ranges:
        if not pos <= whole.start < min(limit, pos + 91):
            continue  # (checked before the gap is cut out: a long document has many ranges)
        gap = text[pos:whole.start]
        if re.search(r"\(\s*$", gap) and any(not o.pronoun and 0 <= whole.start - o.end <= 4 for o in occ):
            continue
        # "..., and took part in the Revolution of 1905-1907": the span names the event after
        # "of", in the next verb's clause, not the role
        # (nor "attended college and was a teacher from 1881 to 1885": the next verb's)
        if re.search(r"\bof\s*$", gap) or re.search(r"\band\s+(?:\w+ed|was|were|became)\b", gap):
            continue
        if not re.search(r"[;]|\b(?:when|which|who|after|before)\b", gap):
            return first, second
    return None


def _first_date_after(dates, starts, pos, limit):
    i = bisect_left(starts, pos)
    if i < len(dates) and dates[i].start < limit and dates[i].start - pos < 20:
        return dates[i]
    return None
