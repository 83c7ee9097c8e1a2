"""Candidate pairs and features of the relation classifier, shared by the run time
(relations.py) and the training script, so that both see exactly the same features.

A sentence becomes a sequence of units: each entity mention collapses to one placeholder
("<person>", "<org>", ...), a parenthesis between two arguments to "()", every other token is
its lower-cased word. Subjects are person names, spans shaped like a person's name that NER
called an organisation or missed (a capitalised run: "Meinhof joined ..."), a name in its own
script after "(Russian:", and personal pronouns; values are mentions, capitalised runs, dates
(birth and death, only where a word of theirs occurs or inside parentheses), pronouns (parent
and spouse, only where a kinship or marriage word occurs) and relative words ("where", "which").

First stage: features are tuples of strings (kinds, order, distance, the words between and
around the pair, the value's words and shape, general cue words); each is hashed with zlib.crc32
of its text (the same in every run, unlike hash()) into 2**BITS buckets. The second stage is
in relation_context.py."""
from __future__ import annotations

import re
import zlib
from bisect import bisect_left
from dataclasses import dataclass

from . import relation_syntax as syntax
from .relation_spans import capitalised, native, person_like


VERSION = "rel-features-16"
BITS = 18
MASK = (1 << BITS) - 1

# our property -> (field, value kinds it takes)
PROPERTIES = {
    "residence": ("place", frozenset({"place", "org", "rel", "cap"})),
    "nationality": ("object", frozenset({"group", "place", "cap"})),
    "employment": ("object", frozenset({"org", "place", "group", "person", "rel", "cap"})),
    "education": ("object", frozenset({"org", "place", "person", "rel", "cap"})),
    "party": ("object", frozenset({"org", "group", "person", "place", "rel", "cap"})),
    "parent": ("object", frozenset({"person", "pron", "org", "place", "cap"})),
    "spouse": ("object", frozenset({"person", "pron", "org", "place", "cap"})),
    # birth and death, beside the rules (life.py): they read the common phrasings, these the
    # rest ("a native of", "(born 1954, Westport)", "after his death in 2012")
    "birth_place": ("place", frozenset({"place", "cap", "org"})),
    "birth_date": ("date", frozenset({"date"})),
    "death_date": ("date", frozenset({"date"})),
}
NAMES = tuple(PROPERTIES)
# the extraction vocabulary's property of each classifier property (the others are the same)
PRODUCT = {"birth_place": "birth", "birth_date": "birth", "death_date": "death"}
KINSHIP = frozenset({"parent", "spouse"})
MAX_DISTANCE = 60  # units between subject and value: farther pairs are hardly ever related

PERSONAL = frozenset({"he", "she", "his", "her", "him", "hers", "who", "whom", "whose", "i", "my", "me",
                      "they", "their", "them", "we", "our", "himself", "herself", "myself", "themselves",
                      "ourselves"})
# personal pronouns by the person they stand for: two of one group in a sentence are one person
PRONOUN_GROUP = {"he": "m", "his": "m", "him": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                 "herself": "f", "i": "1", "my": "1", "me": "1", "myself": "1", "we": "p", "our": "p",
                 "ourselves": "p", "they": "p", "their": "p", "them": "p", "themselves": "p"}
