"""Triggers and objects a word alone does not give: a marriage contracted with someone
("contracted a marriage with X", "entered into a marriage with X"), a shooting that was a
murder ("shot dead by X"), the degree a verb's object names where no school is named ("received
his doctorate in 1910"). frames.py asks these while it finds and fills its frames."""
from __future__ import annotations

from .frame_table import DEGREE_NOUNS
from .parse_tree import ParseTree, phrase_at


def degree(tree: ParseTree, i: int):
    """The degree a verb's object names, when it says which ("his doctorate", "a law degree"), not
    a bare "a degree"."""
    for d in tree.kids(i, "dobj"):
        phrase = phrase_at(tree, d) if tree.word(d).lower() in DEGREE_NOUNS else None
        # "his degree in law": the subject it is in, a common noun (not "in 1905", "in Paris")
        field = next((f for p in tree.kids(d, "prep") + tree.kids(i, "prep") if p == d + 1 and tree.word(p).lower() == "in"
                      for o in tree.kids(p, "pobj")
                      if tree.word(o).isalpha() and tree.word(o).islower() and (f := phrase_at(tree, o))), None)
        if phrase and field and field[0] > phrase[1]:
            phrase = (phrase[0], field[1], tree.text[phrase[0]:field[1]])
        if phrase and phrase[2].lower() not in ("degree", "degrees", "diploma", "diplomas"):
            return phrase
    return None


def shot_dead(tree: ParseTree, i: int) -> bool:
    """"was shot dead", "shot by Nikolaev", "shot by an assassin" (not "shot by the NKVD")."""
    if any(tree.word(k).lower() == "dead" for k in tree.kids(i, "oprd", "acomp", "advmod", "xcomp")):
        return True
    return any(not tree.kids(o, "det") and tree.word(o)[:1].isupper() or tree.word(o).lower() in (
        "assassin", "gunman", "terrorist") for a in tree.kids(i, "agent") for o in tree.kids(a, "pobj"))


def entered_into(tree: ParseTree, i: int) -> bool:
    """"contracted a fictitious marriage with X", "entered into a marriage with X": a marriage
    the verb's subject made, with the person it names."""
    return tree.word(i).lower() == "marriage" and marriage_verb(tree, i) is not None and any(
        tree.word(p).lower() in ("with", "to") for p in tree.kids(i, "prep"))


def marriage_verb(tree: ParseTree, i: int) -> int | None:
    head = tree.tokens[i].head
    if tree.dep(i) == "dobj":
        return head
    if tree.dep(i) == "pobj" and tree.word(head).lower() == "into" and tree.tokens[head].head != head:
        return tree.tokens[head].head
    return None
