"""Who a frame's clause is about: its subject, the passive's subject, the noun a relative
clause hangs from, the possessor, the object of "forced her to"; "his family" for the one it
belongs to; and the document's subject for a terse CV line with no subject at all."""
from __future__ import annotations

from .frame_table import KIN_NOUNS
from .grammar import Occurrence
from .parse_tree import ParseTree, participle_like

SUBJECT_LABELS = {"nsubj", "nsubjpass"}


# the document's subject, for a clause with no subject at all that opens its sentence with the
# verb: "Arrested in Petersburg, 1912." in a terse CV (a Builder holder of None is the subject)
SUBJECT = Occurrence(-1, -1, "", "")


# where "his family moved to Riga" or "her parents emigrated" took the child too
WITH_FAMILY = {"residence", "emigration"}
_FAMILY = {"family", "parents"}


def holder_of(tree: ParseTree, i: int, occ: list[Occurrence], family: bool = False) -> Occurrence | None:
    """The person the trigger's clause is about, or None when it is nobody we can name. With
    `family`, "his family" and "her parents" stand for the person they belong to."""
    root = i
    while tree.dep(root) == "conj" and tree.tokens[root].head != root:
        root = tree.tokens[root].head
    if (tree.dep(root) == "ROOT" and not any(t.dep in SUBJECT_LABELS for t in tree.tokens)
            and (root == 0 and tree.word(root)[:1].isupper() or _opened_by_time(tree, root, occ))) \
            or terse_line(tree):
        return SUBJECT
    seen = set()
    while i not in seen:
        seen.add(i)
        subjects = tree.kids(i, *SUBJECT_LABELS) or tree.kids(i, "poss")
        if subjects and family and tree.word(subjects[0]).lower() in _FAMILY and tree.kids(subjects[0], "poss"):
            return person_at(tree, tree.kids(subjects[0], "poss")[0], occ)
        if subjects:  # ("After the failure ..., Luxemburg ... were captured": the parser may give two)
            return next((p for p in (person_at(tree, k, occ) for k in subjects) if p is not None), None)
        dep = tree.dep(i)
        head = tree.tokens[i].head
        if dep == "xcomp" and head != i and tree.kids(head, "dobj") and not subjects:
            return person_at(tree, tree.kids(head, "dobj")[0], occ)  # "forced her to take up work": her
        if dep == "conj" and head != i and (named := _named_just_before(tree, i, occ)) is not None:
            return named  # "her father, X, was a singer and her mother, Y, was an actress": Y (misparsed)
        if dep in ("conj", "xcomp") and head != i:
            i = head  # "was arrested, tried and shot": the first verb's subject
        elif dep in ("acl", "relcl", "appos") and head != i:
            return person_at(tree, head, occ)  # "his son Stefan, who was arrested"; "X, born in ..."
        elif (dep == "advcl" or opening_participle(tree, i)) and head != i:
            # "Having spent 11 years in prison, she was freed": the main clause's subject; so for
            # "Exiled to Tver in 1910, he escaped", which the parser may hang as a ccomp
            i = head
        elif dep == "pcomp" and head != i and tree.dep(head) == "prep":
            i = tree.tokens[head].head  # "was arrested before being shot": the verb "before" hangs from
        else:
            return None
    return None


def _named_just_before(tree: ParseTree, i: int, occ: list[Occurrence]) -> Occurrence | None:
    """A name set off by commas right before a subjectless coordinated verb ("..., and her
    mother, Nathalie Wild, was an actress"): the parser took the name for the first clause's."""
    k = i - 1
    if k < 1 or tree.word(k) != "," or tree.dep(k - 1) != "appos":
        return None
    named = person_at(tree, k - 1, occ)
    return named if named is not None and not named.pronoun else None


def terse_line(tree: ParseTree) -> bool:
    """A CV's line with no subject anywhere that opens with a participle, or with its time and
    then a participle: "Arrested in 1936; in 1937 sentenced to ten years", "On 8 January 1938
    sentenced by the Military Collegium" (however the parser hangs the verbs)."""
    if any(t.dep in SUBJECT_LABELS for t in tree.tokens) or not tree.word(0)[:1].isupper():
        return False
    if tree.head_time is not None:
        return True  # a chronology's line after its date ("1917 – Returns to Petrograd; elected ...")
    first = 0
    if tree.dep(0) == "prep" and tree.word(0).lower() in ("on", "in", "from", "since", "by", "at"):
        # "On 8 January 1938": the time, then the verb
        date = next((d for d in tree.dates if len(tree.tokens) > 1 and d.start == tree.tokens[1].start), None)
        if date is None:
            return False
        first = next((k for k, t in enumerate(tree.tokens) if t.start >= date.end), len(tree.tokens))
        if first < len(tree.tokens) and tree.word(first) == ",":
            first += 1
    return first < len(tree.tokens) and participle_like(tree.word(first)) \
        and tree.dep(first) in ("ROOT", "ccomp", "advcl", "conj", "csubj", "acl")


def opening_participle(tree: ParseTree, i: int) -> bool:
    """"Exiled to Tver in 1910, he ...": a participle opening the sentence, its clause hung from
    the main verb (the parser says advcl, or ccomp, and may take its complement for an object)."""
    return i == 0 and tree.dep(i) in ("advcl", "ccomp") and participle_like(tree.word(i)) \
        and not tree.kids(i, "aux", *SUBJECT_LABELS)


def _opened_by_time(tree: ParseTree, root: int, occ: list[Occurrence]) -> bool:
    """"In 1914 returned to Russia": a terse line whose verb follows only its time, no subject and
    no name before it, is the document subject's line as much as "Returned to Russia, 1914"."""
    return root > 0 and participle_like(tree.word(root)) and any(tree.dates) \
        and tree.dep(0) == "prep" and tree.tokens[0].head == root \
        and not any(o.start < tree.tokens[root].start for o in occ)


def person_at(tree: ParseTree, i: int, occ: list[Occurrence]) -> Occurrence | None:
    t = tree.tokens[i]
    word = tree.word(i).lower()
    if word in ("who", "whom", "which", "that"):
        head = tree.tokens[i].head  # the relative pronoun stands for the noun the clause hangs from
        if tree.dep(head) == "relcl" and tree.tokens[head].head != head:
            return person_at(tree, tree.tokens[head].head, occ)
        return None
    for o in occ:
        if o.start < t.end and t.start < o.end:
            return o
    if tree.dep(i) == "appos" and word not in KIN_NOUNS and t.head != i:
        # "Lydia X, a writer who was expelled": the name described (a name, never another appositive)
        head = tree.tokens[t.head]
        return next((o for o in occ if o.start < head.end and head.start < o.end), None)
    if word in KIN_NOUNS:
        # "his son Stefan": the name beside the kin word, never the document's subject
        for c in tree.kids(i, "appos", "compound"):
            found = person_at(tree, c, occ)
            if found is not None and found.key != "":
                return found
    return None
