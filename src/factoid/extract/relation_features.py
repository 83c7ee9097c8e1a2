"""Candidate pairs and hashed features for the relation classifier, shared by the run time
(relations.py) and the training script, so that both see exactly the same features.

A sentence becomes a sequence of units: each entity mention collapses to one placeholder
("<person>", "<org>", ...), every other token is its lower-cased word. Subjects are person
names (and organisation spans shaped like a person's name, which the small NER model often
produces) and personal pronouns; values are mentions, and for the kinship properties also
pronouns, and for organisations and places the relative words that stand for them ("where").
Features are strings hashed with zlib.crc32 (stable across runs, unlike hash()) into 2**BITS
buckets."""
from __future__ import annotations

import re
import zlib
from bisect import bisect_left
from dataclasses import dataclass

import numpy as np

VERSION = "rel-features-6"
BITS = 19
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
}
NAMES = tuple(PROPERTIES)
KINSHIP = frozenset({"parent", "spouse"})
SUBJECT_KINDS = ("person", "org", "cap", "pron")
MAX_DISTANCE = 40  # units between subject and value: farther pairs are hardly ever related
SYMMETRIC = frozenset({"spouse"})

PERSONAL = frozenset({"he", "she", "his", "her", "him", "hers", "who", "whom", "whose", "i", "my", "me",
                      "they", "their", "them", "we", "our"})
RELATIVE = frozenset({"where", "which", "its"})
# general cue words of the seven relations: a sentence containing one says so in a feature
CUES = frozenset("""married marry marriage wed wedded wife husband spouse widow widower divorced
partner son daughter child children father mother parents parent born grandson granddaughter
stepson stepdaughter heir lives lived living live resides resided resident residing moved settled
relocated grew raised home native citizen nationality studied study graduated graduate educated
attended degree bachelor master doctorate phd alumnus alumna school university college student
enrolled professor member joined party elected politician candidate representative senator
deputy minister mp councillor leader served serving worked works working employed employee job
director manager chief officer president chairman founder founded ceo partner hired appointed
career team club played""".split())
KIN = frozenset("""married marry marries marriage wed wedded wedding wife wives husband husbands spouse
widow widowed widower divorced divorce fiance fiancee son sons daughter daughters child children
father mother parents parent born grandson granddaughter stepson stepdaughter stepfather stepmother
heir twins twin baby kids sister brother mom dad survived engaged""".split())
CUES = CUES | KIN
_PERSON_LIKE_ORG = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}")
_ORG_WORD = re.compile(r"\b(?:University|College|School|Institute|Company|Corporation|Inc|Ltd|LLC|Party|"
                       r"Committee|Council|Club|Association|Society|Bank|Church|Army|Navy|Ministry|"
                       r"Department|Group|Records|Press|Agency|Union|League|Academy|Museum|Foundation|"
                       r"Team|Hospital|Center|Centre|Court|House|Board|Office|Service|Services)\b")
# a capitalised run NER left out ("Jermaine is married to ...", "joined the Liberal Party"): a
# candidate of unknown kind, once the function words that open sentences are stripped from it
_CAP = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|de|da|del|della|di|van|von|der|den|la|le|du|bin|al|y|&)\s+)*"
                  r"[A-Z][\w'’.-]*)*")
_OPENERS = frozenset("""the a an in on at after before during from to with by for as of his her he she it its
their they them this that these those when while since until although though but and or i my we our you your
following born there then however also according later early while upon under over between among
within without because if although both each every all some many most no not one two three new""".split())
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


_HASHES: dict[str, int] = {}


def h(feature: str) -> int:
    """The bucket of a feature string: crc32, stable across runs and machines (memoised)."""
    value = _HASHES.get(feature)
    if value is None:
        if len(_HASHES) > 400_000:
            _HASHES.clear()
        value = _HASHES[feature] = zlib.crc32(feature.encode("utf-8")) & MASK
    return value


def person_like(text: str) -> bool:
    """A span shaped like a person's name: one to four capitalised words, not all capitals, no
    digits and no organisation word."""
    return (_PERSON_LIKE_ORG.fullmatch(text) is not None and not text.isupper()
            and not _ORG_WORD.search(text))


