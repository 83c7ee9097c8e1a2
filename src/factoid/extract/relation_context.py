"""Second stage of the relation classifier (relations.py): each candidate pair seen beside the
other pairs of its sentence, from their first-stage scores.
"""
from __future__ import annotations

import numpy as np

from .relation_features import NAMES, PRONOUN_GROUP as _GROUP, Sentence, Unit

# KnowledgeNet states a fact once for every mention of its subject (and of a person value):
# the second stage lets a pair borrow the first-stage score of the pairs that say the same
# thing through another mention ("Harding ... his" -> "his" lived where Harding lived).
NAME_KINDS = frozenset({"person", "org", "cap", "native"})
CONTEXT = ("logit", "other_name", "other_pron", "ante_name", "ante_pron", "from_pron", "other_value",
           "value_ante", "value_from_pron", "reverse", "best_in_sentence", "subject_pron", "value_pron",
           "pron_x_other_name", "pron_x_logit", "coordinated_value", "coordinated_subject", "alias_subject",
           "alias_value") + tuple(
    f"same_pair_{p}" for p in NAMES)
# what may join the members of a list of names: "A, B and C", "Faber, Virginia", "A or the B"
_JOIN = frozenset({",", "and", "or", "&", "/", "the"})
_LISTED = frozenset({"person", "org", "cap", "place", "group"})


def coordinated(sent: Sentence) -> dict[int, list[int]]:
    """For each name in a list of names (or a place and the wider place after it), the unit
    indices of the other members: what is said of one member is likely said of the others."""
    names = [u.index for u in sent.values if u.kind in _LISTED]
    groups: list[list[int]] = []
    for a, b in zip(names, names[1:]):
        gap = sent.units[a + 1:b]
        if 1 <= len(gap) <= 3 and all(w in _JOIN for w in gap):
            if groups and groups[-1][-1] == a:
                groups[-1].append(b)
            else:
                groups.append([a, b])
    return {i: [j for j in g if j != i] for g in groups for i in g}


# words that join two names of one person ("X, also known as Y", "X (née Y)", "X was born Y")
_ALIAS_WORDS = frozenset({"known", "née", "nee", "born", "also", "aka", "alias", "formerly", "called", "nicknamed"})


def _tokens(text: str) -> set[str]:
    return {w for w in text.casefold().replace(".", " ").split() if len(w) > 2}


def _own_script(u: Unit) -> bool:
    return u.kind == "native" or not any("a" <= c <= "z" for c in u.text.lower())


def aliases(sent: Sentence) -> dict[int, int]:
    """For each name of the sentence, the unit index of the first name of its person: names
    that share a word ("Liam Cosgrave ... Cosgrave"), a name in its own script after another,
    or a name that alias words join to the one before it. KnowledgeNet states a fact once per
    name of the subject, so what one name holds, its aliases likely hold too."""
    names = [u for u in sent.subjects if u.kind in NAME_KINDS]
    first: dict[int, int] = {}
    for k, u in enumerate(names):
        first[u.index] = u.index
        words = _tokens(u.text)
        for prev in names[:k]:
            between = sent.units[prev.index + 1:u.index]
            if (words & _tokens(prev.text) or (_own_script(u) and len(between) <= 4)
                    or (len(between) <= 5 and not _ALIAS_WORDS.isdisjoint(between))):
                first[u.index] = first[prev.index]
                break
    return first


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


def _group_best(keys, cand, p, query, exclude_self):
    """For each row i: the best p among candidate rows whose key equals query[i] (0 if none),
    leaving row i itself out when exclude_self. One pass over sorted keys, no n x n matrix."""
    n, m = p.shape
    out = np.zeros((n, m))
    rows = np.flatnonzero(cand)
    if len(rows) == 0:
        return out
    order = np.argsort(keys[rows], kind="stable")
    rows = rows[order]
    ck, ps = keys[rows], p[rows]
    starts = np.flatnonzero(np.r_[True, ck[1:] != ck[:-1]])
    top = np.maximum.reduceat(ps, starts, axis=0)
    uniq = ck[starts]
    pos = np.minimum(np.searchsorted(uniq, query), len(uniq) - 1)
    found = uniq[pos] == query
    out[found] = top[pos[found]]
    if exclude_self:
        group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(ck)]))
        is_top = ps == top[group]
        second = np.maximum.reduceat(np.where(is_top, 0.0, ps), starts, axis=0)
        second = np.where(np.add.reduceat(is_top, starts, axis=0) >= 2, top, second)
        out[rows] = np.where(is_top, second[group], out[rows])
    return out


