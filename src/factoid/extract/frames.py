"""Event frames over the dependency parse: a trigger word (a verb, or an event noun with its
possessor), the person the clause is about (its subject, the passive's subject, the noun a
relative clause hangs from, the possessor), the date inside the trigger's own clause, the place
of its "in/at/near/to" complement and the object it governs. Which words trigger which
property, and which dependents fill which field, is the table in frame_table.py; this module
only walks the tree. A clause about somebody else (another name, "his son", a role) gives its
facts to that person or to nobody, never to the document's subject."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from ..model import Date, Mention
from .frame_table import (FRAMES_BY_WORD, IN_STATE, NOUN_FRAMES, WORK_NOUNS, WORKED_AS, DEGREE_FROM, DEGREE_NOUNS,
                          COMMAND_NOUNS, TOOK_COMMAND, WENT_ABROAD,
                          Frame)
from .grammar import Event, Occurrence, possessor_before, within
from .parse_tree import ParseTree, participle_like
from .context import Context
from .frame_holder import (SUBJECT, SUBJECT_LABELS, WITH_FAMILY, holder_of, opening_participle, person_at,
                           terse_line)
from .frame_states import exile_region, held_for, term_of, time_beside
from .frame_offices import as_offices, as_students, cv_noun
from .frame_fields import EACH_PLACE, each_degree, object_of, objects_of, places_of, trade_only
from .frame_time import repeated_untimed, saw_time, time_of
from .frame_triggers import degree, entered_into, marriage_verb, shot_dead
from .relative import relative_dates, yearless_date



def frame_events(ctx: Context) -> list[Event]:
    doc, occurrences, dates, ranges, places = ctx.doc, ctx.occurrences, ctx.dates, ctx.ranges, ctx.places
    text = doc.clean
    out: list[Event] = []
    # "under Danielssen (1815-1894)", "secretary to Plekhanov (d. 1919)": a bracketed date right
    # after a name is that person's life, never the frame's time
    named = {o.end for o in occurrences}
    dates = sorted((d for d in dates if not _life_of_a_name(text, d.start, named)), key=lambda d: d.start)
    ranges = sorted((r for r in ranges if not _life_of_a_name(text, r[0].start, named)), key=lambda r: r[0].start)
    places = sorted(places, key=lambda p: p.start)
    place_starts = [p.start for p in places]
    for sent in doc.sentences:
        if not sent.tokens:
            continue
        # only this sentence's dates and ranges, by bisection: a long document stays linear
        lo, hi = (bisect_left(dates, x, key=lambda d: d.start) for x in (sent.start, sent.end))
        rlo, rhi = (bisect_left(ranges, x, key=lambda r: r[0].start) for x in (sent.start, sent.end))
        tree = ParseTree(text, sent, _with_relative(text, sent, dates, lo, hi), ranges[rlo:rhi])
        plo, phi = (bisect_left(place_starts, x) for x in (sent.start, sent.end))
        sent_places = places[plo:phi]
        occ = within(occurrences, sent.start, sent.end)
        triggers = [(i, f) for i in range(len(tree.tokens)) for f in _frames_of(tree, i)]
        stop = {i for i, _ in triggers}
        for i, frame in triggers:
            out += _events(tree, i, frame, occ, stop - {i}, sent_places)
        out += as_offices(tree, occ, stop) + cv_noun(tree, stop) + as_students(tree, occ, stop)
    return out


def _with_relative(text: str, sent, dates: list[Mention], lo: int, hi: int) -> list[Mention]:
    """The sentence's dates and its relative ones ("in the next year", "two years later"), each
    resolved against the last date before it in its paragraph: a verb's own "in the next year"
    dates it, not the year that opened the sentence."""
    out = dates[lo:hi]
    if not _RELATIVE_HINT.search(text, sent.start, sent.end):
        return out
    for rel in relative_dates(text, sent.start, sent.end, _ANY_YEAR):
        i = bisect_left(dates, rel.start, key=lambda d: d.start) - 1
        anchor = dates[i] if i >= 0 and dates[i].end <= rel.start and "\n" not in text[dates[i].end:rel.start] else None
        found = relative_dates(text, rel.start, rel.end, anchor) if anchor and anchor.date else []
        out = out + [d for d in found if not any(o.start < d.end and d.start < o.end for o in out)]
    return sorted(out, key=lambda d: d.start)


_RELATIVE_HINT = re.compile(r"\b(?:later|afterwards|following|next|same\s+(?:year|month|day)|that\s+(?:very\s+)?(?:year|day))\b",
                            re.I)
_ANY_YEAR = Mention("date", 0, 0, "", Date("1900"))


_BRACKET_OPEN = re.compile(r"\s*\(\s*(?:d\.|b\.|died|born|c\.|ca\.)?\s*")


def _life_of_a_name(text: str, start: int, person_ends: set[int]) -> bool:
    """Is the date at `start` in a bracket that opens right after a person's name?"""
    for back in range(1, 14):
        if start - back in person_ends:
            return _BRACKET_OPEN.fullmatch(text, start - back, start) is not None
    return False