def sentence(text: str, start: int, end: int, mentions) -> Sentence:
    """Units and candidates of text[start:end]; `mentions` are those inside it, in order."""
    kept, last_end = [], -1
    for m in mentions:
        if m.kind != "date" and m.start >= last_end and m.end > m.start:
            kept.append(m)
            last_end = m.end
    kept = sorted(kept + _capitalised(text, start, end, mentions), key=lambda m: m.start)
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
                if m.kind == "person" or (m.kind in ("org", "cap") and person_like(m.text)):
                    subjects.append(unit)
                values.append(unit)
            continue
        while di < len(dates) and dates[di].end <= s:
            di += 1
        if di < len(dates) and dates[di].start < e:
            if current is not dates[di]:
                current = dates[di]
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
    return Sentence(units, depth, subjects, values, sorted(cues), not KIN.isdisjoint(cues))


@dataclass(frozen=True)
class _Span:
    kind: str
    start: int
    end: int
    text: str


def _capitalised(text: str, start: int, end: int, mentions) -> list[_Span]:
    out = []
    for m in _CAP.finditer(text, start, end):
        s, e = m.span()
        if any(x.start < e and s < x.end for x in mentions):
            continue
        words = m.group().split()
        while words and words[0].lower().strip(".") in _OPENERS:
            s = text.index(words[0], s) + len(words[0])
            words.pop(0)
        if not words:
            continue
        s = text.index(words[0], s)
        out.append(_Span("cap", s, e, text[s:e]))
    return out


def _bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 5:
        return "4-5"
    if n <= 8:
        return "6-8"
    if n <= 12:
        return "9-12"
    if n <= 20:
        return "13-20"
    return "21+"


def _rank(units: list[Unit], anchor: Unit, me: Unit, kinds) -> int:
    """How many candidates of `kinds` are nearer to `anchor` than `me` is (0 = the nearest)."""
    d = abs(me.index - anchor.index)
    return sum(1 for u in units if u is not me and u is not anchor and u.kind in kinds
               and abs(u.index - anchor.index) < d)


def _between(sent: Sentence, a: int, b: int) -> list[str]:
    """The units strictly between a and b, a parenthesis neither argument is in collapsed to
    "()" ("X (born 1950 in Y) is a Z politician": X ... is a Z)."""
    depth = sent.depth
    floor = min(depth[a], depth[b])
    out = []
    for k in range(a + 1, b):
        if depth[k] > floor:
            if not out or out[-1] != "()":
                out.append("()")
        else:
            out.append(sent.units[k])
    return out


def subject_features(sent: Sentence, subj: Unit) -> list[str]:
    """What the subject alone contributes: its kind and its neighbours."""
    units, si, sk = sent.units, subj.index, subj.label
    sl1 = units[si - 1] if si >= 1 else "^"
    sr1 = units[si + 1] if si + 1 < len(units) else "$"
    return [f"sk|{sk}", f"sl1|{sl1}", f"sr1|{sr1}", f"sr1k|{sk}|{sr1}", f"sfirst|{sent.subjects[0] is subj}|{sk}"]


def value_features(sent: Sentence, value: Unit) -> list[str]:
    """What the value alone contributes: kind, neighbours, words, shape, the sentence's cues."""
    units, vi, vk = sent.units, value.index, value.label
    vl1 = units[vi - 1] if vi >= 1 else "^"
    vl2 = units[vi - 2] if vi >= 2 else "^"
    vr1 = units[vi + 1] if vi + 1 < len(units) else "$"
    feats = [f"vk|{vk}", f"vl1|{vl1}", f"vl2|{vl2} {vl1}", f"vr1|{vr1}", f"vl1k|{vk}|{vl1}", f"vr1k|{vk}|{vr1}",
             f"vlr|{vl1}|{vr1}"]
    if value.kind not in ("pron", "rel"):
        words = value.text.split()
        feats += [f"vlast|{words[-1].lower()}", f"vfirst|{words[0].lower()}", f"vn|{min(len(words), 5)}"]
        if value.text.isupper() and len(value.text) > 1:
            feats.append("vcaps")
        if value.text.lower().endswith(("an", "ian", "ese", "ish", "ic", "i")):
            feats.append(f"vsuffix|{value.kind}")
    for c in sent.cues:
        feats.append(f"cue|{c}")
        feats.append(f"cuek|{vk}|{c}")
    return feats


