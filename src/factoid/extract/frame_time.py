"""When a frame's event happened: the date inside the trigger's own clause (or the clause of the
verb it is coordinated with), a date set right before the verb, a when-clause's date; and whether
that date opens a state ("from 1905"), closes it ("until 1917") or dates a point in time. Only
the tree is walked: which frames take a start or an end is the frame table's `timing`."""
from __future__ import annotations

import re

from .frame_table import MONTH_DAY, Frame
from .grammar import repeated_after_and
from .parse_tree import ParseTree


def time_of(tree: ParseTree, i: int, frame: Frame, clause: set[int], stop: set[int]):
    """The trigger's date (or span of time) from its own clause; a coordinated verb without
    one takes its first conjunct's ("In 1937 he was arrested and shot")."""
    purpose = list(_purpose_head(tree, i, stop))
    # "began working in Sormovo factories", "decided to study": the time opens what follows
    opens = frame.property not in _POINTS and (bool(purpose) or any(
        tree.word(k).lower() in _BEGIN for k in tree.kids(i, "aux")) or _lemma_of_head_begins(tree, i))
    if (d := _date_just_before(tree, i)) is not None:
        timing = "start" if opens and frame.timing == "date" else frame.timing
        if timing == "date" and frame.property not in _POINTS:  # "from 1922 worked for Pravda"
            timing = opened_or_closed(tree, d) or timing
        return (None, d, None) if timing == "start" else (None, None, d) if timing == "end" else (d, None, None)
    for root, own in ((i, clause), *_conj_heads(tree, i, stop), *purpose):
        found = [(whole.start, None, first, second) for whole, first, second in tree.ranges
                 if _hangs_from(tree, tree.attachment(whole.start, whole.end), root, own)]
        found += [(d.start, d, None, None) for d in tree.dates
                  if _hangs_from(tree, tree.attachment(d.start, d.end), root, own)
                  and not _SECOND_OF_TWO.search(tree.text, max(0, d.start - 12), d.start)
                  and not _ONE_OF_TWO.match(tree.text, d.end)
                  and not any(s <= d.start < e.end for s, _, _, e in found if e)]
        if found:  # the first time the clause gives ("in Petersburg, 1912, in prison, 1912-1915")
            _, d, first, second = min(found, key=lambda x: x[0])
            if first:
                return None, first, second
            if d.date is None:
                return None, None, None  # a date of its own we cannot read: borrow none
            timing = frame.timing if frame.timing != "date" or frame.property in _POINTS else \
                (opened_or_closed(tree, d) or ("start" if opens else "date"))
            if timing == "start":
                return None, d, None
            if timing == "end":
                return None, None, d
            return d, None, None
        if root == i and _yearless_date(tree, own):
            return None, None, None
    if (seen := saw_time(tree, i)) is not None:
        return seen, None, None
    return _when_clause(tree, i, frame, stop)


# "May 1917 saw her arrive in Moscow", "the spring of 1931 saw him exiled": the time is the subject
SAW = {"saw", "sees", "see", "witnessed"}


def saw_time(tree: ParseTree, i: int):
    """The date that is the subject of the "saw" the trigger's clause hangs from, if any."""
    head = tree.tokens[i].head
    if tree.dep(i) not in ("ccomp", "xcomp") or head == i or tree.word(head).lower() not in SAW:
        return None
    subject = {k for s in tree.kids(head, "nsubj") for k in tree.subtree(s)}
    return next((d for d in tree.dates if d.date and tree.attachment(d.start, d.end) in subject), None)


# "the Purge of 1937 to 1939": the second year of a span is never a date of its own
_SECOND_OF_TWO = re.compile(r"\d{4}\s*(?:to|or|[-–—])\s*$")
# "uncertain whether her death occurred in 1937 or 1941": neither year is the date
_ONE_OF_TWO = re.compile(r",?\s+or\b(?!\s+(?:so|thereabouts|later|earlier)\b)")


# events of a day, which no "from" opens
_POINTS = frozenset({"birth", "death", "arrest", "trial", "sentence", "execution", "burial", "rehabilitation",
                     "emigration", "founded"})


