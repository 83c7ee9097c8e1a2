"""The extraction stage: a document's subject, the persons its sentences speak of, and
factoids about them with evidence spans in the raw text."""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import replace

from ..model import Date, Document, Factoid, Person, Span
from .grammar import Occurrence, coreferent
from .aliases import alias_events, heading_aliases, inverted_names, lead_alias, native_top
from .events import verb_events
from .hedges import hedged
from .frame_states import held_until
from .seats import seat_events
from .frames import frame_events
from .context import Context
from .kinship import kin_events
from .hints import hint_facts
from .life import life_events
from .listings import family_lines, key_value_facts, listing_events
from .records import statement_facts
from .roles import role_events
from .learned import REFERRING, lead_end, relation_events
from .nationality import lead_nationality, party_politician
from .names import fold, word_spans
from .occurrences import _kin_names, _lead_names, _occurrences, _with_given
from .subject import Subject, find_subject
from .workplaces import locate_workplaces
from .lifespan import within_life

VERSION = "1"


def prepare(doc: Document) -> Document:
    """Add the person names NER missed in lead sentences; extract() and the relation
    classifier both read the document after this."""
    doc = doc.with_changes(mentions=tuple(_with_given(doc.clean, m) for m in doc.mentions) + tuple(_lead_names(doc)))
    return doc.with_changes(mentions=doc.mentions + _kin_names(doc))


# The rule extractors, each reading one Context; those that need the document's subject run
# only when it has one. The event frames and the classifier's findings join them after.
RULES = (life_events, verb_events, role_events, kin_events, alias_events, party_politician)
SUBJECT_RULES = (heading_aliases, lead_alias, native_top, inverted_names, listing_events, lead_nationality)
# infobox rows, template parameters and the statements a structured reader read; raw offsets
SUBJECT_FACTS = (hint_facts, key_value_facts, family_lines, statement_facts)


def extract(doc: Document, find_dates, find_ranges, passage: bool = False) -> Document:
    """Fill doc.subject, doc.persons (the subject first) and doc.factoids of a document the NLP
    stage annotated and prepare() completed. `find_dates` and `find_ranges` are the date
    grammar, passed in so this stage imports no other stage. In `passage` mode a pronoun with
    no named antecedent still stands for a person. doc.relations are the classifier's findings."""
    subject = find_subject(doc)
    occurrences = _occurrences(doc, subject)
    dates = [m for m in doc.mentions if m.kind == "date"]
    ctx = Context(doc, subject, occurrences, dates, find_ranges(doc.clean, dates),
                  [m for m in doc.mentions if m.kind == "place"], find_dates, find_ranges, passage)
    builder = _Builder(doc, subject, passage, occurrences)
    events = [e for rule in RULES + (SUBJECT_RULES if subject else ()) for e in rule(ctx)]
    events = _frames_first(events, frame_events(ctx))
    events += relation_events(doc.relations, occurrences, doc.clean, passage, lead_end(doc), dates)
    events += seat_events(doc, occurrences, dates, events)
    events = _list_entries(events, occurrences, doc)
    events = hedged(locate_workplaces(_end_at_death(held_until(events, doc.clean, dates)), ctx.places, doc.clean), doc)
    for event in events:
        person = builder.person_for(event.holder)
        if person is None:
            continue
        # the classifier already spoke for each mention of the subject; rules speak once
        subjects = [event.holder] if event.rule.startswith("relation.") else coreferent(
            occurrences, event.holder, doc.sentences)
        builder.add_event(person, event, [o for o in subjects if not _inside_values(o, event)])
    if subject:
        read: list[tuple] = []
        for fact in (f for facts in SUBJECT_FACTS for f in facts(ctx)):
            if fact.property == "alias" and fact.object.casefold() == subject.name.casefold():
                continue  # a box's name line that is the name the subject already goes by
            value = (fact.property, fact.date, fact.place, fact.object, fact.begin, fact.until)
            if any(v == value and s < fact.end and fact.start < e for v, s, e in read):
                continue  # one row read by two readers (the cleaner's box and the raw "Key: value")
            read.append((value, fact.start, fact.end))
            builder.add_raw(builder.subject_id, fact.property, fact.start, fact.end, "infobox." + fact.property,
                            0.85, evidence=fact.evidence, date=fact.date, place=fact.place, object=fact.object,
                            start=fact.begin, end=fact.until)
    return doc.with_changes(subject=subject.name if subject else "", persons=builder.persons(),
                   factoids=tuple(_most_informative(builder.named(builder.factoids if passage else
                                                                  within_life(builder.factoids)), passage)))