# where a verb stands in the tree; a trigger word elsewhere is a noun ("his works at ...")
_VERB_PLACES = {"ROOT", "conj", "relcl", "advcl", "xcomp", "ccomp", "acl", "pcomp", "parataxis", "csubj"}


def _negated(tree: ParseTree, i: int) -> bool:
    """"was not arrested", "wasn't allowed to attend", "was never tried", "could no longer
    work": no event was asserted."""
    while True:
        if tree.kids(i, "neg") or any(tree.word(a).lower() == "never" or tree.kids(a, "neg")
                                      for a in tree.kids(i, "advmod")):
            return True
        head = tree.tokens[i].head
        if tree.dep(i) != "xcomp" or head == i:
            return False
        i = head


def _passive(tree: ParseTree, i: int) -> bool:
    """"was arrested and exiled": a coordinated participle shares its first verb's voice; a
    participle opening a sentence with no subject is passive ("Arrested in Kazan, 1912.")."""
    if i == 0 and not any(t.dep in SUBJECT_LABELS for t in tree.tokens) and participle_like(tree.word(i)):
        return True
    if opening_participle(tree, i):
        return True  # "Released two years later, she ...": a participle opening the sentence
    if saw_time(tree, i) is not None and participle_like(tree.word(i)):
        return True  # "the spring of 1931 saw him exiled to Tomsk"
    while True:
        if tree.kids(i, "auxpass", "nsubjpass") or tree.dep(i) == "acl":
            return True
        head = tree.tokens[i].head
        if tree.dep(i) != "conj" or head == i or tree.kids(i, "nsubj", "aux"):
            return False
        i = head


def _frames_of(tree: ParseTree, i: int) -> list[Frame]:
    word = tree.word(i).lower()
    dep = tree.dep(i)
    found = []
    if not _may_trigger(tree, i, word, dep) or _negated(tree, i):
        return found  # most words trigger nothing: the walks below are for the few that may
    if dep == "xcomp" and any(tree.word(a).lower() == "to" for a in tree.kids(i, "aux")) and \
            tree.word(tree.tokens[i].head).lower() in _PENALTY_VERBS:
        return found  # "sentenced to be shot": the penalty, not an execution that took place
    # a terse CV's verb with no subject ("Returned to Russia in 1917", "Studied medicine in
    # Tiflis"): its voice cannot be told from the form, so either frame may read it
    either = terse_line(tree)
    for frame in FRAMES_BY_WORD.get(word, ()) if dep in _VERB_PLACES else ():
        passive = _passive(tree, i)
        if either and frame.voice != "any":
            found.append(frame)
            continue
        if frame.voice == "passive" and not passive:
            continue
        if frame.voice == "active" and passive:
            continue
        if frame.name == "executed" and word == "shot" and shot_dead(tree, i):
            frame = FRAMES_BY_WORD["killed"][0]  # "shot dead by Leonid Nikolaev": a murder, no execution
        found.append(frame)
    if dep in _VERB_PLACES and word not in FRAMES_BY_WORD and not _passive(tree, i) and any(
            tree.word(d).lower() in WORK_NOUNS for d in tree.kids(i, "dobj")):
        found.append(WORKED_AS)  # "took up work as a corset maker", "found a job as a clerk"
    if dep in _VERB_PLACES and word in DEGREE_FROM.words and not _passive(tree, i) and any(
            tree.word(d).lower() in DEGREE_NOUNS for d in tree.kids(i, "dobj")):
        found.append(DEGREE_FROM)
    if dep in _VERB_PLACES and word in WENT_ABROAD.words and any(
            tree.word(a).lower() == "abroad" for a in tree.kids(i, "advmod")) and not _passive(tree, i):
        found.append(WENT_ABROAD)
    if dep in _VERB_PLACES and word in TOOK_COMMAND.words and any(
            tree.word(d).lower() in COMMAND_NOUNS for d in tree.kids(i, "dobj")):
        found.append(TOOK_COMMAND)
    if word in NOUN_FRAMES and (tree.kids(i, "poss") or _repeated_event(tree, i) or entered_into(tree, i)):
        found.append(NOUN_FRAMES[word])
    if dep in _VERB_PLACES:  # "was sent into exile", "was in Schlusselburg prison"
        for p in tree.kids(i, "prep"):
            if tree.word(p).lower() in ("in", "into"):
                for o in tree.kids(p, "pobj"):
                    state = IN_STATE.get(tree.word(o).lower())
                    if state and not any(f.property == state.property for f in found):
                        found.append(state)
    return found