def opened_or_closed(tree: ParseTree, d) -> str | None:
    """"From 1898 he worked at the factory": a date after "from", "since" or "after" opens what
    the verb tells, one after "until" closes it."""
    word = tree.text[:d.start].rstrip().rsplit(None, 1)[-1:]
    word = word[0].lower() if word else ""
    if word in ("in", "on") and _UNTIL_EVENT.search(tree.text, max(0, d.start - 60), d.start):
        return "end"  # "held the chair until his retirement in 1934"
    return "start" if word in ("from", "since", "after") else "end" if word in ("until", "till") else None


# an event that ended a state, with its date: "until his retirement in 1934", "till her arrest in 1937"
_UNTIL_EVENT = re.compile(r"\b(?:until|till)\s+(?:his|her|their|the)\s+(?:[a-z]+\s+)?(?:retirement|death|arrest|"
                          r"resignation|dismissal|removal|exile|emigration|departure|expulsion|execution|"
                          r"dissolution|abolition|closure)\s+(?:in|on)\s*$")


def _date_just_before(tree: ParseTree, i: int):
    """"in 1901 joined the RSDLP, from 1903 became a Bolshevik": a date set right before a verb
    dates it, wherever the parser hung it (here on the first verb, whose date it would take)."""
    if i == 0:
        return None
    before = tree.text[:tree.tokens[i].start].rstrip(" ,")
    d = next((d for d in tree.dates if d.date is not None and d.end == len(before)), None)
    if d is not None and tree.text[d.end:tree.tokens[i].start].strip() == "," and _in_relative(tree, d):
        return None  # "X, a poet who was expelled in 1969, died ...": the relative clause's date
    return d


def _in_relative(tree: ParseTree, d) -> bool:
    k = tree.attachment(d.start, d.end)
    seen = set()
    while k is not None and k not in seen:
        seen.add(k)
        if tree.dep(k) == "relcl":
            return True
        head = tree.tokens[k].head
        k = None if head == k else head
    return False


def _when_clause(tree: ParseTree, i: int, frame: Frame, stop: set[int]):
    """"He was in Siberian exile when the February Revolution began in 1917": a when-clause
    with a date of its own dates the clause it hangs from."""
    for c in tree.kids(i, "advcl"):
        if not any(tree.word(k).lower() in ("when", "while") for k in tree.kids(c, "advmod", "mark")):
            continue
        own = tree.clause(c, stop)
        found = [d for d in tree.dates if d.date is not None
                 and _hangs_from(tree, tree.attachment(d.start, d.end), c, own)]
        if found:
            d = min(found, key=lambda d: d.start)
            return (None, d, None) if frame.timing == "start" else (None, None, d) if frame.timing == "end" else (d, None, None)
    return None, None, None


# nouns a date may hang from and still date the verb: "in the spring of 1917"
_TIME_NOUNS = {"spring", "summer", "autumn", "fall", "winter", "end", "beginning", "start", "middle", "year",
               "years", "month", "months", "early", "late", "course", "time", "age", "period", "days"}


def _hangs_from(tree: ParseTree, at: int | None, root: int, own: set[int]) -> bool:
    """A date dates the trigger when it hangs from it through prepositions (and time nouns)
    only: "in July 1937" does, "after Kirov's murder in December 1934" and "the Purge of 1937"
    date the nouns they hang from."""
    if at is None or at not in own:
        return False
    i = at
    bracketed = False
    while i != root:
        head = tree.tokens[i].head
        if head == i:
            return False
        # "Arrested in Petersburg, 1912": a date set beside the place by a comma
        # (not "under Danielssen (1815-1894)": a bracketed date is the life of the name before it)
        beside = i == at and tree.dep(i) in ("appos", "npadvmod", "nummod") and tree.dep(head) == "pobj" \
            and (tree.text[:tree.tokens[i].start].rstrip()[-1:] != "(" or _lone_year(tree, i))
        # a lone bracketed year closes the whole phrase ("from the Faculty of Law (1897)")
        bracketed = bracketed or beside and tree.text[:tree.tokens[i].start].rstrip()[-1:] == "("
        # (the parser may hang "in the next year" from the verb's auxiliary: "was re-elected")
        # "taught at a gymnasium from 1895 to 1910": a span the parser hung from the verb's
        # object dates the verb (a noun takes "of 1905", not "from 1895 to 1910")
        spans = i == at and tree.word(i).lower() in ("from", "since", "until", "till") \
            and tree.dep(head) in ("pobj", "dobj", "attr", "conj")
        if head != root and tree.dep(head) not in ("prep", "aux", "auxpass") and not spans \
                and tree.word(head).lower() not in _TIME_NOUNS and not beside \
                and not (bracketed and tree.dep(head) == "pobj") and not _after_named_year(tree, at, i, head) \
                and not _ending_event(tree, head):
            return False
        i = head
    return True


