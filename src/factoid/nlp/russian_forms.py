"""Dictionary forms of the names NER found, from pymorphy2's analyses of their words alone
(natasha's vocabulary): "в Вологодскую губернию" -> "Вологодская губерния", "Глеба Аркадьевича
Стужина" -> "Глеб Аркадьевич Стужин". Only the words of a name are analysed, so the whole text
need not be morphologically tagged (that tagging cost more than the NER itself). The case of a
name is read from its most telling word (a given name or patronymic for a person, the head noun
for a place); the other words are put into the nominative from the analysis in that case."""
from __future__ import annotations

import re

_CYRILLIC = re.compile(r"^[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*$")


def _cap(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _nominative(word: str, parses, case: str | None, gender: str | None = None, pos: str | None = None) -> str:
    """`word` in the nominative, from its analysis in `case` (and gender) when it has one."""
    if not _CYRILLIC.match(word) or not parses:
        return word
    fitting = [p for p in parses if (case is None or p.feats.get("Case") == case)
               and (gender is None or p.feats.get("Gender") in (gender, None))
               and (pos is None or p.pos == pos)]
    if not fitting:
        return word
    if fitting[0].feats.get("Case") == "Nom":
        return word
    form = fitting[0].inflect({"Nom"})
    return _cap(form.word, word) if form else word


def place_form(text: str, vocab) -> str:
    """A place's or an organisation's name in the nominative: the words up to its head noun agree
    with the head; what follows the head (a genitive complement) is kept as written."""
    words = text.split()
    parsed = [vocab.parse(w) if _CYRILLIC.match(w) else [] for w in words]
    head = next((i for i, ps in enumerate(parsed) if ps and ps[0].pos in ("NOUN", "PROPN")), None)
    if head is None:
        return text
    noun = parsed[head]
    if any(p.feats.get("Case") == "Nom" for p in noun[:1]):
        return text  # already a nominative ("Тверь", "Новое кладбище")
    case, gender = noun[0].feats.get("Case"), noun[0].feats.get("Gender")
    out = [_nominative(w, ps, case, gender, "ADJ") for w, ps in zip(words[:head], parsed[:head])]
    out.append(_nominative(words[head], noun, case))
    return " ".join(out + words[head + 1:])


def person_form(first: str | None, middle: str | None, last: str | None, vocab) -> str:
    """A person's name in the nominative from its parts (natasha's name grammar tells which word is
    which), ordered given name, patronymic, surname: the order the resolver reads a full name in.
    The case of the whole name is read from the given name and the patronymic: when either can be
    a nominative, the name is kept as written ("Иона" is a name in the nominative, though also the
    genitive of another); otherwise each part is put into the nominative from its reading in that
    case and gender ("Глеба Аркадьевича Стужина")."""
    if middle is None and last and re.search(r"(?:вич|вна|ична)$", last):
        middle, last = last, None  # "Глеб Аркадьевич": a patronymic, not a surname
    parts = [(p, vocab.parse(p) if p and _CYRILLIC.match(p) else []) for p in (first, middle, last)]
    telling = [(p, [x for x in ps if "Name" in str(x.tag) or "Patr" in str(x.tag)]) for p, ps in parts[:2] if p]
    telling = [(p, ps) for p, ps in telling if ps]
    # a patronymic's case is sure (-вич, -вича, -вичем); a given name's may not be ("Иона", "Леонида")
    telling = [(p, ps) for p, ps in telling if any("Patr" in str(x.tag) for x in ps)] or telling
    if not telling or any(x.feats.get("Case") == "Nom" for _, ps in telling for x in ps):
        return " ".join(p for p, _ in parts if p)
    case, gender = telling[0][1][0].feats.get("Case"), telling[0][1][0].feats.get("Gender")
    return " ".join(_nominative(p, ps, case, gender) if len(p) > 1 else p for p, ps in parts if p)