def context_features(batch: list, logits: np.ndarray) -> np.ndarray:
    """Second-stage features (n_pairs, n_properties, len(CONTEXT)) of the candidate pairs of a
    batch of sentences [(Sentence, pairs)], from their first-stage `logits` (n_pairs,
    n_properties), pairs in batch order. Pairs only relate within their sentence."""
    n, m = logits.shape
    z = np.clip(logits, -10.0, 10.0)
    p = 1.0 / (1.0 + np.exp(-z))
    p0 = np.vstack([p, np.zeros((1, m))])           # row n: "no such pair"
    S, V, SA, VA, flags = [], [], [], [], []
    SG, VG = [], []   # the first name of the subject's / the value's person (-1: not a name)
    lookups = [[] for _ in range(5)]
    siblings: tuple[list, list, list, list] = ([], [], [], [])   # (pair row, the sibling pair's row) x 2
    row = 0
    for number, (sent, pairs) in enumerate(batch):
        base = number << 20                         # unit keys unique across the batch
        where = {(s.index, v.index): row + i for i, (s, v, _) in enumerate(pairs)}
        ante = antecedents(sent)
        coord = coordinated(sent)
        alias = aliases(sent)
        none = (None, None)
        for k, (s, v, _) in enumerate(pairs):
            si, vi = s.index, v.index
            sa, va = ante.get(si, none), ante.get(vi, none)
            S.append(base + si)
            V.append(base + vi)
            SA.append(base + sa[0].index if sa[0] else -1)
            VA.append(base + va[0].index if va[0] else -1)
            SG.append(base + alias[si] if si in alias else -1)
            VG.append(base + alias[vi] if vi in alias else -1)
            flags.append((s.kind in NAME_KINDS, s.kind == "pron", v.kind in NAME_KINDS, v.kind == "pron",
                          v.kind == "rel"))
            lookups[0].append(where.get((sa[0].index, vi), n) if sa[0] else n)   # the pronoun's named antecedent
            lookups[1].append(where.get((sa[1].index, vi), n) if sa[1] else n)   # its pronoun antecedent
            lookups[2].append(where.get((si, va[0].index), n) if va[0] else n)   # the value pronoun's antecedents
            lookups[3].append(where.get((si, va[1].index), n) if va[1] else n)
            lookups[4].append(where.get((vi, si), n))                            # the reverse pair
            for j, (key, other) in enumerate(((vi, si), (si, vi))):
                for sib in coord.get(key, ()):
                    found = where.get((si, sib) if j == 0 else (sib, vi))
                    if found is not None:
                        siblings[2 * j].append(row + k)
                        siblings[2 * j + 1].append(found)
        row += len(pairs)
    S, V, SA, VA, SG, VG = (np.array(x, dtype=np.int64) for x in (S, V, SA, VA, SG, VG))
    f = np.array(flags, dtype=bool).reshape(n, 5)
    s_name, s_pron, v_name, v_pron, v_rel = f.T
    looked = p0[np.array(lookups)]                  # (5, n, m)
    new_sentence = np.r_[True, (S[1:] >> 20) != (S[:-1] >> 20)]
    top = np.maximum.reduceat(p, np.flatnonzero(new_sentence), axis=0)[np.cumsum(new_sentence) - 1]
    out = np.empty((n, m, len(CONTEXT)))
    out[:, :, 0] = z
    out[:, :, 1] = _group_best(V, s_name, p, V, True)                 # another name with this value
    out[:, :, 2] = _group_best(V, s_pron, p, V, True)                 # a pronoun with this value
    out[:, :, 3] = looked[0] * s_pron[:, None]
    out[:, :, 4] = looked[1] * s_pron[:, None]
    low = 0xFFFFF   # a unit's index within its sentence
    out[:, :, 5] = _group_best((V << 20) + (SA & low), s_pron & (SA >= 0), p, (V << 20) + (S & low),
                               False) * s_name[:, None]                # pronouns that stand for this subject
    out[:, :, 6] = _group_best(S, np.ones(n, dtype=bool), p, S, True)  # this subject's other values
    out[:, :, 7] = np.maximum(looked[2], looked[3]) * v_pron[:, None]
    out[:, :, 8] = _group_best((S << 20) + (VA & low), v_pron & (VA >= 0), p, (S << 20) + (V & low),
                               False) * v_name[:, None]                # value pronouns that stand for this value
    out[:, :, 9] = looked[4]
    out[:, :, 10] = top
    out[:, :, 11] = s_pron[:, None]
    out[:, :, 12] = (v_pron | v_rel)[:, None]
    out[:, :, 13] = out[:, :, 11] * out[:, :, 1]
    out[:, :, 14] = out[:, :, 11] * out[:, :, 0]
    for j in (0, 1):   # the best score of the same pair with a listed sibling of the value / the subject
        best = np.zeros((n, m))
        if siblings[2 * j]:
            np.maximum.at(best, np.array(siblings[2 * j]), p[np.array(siblings[2 * j + 1])])
        out[:, :, 15 + j] = best
    # the same value held by another name of this subject; this subject holding another name of the value
    out[:, :, 17] = _group_best((V << 20) + (SG & low), SG >= 0, p, (V << 20) + (SG & low), True)
    out[:, :, 18] = _group_best((S << 20) + (VG & low), VG >= 0, p, (S << 20) + (VG & low), True)
    out[:, :, 19:19 + m] = p[:, None, :]           # what the pair's other properties score
    return out