def _ending_event(tree: ParseTree, k: int) -> bool:
    """"until his retirement in 1934": the noun's date is when the verb's state ended."""
    up = tree.tokens[k].head
    return tree.dep(k) == "pobj" and tree.word(up).lower() in ("until", "till") and \
        _UNTIL_EVENT.search(tree.text, max(0, tree.tokens[up].start - 1), tree.tokens[k].end + 4) is not None


def _lone_year(tree: ParseTree, i: int) -> bool:
    """"graduated from the Law Faculty (1897)": a year alone in brackets dates the clause (two
    years in brackets after a name are a life, and a range is read as one)."""
    t = tree.tokens[i]
    return tree.word(i).isdigit() and len(tree.word(i)) == 4 and tree.text[t.end:].lstrip()[:1] == ")"


def _after_named_year(tree: ParseTree, at: int, i: int, head: int) -> bool:
    """"After the February Revolution of 1917, he returned": a year that names the event the
    clause follows dates the clause too (a year only: "after Kirov's murder in December 1934"
    dates the murder, and the arrest that followed may fall in the next month)."""
    above = tree.tokens[head].head
    return (tree.word(i).lower() == "of" and tree.dep(head) == "pobj" and above != head
            and tree.word(above).lower() in ("after", "following") and tree.word(at).isdigit())


def _yearless_date(tree: ParseTree, own: set[int]) -> bool:
    """"... and sentenced to death on 25 November": a day of its own, without its year."""
    words = " ".join(tree.word(k) for k in sorted(own))
    return MONTH_DAY.search(words) is not None


_BEGIN = frozenset({"began", "begin", "begins", "beginning", "begun", "started", "start", "starts", "starting"})


def _lemma_of_head_begins(tree: ParseTree, i: int) -> bool:
    head = tree.tokens[i].head
    return head != i and tree.dep(i) in ("xcomp", "dobj") and tree.word(head).lower() in _BEGIN


def _purpose_head(tree: ParseTree, i: int, stop: set[int]):
    """"In 1872 she decided to study medicine", "In 1891 she joined her sister to study in
    Paris": an infinitive takes the time of the verb it completes."""
    head = tree.tokens[i].head
    if head != i and (tree.dep(i) == "xcomp" or tree.dep(i) == "advcl" and any(
            tree.word(a).lower() == "to" for a in tree.kids(i, "aux"))):
        yield head, tree.clause(head, stop | {i})


_COPULAS = frozenset({"is", "was", "are", "were", "be", "been"})


def _conj_heads(tree: ParseTree, i: int, stop: set[int]):
    head = tree.tokens[i].head
    # "was born on 7 November 1867 in Warsaw, is a physicist": a state borrows no event's date
    copula = tree.word(i).lower() in _COPULAS or tree.word(i).lower() == "buried"  # (a burial is days after the death)
    while tree.dep(i) == "conj" and head != i and not (copula and tree.word(head).lower() not in _COPULAS):
        yield head, tree.clause(head, stop | {i})
        i, head = head, tree.tokens[head].head


def repeated_untimed(tree: ParseTree, i: int, time):
    """A repeated event borrows no date from the verb it is coordinated with (grammar.py)."""
    date, begin, until = time
    t = tree.tokens[i]
    if date is not None and date.end <= t.start and repeated_after_and(tree.text, date.end, t.start, t.end,
                                                                       len(tree.text)):
        return None, begin, until
    return time
