"""A frame's fields beyond its time: the place of its "in/at/near/to" complement (each of a
coordination where the property takes several), and the object it governs, in the order of the
frame's ways to find one (frames.py walks the tree to the trigger; this module reads around it)."""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Mention
from .frame_holder import opening_participle, person_at, terse_line
from .frame_table import COMMAND_NOUNS, DEGREE_NOUNS, HELD_OFFICE, WORK_NOUNS, Frame, object_fits
from .roles import _INSTITUTION
from .parse_tree import ParseTree, mention_over, phrase_at, proper_span, with_conjuncts


def trade_only(obj: tuple[int, int, str]) -> tuple[int, int, str]:
    """"a Russian engineer": the trade, not the nationality before it."""
    words = obj[2].split()
    # (and "a Russian and Soviet agronomist": past the coordinated adjectives too)
    k = next((j for j, w in enumerate(words) if w[:1].islower() and not (w in ("and", "or") and j + 1 < len(words)
                                                                          and words[j + 1][:1].isupper())), 0)
    if not k:
        return obj
    cut = obj[2].index(words[k])
    return (obj[0] + cut, obj[1], obj[2][cut:])


def places_of(tree: ParseTree, i: int, frame: Frame, clause: set[int], places: list[Mention]):
    out = []
    # the parser often hangs "in Zurich" from the object ("studied medicine in Zurich") or from
    # the family one was born into ("born into a merchant family in the city of Cherkassy")
    holders = [i] + tree.kids(i, "dobj") + tree.kids(i, "attr") * (frame.needs == "trade") + [o for p in tree.kids(i, "prep") if tree.word(p).lower() in ("into", "to")
                                            for o in tree.kids(p, "pobj")]
    # "a teacher there and in Toulouse": a preposition coordinated with an adverb of place
    preps = [p for h in holders for p in tree.kids(h, "prep")] + [
        c for h in holders for a in tree.kids(h, "advmod") if tree.word(a).lower() in ("there", "here")
        for c in tree.kids(a, "conj")] + [c for c in tree.kids(i, "conj") if tree.word(c).lower() in frame.places
                                          and tree.kids(c, "pobj")]
    for prep in preps:
        if tree.word(prep).lower() not in frame.places:
            continue
        for pobj in with_conjuncts(tree, tree.kids(prep, "pobj")):
            if mention_over(tree, pobj, tree.dates):
                continue  # "in July 1937": a date, not a place
            if frame.needs == "custody":  # the place is the prison or camp itself, named as written
                span = phrase_at(tree, pobj)
                if span and object_fits(frame, span[2]):
                    out.append(span)
                continue
            if tree.word(pobj).lower() in _SETTLEMENTS:  # "in the city of Cherkassy"
                pobj = next((o for p in tree.kids(pobj, "prep") if tree.word(p).lower() == "of"
                             for o in tree.kids(p, "pobj")), pobj)
            span = mention_over(tree, pobj, places) or (None if frame.named_place or tree.word(pobj).lower()
                                                        in _EVENT_NOUNS else proper_span(tree, pobj) or
                                                        _named_site(tree, pobj))
            if span and span not in places and (object_fits(_A_PARTY, span[2]) or object_fits(_A_BODY, span[2])
                                                or object_fits(_A_SCHOOL, span[2])):
                continue  # "went over to the Bolsheviks", "studied law at the University of X": not places
            if span and span[2].startswith(("the ", "The ")):
                span = (span[0] + 4, span[1], span[2][4:])  # NER's "the Kremlin Wall": the name
            if span and span not in out:
                out.append(span)
    if not out and frame.places and frame.property not in ("employment", "imprisonment") and \
            (head := _where_of(tree, i)) is not None:
        # "she moved to Lund, where she died": the place the relative clause hangs from (one NER
        # took for a place, or a name one went to or was in: not "the camps of the Gulag, where")
        located = tree.dep(head) == "pobj" and tree.word(tree.tokens[head].head).lower() != "of"
        span = mention_over(tree, head, places) or (proper_span(tree, head) if located else None)
        if span and not (object_fits(_A_PARTY, span[2]) or object_fits(_A_BODY, span[2])
                         or object_fits(_A_SCHOOL, span[2])):
            out.append(span)
    return tuple(out)


def _where_of(tree: ParseTree, i: int) -> int | None:
    """The noun a "where" clause of trigger i hangs from ("Lund, where she died")."""
    if tree.dep(i) != "relcl" or not any(tree.word(a).lower() == "where" for a in tree.kids(i, "advmod")):
        return None
    head = tree.tokens[i].head
    return None if head == i else head


# properties where coordinated places are several facts ("lived in Berlin, Paris and Stockholm");
# elsewhere the first place is the event's, the others name where it lies ("Tver, Russia")
EACH_PLACE = {"residence", "emigration", "exile", "education"}