RELATIVE = frozenset({"where", "which", "its"})
# general cue words of the relations: a sentence containing one says so in a feature
CUES = frozenset("""married marry marriage wed wedded wife husband spouse widow widower divorced
partner son daughter child children father mother parents parent born grandson granddaughter
stepson stepdaughter heir lives lived living live resides resided resident residing moved settled
relocated grew raised home native citizen nationality studied study graduated graduate educated
attended degree bachelor master doctorate phd alumnus alumna school university college student
enrolled professor member joined party elected politician candidate representative senator
deputy minister mp councillor leader served serving worked works working employed employee job
director manager chief officer president chairman founder founded ceo partner hired appointed
career team club played died death dies deceased passed killed funeral buried native natives
originally hometown raised""".split())
KIN = frozenset("""married marry marries marriage wed wedded wedding wife wives husband husbands spouse
widow widowed widower divorced divorce fiance fiancee son sons daughter daughters child children
father mother parents parent born grandson granddaughter stepson stepdaughter stepfather stepmother
heir twins twin baby kids sister brother mom dad survived engaged""".split())
CUES = CUES | KIN
# birth and death are candidates only in a sentence that speaks of one (or, for a date, inside
# parentheses, where life dates stand): elsewhere a date or a place is about something else
BIRTH = frozenset("born birth birthplace native natives hometown originally nee née".split())
DEATH = frozenset("""died dies death dead deceased killed passed murdered executed assassinated
assassination funeral buried shot""".split())
CUES = CUES | BIRTH | DEATH
# function words skipped when looking for the content word that governs a mention
# NER kinds that are at times a person's name it mistook ("their children, Olivia and Daxten"
# tagged as places, a surname as a nationality): shaped like a name, they are subjects too
_MISTAKEN = frozenset({"org", "cap", "place", "group"})
_FUNCTION = frozenset("""a an the of in at on to for from with by as and or , ( ) " ' - ; : was is were are
been be has have had also then later still now currently his her their its my our this that which who
where when""".split())
_TOKEN = re.compile(r"\w+|[^\w\s]")
_DIGIT = str.maketrans("0123456789", "0000000000")


@dataclass(frozen=True)
class Unit:
    """A candidate argument: its unit index in the sentence, clean offsets, kind and text."""
    index: int
    start: int
    end: int
    kind: str        # person, place, org, group, pron, rel
    text: str
    label: str       # the kind, or "pron:he" / "rel:where"


@dataclass
class Sentence:
    units: list[str]      # one per token, a mention collapsed to "<kind>"
    depth: list[int]      # parenthesis depth of each unit
    subjects: list[Unit]
    values: list[Unit]
    cues: list[str]
    kin: bool             # a kinship or marriage word occurs: parent and spouse are possible
    life: frozenset       # "birth" / "death": a word of either occurs
    nested: bool          # some unit is inside parentheses
    parse: syntax.Parse | None = None   # its dependency parse, where the nlp stage made one


_MEMO: dict[tuple, int] = {}


def _fresh(key: tuple) -> int:
    if len(_MEMO) > 300_000:
        _MEMO.clear()
    value = _MEMO[key] = zlib.crc32("|".join(key).encode("utf-8")) & MASK
    return value


def h(key: tuple) -> int:
    """The bucket of a feature (a tuple of strings): crc32 of its text, the same in every run
    and on every machine (Python's hash() is not), memoised."""
    value = _MEMO.get(key)
    return _fresh(key) if value is None else value


def hashed(keys: list[tuple]) -> list[int]:
    get = _MEMO.get
    return [v if (v := get(k)) is not None else _fresh(k) for k in keys]