_PENALTY_VERBS = {"sentenced", "condemned", "sentence", "condemn", "ordered"}


def _may_trigger(tree: ParseTree, i: int, word: str, dep: str) -> bool:
    """Whether any branch of _frames_of could find a frame for token i: its word, its object's
    or its "in"/"into" complement's."""
    if word in NOUN_FRAMES and (tree.kids(i, "poss") or _repeated_event(tree, i) or entered_into(tree, i)):
        return True
    return dep in _VERB_PLACES and (word in FRAMES_BY_WORD or word in WENT_ABROAD.words or any(
        tree.word(d).lower() in WORK_NOUNS | DEGREE_NOUNS | COMMAND_NOUNS for d in tree.kids(i, "dobj")) or any(
        tree.word(o).lower() in IN_STATE for p in tree.kids(i, "prep") if tree.word(p).lower() in ("in", "into")
        for o in tree.kids(p, "pobj")))


# "his arrest followed in 1929", "a second arrest came in 1937": the verb only says it happened,
# and its clause holds the event noun's time
_HAPPENED = {"came", "followed", "occurred", "happened", "took", "ensued"}
# "another arrest came in 1908": the same person's event once more, in a story about one person
_AGAIN = {"another", "further", "second", "third", "new", "fresh", "renewed", "final", "last", "next"}


def _happened(tree: ParseTree, i: int) -> int | None:
    """The verb an event noun is the subject of when that verb only says it happened."""
    head = tree.tokens[i].head
    if tree.dep(i) != "nsubj" or head == i or tree.word(head).lower() not in _HAPPENED:
        return None
    if tree.word(head).lower() == "took" and not any(tree.word(d).lower() == "place" for d in tree.kids(head, "dobj")):
        return None
    return head


def _time_at(tree: ParseTree, i: int, frame: Frame, stop: set[int]):
    """time_of token i's clause, else of the first part of the written word it ends: "In 1989
    she co-founded ...", where the tokenizer split the word and the parser hung the time from
    "co"."""
    when = time_of(tree, i, frame, tree.clause(i, stop), stop)
    start = i
    while start > 1 and tree.word(start - 1) in ("-", "‐") and \
            tree.tokens[start - 2].end == tree.tokens[start - 1].start == tree.tokens[start].start - 1:
        start -= 2
    return when if any(when) or start == i else time_of(tree, start, frame, tree.clause(start, stop), stop)


def _repeated_event(tree: ParseTree, i: int) -> bool:
    """"A further arrest came in 1937": no possessor, but a word saying it happened again."""
    return _happened(tree, i) is not None and any(
        tree.word(m).lower() in _AGAIN for m in tree.kids(i, "amod", "det"))