_A_PARTY = Frame("place-check", "party", (), needs="party")
_A_BODY = Frame("place-check", "membership", (), needs="body")
_A_SCHOOL = Frame("place-check", "education", (), needs="institution")
_A_COURT = Frame("object-check", "trial", (), needs="court")  # "tried by the Military Collegium"
# "at the Trial of the Twenty-One", "at the Tenth Congress": when, not where
_EVENT_NOUNS = {"trial", "trials", "congress", "conference", "plenum", "session", "meeting", "revolution", "war",
                "uprising", "rising", "election", "elections", "process", "purge", "affair", "funeral"}


# "at the Kommunarka shooting ground", "in the Novodevichy cemetery": a site named by a common
# noun after its proper name
_SITES = {"ground", "grounds", "range", "cemetery", "graveyard", "churchyard", "necropolis", "monastery", "convent",
          "prison", "jail", "camp", "fortress", "hospital", "asylum", "sanatorium", "penitentiary", "isolator"}


def _named_site(tree: ParseTree, i: int):
    if tree.word(i).lower() not in _SITES:
        return None
    parts = [i] + tree.kids(i, "compound", "amod")
    if not any(tree.word(p)[:1].isupper() for p in parts if p != i):
        return None
    s, e = min(tree.tokens[p].start for p in parts), tree.tokens[i].end
    return (s, e, tree.text[s:e])


_SETTLEMENTS = {"city", "town", "village", "hamlet", "settlement", "shtetl", "port", "province", "district",
                "region", "county", "parish", "estate"}


def object_of(tree: ParseTree, i: int, frame: Frame, clause: set[int], occ: list[Occurrence]):
    return next(objects_of(tree, i, frame, occ), None)


def objects_of(tree: ParseTree, i: int, frame: Frame, occ: list[Occurrence]):
    """The phrases that fit the frame's object, in the order of its ways to find one."""
    if not frame.object:
        return
    heads, by_heads = [], set()
    for how in frame.object:
        if how in ("dobj", "attr", "oprd"):
            # "a Russian revolutionary, metalworker, and trade union leader": each coordinated noun
            # (and "commanded a brigade and later the 25th Rifle Division": each body headed)
            # (not '"Soviet House" or "Russia House"': one body under two names)
            each = how == "attr" or (how == "dobj" and frame.needs == "named" and not any(
                tree.word(c).lower() == "or" for d in tree.kids(i, how) for c in tree.kids(d, "cc")))
            heads += with_conjuncts(tree, tree.kids(i, how)) if each else tree.kids(i, how)
            if how == "oprd" and (opening_participle(tree, i) or terse_line(tree)):
                heads += tree.kids(i, "dobj")  # "Appointed chairman in 1921, he": not an object but a role
            if how == "dobj" and tree.dep(i) == "relcl" and any(tree.word(k).lower() in ("which", "that")
                                                               for k in tree.kids(i, "dobj")):
                heads.append(tree.tokens[i].head)  # "the school, which he directed": the school
        elif how == "member-of":  # "became a member of the party": the body, not the word member
            # (and "was elected a member of the Academy", where the parser says oprd or dobj)
            for attr in tree.kids(i, "attr", "oprd", "dobj"):
                if tree.word(attr).lower() == "member":
                    heads += [o for p in tree.kids(attr, "prep") if tree.word(p).lower() == "of"
                              for o in tree.kids(p, "pobj")]
        else:  # a preposition: "as", "to", "from", "at"
            # "graduated as a doctor from X": the parser hangs "from X" from the doctor
            as_objects = [o for p in tree.kids(i, "prep") if tree.word(p).lower() == "as" and how != "as"
                          for o in tree.kids(p, "pobj")]
            # "took up work as a corset maker": the "as" may hang from the work itself
            work = [p for d in tree.kids(i, "dobj") if tree.word(d).lower() in WORK_NOUNS | COMMAND_NOUNS
                    for p in tree.kids(d, "prep")]
            if frame.needs == "institution":  # "studied law at Kazan University": "at" may hang from the law
                work += [p for d in tree.kids(i, "dobj") for p in tree.kids(d, "prep")]
            if how == "to":  # "was promoted to ambassador": the parser may read "to ambassador" as a verb's
                heads += [x for x in tree.kids(i, "xcomp") if [tree.word(a).lower() for a in tree.kids(x, "aux")] == ["to"]
                          and not tree.kids(x, "auxpass")]  # (not "sentenced to be shot": a verb)
            # ("by" after a passive is the parser's agent: "tried by the Military Collegium")
            for prep in tree.kids(i, "prep", "agent") + work + [p for o in as_objects for p in tree.kids(o, "prep")]:
                if tree.word(prep).lower() == how:
                    # ("educated at the Tula Realschule and the Riga Polytechnic": each school)
                    heads += with_conjuncts(tree, tree.kids(prep, "pobj")) if frame.needs == "institution" \
                        else tree.kids(prep, "pobj")
                    if how == "by":
                        by_heads.update(tree.kids(prep, "pobj"))
                    # "as a nurse, as a masseuse and as a seamstress": each coordinated "as"
                    heads += [o for c in tree.kids(prep, "conj") if tree.word(c).lower() == how
                              for o in tree.kids(c, "pobj")]
    if not heads and frame.needs == "institution" and (where := _where_of(tree, i)) is not None:
        heads.append(where)  # "Uppsala University, where she took her doctorate in 1898"
    for h in heads:
        if mention_over(tree, h, tree.dates):
            continue  # "participated in August 1912": a date, not what one took part in
        if frame.person_object:  # ("married the engineer Ivan Gorsky": the name beside the noun)
            found = person_at(tree, h, occ) or next(
                (p for p in (person_at(tree, a, occ) for a in tree.kids(h, "appos")) if p is not None), None)
            if found is not None and found.key != "":
                yield (found.start, found.end, found.text)
            continue
        if frame.needs == "discipline" and tree.kids(h, "det", "poss"):
            continue  # "studied the works of ...", "studied his notes": not a subject of study
        phrase = phrase_at(tree, h)
        if phrase and re.match(r"(?i)(?:neither|no|none|nor)\b", phrase[2]):
            continue  # "sided at first with neither faction": nothing was joined
        if phrase and frame.needs == "office-of" and " of " not in phrase[2]:
            phrase = _with_school(tree, h, phrase)
        if phrase and frame.needs == "named" and not object_fits(frame, phrase[2]):
            phrase = _with_school(tree, i, _with_school(tree, h, phrase))  # "headed the department of X at Y"
        if phrase and frame.needs == "held-office" and object_fits(frame, phrase[2]):
            phrase = _held_office(tree, i, h, phrase)
        if phrase and object_fits(_A_COURT if h in by_heads and frame.needs == "charge" else frame, phrase[2]):
            yield phrase
            continue
        # "founded the socialist paper, L'Humanité": the name in apposition is the object
        for a in tree.kids(h, "appos"):
            phrase = phrase_at(tree, a)
            if phrase and object_fits(frame, phrase[2]):
                yield phrase
                break