def link_features(sent: Sentence, subj: Unit, value: Unit) -> list[str]:
    """What depends on both: order, distance, the words between and around the pair."""
    units = sent.units
    n = len(units)
    forward = subj.index < value.index
    o = ">" if forward else "<"
    a, b = (subj.index, value.index) if forward else (value.index, subj.index)
    between = _between(sent, a, b)
    sk, vk = subj.label, value.label
    dist = _bucket(len(between))
    feats = [f"k|{sk}|{vk}|{o}", f"vko|{vk}|{o}", f"d|{o}|{dist}", f"dk|{vk}|{o}|{dist}"]
    for w in set(between):
        feats.append(f"bw|{w}")
        feats.append(f"bwo|{o}|{w}")
    if len(between) <= 4:
        seq = " ".join(between)
        feats.append(f"bs|{o}|{seq}")
        feats.append(f"bsk|{vk}|{o}|{seq}")
    else:
        feats.append(f"bf|{o}|{between[0]}")
        feats.append(f"bl|{o}|{between[-1]}")
        feats.append(f"bfl|{o}|{between[0]}|{between[-1]}")
    l1 = units[a - 1] if a >= 1 else "^"
    l2 = units[a - 2] if a >= 2 else "^"
    r1 = units[b + 1] if b + 1 < n else "$"
    r2 = units[b + 2] if b + 2 < n else "$"
    feats += [f"l1|{o}|{l1}", f"l2|{o}|{l2} {l1}", f"r1|{o}|{r1}", f"r2|{o}|{r1} {r2}", f"lr|{o}|{l1}|{r1}"]
    others = sum(1 for u in sent.subjects if a < u.index < b)
    same = sum(1 for u in sent.values if a < u.index < b and u.kind == value.kind)
    feats += [f"nsb|{o}|{min(others, 3)}", f"nvb|{vk}|{min(same, 3)}",
              f"sr|{min(_rank(sent.subjects, value, subj, SUBJECT_KINDS), 2)}",
              f"vr|{vk}|{min(_rank(sent.values, subj, value, (value.kind,)), 2)}"]
    return feats


def pair_features(sent: Sentence, subj: Unit, value: Unit) -> list[str]:
    """The feature strings of (subject, value) in one sentence."""
    return subject_features(sent, subj) + value_features(sent, value) + link_features(sent, subj, value)


def hashed(feats: list[str]) -> list[int]:
    return [_HASHES.get(f) or h(f) for f in feats]


def pairs(sent: Sentence):
    """(subject, value, properties it may hold) for every candidate pair of a sentence."""
    for subj in sent.subjects:
        for value in sent.values:
            if value is subj or abs(value.index - subj.index) > MAX_DISTANCE:
                continue
            if subj.kind in ("org", "cap") and value.kind not in ("person", "pron", "group"):
                continue   # a name-shaped org or a bare capitalised run: only as a person's subject
            props = tuple(p for p in NAMES if value.kind in PROPERTIES[p][1]
                          and (sent.kin or p not in KINSHIP))
            if props:
                yield subj, value, props


def sentences(doc):
    """Sentence feature contexts of a document that went through clean and nlp."""
    mentions = sorted(doc.mentions, key=lambda m: (m.start, -m.end))
    starts = [m.start for m in mentions]
    for s in doc.sentences:
        lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
        inside = [m for m in mentions[lo:hi] if m.end <= s.end]
        yield sentence(doc.clean, s.start, s.end, inside)


# ---------------------------------------------------------------------------- second stage
# KnowledgeNet states a fact once for every mention of its subject (and of a person value):
# the second stage lets a pair borrow the first-stage score of the pairs that say the same
# thing through another mention ("Harding ... his" -> "his" lived where Harding lived).
NAME_KINDS = frozenset({"person", "org", "cap"})
_GROUP = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f", "hers": "f", "i": "1", "my": "1",
          "me": "1", "we": "p", "our": "p", "they": "p", "their": "p", "them": "p"}
CONTEXT = ("logit", "other_name", "other_pron", "ante_name", "ante_pron", "from_pron", "other_value",
           "value_ante", "value_from_pron", "reverse", "best_in_sentence", "subject_pron", "value_pron",
           "pron_x_other_name", "pron_x_logit")