def sentence(text: str, start: int, end: int, mentions, tokens=()) -> Sentence:
    """Units and candidates of text[start:end]; `mentions` are those inside it, in order;
    `tokens`: the sentence's dependency parse, if any."""
    kept, last_end = [], -1
    for m in mentions:
        if m.kind != "date" and m.start >= last_end and m.end > m.start:
            kept.append(m)
            last_end = m.end
    kept = sorted(kept + capitalised(text, start, end, mentions) + native(text, start, end, kept),
                  key=lambda m: m.start)
    dates = [m for m in mentions if m.kind == "date"]
    units: list[str] = []
    depth: list[int] = []
    level = 0
    subjects: list[Unit] = []
    values: list[Unit] = []
    cues: set[str] = set()
    mi = di = 0
    current = None
    for tok in _TOKEN.finditer(text, start, end):
        s, e = tok.span()
        while mi < len(kept) and kept[mi].end <= s:
            mi += 1
        if mi < len(kept) and kept[mi].start < e:
            m = kept[mi]
            if current is not m:
                current = m
                unit = Unit(len(units), m.start, m.end, m.kind, m.text, m.kind)
                units.append("<" + m.kind + ">")
                depth.append(level)
                if m.kind in ("person", "native") or (m.kind in _MISTAKEN and person_like(m.text)):
                    subjects.append(unit)
                values.append(unit)
            continue
        while di < len(dates) and dates[di].end <= s:
            di += 1
        if di < len(dates) and dates[di].start < e:
            if current is not dates[di]:
                current = m = dates[di]
                values.append(Unit(len(units), m.start, m.end, "date", m.text, "date"))
                units.append("<date>")
                depth.append(level)
            continue
        current = None
        word = tok.group()
        low = word.lower()
        if low in PERSONAL and (low != "i" or word == "I") and not (low == "us"):
            unit = Unit(len(units), s, e, "pron", word, "pron:" + low)
            subjects.append(unit)
            values.append(unit)
        elif low in RELATIVE:
            values.append(Unit(len(units), s, e, "rel", word, "rel:" + low))
        elif low in CUES:
            cues.add(low)
        if word in "([":
            level += 1
        depth.append(level)
        if word in ")]" and level:
            level -= 1
        units.append(low.translate(_DIGIT) if low[:1].isdigit() else low)
    life = frozenset(k for k, words in (("birth", BIRTH), ("death", DEATH)) if not words.isdisjoint(cues))
    parse = syntax.Parse(text, tokens, values) if tokens else None
    return Sentence(units, depth, subjects, values, sorted(cues), not KIN.isdisjoint(cues), life, any(depth),
                    parse)


_BUCKETS = ("0", "1", "2", "3", "4-5", "4-5", "6-8", "6-8", "6-8", "9-12", "9-12", "9-12", "9-12")


def _bucket(n: int) -> str:
    if n < len(_BUCKETS):
        return _BUCKETS[n]
    return "13-20" if n <= 20 else "21+"


def _between(sent: Sentence, a: int, b: int) -> list[str]:
    """The units strictly between a and b, a parenthesis neither argument is in collapsed to
    "()" ("X (born 1950 in Y) is a Z politician": X ... is a Z)."""
    depth = sent.depth
    floor = min(depth[a], depth[b])
    if not sent.nested or max(depth[a:b]) <= floor:
        return sent.units[a + 1:b]
    out = []
    for k in range(a + 1, b):
        if depth[k] > floor:
            if not out or out[-1] != "()":
                out.append("()")
        else:
            out.append(sent.units[k])
    return out


def subject_features(sent: Sentence, subj: Unit) -> list[tuple]:
    """What the subject alone contributes: its kind and its neighbours."""
    units, si, sk = sent.units, subj.index, subj.label
    sl1 = units[si - 1] if si >= 1 else "^"
    sr1 = units[si + 1] if si + 1 < len(units) else "$"
    first = "first" if sent.subjects[0] is subj else "later"
    feats = [("sk", sk), ("sl1", sl1), ("sr1", sr1), ("sr1k", sk, sr1), ("sfirst", first, sk),
             ("shead", _content(units, si + 1, min(len(units), si + 6), 1))]
    # the cue word nearest before the subject: "their children, Olivia and Daxten", "his son X"
    near = next(((units[k], si - k) for k in range(si - 1, max(-1, si - 9), -1) if units[k] in CUES), None)
    if near:
        feats += [("scueL", near[0]), ("scuedL", near[0], _bucket(near[1] - 1), sk)]
    return feats + syntax.unit_features(sent.parse, subj, "s", subj.kind)


def _content(units: list[str], start: int, stop: int, step: int) -> str:
    """The first word from `start` towards `stop` that is not a function word or a mention."""
    for k in range(start, stop, step):
        w = units[k]
        if w not in _FUNCTION and w[:1] != "<":
            return w
    return "-"