def _with_school(tree: ParseTree, h: int, phrase):
    """"professor at Kazan University": the office with the school it is held at (which a noun
    phrase leaves out, as it leaves out any "at" place)."""
    for p in tree.kids(h, "prep"):
        if tree.word(p).lower() == "at" and tree.tokens[p].start >= phrase[1]:
            school = next((x for x in map(lambda o: phrase_at(tree, o), tree.kids(p, "pobj")) if x), None)
            if school and _INSTITUTION.search(school[2]):
                return phrase[0], school[1], tree.text[phrase[0]:school[1]]
    return phrase


def _held_office(tree: ParseTree, i: int, h: int, phrase):
    """"held the post of rector of X": the office (rector of X); "held the chair of geology at the
    Mining Academy": the chair with its school (the parser hangs the "at" from the verb)."""
    s, e, text = _with_school(tree, i, _with_school(tree, h, phrase))
    if (m := HELD_OFFICE.match(text)) and not text[:5].lower() == "chair":
        s, text = s + m.end(), text[m.end():]
    return s, e, text


def each_degree(tree: ParseTree, i: int, event):
    """"received a B.A. from Columbia in 1904 and a law degree from NYU in 1907": one degree
    per object, each with its own school and the date after it (None when the verb has one)."""
    def is_degree(d):
        return tree.word(d).lower() in DEGREE_NOUNS or tree.word(d).rstrip(".").replace(".", "").isupper()
    degrees = sorted({d for d in with_conjuncts(tree, tree.kids(i, "dobj")) + tree.kids(i, "conj") if is_degree(d)})
    if len(degrees) < 2:
        return None
    out = []
    for n, d in enumerate(degrees):
        last = degrees[n + 1] if n + 1 < len(degrees) else len(tree.tokens)
        lo, hi = tree.tokens[d].start, tree.tokens[last].start if last < len(tree.tokens) else len(tree.text)
        # its "from" hangs from the degree or, the parser being unsure, from the verb
        school = next((phrase_at(tree, o) for p in sorted(tree.kids(d, "prep") + tree.kids(i, "prep"))
                       if d < p < last and tree.word(p).lower() in ("from", "at") for o in tree.kids(p, "pobj")), None)
        if school is None or not _INSTITUTION.search(school[2]):
            continue
        when = next((m for m in tree.dates if lo <= m.start < hi and m.date), None)
        out.append(replace(event, object=school, until=when, date=None, begin=None,
                           start=min(lo, event.start), end=max(school[1], when.end if when else 0)))
    return out or None
