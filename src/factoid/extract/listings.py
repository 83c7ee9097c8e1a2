"""Facts from two listing layouts that are no prose and no flattened infobox:
- a template's parameters dumped as lines, "- Birth Place: Moscow", "- Office1: Minister of X",
  "- Term Start1: 5 January 1932" (numbered keys group an office with its term);
- a dated curriculum vitae, each line or sentence opening with its date or span of years:
  "1881-1888 conductor of the Philharmonic Society. 1884 founder of ...", or with its time and a
  dash, as encyclopedias translated from Russian write it: "In 1930-1936 - People's Commissar of
  Posts", "Since 1903 - Bolshevik", "After the revolution - chairman of X (1917)".
Both speak of the document's subject: the parameters in raw offsets, as infobox hints are (the
cleaner may drop or join their lines), the CV entries as events in clean-text offsets."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..model import Document, Mention
from .grammar import Event
from .hints import KIN_PROPERTIES, HintFact, without_life_years
from .roles import OFFICES, _INSTITUTION
from .context import Context

_KEY_LINE = re.compile(r"(?m)^[ \t]*(?:[-*•|][ \t]*)?(?P<key>[A-Za-z][A-Za-z _]{1,30}?)[ _]?(?P<n>\d{0,2})[ \t]*"
                       r"(?:[:=]|\|(?=.*\|[ \t]*$))[ \t]*(?P<value>[^\n|]{1,300}?)[ \t|]*$")
_NEXT_SENTENCE = re.compile(r"(?<=[a-z)])\.\s+(?=[A-Z])")
# template keys as people write them, and what they give
_KEYS = {
    "birth name": ("alias", "object"), "native name": ("alias", "object"), "other names": ("alias", "object"),
    "birth place": ("birth", "place"), "place of birth": ("birth", "place"), "born place": ("birth", "place"),
    "died place": ("death", "place"),
    "birth date": ("birth", "date"), "date of birth": ("birth", "date"),
    "death place": ("death", "place"), "place of death": ("death", "place"),
    "death date": ("death", "date"), "date of death": ("death", "date"),
    "resting place": ("burial", "place"), "burial place": ("burial", "place"),
    "party": ("party", "object"), "political party": ("party", "object"),
    "spouse": ("spouse", "object"), "spouses": ("spouse", "object"),
    "children": ("child", "object"), "alma mater": ("education", "object"), "education": ("education", "object"),
    "nationality": ("nationality", "object"), "rank": ("position", "object"),
    "office": ("position", "office"), "term start": ("position", "start"), "term end": ("position", "end"),
    # a memorial list's or a register's fields, as their English pages write them
    "year of birth": ("birth", "date"), "born": ("birth", "date"), "died": ("death", "date"),
    "date of arrest": ("arrest", "date"), "arrest date": ("arrest", "date"), "arrested": ("arrest", "date"),
    "date of sentence": ("sentence", "date"), "date of conviction": ("sentence", "date"),
    "sentenced": ("sentence", "date"), "convicted": ("sentence", "date"),
    "sentenced by": ("trial", "object"), "convicted by": ("trial", "object"), "sentencing body": ("trial", "object"),
    "sentence": ("sentence", "object"), "verdict": ("sentence", "object"), "penalty": ("sentence", "object"),
    "date of execution": ("execution", "date"), "executed": ("execution", "date"), "shot": ("execution", "date"),
    "place of execution": ("execution", "place"),
    "date of rehabilitation": ("rehabilitation", "date"), "rehabilitated": ("rehabilitation", "date"),
    "rehabilitated by": ("rehabilitation", "object"), "rehabilitating body": ("rehabilitation", "object"),
    "place of burial": ("burial", "place"), "buried": ("burial", "place"), "grave": ("burial", "place"),
    "grave location": ("burial", "place"),
    "ethnicity": ("nationality", "object"), "citizenship": ("nationality", "object"),
    "party membership": ("party", "object"), "party affiliation": ("party", "object"),
    "place of residence": ("residence", "place"), "residence": ("residence", "place"),
    "occupation": ("employment", "object"), "profession": ("employment", "object"),
    "place of work": ("employment", "object"), "position": ("position", "object"),
    "pseudonym": ("alias", "object"), "real name": ("alias", "object"), "also known as": ("alias", "object"),
    # a family tree site's profile: "Birthdate: March 3, 1872", "Death: Died December 12, 1943 in Kazan"
    "birthdate": ("birth", "date"), "birthplace": ("birth", "place"), "birth": ("birth", "date"),
    "death": ("death", "date"), "deathdate": ("death", "date"), "burial": ("burial", "place"),
}
# a field that gives a second fact: "Sentenced by: Military Collegium ..., 2 November 1937" is a
# trial by that body and a sentence of that day
_ALSO_DATED = {"trial": "sentence"}
# a date field that may name its place after the date ("Born: 25 February 1881, Saratov")
_DATE_THEN_PLACE = {"birth", "death", "execution"}
_THEN_PLACE = re.compile(r"(?:[ \t]*[,;]|[ \t]+in)[ \t]*(?P<place>[A-Z][^,;(|\n]{1,60}?)[ \t]*(?:[,;(|]|$)")

_PLACE_HEAD = re.compile(r"[^,;(|]+")


def listing_events(ctx: Context) -> list[Event]:
    doc, dates, ranges = ctx.doc, ctx.dates, ctx.ranges
    return _cv_lines(doc, dates, ranges) + _dash_entries(doc, dates, ranges)


# an infobox the cleaner did not take for one: a label alone on its line ("Children",
# "Children |"), its values on the lines after it, up to the next label or a line of prose
_BLOCK_LABELS = {"spouse": "spouse", "spouse(s)": "spouse", "spouses": "spouse", "husband": "spouse",
                 "wife": "spouse", "children": "child", "parents": "parent", "residence": "residence",
                 "institutions": "employment", "alma mater": "education"}
_LABEL_LINE = re.compile(r"(?m)^[ \t]*(?P<label>[A-Z][A-Za-z() ]{2,20}?)[ \t]*(?:\|[ \t]*)?$")
_VALUE_LINE = re.compile(r"[ \t]*(?P<value>[^\n|]{1,80}?)[ \t]*(?:\|[ \t]*)?(?:\n|$)")
_ITEM = re.compile(r"[^·,;\n]+")
# other labels an infobox copied as text carries: a value never runs past one
_OTHER_LABELS = set(_BLOCK_LABELS) | {
    "born", "died", "resting place", "cause of death", "in office", "preceded by", "succeeded by", "partner",
    "nationality", "political party", "education", "profession", "notable works", "awards", "allegiance",
    "rank", "other names", "native name", "personal details",
    "signature", "citizenship", "sibling", "siblings", "doctoral advisor", "doctoral students", "known for",
    "notable awards", "fields", "website", "height", "weight", "family", "relatives", "occupation", "religion"}


def _label_blocks(raw: str) -> list[HintFact]:
    out: list[HintFact] = []
    for m in _LABEL_LINE.finditer(raw):
        prop = _BLOCK_LABELS.get(m.group("label").lower())
        if prop is None:
            continue
        pos = m.end() + 1
        for _ in range(4):  # a few value lines at most
            v = _VALUE_LINE.match(raw, pos)
            if v is None or not v.group("value").strip() or _LABEL_LINE.fullmatch(raw, v.start(), v.end()) \
                    and v.group("value").strip().lower() in _BLOCK_LABELS:
                break
            value = v.group("value")
            piped = "|" in raw[m.start():m.end()]
            if value.strip().lower() in _OTHER_LABELS or piped and "|" not in raw[v.start():v.end()]:
                break
            if len(value.split()) > 8 or value.strip().lower() in ("not available", "n/a", "none", "unknown"):
                break
            for item in _ITEM.finditer(value):
                name = re.sub(r"\s*\(.*$", "", item.group()).strip()
                if not name or not name[0].isupper():
                    continue
                at = v.start("value") + item.start() + item.group().find(name)
                fact = HintFact(prop, m.start(), at + len(name), evidence=[
                    ("place" if prop == "residence" else "object", at, at + len(name))])
                if prop == "residence":
                    fact.place = name
                else:
                    fact.object = name
                out.append(fact)
            pos = v.end()
    return out


# a family tree profile's relatives, one kind a line: "Daughter of X and Y", "Wife of Z"
_FAMILY_LINE = re.compile(r"(?m)(?:^|:)[ \t]*(?P<kin>Daughter|Son|Child|Wife|Husband|Widow|Widower|Mother|Father|"
                          r"Sister|Brother|Half-sister|Half-brother) of[ \t]+(?P<names>[^\n]{3,300}?)[ \t]*$")
_FAMILY_KIN = {"daughter": "parent", "son": "parent", "child": "parent", "wife": "spouse", "husband": "spouse",
               "widow": "spouse", "widower": "spouse", "mother": "child", "father": "child", "sister": "sibling",
               "brother": "sibling", "half-sister": "sibling", "half-brother": "sibling"}
_FAMILY_NAME = re.compile(r"[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z][\w'’.-]*|\([A-Z][\w'’.-]*\)))*")


def family_lines(ctx: Context) -> list[HintFact]:
    """The relatives a family tree profile lists (raw offsets: the cleaner joins the lines)."""
    out = []
    for m in _FAMILY_LINE.finditer(ctx.doc.raw, 0, min(len(ctx.doc.raw), 5000)):
        prop = _FAMILY_KIN[m.group("kin").lower()]
        for part in re.split(r",[ \t]*|[ \t]+and[ \t]+", m.group("names")):
            name = _FAMILY_NAME.match(part.strip())
            if name is None or len(name.group().split()) < 2:
                continue
            at = m.start("names") + m.group("names").find(part) + part.find(name.group())
            out.append(HintFact(prop, m.start("kin"), m.end("names"), object=name.group(),
                                evidence=[("object", at, at + len(name.group()))]))
    return out


def key_value_facts(ctx: Context) -> list[HintFact]:
    """The template parameters of the raw text (the cleaner may drop their lines as page
    furniture or join them into one paragraph), in raw offsets, as infobox facts are; and,
    where the cleaner found no infobox, label blocks ("Children" / "Irène · Ève")."""
    doc, find_dates, find_ranges = ctx.doc, ctx.find_dates, ctx.find_ranges
    if doc.statements:
        return []  # a reader already stated the template's fields, with their spans (a wiki dump)
    raw = doc.raw
    out: list[HintFact] = [] if doc.hints else _label_blocks(raw)
    offices: dict[str, dict] = {}
    for m in _KEY_LINE.finditer(raw):
        key = " ".join(m.group("key").replace("_", " ").lower().split())
        if key not in _KEYS:
            continue
        prop, field = _KEYS[key]
        vs = m.start("value")
        # "Sentence: death by shooting. Shot on 29 November 1937.": the field ends with its sentence
        value = _NEXT_SENTENCE.split(m.group("value"), 1)[0].rstrip().rstrip(";,.")
        if not value or value.lower().startswith(("position established", "position abolished", "none")):
            continue
        found = find_dates(value)
        date = found[0] if found else None
        if prop == "position":
            slot = offices.setdefault(m.group("n") or "0", {"lines": []})
            slot["lines"].append((m.start("key"), vs + len(value)))
            if field in ("office", "object"):
                slot["office"] = (vs, vs + len(value), value)
            elif date:
                slot[field] = (vs + date.start, vs + date.end, date.date)
            continue
        if field == "date":
            if date:
                fact = HintFact(prop, m.start("key"), vs + len(value), date=date.date,
                                evidence=[("date", vs + date.start, vs + date.end)])
                then = _THEN_PLACE.match(value, date.end) if prop in _DATE_THEN_PLACE else None
                if then:
                    fact.place = then.group("place").strip()
                    fact.evidence.append(("place", vs + then.start("place"), vs + then.start("place") + len(fact.place)))
                out.append(fact)
            continue
        lead = _MEMBER.match(value) if prop == "party" else None  # "member of the VKP(b)": the party
        head = _PLACE_HEAD.match(value, lead.end() if lead else 0)
        part = head.group().strip() if head else ""
        if date and part.endswith(value[date.start:date.end]):
            part = part[:-(date.end - date.start)].strip()  # "VKP 1919": the party, not its year
        if prop in KIN_PROPERTIES:
            part = without_life_years(part)
        # "Education: Janáček showed ...": prose, not a value (a court's name may run longer)
        if not part or len(part.split()) > (12 if prop in ("trial", "rehabilitation") else 8):
            continue
        at = vs + value.find(part)
        fact = HintFact(prop, m.start("key"), vs + len(value), evidence=[(field, at, at + len(part))])
        if field == "place":
            fact.place = part
        else:
            fact.object = part
        if date and prop in ("trial", "rehabilitation", "party", "employment", "position"):
            span = next((r for r in find_ranges(value) if r[0].start <= date.start < r[0].end), None)
            if span and prop != "trial":
                fact.begin, fact.until = span[1].date, span[2].date
            else:
                fact.date = date.date
            fact.evidence.append(("date", vs + date.start, vs + (span[0].end if span else date.end)))
        out.append(fact)
        if date and prop in _ALSO_DATED:
            out.append(HintFact(_ALSO_DATED[prop], m.start("key"), vs + len(value), date=date.date,
                                evidence=[("date", vs + date.start, vs + date.end)]))
    for slot in offices.values():
        if "office" not in slot:
            continue
        s, e, office = slot["office"]
        fact = HintFact("position", min(a for a, _ in slot["lines"]), max(b for _, b in slot["lines"]),
                        object=office, evidence=[("object", s, e)])
        for field, attr in (("start", "begin"), ("end", "until")):
            if field in slot:
                a, b, d = slot[field]
                setattr(fact, attr, d)
                fact.evidence.append((field, a, b))
        out.append(fact)
    return out


# a CV entry: a line, or a sentence after a full stop, that opens with a year or a span of years
_CV_START = re.compile(r"(?:^|(?<=\.)[ \t]+|(?<=\n))(?=(?:[Ff]rom[ \t]+)?\d{4}\b)")
_OFFICE_HEAD = re.compile(rf"(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:{OFFICES})s?\b", re.I)
_STUDY = re.compile(r"(?:study|studies|studied|student)\b", re.I)
_FOUNDER = re.compile(r"(?:co-?)?founder\s+of\s+(?:the\s+|a\s+)?", re.I)
_MEMBER = re.compile(r"(?:\w+\s+)?(?:full\s+|honorary\s+|corresponding\s+)?member\s+of\s+(?:the\s+)?", re.I)
_PROSE = re.compile(r"(?:he|she|they|it|we|i|his|her|their)\b", re.I)
_FROM_GAP = 12  # "From  " before an entry's date, with room for spaces
_ENTRY_END = re.compile(r"[.;\n]|,\s+(?:afterwards|then|and)\b")


def _cv_lines(doc: Document, dates: list[Mention], ranges) -> list[Event]:
    """Only where the document is such a list: three or more entries opening with a date."""
    text = doc.clean
    starts = [m.end() for m in _CV_START.finditer(text)]
    entries = []
    # an entry's time opens it, or follows its "From": only those starting this near are looked at
    ranges = sorted(ranges, key=lambda r: r[0].start)
    range_starts = [r[0].start for r in ranges]
    dates = sorted(dates, key=lambda d: d.start)
    date_starts = [d.start for d in dates]

    def near(items, keys, pos):
        return items[bisect_left(keys, pos):bisect_right(keys, pos + _FROM_GAP)]
    for pos in starts:
        time = next(((None, first, second) for whole, first, second in near(ranges, range_starts, pos)
                     if whole.start == pos or text[pos:whole.start].strip().lower() == "from"), None)
        if time is None:
            date = next((d for d in near(dates, date_starts, pos) if d.date and (
                d.start == pos or text[pos:d.start].strip().lower() == "from")), None)
            if date is None:
                continue
            # "From 1900 curator of ...": a term that opens then
            from_ = text[pos:date.start].strip().lower() == "from"
            time = (None, date, None) if from_ else (date, None, None)
        after = max(m.end for m in time if m)
        end = _ENTRY_END.search(text, after)
        entries.append((pos, after, end.start() if end else len(text), time))
    if len(entries) < 3:
        return []
    out = []
    for pos, after, end, (date, first, second) in entries:
        # "study ... at the Leipzig Conservatory with X and in Vienna with Y": the entry's first part
        body = re.split(r"\s+(?:with|under)\s+|[\"”]\s+and\s+", text[after:end])[0].strip(" ,:–-")
        at = text.find(body, after) if body else -1
        if not body or at < 0 or len(body.split()) > 16 or _PROSE.match(body):
            continue  # ("From 1919 to 1938 he was chairman of X": a sentence, which the frames read)
        span = (at, at + len(body), body)
        founder = _FOUNDER.match(body)
        member = _MEMBER.match(body)
        if founder:  # "1884 founder of the magazine X": what was founded, and when
            obj = (at + founder.end(), at + len(body), body[founder.end():])
            out.append(Event("founded", None, date or first, (), pos, at + len(body), "listing.cv", 0.7, object=obj))
        elif member:
            obj = (at + member.end(), at + len(body), body[member.end():])
            out.append(Event("membership", None, None, (), pos, at + len(body), "listing.cv", 0.7, object=obj,
                             begin=date or first, until=second))
        elif _OFFICE_HEAD.match(body):  # a year alone opens the term: "1920 professor of ..."
            out.append(Event("position", None, None, (), pos, at + len(body), "listing.cv", 0.75,
                             object=span, begin=date or first, until=second))
        elif _STUDY.match(body) and _INSTITUTION.search(body):
            out.append(Event("education", None, date, (), pos, at + len(body), "listing.cv", 0.7,
                             object=span, begin=first, until=second))
    return out


# "In 1918-1921 and 1923-1924 - Chairman of X.", "Since 1903 - Bolshevik.": a sentence that is its
# time, a dash and what the subject was then (no verb)
_DASH_ENTRY = re.compile(r"(?:^|(?<=[.\n])[ \t]*)(?P<time>(?:(?:In|From|Since|After|Until|During|By|Between|Then)\b"
                         r"[^.\n;:–—-]{1,70}?(?:[-–—]\d{2,4}+[^.\n;:–—-]{0,30}?)*)|\d{4}(?:[-–]\d{2,4})?)[ \t]+[–—-][ \t]+"
                         r"(?P<value>[^\W\d_][^\n;]{1,160}?)(?:\.(?=\s|$)|;|$)", re.M)
_TRAILING_YEAR = re.compile(r"\s*\((?P<year>\d{4}(?:[-–]\d{2,4})?)\)\s*$")


def _dash_entries(doc: Document, dates: list[Mention], ranges) -> list[Event]:
    text, out = doc.clean, []
    # only the dates and ranges inside an entry are looked at, found by bisection (a long
    # document may have many entries)
    dates = sorted((d for d in dates if d.date), key=lambda d: d.start)
    ranges = sorted(ranges, key=lambda r: r[0].start)
    date_starts, range_starts = [d.start for d in dates], [r[0].start for r in ranges]

    def inside(items, keys, lo, hi):
        return items[bisect_left(keys, lo):bisect_left(keys, hi)]
    for m in _DASH_ENTRY.finditer(text):
        value, at = m.group("value"), m.start("value")
        if len(value.split()) > 16:
            continue
        tail = _TRAILING_YEAR.search(value)
        body = value[:tail.start()] if tail else value
        t0, t1 = m.span("time")
        # the terms the time gives, each a (date, begin, until); a bare year after the value else
        spans = [(None, first, second) for whole, first, second in inside(ranges, range_starts, t0, t1)
                 if whole.end <= t1]
        singles = [d for d in inside(dates, date_starts, t0, t1) if d.end <= t1
                   and not any(s.start <= d.start < e.end for _, s, e in spans)]
        word = m.group("time").split()[0].lower()
        spans += [(None, None, d) if word in ("until", "by") else (None, d, None) for d in singles]
        if not spans and tail:
            lo, hi = at + tail.start(), at + len(value)
            spans = [(None, f, s2) for _, f, s2 in inside(ranges, range_starts, lo, hi)] or [
                (None, d, None) for d in inside(dates, date_starts, lo, hi)][:1]
        if not spans:
            continue
        span = (at, at + len(body), body)
        member = _MEMBER.match(body)
        if member:
            prop, obj = "membership", (at + member.end(), at + len(body), body[member.end():])
            prop = "party" if _PARTY_WORD.search(obj[2]) else prop
        elif _OFFICE_HEAD.match(body) and len(body.split()) >= 2:
            prop, obj = "position", span
        elif _PARTY_WORD.fullmatch(body):  # "Since 1903 - Bolshevik"
            prop, obj = "party", span
        else:
            continue
        for _, begin, until in spans:
            ends = [x.end for x in (begin, until) if x]
            out.append(Event(prop, None, None, (), m.start("time"), max([at + len(body), *ends]), "listing.dash", 0.7,
                             object=obj, begin=begin, until=until))
    return out


_PARTY_WORD = re.compile(r"(?:\w+\s+)?(?:Bolsheviks?|Mensheviks?|Social[- ]Democrats?|Socialist[- ]Revolutionar(?:y|ies)|"
                         r"Anarchists?|Communists?|[\w-]+\s+[Pp]arty(?:\s+\([^()]*\))?|RSDLP(?:\s*\([^()]*\))?|"
                         r"VKP\s*\(b\)|RCP\s*\(b\)|CPSU)")