def value_features(sent: Sentence, value: Unit) -> list[tuple]:
    """What the value alone contributes: kind, neighbours, words, shape, the sentence's cues."""
    units, vi, vk = sent.units, value.index, value.label
    vl1 = units[vi - 1] if vi >= 1 else "^"
    vl2 = units[vi - 2] if vi >= 2 else "^"
    vr1 = units[vi + 1] if vi + 1 < len(units) else "$"
    head = _content(units, vi - 1, max(-1, vi - 6), -1)
    feats = [("vk", vk), ("vl1", vl1), ("vl2", vl2, vl1), ("vr1", vr1), ("vl1k", vk, vl1), ("vr1k", vk, vr1),
             ("vlr", vl1, vr1), ("vhead", head), ("vheadk", vk, head)]
    # the cue words nearest the value on either side: which of several values a cue is about
    for side, rng in (("L", range(vi - 1, max(-1, vi - 9), -1)), ("R", range(vi + 1, min(len(units), vi + 9)))):
        near = next(((units[k], abs(k - vi)) for k in rng if units[k] in CUES), None)
        if near:
            feats += [("vcue" + side, near[0]), ("vcued" + side, near[0], _bucket(near[1] - 1), vk)]
    if value.kind == "date":
        text = value.text.translate(_DIGIT)
        feats += [("vdate", "day" if re.search(r"\b0{1,2}\b", text) else "year" if text.strip() == "0000" else "month")]
    elif value.kind not in ("pron", "rel"):
        text = value.text
        words = text.lower().split()
        feats += [("vlast", words[-1]), ("vfirst", words[0]), ("vn", str(min(len(words), 5))),
                  ("vsuf3", words[-1][-3:])]
        # every word of the name: "Socialist" or "University" says what it is wherever it stands
        feats += [("vword", w) for w in dict.fromkeys(words[1:-1][:6])]
        if text.isupper() and len(text) > 1:
            feats.append(("vcaps",))
        if words[-1].endswith(("an", "ian", "ese", "ish", "ic", "i")):
            feats.append(("vsuffix", value.kind))
    for c in sent.cues:
        feats.append(("cue", c))
        feats.append(("cuek", vk, c))
    return feats + syntax.unit_features(sent.parse, value, "v", vk)


def _bracket_owner(sent: Sentence, vi: int, si: int) -> str:
    """What the parenthesis holding unit vi follows: the subject itself ("X (1890-1968)": the
    dates are X's), another mention ("Bishop of Y (1540-1543)": the office's), or a word."""
    depth, k = sent.depth, vi
    while k > 0 and depth[k - 1] >= depth[vi]:
        k -= 1
    k -= 1   # the unit before the opening parenthesis
    if k < 0:
        return "^"
    return "subject" if k == si else sent.units[k] if sent.units[k][:1] == "<" else "word"


