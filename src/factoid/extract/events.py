"""Life events told by a verb: arrest, imprisonment, exile, emigration, trial, sentence,
rehabilitation, burial, residence. Each is a trigger, then "(in|at|to) PLACE" and a date from
the clause, or from the narrative time of the paragraph when the clause has none."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from ..model import Date, Document, Mention
from .grammar import REPEATED, Event, complement, holder_after, holder_before, repeated_after_and, within
from .relative import relative_dates, yearless_date
from .context import Context
from .gates import has_words, needed


@dataclass(frozen=True)
class Trigger:
    property: str
    pattern: re.Pattern
    value: str = "place"  # "place", or "penalty" for a sentence
    confidence: float = 0.8
    place_preps: tuple[str, ...] = ("in", "at", "near")


def _t(prop: str, words: str, value: str = "place", confidence: float = 0.8,
       preps: tuple[str, ...] = ("in", "at", "near")) -> Trigger:
    return Trigger(prop, re.compile(rf"\b(?:{words})\b"), value, confidence, preps)


_AWAY = ("to", "in", "at", "into")


TRIGGERS = [
    _t("arrest", r"(?:was|were|been|being|got|again)\s+(?:re-?)?arrested|[Aa]rrested|(?:his|her)\s+arrest"
                 r"|was\s+captured|were\s+captured"),
    _t("imprisonment", r"imprisoned|jailed|incarcerated|(?:spent|served)\s+[\w\s-]{1,25}?\s+in\s+(?:prison|jail)"
                       r"|held(?=\s+in\s+(?:the\s+)?[A-Z][\w-]*\s+(?:prison|fortress|jail))|(?:sent|taken)\s+to\s+(?:[A-Z][\w-]*\s+)?prison"),
    _t("exile", r"exiled|deported|banished|sent\s+into\s+exile|(?<!from\s)(?:internal\s+)?exile(?=\s+(?:to|in)\b)",
       preps=_AWAY),
    _t("exile", r"expelled|banished(?=\s+from)", value="known-place", preps=("from",), confidence=0.6),
    _t("emigration", r"emigrated|emigrating|(?:fled|flees|escaped|escapes|went|goes|moved|moves|left\s+for)\s+abroad"
                     r"|went\s+into\s+emigration"
                     r"|escaped(?=\s+to)|fled(?=\s+to)", preps=_AWAY),
    _t("trial", r"(?:was|were)\s+tried|(?:his|her)\s+trial|(?:[Ss]how|[Pp]ublic)\s+[Tt]rial|put\s+on\s+trial|stood\s+trial"
                r"|(?:was|were)\s+found\s+guilty|found\s+(?:him|her|[A-Z][\w'’-]+)\s+guilty",
       confidence=0.7),
    _t("sentence", r"(?:was|were|been)\s+sentenced|[Ss]entenced|condemned|commuted(?=\s+to\b)", value="penalty"),
    _t("rehabilitation", r"(?:was|were|been)\s+(?:posthumously\s+)?rehabilitated|rehabilitation\s+of\s+(?:him|her)"
                         r"|(?:his|her)\s+rehabilitation"
                         # "rehabilitated his reputation", "his name was cleared", "restored her good name"
                         r"|(?:rehabilitated|restored|cleared)\s+(?:his|her)\s+(?:good\s+)?(?:reputation|name|memory)"
                         r"|(?:[Hh]is|[Hh]er)\s+(?:good\s+)?(?:reputation|name|memory)\s+was\s+(?:restored|cleared|rehabilitated)"),
    _t("burial", r"(?:was|were|is|being)\s+buried|interred|(?:his|her)\s+ashes\s+were\s+(?:placed|buried|immured)"
                 r"|laid\s+to\s+rest"),
    _t("residence", r"lived|settled|moved(?=\s+to)|resided|made\s+(?:his|her)\s+home", confidence=0.65,
       preps=("in", "at", "to")),
]
# the words each trigger's pattern needs (gates.py): a trigger none of whose words a document holds is skipped
_NEEDS = [(trigger, needed(trigger.pattern)) for trigger in TRIGGERS]
_DURATION = re.compile(r"(?:spent|served)\s+([\w\s-]{1,25}?)\s+in\s+(?:prison|jail)|for\s+((?:\w+[\s-]){1,2}"
                       r"(?:days?|weeks?|months?|years?))\b")
_PENALTY = re.compile(r"\s+to\s+((?:death|life\s+imprisonment|(?:\w+[\s-]){1,3}(?:years?|months?)"
                      r"(?:\s+(?:in|of)\s+(?:prison|hard\s+labou?r|the\s+camps|exile))?)|(?:\w+\s+){0,2}exile"
                      # "to an indefinite term of hard labor", "to penal servitude for life"
                      r"|(?:an?\s+)?(?:\w+\s+)?(?:term\s+of\s+)?(?:hard\s+labou?r|penal\s+servitude|katorga)"
                      r"(?:\s+for\s+life)?)")
_COORDINATED = re.compile(r"\s+and\s+(?:\w+ly\s+)?[a-z]+ed\b")
# "taken to Moscow, where he spent ten months in prison"
_WHERE = re.compile(r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*),\s+where\s+(?:he|she)\s+(?:spent|served|was)\b")
_NEGATION = re.compile(r"\b(?:not|never|nearly|almost|avoid|escape)\b[\w\s]{0,12}$")


def verb_events(ctx: Context) -> list[Event]:
    doc, occurrences, dates = ctx.doc, ctx.occurrences, ctx.dates
    text = doc.clean
    starts = [d.start for d in dates]
    narrative = NarrativeTime(doc, dates)
    out: list[Event] = []
    present = [trigger for trigger, needs in _NEEDS if has_words(needs, text)]
    for sent in doc.sentences if present else ():
        occ = within(occurrences, sent.start, sent.end)
        if not occ:
            continue
        for trigger in present:
            for m in trigger.pattern.finditer(text, sent.start, sent.end):
                event = _event(text, sent, occ, dates, starts, trigger, m, narrative, doc.mentions)
                if event:
                    out.append(event)
    return out


def _event(text, sent, occ, dates, starts, trigger, m, narrative, mentions) -> Event | None:
    if _NEGATION.search(text[max(sent.start, m.start() - 30):m.start()]):
        return None
    if trigger.value == "penalty" and m.group() in ("sentenced", "condemned") and _ACTIVE_OBJECT.match(text, m.end()) \
            and not _PASSIVE_BEFORE.search(text, max(sent.start, m.start() - 20), m.start()):
        return None  # "the tribunal that sentenced Tukhachevsky to death": his sentence (the frames read it)
    initial = text[sent.start:m.start()].strip() == ""
    comp = complement(text, m.end(), sent.end, dates, starts, trigger.place_preps)
    holder = holder_after(occ, comp.end, sent.end) if initial else holder_before(occ, text, sent.start, m.start())
    if m.group()[:4].lower() in ("his ", "her ") or holder is None:
        # "His reputation was restored by X", "they rehabilitated his name": his, not X nor they
        holder = next((o for o in occ if m.start() <= o.start < m.end() and o.pronoun), holder)
    if m.group().startswith("found "):  # "the court found Orlov guilty": Orlov, not the court
        holder = next((o for o in occ if m.start() <= o.start < m.end()), holder)
    if holder is None:
        return None
    note = None
    end = max(m.end(), comp.end if comp.places or comp.date else 0)
    if trigger.value == "penalty":
        p = _PENALTY.match(text, comp.end if comp.date else m.end(), sent.end)
        if p:
            note = (p.start(1), p.end(1), p.group(1))
            end = max(end, p.end(1))
            comp = complement(text, p.end(), sent.end, dates, starts) if not comp.date else comp
    if trigger.property == "imprisonment":
        d = _DURATION.search(text, m.start(), min(sent.end, comp.end + 40))
        if d:
            g = 1 if d.group(1) else 2
            note = (d.start(g), d.end(g), d.group(g))
    if trigger.value == "known-place" and not (comp.places and _is_place(comp.places[0], mentions)):
        return None  # "expelled from the Institute": a body, not a place
    if comp.date is None and not comp.places:
        # "arrested and imprisoned in 1901": coordinated verbs share what follows them
        joined = _COORDINATED.match(text, m.end(), sent.end)
        if joined:
            comp = complement(text, joined.end(), sent.end, dates, starts, trigger.place_preps)
    if trigger.property == "imprisonment" and not comp.places:
        where = _WHERE.search(text, max(sent.start, m.start() - 60), m.end())
        if where:
            comp = replace(comp, places=((where.start(1), where.end(1), where.group(1)),))
    date, confidence = comp.date, trigger.confidence
    # "died on 9 March 1952 ... and was buried at X": the death's date is not the burial's
    own_only = trigger.property == "burial" and _DIED.search(text, sent.start, m.start()) is not None
    if date is None:  # "expelled from X for his part in a demonstration in 1890"
        date = _later_in_clause(text, max(comp.end, m.end(), note[1] if note else 0), sent.end, dates, starts)
    if date is None and not own_only:
        date = yearless_date(text, m.end(), min(sent.end, m.end() + 80),
                             clause_date(text, sent.start, m.start(), dates, starts) or narrative.at(sent.start))
    if date is None and not own_only:
        date = clause_date(text, sent.start, m.start(), dates, starts) or relative_date(text, sent.start, m.start(),
                                                                                         dates, starts)
        if date is not None and repeated_after_and(text, date.end, m.start(), m.end(), sent.end):
            date = None  # "joined the party in 1904 and was arrested several times": not all in 1904
    if date is not None and _SPAN_START.search(text, max(sent.start, date.start - 30), date.start) and \
            _SPAN_JOIN.match(text, date.end):
        return None  # "arrested repeatedly between 1906 and 1912": in none of those years (frames read the span)
    # "In exile she lived in Germany": a home lived in is a state, and the story's last year is not
    # when it began (a move is an event of that time: "banished in 1891 ... He moved to Nizhny")
    if date is None and not own_only and not (trigger.property == "residence" and _A_STATE.match(m.group())) \
            and not _spanned(text, sent.start, m.start(), dates, starts) \
            and not REPEATED.search(text, max(sent.start, m.start() - 25), min(sent.end, m.end() + 30)):
        date = _year_of(narrative.at(sent.start, m.start()))
        confidence -= 0.15  # borrowed from the paragraph's narrative time
    if trigger.property == "residence" and not comp.places:
        return None
    # the quote starts at the person only when the person is near: no foreign text in between
    start = holder.start if 0 <= m.start() - holder.end <= 40 else m.start()
    if trigger.property == "exile" and not comp.places and "exile" in m.group():
        return None  # the noun alone ("his release from exile") tells of no new exile
    begin = until = None
    if trigger.property == "residence" and date is not None:  # "Since 1905 he lived in Paris": a state opened
        word = text[:date.start].rstrip().rsplit(None, 1)[-1:]
        word = word[0].lower() if word else ""
        if word in ("from", "since", "after"):
            date, begin = None, date
        elif word in ("until", "till"):
            date, until = None, date
    return Event(trigger.property, holder, date, comp.places[:1] if comp.places else (), start, end,
                 f"event.{trigger.property}", confidence, begin=begin, until=until,
                 # the penalty is what a sentence imposed: its object, as the frames give it
                 object=note if trigger.value == "penalty" else None,
                 note=None if trigger.value == "penalty" else note)


def _is_place(place: tuple[int, int, str], mentions: list[Mention]) -> bool:
    return any(m.kind == "place" and m.start < place[1] and place[0] < m.end for m in mentions)


_OWN_SPAN = re.compile(r"\w[^,;]*\b(?:from|since|until|till)\s*$", re.I)


# the second year of a span ("between 1902 and 1917", "from 1902 to 1917"), which no event
# of the clause happened in
_SPAN_END = re.compile(r"\b(?:[Bb]etween|[Ff]rom)\s+(?:[^,;.\d]{0,20})?\d{4}\s*(?:and|to|[-–—])\s*$")


_SPAN_START = re.compile(r"\b(?:[Bb]etween|[Ff]rom)\s+(?:[^,;.\d]{0,20})?$")
_SPAN_JOIN = re.compile(r"\s*(?:and|to|[-–—])\s*\d")


def _spanned(text: str, sent_start: int, pos: int, dates: list[Mention], starts: list[int]) -> bool:
    """The clause has a span of time of its own before `pos` ("From 1908 to 1916 he lived in
    ..."): the frames read it; no other time is borrowed."""
    i = bisect_left(starts, pos) - 1
    return i >= 0 and dates[i].start >= sent_start and \
        _SPAN_END.search(text, max(sent_start, dates[i].start - 50), dates[i].start) is not None


_A_STATE = re.compile(r"lived|resided|made")
# "Arrested several times, he ...": events at many times, none of them the story's last
_DIED = re.compile(r"\b(?:died|passed away)\b")
_ACTIVE_OBJECT = re.compile(r"\s+(?:him|her|them|[A-Z][\w'’-]+)\b")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$")
_TIME_PASSED = re.compile(r"\b(?:after|following)\s+(?:more\s+than\s+|nearly\s+|almost\s+|some\s+|over\s+)?"
                          r"(?:[\w-]+\s+){0,2}(?:years?|months?|weeks?)\b|\b(?:years?|months?)\s+later\b")
# a sentence that opens with a participle phrase: its date is that phrase's event's
_OPENING_PARTICIPLE = re.compile(r"\s*(?!United\b)(?:[A-Z][a-z]{3,}ed|Born|Sent|Taken|Held|Given|Driven|Thrown|Brought|"
                                 r"Caught|Shot|Kept|Forced|Freed)(?:\s+[\w-]+){0,3}?\s+(?:in|on|at|to|by|from|for|"
                                 r"with|after|during|as|into|under|again|twice)\b[^,;()]*$")
_IN_RELATIVE = re.compile(r",\s+(?:[\w'’-]+\s+){0,4}?(?:who|whom|which)\b[^,;:.]*$")


def clause_date(text: str, sent_start: int, pos: int, dates: list[Mention], starts: list[int]) -> Mention | None:
    """The nearest date before `pos` in the same clause ("In 1912, he was appointed")."""
    i = bisect_left(starts, pos) - 1
    while i >= 0 and dates[i].start >= sent_start:
        d = dates[i]
        between = text[d.end:pos]
        if _SPAN_END.search(text, max(sent_start, d.start - 50), d.start):
            return None  # "Between 1902 and 1917 he was arrested six times": not in 1917
        if _IN_RELATIVE.search(text, max(sent_start, d.start - 200), d.start) and "," in between:
            return None  # "X, a poet who was expelled in 1969, died ...": the relative clause's date
        if between.count(")") > between.count("(") and not between.startswith(")"):
            return None  # "(born 1888—died March 15, 1938), Bolshevik who was a member of": the bracket's
        if _TIME_PASSED.search(between):
            return None  # "arrested in 1949 and, after three years of interrogation, sentenced": later
        if "," in between and _OPENING_PARTICIPLE.match(text, sent_start, d.start):
            return None  # "Arrested in February 1937, he was tried ... and shot": the arrest's date
        if ";" not in between and not re.search(r"\b(?:and|but)\s+(?:in|on)\b", between) and len(between) < 90:
            # "A follower of Lenin from 1903, he was a member of ...": the span of time belongs
            # to the phrase it closes, not to the clause after the comma
            if "," in between and _OWN_SPAN.search(text, sent_start, d.start):
                return None
            return d
        return None
    return None


def _later_in_clause(text: str, pos: int, limit: int, dates: list[Mention], starts: list[int]) -> Mention | None:
    i = bisect_left(starts, pos)
    if i < len(dates) and dates[i].start < limit:
        gap = text[pos:dates[i].start]
        if len(gap) <= 60 and not re.search(r"[,;:]|\b(?:and|but|when|after|before|until|while)\b", gap):
            return dates[i]
    return None


def relative_date(text: str, sent_start: int, pos: int, dates: list[Mention], starts: list[int]) -> Mention | None:
    """"A year later, he left ...": the last relative expression before `pos` in the sentence,
    resolved against the last date the paragraph gave before it."""
    found = relative_dates(text, sent_start, pos, _anchor(text, sent_start, dates, starts))
    return found[-1] if found else None


def _anchor(text: str, pos: int, dates: list[Mention], starts: list[int]) -> Mention | None:
    i = bisect_left(starts, pos) - 1
    while i >= 0 and dates[i].end > pos:
        i -= 1
    if i >= 0 and "\n" not in text[dates[i].end:pos] and dates[i].date.year:
        return dates[i]
    return None


def _year_of(m: Mention | None) -> Mention | None:
    """A borrowed time at the precision a story keeps: its year ("In May 1908 he was arrested.
    He was exiled": the exile is of 1908, not of that May)."""
    if m is None or m.date is None or m.date.year is None or len(m.date.edtf) <= 4:
        return m
    return replace(m, date=Date(f"{m.date.year:04d}", m.date.text))


class NarrativeTime:
    """The date a paragraph's story has reached: the last date of the previous sentence of the
    same paragraph ("In 1908, he was arrested ... After his release, he emigrated")."""

    def __init__(self, doc: Document, dates: list[Mention]):
        self.doc, self.dates = doc, dates
        self.starts = [d.start for d in dates]
        self.sentences = doc.sentences
        self.sentence_starts = [s.start for s in doc.sentences]

    def at(self, sent_start: int, pos: int | None = None) -> Mention | None:
        if pos is not None and (semi := self.doc.clean.rfind(";", sent_start, pos)) > 0:
            # "A further arrest came in 1937; she was sentenced to ten years": the clause before
            # the semicolon moved the story on
            j = bisect_left(self.starts, semi) - 1
            if j >= 0 and self.dates[j].start >= sent_start and self.dates[j].date.year:
                return self.dates[j]
        if pos is not None and (k := bisect_left(self.starts, sent_start)) < len(self.dates) and \
                self.dates[k].end <= pos:
            return None  # "Arrested in February 1937, he was tried": the sentence's own date moved the story
        i = bisect_left(self.sentence_starts, sent_start) - 1
        if i < 0:
            return None
        prev = self.sentences[i]
        if "\n" in self.doc.clean[prev.end:sent_start]:
            return None  # a new paragraph starts a new story
        if _ENDING.search(self.doc.clean, prev.start, prev.end):
            return None  # "... died in Toronto on 14 May 1940. Born in Kovno, she emigrated": a jump back
        if _YEARS_PASSED.search(self.doc.clean, prev.start, prev.end):
            return None  # "detained in 1941 and spent eight years in camps. After her release ...": years on
        j = bisect_left(self.starts, prev.end) - 1
        if j >= 0 and self.dates[j].start >= prev.start and self.dates[j].date.year \
                and not _LIFESPAN.search(self.doc.clean, prev.start, self.dates[j].end + 1):
            return self.dates[j]
        return None


_YEARS_PASSED = re.compile(r"\b(?:spent|served|for)\s+(?:the\s+next\s+)?(?:\d+|two|three|four|five|six|seven|eight|"
                           r"nine|ten|eleven|twelve|fifteen|twenty|several|many)\s+years\b")


# "Anna Orlova (1880–1940) was a revolutionary. She lived in Germany": a name's bracketed life
# is no time the story has reached
_LIFESPAN = re.compile(r"[A-Z]\w+\s*\([^()]*\d{3,4}[^()]*\d{3,4}\W?\)?$")


# a sentence that tells of a death ends the story so far: what follows goes back in time
_ENDING = re.compile(r"\b(?:died|dies|death|executed|was\s+shot|killed|murdered|assassinated)\b")