_REACH = 64  # frames of one property that may open before a rule's start and still contain it


def _frames_first(rules: list, frames: list) -> list:
    """Frames and rules vote: both readings are kept (on the development sets each finds facts
    the other misses, and a frame's time overriding a rule's lost more than it fixed;
    BENCHMARKS.md), but a frame that reads a clause exactly as a rule did is dropped, and where
    a frame gives the same trigger to another person, the rule's holder yields: the tree knows
    whom the clause is about ("Kamila S. (1891-1935) was born in Putim" in a page about another)."""
    def reading(e):
        return (e.property, e.holder.key if e.holder else "", e.date, e.begin, e.until, e.places[:1], e.object)

    def key(e):
        return e.holder.key if e.holder else ""
    # the frames of each property by start: a rule looks only at frames that open before it
    # within one sentence's reach, so a long document costs its length, not its square
    by_prop: dict[str, list] = {}
    for f in sorted((f for f in frames if f.holder is not None), key=lambda f: f.start):
        by_prop.setdefault(f.property, []).append(f)
    starts = {p: [f.start for f in fs] for p, fs in by_prop.items()}

    def claimed(r) -> bool:
        fs = by_prop.get(r.property, ())
        i = bisect_right(starts.get(r.property, ()), r.start)
        return any(key(f) != key(r) and r.start < f.end for f in fs[max(0, i - _REACH):i])
    rules = [r for r in rules if r.rule.startswith(("relation.", "infobox.")) or not claimed(r)]
    taken = {reading(r) for r in rules}
    return rules + [f for f in frames if reading(f) not in taken]


_LIST_MARKS = re.compile(r"[ \t\n*•\-–]*")


def _list_entries(events: list, occurrences: list[Occurrence], doc: Document) -> list:
    """"Belov Ivan Petrovich (1890-1937), engineer. Arrested 3 July 1937.": a subjectless
    sentence of a list is about the person the last sentence before it opened with (in the same
    paragraph), not the document's subject."""
    text = doc.clean
    named: dict[int, Occurrence] = {}  # the longest name starting at each offset
    for o in occurrences:
        if not o.pronoun and (o.start not in named or o.end > named[o.start].end):
            named[o.start] = o
    opened = []  # (sentence start, the name it opens with, paragraph start)
    for sent in doc.sentences:
        o = named.get(_LIST_MARKS.match(text, sent.start, sent.end).end())
        if o is not None:
            opened.append((sent.start, o, text.rfind("\n", 0, sent.start) + 1))
    starts = [x[0] for x in opened]
    out = []
    for e in events:
        if e.holder is None and e.rule.startswith(("frame.", "event.")):
            k = bisect_right(starts, e.start) - 1
            if k >= 0 and opened[k][1].key not in ("", "?") and opened[k][2] == text.rfind("\n", 0, e.start) + 1 \
                    and not (opened[k][1].start <= e.start < opened[k][1].end):
                e = replace(e, holder=opened[k][1])
        out.append(e)
    return out


def _inside_values(o, event) -> bool:
    """A mention that is itself the value ("his wife" read as spouse(X, his)) is not a subject."""
    values = [event.object, *event.places]
    return any(v and v[0] < o.end and o.start < v[1] for v in values)


def _end_at_death(events: list) -> list:
    """"... where he remained until his death": the term ends with its holder's death date."""
    deaths = {}
    for e in events:
        if e.property == "death" and e.date and (e.holder.key if e.holder else "") not in deaths:
            deaths[e.holder.key if e.holder else ""] = e.date
    return [replace(e, until=deaths[e.holder.key]) if e.until_death and e.holder and e.holder.key in deaths else e
            for e in events]