def _events(tree: ParseTree, i: int, frame: Frame, occ: list[Occurrence], stop: set[int], places) -> list[Event]:
    events = _each_event(tree, i, frame, occ, stop, places)
    # "Luxemburg and Liebknecht were captured": the event is each coordinated person's
    co = _coordinated_with(tree, events[0].holder, occ) if events and events[0].holder is not None else []
    return events + [replace(e, holder=h) for h in co for e in events]


def _coordinated_with(tree: ParseTree, holder: Occurrence, occ: list[Occurrence]) -> list[Occurrence]:
    inside = [k for k, t in enumerate(tree.tokens) if holder.start <= t.start and t.end <= holder.end]
    heads = [k for k in inside if tree.tokens[k].head not in inside or tree.tokens[k].head == k]
    if len(heads) != 1 or tree.dep(heads[0]) not in SUBJECT_LABELS:
        return []
    out = []
    for c in tree.kids(heads[0], "conj"):
        other = person_at(tree, c, occ)
        if other is not None and not other.pronoun and other.key != holder.key:
            out.append(other)
    return out


def _each_event(tree: ParseTree, i: int, frame: Frame, occ: list[Occurrence], stop: set[int], places) -> list[Event]:
    event = _event(tree, i, frame, occ, stop, places)
    if event is None:
        return []
    if (frame.needs in ("occupation", "trade", "named") or frame.needs == "institution" and frame is not DEGREE_FROM) \
            and event.object:  # "worked as a nurse, as a masseuse", "educated at X and Y"
        more = [o for o in objects_of(tree, i, frame, occ) if o != event.object]
        if frame.needs == "trade":
            more = [o for o in map(trade_only, more) if o != event.object]
        if frame.needs == "named":  # "headed X in 1920 and later Y": Y's time is not X's
            return [event] + [replace(event, object=o, date=None, begin=None, until=None, until_death=False,
                                      start=min(event.start, o[0]), end=max(event.end, o[1])) for o in more]
        return [event] + [replace(event, object=o, start=min(event.start, o[0]), end=max(event.end, o[1]))
                          for o in more]
    if frame is DEGREE_FROM and (degrees := each_degree(tree, i, event)):
        return degrees
    if frame.property not in EACH_PLACE or len(event.places) < 2:
        return [replace(event, places=event.places[:1])]
    return [replace(event, places=(p,), start=min(event.start, p[0]), end=max(event.end, p[1])) for p in event.places]


