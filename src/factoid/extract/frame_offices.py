"""Offices, memberships and studies with no verb of their own: a terse CV's verbless line ("Member
of the Central Committee, 1921."), an office after "as" ("As general secretary of X (1919–26) he
...", "served later as deputy commissar") and a school one was a student at ("While a student at
Kiev University he ..."). frames.py calls each on each parsed sentence."""
from __future__ import annotations

from .frame_holder import SUBJECT, SUBJECT_LABELS, holder_of, person_at
from .frame_table import AS_MEMBER, AS_OFFICE, AS_STUDENT, FRAMES_BY_WORD, STUDENT_NOUNS, object_fits
from .frame_time import opened_or_closed, time_of
from .grammar import Event, Occurrence
from .parse_tree import ParseTree, phrase_at


def cv_noun(tree: ParseTree, stop: set[int]) -> list[Event]:
    """A terse CV's verbless sentence: "Member of the Central Committee, 1921.", "Minister for
    Heavy Industry, 1930.", "Political commissar in the Red Army, 1918-1920." (no subject
    anywhere: the document's subject)."""
    # the head noun opens the line, after its adjectives and an opening phrase at most
    # ("Political commissar", "During the Civil War, political commissar")
    root = next((k for k in range(len(tree.tokens)) if tree.dep(k) == "ROOT"), None)
    opening = set()
    if root is not None:
        opening = {k for p in tree.kids(root, "prep") if p < root for k in tree.subtree(p)}
        opening |= {k for k in tree.kids(root, "amod", "compound", "punct") if k < root}
    if root is None or any(k not in opening for k in range(root)) or \
            not tree.word(0)[:1].isupper() or len(tree.tokens) > 25 or any(
            t.dep in SUBJECT_LABELS or tree.text[t.start:t.end] in (";", "|") for t in tree.tokens):
        return []  # a short line with no subject, not a menu ("Officers; Our Mission; ...")
    head = tree.word(root).lower()
    if head not in ("member", "members") and not object_fits(AS_OFFICE, tree.word(root)):
        return []
    if head in ("member", "members"):
        body = next((o for p in tree.kids(root, "prep") if tree.word(p).lower() == "of"
                     for o in tree.kids(p, "pobj")), None)
        phrase = phrase_at(tree, body) if body is not None else None
        frame = next((f for f in FRAMES_BY_WORD["became"] if f.name == "became-member" and phrase
                      and object_fits(f, phrase[2])), None) or AS_MEMBER
        prop = frame.property
    else:
        phrase = phrase_at(tree, root)
        frame, prop = AS_OFFICE, "position"
    if not phrase or not object_fits(frame, phrase[2]) or len(phrase[2].split()) < 2 and prop != "party":
        return []  # (a party may be one word: "Member of the RSDLP(b) since 1912")
    date, begin, until = time_of(tree, root, frame, tree.subtree(root), stop)
    if not (date or begin or until):
        return []
    if prop == "position" and date:  # "Minister for Heavy Industry, 1930": the year the term opened
        date, begin = None, date
    ends = [m.end for m in (date, begin, until) if m]
    return [Event(prop, None, date, (), tree.tokens[0].start, max([phrase[1], *ends]), "frame.cv-noun",
                  0.7, object=phrase, begin=begin, until=until)]


_AS_LINKS = {"as", "later", "then", "also", "afterwards", "subsequently", "finally", "again"}