def _subsumes(big: Factoid, small: Factoid) -> bool:
    """`big` says all `small` says and more: "death, 1938-03" adds nothing to "death,
    1938-03-15, Kommunarka" from the same document."""
    if (big.person, big.property) != (small.person, small.property) or big is small:
        return False
    for name in ("date", "start", "end"):
        mine, theirs = getattr(small, name), getattr(big, name)
        if mine and not (theirs and theirs.edtf.startswith(mine.edtf.rstrip("~?"))):
            return False
        if mine and mine.julian and not theirs.julian:
            return False  # the Old Style reading is information too
    for name in ("place", "object", "note"):
        mine, theirs = getattr(small, name), getattr(big, name)
        if mine and mine.lower() in REFERRING:
            return False  # "his wife" (passage mode): a pronoun value is its own assertion
        if mine and not (theirs and word_spans(fold(theirs), fold(mine))):
            return False
    return _values(big) != _values(small)


def _values(f: Factoid) -> tuple:
    """What a factoid says, as compared: dates by value and reading, not by how they were written."""
    dates = tuple((d.edtf, d.julian) if d else None for d in (f.date, f.start, f.end))
    return dates + tuple(fold(v) if v else None for v in (f.place, f.object, f.note))


def _learned(f: Factoid) -> bool:
    """A finding of the relation classifier (extract/learned.py)."""
    return f.extractor.startswith("relation.")


def _subjects(f: Factoid) -> set:
    return {(s, e) for role, s, e in f.evidence if role == "subject"}


def _same_mentions(small: Factoid, big: Factoid) -> bool:
    """Passage mode reports every mention: `big` contains `small` only where it names all of
    small's subject mentions and each of small's values lies within one of its values ("Latin
    American" further on does not contain "an American cartographer")."""
    if not _subjects(small) <= _subjects(big):
        return False
    spans = [(s, e) for role, s, e in big.evidence if role != "subject"]
    return all(any(s0 < e and s < e0 for s0, e0 in spans) for role, s, e in small.evidence if role != "subject")


def _most_informative(factoids: list[Factoid], passage: bool = False) -> list[Factoid]:
    """Within one document, drop a factoid another one of the same person and property
    contains; identical values from different places (infobox and prose) are all kept, but
    one span read twice (by a rule and by the classifier) is kept once, the surer reading.
    In passage mode each mention is reported: a factoid is contained only in one that names
    the same mentions."""
    group: dict[tuple, list[Factoid]] = {}  # only one person's one property can contain another
    for f in factoids:
        group.setdefault((f.person, f.property), []).append(f)
    if passage:  # a passage is short: each factoid against each
        # the classifier's findings are its own pairs of mentions, kept as found: "educated at
        # A and B" read whole by a rule still states A and B one by one (the benchmark counts each)
        kept = [f for f in factoids if _learned(f) or not any(_subsumes(other, f) and _same_mentions(f, other)
                                                              for other in group[(f.person, f.property)])]
    else:  # containment reads values only: compare each distinct value once (a long document
        # repeats its facts; comparing every pair of factoids grew with the square of its length)
        contained: set[tuple] = set()
        for facts in group.values():
            distinct = {}
            for f in facts:
                distinct.setdefault(_values(f), f)
            contained |= {(f.person, f.property, v) for v, f in distinct.items()
                          if any(_subsumes(other, f) for other in distinct.values())}
        kept = [f for f in factoids if (f.person, f.property, _values(f)) not in contained]
    best: dict[tuple, Factoid] = {}
    for f in kept:
        key = (f.person, f.property, f.span, f.date, f.start, f.end, f.place, f.object)
        if passage:  # each mention of the subject is its own assertion
            key += (tuple(sorted(_subjects(f))),)
        if key not in best or f.confidence > best[key].confidence:
            best[key] = f
    return list(best.values())