def antecedents(sent: Sentence) -> dict[int, tuple[Unit | None, Unit | None]]:
    """For each pronoun: the nearest name before it, and the nearest pronoun of its group
    (he/his/him, she/her, I/my/me, they/their/them) before it."""
    out = {}
    for k, u in enumerate(sent.subjects):
        if u.kind != "pron":
            continue
        group = _GROUP.get(u.label[5:])
        name = pron = None
        for prev in reversed(sent.subjects[:k]):
            if prev.kind in NAME_KINDS:
                if name is None and group not in ("1", "p"):
                    name = prev
            elif pron is None and group is not None and _GROUP.get(prev.label[5:]) == group:
                pron = prev
        out[u.index] = (name, pron)
    return out


def context_features(sent: Sentence, pairs: list, logits: np.ndarray) -> np.ndarray:
    """(len(pairs), n_properties, len(CONTEXT)) second-stage features from the first-stage
    `logits` (len(pairs), n_properties) of every candidate pair of one sentence."""
    n, m = logits.shape
    z = np.clip(logits, -10.0, 10.0)
    p = 1.0 / (1.0 + np.exp(-z))
    p0 = np.vstack([p, np.zeros((1, m))])           # row n: "no such pair"
    where = {(s.index, v.index): i for i, (s, v, _) in enumerate(pairs)}
    ante = antecedents(sent)
    S = np.array([s.index for s, _, _ in pairs])
    V = np.array([v.index for _, v, _ in pairs])
    s_name = np.array([s.kind in NAME_KINDS for s, _, _ in pairs])
    s_pron = np.array([s.kind == "pron" for s, _, _ in pairs])
    v_name = np.array([v.kind in NAME_KINDS for _, v, _ in pairs])
    v_pron = np.array([v.kind == "pron" for _, v, _ in pairs])
    v_rel = np.array([v.kind == "rel" for _, v, _ in pairs])
    none = (None, None)
    s_ante = np.array([(ante.get(s.index, none)[0] or s).index if s.kind == "pron" else -1 for s, _, _ in pairs])
    v_ante = np.array([(ante.get(v.index, none)[0] or v).index if v.kind == "pron" else -1 for _, v, _ in pairs])

    def lookup(keys):
        return np.array([where.get(k, n) for k in keys], dtype=int)

    def masked_max(mask):
        if not mask.any():
            return np.zeros((n, m))
        return (mask[:, :, None] * p[None, :, :]).max(axis=1)

    others = ~np.eye(n, dtype=bool)
    same_value = (V[:, None] == V[None, :]) & others
    same_subject = (S[:, None] == S[None, :]) & others
    ante_name_s = [ante.get(s.index, none)[0] for s, _, _ in pairs]
    ante_pron_s = [ante.get(s.index, none)[1] for s, _, _ in pairs]
    ante_name_v = [ante.get(v.index, none)[0] for _, v, _ in pairs]
    ante_pron_v = [ante.get(v.index, none)[1] for _, v, _ in pairs]
    out = np.zeros((n, m, len(CONTEXT)))
    out[:, :, 0] = z
    out[:, :, 1] = masked_max(same_value & s_name[None, :])
    out[:, :, 2] = masked_max(same_value & s_pron[None, :])
    out[:, :, 3] = p0[lookup((a.index if a else -1, v.index) for a, (_, v, _) in zip(ante_name_s, pairs))]
    out[:, :, 4] = p0[lookup((a.index if a else -1, v.index) for a, (_, v, _) in zip(ante_pron_s, pairs))]
    out[:, :, 5] = masked_max(same_value & s_pron[None, :] & (s_ante[None, :] == S[:, None]) & s_name[:, None])
    out[:, :, 6] = masked_max(same_subject)
    out[:, :, 7] = np.maximum(
        p0[lookup((s.index, a.index if a else -1) for a, (s, _, _) in zip(ante_name_v, pairs))],
        p0[lookup((s.index, a.index if a else -1) for a, (s, _, _) in zip(ante_pron_v, pairs))])
    out[:, :, 8] = masked_max(same_subject & v_pron[None, :] & (v_ante[None, :] == V[:, None]) & v_name[:, None])
    out[:, :, 9] = p0[lookup((v.index, s.index) for s, v, _ in pairs)]
    out[:, :, 10] = p.max(axis=0)[None, :]
    out[:, :, 11] = s_pron[:, None]
    out[:, :, 12] = (v_pron | v_rel)[:, None]
    out[:, :, 13] = out[:, :, 11] * out[:, :, 1]
    out[:, :, 14] = out[:, :, 11] * out[:, :, 0]
    return out