def as_offices(tree: ParseTree, occ: list[Occurrence], stop: set[int]) -> list[Event]:
    """"As general secretary of X (1919–26) he ...", "served later as deputy commissar (1931–37)":
    the office of the clause's person, dated by the office's own parenthesis, else by the clause."""
    out = []
    for i in range(len(tree.tokens)):
        if tree.word(i).lower() != "as" or tree.dep(i) not in ("prep", "conj"):
            continue
        head = tree.tokens[i].head
        # "served as X, as Y and (later) as Z": a coordinated "as" hangs from the first one or
        # from an adverb; the clause's head is the verb above them
        while head != tree.tokens[head].head and (tree.word(head).lower() in _AS_LINKS or tree.dep(head) == "advmod"):
            head = tree.tokens[head].head
        if tree.dep(i) == "conj" and tree.word(head).lower() in _AS_LINKS:
            continue
        if head == i or tree.word(head).lower() in ("such", "well", "work", "works", "worked", "working"):
            continue  # "worked as the chief engineer": a trade (frame worked-as), not an office
        for pobj in tree.kids(i, "pobj"):
            phrase = phrase_at(tree, pobj)
            if not phrase or not object_fits(AS_OFFICE, phrase[2]) or not tree.word(pobj)[:1].isalpha():
                continue
            holder = holder_of(tree, head, occ)
            if holder is None:
                continue
            inside = tree.subtree(pobj)
            time = next(((None, f, s2) for whole, f, s2 in tree.ranges
                         if tree.attachment(whole.start, whole.end) in inside), None)
            if time is None:
                date = next((d for d in tree.dates if d.date and tree.attachment(d.start, d.end) in inside), None)
                opened = date and opened_or_closed(tree, date)  # "as assistant ... after 1934"
                time = ((None, date, None) if opened == "start" else (None, None, date) if opened == "end"
                        else (date, None, None)) if date else time_of(tree, head, AS_OFFICE, tree.clause(head, stop), stop)
            date, begin, until = time
            if date is not None and tree.word(head).lower() in _SUCCEEDED:
                date, begin = None, date  # "succeeded Kamenev as chairman on 21 November 1917": took office
            parts = [tree.tokens[i].start, phrase[1]] + [m.end for m in (date, begin, until) if m]
            out.append(Event("position", None if holder is SUBJECT else holder, date, (), min(parts), max(parts),
                             "frame.as-office",
                             AS_OFFICE.confidence, object=phrase, begin=begin, until=until))
    return out


_SUCCEEDED = {"succeeded", "replaced", "succeeds", "replaces", "followed"}


def as_students(tree: ParseTree, occ: list[Occurrence], stop: set[int]) -> list[Event]:
    """"He was a student at the Tula gymnasium (1890-1898)", "While still a student at Kiev
    University he joined ...", "As a pupil of the Moscow Conservatory, she ...", "Orlov, then a
    student at the Sorbonne, ...": the school of the clause's person. Dated by the clause when the
    student is what the clause says ("was a student"), else only by a date inside the phrase."""
    out = []
    for i in range(len(tree.tokens)):
        if tree.word(i).lower() not in STUDENT_NOUNS or tree.kids(i, "poss"):
            continue  # ("his students", "Pavlov's pupil": someone else's)
        dep, head = tree.dep(i), tree.tokens[i].head
        school = next((phrase for p in tree.kids(i, "prep") if tree.word(p).lower() in AS_STUDENT.object
                       for o in tree.kids(p, "pobj") if (phrase := phrase_at(tree, o))
                       and object_fits(AS_STUDENT, phrase[2]) and " " in phrase[2]), None)  # (not "at school")
        if school is None or head == i:
            continue
        if dep in ("attr", "oprd"):  # "was a student at", "became a pupil of"
            verb, own = head, True
        elif dep == "advcl" or (dep == "pobj" and tree.word(head).lower() == "as"):
            verb, own = (head if dep == "advcl" else tree.tokens[head].head), False
        elif dep == "appos":  # "Orlov, then a student at X, joined": the name it stands beside
            holder = person_at(tree, head, occ)
            verb, own = None, False
        else:
            continue
        if verb is not None:
            holder = holder_of(tree, verb, occ)
        if holder is None:
            continue
        inside = tree.subtree(i)
        if own:
            date, begin, until = time_of(tree, verb, AS_STUDENT, tree.clause(verb, stop), stop)
        else:
            date = next((d for d in tree.dates if d.date and tree.attachment(d.start, d.end) in inside), None)
            begin = until = None
        ends = [m.end for m in (date, begin, until) if m]
        starts = [m.start for m in (date, begin, until) if m]
        out.append(Event("education", None if holder is SUBJECT else holder, date, (),
                         min([tree.tokens[min(inside)].start, *starts]), max([school[1], *ends]), "frame.as-student",
                         AS_STUDENT.confidence, object=school, begin=begin, until=until))
    return out