class _Builder:
    """Collects the document's persons and factoids, with stable ids."""

    def __init__(self, doc: Document, subject: Subject | None, passage: bool = False, occurrences=()):
        self.doc = doc
        # a name for a person a pronoun holds an event for before any name of theirs does
        # ("his wife Anna Orlova ...; she was released in 1947")
        self._named = {o.key: o.text for o in reversed(occurrences) if o.key and not o.pronoun}
        self.passage = passage
        self.subject = subject
        self.subject_id = f"{doc.id}:0"
        self._persons: dict[str, Person] = {}
        self.factoids: list[Factoid] = []
        self._ids: set[str] = set()  # the factoids' ids, so that a repeat is found in constant time
        if subject:
            self._persons[""] = Person(self.subject_id, subject.name, subject.variants)

    def person_for(self, holder: Occurrence | None) -> Person | None:
        if holder is not None and holder.key == "?":
            return None
        if holder is None or holder.key == "":
            if "" not in self._persons and self.passage and holder is not None:
                self._persons[""] = Person(self.subject_id, holder.text, (holder.text,))
            return self._persons.get("")
        if holder.key not in self._persons:
            name = self._named.get(holder.key, holder.text) if holder.pronoun else holder.text
            self._persons[holder.key] = Person(f"{self.doc.id}:{len(self._persons) + 1}", name, (name,))
        elif len(holder.text.split()) > len(self._persons[holder.key].name.split()):
            # "Markov was arrested" read before "Ivan Markov, who had been exiled": the fuller name
            known = self._persons[holder.key]
            self._persons[holder.key] = replace(known, name=holder.text, names=(holder.text, *known.names))
        return self._persons[holder.key]

    def persons(self) -> tuple[Person, ...]:
        return tuple(self._persons.values())

    def named(self, factoids: list[Factoid]) -> list[Factoid]:
        """The factoids under their person's final name (a fuller one may have come later)."""
        names = {p.id: p.name for p in self._persons.values()}
        return [f if names.get(f.person, f.person_name) == f.person_name else replace(f, person_name=names[f.person])
                for f in factoids]

    def add(self, person: Person, prop: str, clean_start: int, clean_end: int, rule: str, confidence: float,
            evidence=(), **values) -> None:
        span = self.doc.raw_span(clean_start, clean_end)
        raw_evidence = [(role, *self._raw(s, e)) for role, s, e in evidence]
        self.add_raw(person.id, prop, span.start, span.end, rule, confidence, evidence=raw_evidence, **values)

    def add_event(self, person: Person, event, subjects) -> None:
        evidence = [("subject", o.start, o.end) for o in subjects]
        for role, mention in (("date", event.date), ("start", event.begin), ("end", event.until)):
            if mention:
                evidence.append((role, mention.start, mention.end))
        evidence += [("place", s, e) for s, e, _ in event.places]
        if event.object:
            evidence.append(("object", event.object[0], event.object[1]))
        if event.note:
            evidence.append(("note", event.note[0], event.note[1]))
        self.add(person, event.property, event.start, event.end, event.rule, event.confidence,
                 date=event.date.date if event.date else None,
                 start=event.begin.date if event.begin else None, end=event.until.date if event.until else None,
                 place=event.places[0][2] if event.places else None,
                 object=event.object[2] if event.object else None,
                 note=event.note[2] if event.note else None, evidence=evidence)

    def _raw(self, start: int, end: int) -> tuple[int, int]:
        span = self.doc.raw_span(start, end)
        return span.start, span.end

    def add_raw(self, person_id: str, prop: str, raw_start: int, raw_end: int, rule: str, confidence: float,
                evidence=(), date: Date | None = None, place: str | None = None, **values) -> None:
        start, end = raw_start, raw_end
        # scrambled or noisy documents lend less weight to what they say
        confidence = round(confidence * (0.5 + 0.5 * self.doc.quality), 3)
        key = f"{self.doc.id}|{person_id}|{prop}|{start}|{end}|{date.edtf if date else ''}|{place or ''}|{values}"
        if self.passage and rule.startswith("relation."):
            # the classifier speaks for each mention: "his death in 1997" said of "his" is not
            # the rule's reading of the same words with the subject's name
            key += f"|{sorted(evidence)}"
        fid = "f" + hashlib.sha1(key.encode()).hexdigest()[:16]
        if fid in self._ids:
            return
        self._ids.add(fid)
        name = next((p.name for p in self._persons.values() if p.id == person_id), "")
        self.factoids.append(Factoid(
            person=person_id, property=prop, span=Span(self.doc.id, start, end),
            quote=self.doc.raw[start:end], extractor=f"{rule}@{VERSION}", confidence=confidence, date=date,
            place=place, person_name=name, evidence=tuple(evidence), id=fid, **values))