def link_features(sent: Sentence, subj: Unit, value: Unit) -> list[tuple]:
    """What depends on both: order, distance, the words between and around the pair."""
    units = sent.units
    si, vi = subj.index, value.index
    if si < vi:
        o, a, b = ">", si, vi
    else:
        o, a, b = "<", vi, si
    between = _between(sent, a, b)
    sk, vk = subj.label, value.label
    dist = _bucket(len(between))
    feats = [("k", sk, vk, o), ("vko", vk, o), ("d", o, dist), ("dk", vk, o, dist),
             ("depth", vk, str(min(sent.depth[si], 2)), str(min(sent.depth[vi], 2)))]   # inside parentheses
    if sent.depth[vi] > sent.depth[si]:
        feats.append(("powner", vk, _bracket_owner(sent, vi, si)))
    for w in dict.fromkeys(between):   # unique, in text order (a set's order changes with the run)
        feats.append(("bwo", o, w))
    if len(between) <= 4:
        seq = " ".join(between)
        feats.append(("bs", o, seq))
        feats.append(("bsk", vk, o, seq))
        feats.append(("bss", subj.kind, o, seq))   # "X , his wife ," reads otherwise after "he" than after a name
    else:
        feats += [("bf", o, between[0]), ("bl", o, between[-1]), ("bfl", o, between[0], between[-1]),
                  ("bf2", o, *between[:2]), ("bl2", o, *between[-2:])]
    for pair in dict.fromkeys(zip(between, between[1:])):   # "member of", "son of", "married to"
        feats.append(("bb", o, *pair))
    n = len(units)
    l1 = units[a - 1] if a >= 1 else "^"
    r1 = units[b + 1] if b + 1 < n else "$"
    feats += [("l1", o, l1), ("r1", o, r1), ("lr", o, l1, r1)]
    d = b - a
    others = near_s = 0
    for u in sent.subjects:
        if a < u.index < b:
            others += 1
        if u is not subj and u is not value and abs(u.index - vi) < d:
            near_s += 1
    same = near_v = 0
    kind = value.kind
    for u in sent.values:
        if u.kind == kind:
            if a < u.index < b:
                same += 1
            if u is not value and u is not subj and abs(u.index - si) < d:
                near_v += 1
    feats += [("nsb", o, str(min(others, 3))), ("nvb", vk, str(min(same, 3))), ("sr", str(min(near_s, 2))),
              ("vr", vk, str(min(near_v, 2)))]
    return feats + syntax.link_features(sent.parse, subj, value, vk)


def pair_features(sent: Sentence, subj: Unit, value: Unit) -> list[tuple]:
    """The features of (subject, value) in one sentence."""
    return subject_features(sent, subj) + value_features(sent, value) + link_features(sent, subj, value)


_PROPS_OF = {(kind, kin): tuple(p for p in NAMES if kind in PROPERTIES[p][1] and (kin or p not in KINSHIP))
             for kind in ("person", "place", "org", "group", "pron", "rel", "cap", "date", "native") for kin in (False, True)}


_LIFE = {"birth": ("birth_place", "birth_date"), "death": ("death_date",)}


def _same_person(a: Unit, b: Unit) -> bool:
    """Two pronouns of one group ("she ... her husband"): one person, never a married couple."""
    group = PRONOUN_GROUP.get(a.label[5:]) if a.kind == "pron" else None
    return group is not None and b.kind == "pron" and PRONOUN_GROUP.get(b.label[5:]) == group


def pairs(sent: Sentence):
    """(subject, value, properties it may hold) for every candidate pair of a sentence;
    parent and spouse only where a kinship or marriage word occurs, birth and death only where
    a word of theirs does (a date inside parentheses may be either)."""
    kin = sent.kin
    out = []
    unsaid = frozenset(p for k, props in _LIFE.items() if k not in sent.life for p in props)
    for subj in sent.subjects:
        si = subj.index
        for value in sent.values:
            if value is subj or abs(value.index - si) > MAX_DISTANCE:
                continue
            props = _PROPS_OF[(value.kind, kin)]
            if unsaid and not (value.kind == "date" and sent.depth[value.index]):
                props = tuple(p for p in props if p not in unsaid)
            if "spouse" in props and _same_person(subj, value):
                props = tuple(p for p in props if p != "spouse")
            if props:
                out.append((subj, value, props))
    return out


def sentences(doc, until: int | None = None, parsed: bool = True):
    """Sentence feature contexts of a document that went through clean and nlp (those that
    start before `until`, when given; not `parsed`: as if the nlp stage had parsed none)."""
    mentions = sorted(doc.mentions, key=lambda m: (m.start, -m.end))
    starts = [m.start for m in mentions]
    for s in doc.sentences:
        if until is not None and s.start >= until:
            break
        lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
        inside = [m for m in mentions[lo:hi] if m.end <= s.end]
        yield sentence(doc.clean, s.start, s.end, inside, s.tokens if parsed else ())