def _event(tree: ParseTree, i: int, frame: Frame, occ: list[Occurrence], stop: set[int], places) -> Event | None:
    if frame.holder == "dobj":  # "the court sentenced him": the object, a person, never the court
        holder = next((p for p in (person_at(tree, d, occ) for d in tree.kids(i, "dobj")) if p is not None), None)
    else:
        holder = holder_of(tree, i, occ, family=frame.property in WITH_FAMILY)
    if holder is not None and holder.pronoun and tree.kids(i, "poss"):
        # "in Stalin's desk after his death": his is the possessive name's just before
        holder = possessor_before(occ, tree.text, holder.start) or holder
    noun = frame is NOUN_FRAMES.get(tree.word(i).lower())
    if holder is None and noun and not tree.kids(i, "poss") and _repeated_event(tree, i):
        holder = SUBJECT
    if holder is None and noun and entered_into(tree, i):
        holder = holder_of(tree, marriage_verb(tree, i), occ)  # the one who contracted the marriage
    if holder is None:
        return None
    clause = tree.clause(i, stop)
    date, begin, until = repeated_untimed(tree, i, _time_at(tree, i, frame, stop))
    if noun and not (date or begin or until) and (verb := _happened(tree, i) or (
            marriage_verb(tree, i) if entered_into(tree, i) else None)) is not None:
        date, begin, until = time_of(tree, verb, frame, tree.clause(verb, stop), stop)
    if frame.property == "education" and not until and (grad := next((k for k in tree.kids(i, "advcl", "conj") if (
            tree.word(k).lower() in ("graduating", "graduated") and not tree.kids(k, "nsubj"))), None)) is not None:
        # "studied history at Leningrad University, graduating in 1950": when those studies ended
        when = time_of(tree, grad, frame, tree.clause(grad, stop), stop)
        if when[0] and not when[1]:
            date, begin, until = None, begin or date, when[0]
    line_year = None
    if not (date or begin or until) and tree.head_time:  # "1914 – Arrested ...": the line's date
        date, begin, until = tree.head_time
        # "1872 | Born in St. Petersburg on 31 March": the line's year and the clause's day
        semi = tree.text.find(";", tree.tokens[i].end, tree.tokens[-1].end)
        if date is not None and len(date.date.edtf) == 4 and (day := yearless_date(
                tree.text, tree.tokens[i].end, semi if semi > 0 else tree.tokens[-1].end, date)) is not None:
            date, line_year = day, date
        if date and frame.timing != "date":
            date, begin, until = (None, date, None) if frame.timing == "start" else (None, None, date)
    where = places_of(tree, i, frame, clause, places)
    obj = object_of(tree, i, frame, clause, occ)
    if frame.needs == "custody" and where and not any(c.isupper() for c in where[0][2]):
        obj, where = where[0], ()  # "in solitary confinement": how, not where
    elif frame.needs == "custody":
        where = where[:1]
    elif frame.needs == "trade" and obj:
        obj = trade_only(obj)
    elif frame.needs == "state" and obj:
        if any(c.isupper() for c in obj[2]) and frame.property == "imprisonment":
            obj, where = None, (obj,)  # "in Vyborg prison": where
        elif frame.property == "exile" and (named := exile_region(obj)):
            obj, where = None, (named,)  # "in Siberian exile": in Siberia
        elif len(obj[2].split()) == 1 and not (date or begin or until or where):
            return None  # a bare "in exile" says nothing we can keep
    if frame.property == "position" and obj and tree.dep(i) == "relcl" and not (date or begin):
        # "In 1881 he founded the Brno Organ School, which he directed for 40 years (until 1921)":
        # the time of the clause the school is named in opens the office, its length closes it
        named_in = tree.tokens[i].head
        while tree.dep(named_in) not in _VERB_PLACES and tree.tokens[named_in].head != named_in:
            named_in = tree.tokens[named_in].head  # ("the Pskov branch of Memorial, which she led")
        outer = _time_at(tree, named_in, frame, stop)
        if not until:
            begin, until = held_for(tree, i, outer)
        elif (opened := outer[0] or outer[1]) and opened.date and until.date and opened.date.edtf < until.date.edtf:
            begin = opened
    if frame.needs == "state" and (where or obj):
        # "Arrested in Petersburg, 1912, in Schlusselburg prison, 1912-1915": the state's own
        # time set right after it, not the verb's
        own = time_beside(tree, max(e for _, e, _ in where + ((obj,) if obj else ())))
        if own:
            date, begin, until = own
    if frame is DEGREE_FROM and obj is None and (date or until):
        obj = degree(tree, i)  # "received his doctorate in philosophy in 1883": no school named, the degree
    if frame.object and obj is None and not (frame.needs == "state" and where or frame.object_optional) \
            or frame.needs_place and not (where or obj):
        return None
    if frame.needs_time and not (date or begin or until):
        return None
    if not (date or begin or until or where or obj):
        return None
    if frame.needs in ("from-exile", "from-prison") and obj:
        # "escaped from exile": the state itself, which the property already names; where, if
        # the phrase says it ("from the Butyrka prison", "from Siberian exile")
        named = exile_region(obj) if frame.needs == "from-exile" else obj if any(c.isupper() for c in obj[2]) else None
        obj, where = None, (named,) if named else where
    parts = [tree.tokens[i].start, tree.tokens[i].end] + ([line_year.start] if line_year else []) + [
        tree.tokens[a].end for a in tree.kids(i, "advmod") if frame is WENT_ABROAD]
    for m in (date, begin, until):
        if m:
            parts += [m.start, m.end]
    for s, e, _ in where + ((obj,) if obj else ()):
        parts += [s, e]
    if holder is not SUBJECT and abs(holder.start - tree.tokens[i].start) <= 80:
        parts += [holder.start, holder.end]
    return Event(frame.property, None if holder is SUBJECT else holder, date, where, min(parts), max(parts), "frame." + frame.name,
                 frame.confidence, object=obj, begin=begin, until=until, note=term_of(tree, i, frame, until))
