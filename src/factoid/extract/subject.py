"""Who a document is about. The subject is the person the document keeps returning to as the
*agent* of its sentences, not merely the most frequent name: a biography of X names X's
famous contemporaries often, but mostly as objects ("wrote to Stalin", "Stalin's views")."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Document
from .names import PATRONYMIC, TITLES, clean_name, fold, is_variant, looks_like_name, name_words, surname, word_spans

# a verb right after a name makes that name the agent of its clause
_AGENT = {"was", "were", "had", "has", "is", "became", "joined", "wrote", "left", "returned", "moved", "died",
          "married", "said", "took", "went", "led", "served", "spent", "worked", "lived"}
_LIFE_EVENT = {"born", "died", "arrested", "executed", "shot", "exiled", "married", "buried"}
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|[.,;!?]")


def _name_stats(text: str, words: set[str]) -> tuple[Counter, Counter, Counter]:
    """One pass over the text: for each candidate surname, how often it occurs, how often a
    verb follows it (the name is the agent), and how often a life event follows in its clause."""
    tokens = _TOKEN.findall(text)
    mentions, agent, events = Counter(), Counter(), Counter()
    for i, tok in enumerate(tokens):
        if tok not in words:
            continue
        mentions[tok] += 1
        j = i + 1
        if j < len(tokens) and tokens[j] == ",":  # "Krasin, the engineer, was ..."
            close = next((k for k in range(j + 1, min(j + 9, len(tokens))) if tokens[k] == ","), None)
            j = close + 1 if close else j
        nxt = tokens[j] if j < len(tokens) else ""
        if nxt in _AGENT or (nxt.endswith("ed") and nxt.islower()):
            agent[tok] += 1
        if i + 1 < len(tokens) and tokens[i + 1] != ",":
            for k in range(i + 1, min(i + 8, len(tokens))):
                if tokens[k] in ".;!?":
                    break
                if tokens[k] in _LIFE_EVENT:
                    events[tok] += 1
                    break
    return mentions, agent, events


@dataclass(frozen=True)
class Subject:
    name: str                 # the fullest name the document gives
    key: str                  # folded surname
    variants: tuple[str, ...]  # every name in the document that can be this person


# a dictionary or catalogue heading: "Curie, Marie", "NANSEN, FRIDTJOF", "Tukhachevsky, Mikhayl
# (Nikolayevich)" on the first line, then the entry
# (a surname in capitals may also be followed by a colon or by the given names alone: "JAURES:
# Jean (Castres 1859 - Paris 1914)", "MOREAU Paul (1861-1920)")
_INVERTED = re.compile(r"\s*(?P<sur>[A-Z][\w'’-]+)(?P<sep>[,:]|(?=[ \t]))[ \t]+(?P<given>[A-Z][\w'’.-]+"
                       r"(?:\s+\(?[A-Z][\w'’.-]+\)?){0,2})\s*(?:\[|\(|\n|$)")


_HEADING_LINE = re.compile(r"(?m)^[ \t]*(?P<sur>[A-Z][\w'’-]+),[ \t]+[A-Z][\w'’.-]+")


def _surname_first(m) -> bool:
    """"Orlova, Anna", "ORLOVA: Anna", "ORLOVA Anna"; not "Anna Orlova (...)" or "ANNA ORLOVA",
    which are in their own order."""
    if m.group("sep") == ",":
        return True
    capitals = m.group("sur").isupper() and len(m.group("sur")) > 1
    return capitals and (m.group("sep") == ":" or not m.group("given").isupper())


def _inverted_heading(doc: Document) -> Subject | None:
    """The heading on one of the first lines, or after a slash ("Reference Work/Nansen, Fridtjof")."""
    m = None
    for start in [0] + [x.end() for x in re.finditer(r"\n|/", doc.clean[:300])]:
        m = _INVERTED.match(doc.clean, start)
        if m and _surname_first(m):
            break
        m = None
    if m is None:
        return None
    given = m.group("given").replace("(", "").replace(")", "")
    sur = m.group("sur")
    if sur.isupper() and len(sur) > 1:  # "NANSEN, FRIDTJOF": the entry's capitals, not the name's
        sur, given = sur.title(), given.title()
    full = f"{given} {sur}"
    if not looks_like_name(full) or len(full.split()) > 4:
        return None
    forms = {full, sur, m.group("sur"), f"{given.split()[0]} {sur}", f'{m.group("sur")} {m.group("given")}'}
    # the entry's own heading may spell the name otherwise than the title ("Reference
    # Work/Nansen, Fridtjof" over "Nan'sen, Fridtof (frēt' yof ...)"): that spelling is the subject's too
    for other in _HEADING_LINE.finditer(doc.clean, 0, min(len(doc.clean), 600)):
        if fold(other.group("sur")) == fold(sur):
            forms |= {other.group("sur"), other.group(0).strip()}
    names = {clean_name(x.text) for x in doc.mentions if x.kind == "person"}
    forms |= {n for n in names if looks_like_name(n) and is_variant(n, full)}
    return Subject(name=full, key=surname(full), variants=tuple(sorted(forms)))


# a register's or a memorial list's name fields: "Surname: Kalinin", "Name: Pyotr", "Patronymic: ..."
_NAME_FIELD = re.compile(r"(?im)^[ \t]*(?:[-*•|][ \t]*)?(?P<label>surname|last name|family name|first name|given name|"
                         r"forename|name|patronymic|middle name)[ \t]*[:=|][ \t]*(?P<value>[^\W\d_][\w'’-]*"
                         r"(?:[ \t]+[^\W\d_][\w'’-]*){0,2})[ \t|]*$")


def _record_subject(doc: Document) -> Subject | None:
    """The person a record page is about, assembled from its name fields."""
    fields: dict[str, str] = {}
    for m in _NAME_FIELD.finditer(doc.raw, 0, min(len(doc.raw), 3000)):  # (the cleaner drops short lines)
        label = m.group("label").lower()
        part = "surname" if label in ("surname", "last name", "family name") else \
            "middle" if label in ("patronymic", "middle name") else "given"
        fields.setdefault(part, m.group("value").strip())
    if "surname" not in fields or "given" not in fields:
        return None
    sur = fields["surname"].title() if fields["surname"].isupper() else fields["surname"]
    full = " ".join(x for x in (fields["given"], fields.get("middle"), sur) if x)
    if not looks_like_name(full):
        return None
    return Subject(name=full, key=surname(full), variants=tuple(sorted({full, sur, f'{fields["given"]} {sur}'})))


def find_subject(doc: Document) -> Subject | None:
    heading = _inverted_heading(doc) or _record_subject(doc)
    if heading is not None:
        return heading
    names = [clean_name(m.text) for m in doc.mentions if m.kind == "person"]
    # a title line that is a name alone, and a name followed by its life dates near the top
    # ("Leos Janácek\n(1854-1928) was born ..."), say whom the page is about, even where the
    # cleaner took the title for page furniture or NER missed the name
    top = doc.raw[:400]
    found = sorted((x.start(1), clean_name(x.group(1)), pattern is _DATED_NAME and "\n\n" not in x.group(0)
                    or _LIFE_ROW.match(top, x.end()) is not None or _LIFE_PAGE.match(top, x.end(1)) is not None)
                   for pattern in (_TITLE_NAME, _DATED_NAME) for x in pattern.finditer(top))
    # the first: a later one is the next entry; a title name the text never repeats (and gives
    # no life dates) is a caption or a photo credit over the article, not whom it is about
    # (a name with its patronymic, "Orlova Anna Petrovna", is a record's heading, repeated or not)
    heads = [h for _, h, dated in found if looks_like_name(h) and len(h.split()) >= 2 and len(word_spans(
        doc.clean, _surname_last(h, doc.clean).split()[-1])) >= (1 if dated or _patronymic_last(h) else 2)][:1]
    as_written = heads
    heads = [_surname_last(h, doc.clean) for h in heads]
    names = [n for n in names + heads if looks_like_name(n) and name_words(n)]
    if not names:
        return None
    text = doc.clean
    first = text[: doc.sentences[0].end] if doc.sentences else text[:300]
    title = doc.title or ""
    scores: Counter[str] = Counter()
    display: dict[str, str] = {}
    by_surname: dict[str, list[str]] = {}
    for n in names:
        by_surname.setdefault(surname(n), []).append(n)
    for key, same in by_surname.items():
        word = _surface(same, key)
        if len(key) >= 2 and word:
            display[key] = word
    mentions, agent, events = _name_stats(text, set(display.values()))
    folded_title, first_words = fold(title), set(_TOKEN.findall(first))
    headed = {surname(h) for h in heads}
    for key, word in display.items():
        bonus = 10 * (fold(word) in folded_title) + 5 * (word in first_words) + 40 * (key in headed)
        scores[key] = mentions[word] + 3 * agent[word] + 10 * events[word] + bonus
    if not scores:
        return None
    key, score = scores.most_common(1)[0]
    if score < 2:
        return None
    variants = [n for n in names if surname(n) == key]
    full = _full_name(text, variants, text[: doc.sentences[1].end] if len(doc.sentences) > 1 else first,
                      display[key], first)
    lead = text[: doc.sentences[1].end] if len(doc.sentences) > 1 else first
    written = _name_in_lead(f"{title}\n{lead}", display[key])
    if len(full.split()) == 1 or (written.endswith(" " + full) and full in lead):
        full = written or full  # NER cut the name short: "[Pavel] Andreyevich Lebedev"
    if len(full.split()) == 1 and heads and surname(heads[0]) == key:
        full = heads[0]  # a record's heading NER did not see: "Orlova Anna Petrovna", in the usual order
    if full.isupper() and len(full) > 3:
        full = full.title()  # a heading in capitals, "ERNST THÄLMANN (1886-1944)": the name as names are written
    # (all names: "Zinoviev Grigory", surname first, is filed under the wrong key)
    variants = sorted({n for n in names + as_written if is_variant(n, full)} | {display[key], full})
    return Subject(name=full, key=key, variants=tuple(variants))


# a line that is a name alone, or a page title's first part: "Anna Orlova | Russian engineer |
# Encyclopedia", "Anna Orlova - Biography", "Anna Orlova — Wikipedia"
_TITLE_NAME = re.compile(r"(?m)^[ \t=#*]*((?:[A-Z][\w'’.-]+[ \t]+){1,3}[A-Z][\w'’-]+)"
                         r"(?:[ \t=#*|]*$|[ \t]+(?:\||[-–—:][ \t])|:[ \t])")
# a title that says the page is one person's life: "Anna Orlova: Timeline", "Anna Orlova - Biography"
_LIFE_PAGE = re.compile(r"[ \t]*[:|–—-][ \t]*(?:(?:a|an|the)[ \t]+)?(?:[Tt]imeline|[Cc]hronology|[Bb]iography|"
                        r"[Bb]iographical|[Ll]ife\b|[Pp]rofile|[Oo]bituary)")
# a memorial page's or a profile's title over its life rows: "Anna Orlova" / "Birth: 3 Jun 1885,
# Tula", "Pavel Orlov" / "Soviet politician" / "" / "Born: February 4, 1878, Tula"
_LIFE_ROW = re.compile(r"[ \t]*\n(?:[^\n]{0,40}\n){0,2}?[ \t]*(?:Birth|Born|Death|Died|b\.|d\.)[ \t]*[:|]?[ \t]*"
                       r"(?:\d|[A-Z][a-z]{2,8}\.?[ \t]+\d)")  # (or under its one-line description)
# a name and its life dates, the brackets perhaps after a maiden name ("Anna Orlova, née Petrova (born")
_DATED_NAME = re.compile(r"((?:[A-Z][\w'’.-]+[ \t]+){1,3}[A-Z][\w'’-]+)(?:,[ \t]+(?:née|nee|born)[ \t]+[A-Z][\w'’-]+)?"
                         r"\s*\((?!\s*(?:m\.|married\b))[^()\n]{0,40}?\d{4}")


def _surname_last(name: str, text: str) -> str:
    """"Zinoviev Grigory" (surname first, as Russian writes it): the word the text repeats
    alone is the surname, so it goes last."""
    words = name.split()
    if len(words) == 3 and PATRONYMIC.search(words[1].casefold()):
        return name  # "Anna Ivanovna Morozova": the patronymic in the middle fixes the order
    if _patronymic_last(name):
        return " ".join(words[1:] + words[:1])  # "Morozova Anna Ivanovna", as a register writes it
    count = {w: len(word_spans(text, w)) for w in (words[0], words[-1])}
    return " ".join(words[1:] + words[:1]) if count[words[0]] > count[words[-1]] else name


def _patronymic_last(name: str) -> bool:
    words = name.split()
    return len(words) == 3 and PATRONYMIC.search(words[2].casefold()) is not None \
        and not PATRONYMIC.search(words[1].casefold())


_NOT_GIVEN = {"The", "A", "An", "In", "On", "At", "From", "By", "Of", "And", "But", "When", "After", "Before",
              "Born", "Comrade", "Mr", "Mrs", "Dr", "General", "Biography", "Profile", "About", "Life", "His", "Her"}


def _name_in_lead(lead: str, surname_word: str) -> str:
    """NER sometimes sees only the surname of an unfamiliar name; the title or the lead
    usually writes it in full: the capitalised words right before the surname."""
    if surname_word not in lead:
        return ""  # nothing to find
    for before in _written_before(lead, surname_word):
        words = before.split()
        if surname_word in words:
            continue  # "Anna Petrova Anna Petrova": a name written twice, not a longer name
        while words and (words[0] in _NOT_GIVEN or words[0].strip(".").casefold() in TITLES):
            words.pop(0)  # ("Professor Alexander Gorsky": the title is no given name)
        if words:
            return " ".join([*words, surname_word])
    return ""


_UNIT = re.compile(r"[A-Z][\w'’.-]*[ \t]+")  # a capitalised word and the blanks after it
_CAPITAL = re.compile(r"[A-Z]")


def _written_before(lead: str, surname_word: str):
    r"""The one to three capitalised words right before each occurrence of `surname_word` (a
    whole word at its end), in order: what re.finditer(rf"((?:[A-Z][\w'’.-]*[ \t]+){{1,3}})
    {re.escape(surname_word)}\b", lead) gives as group 1, without compiling a pattern per
    surname (which cost a tenth of English extraction). The words are found the way that pattern
    finds them: from the leftmost capital, as many words as fit (three at most), fewer when the
    surname follows fewer."""
    if not surname_word or surname_word[0] in " \t":  # the blanks could then end elsewhere
        for m in re.finditer(rf"((?:[A-Z][\w'’.-]*[ \t]+){{1,3}}){re.escape(surname_word)}\b", lead):
            yield m.group(1)
        return
    size, last = len(surname_word), _is_word(surname_word[-1])
    pos = 0
    while (capital := _CAPITAL.search(lead, pos)) is not None:
        start = capital.start()
        ends, at = [], start
        while len(ends) < 3 and (unit := _UNIT.match(lead, at)) is not None:
            at = unit.end()
            ends.append(at)
        for end in reversed(ends):
            after = end + size
            if lead.startswith(surname_word, end) and (after < len(lead) and _is_word(lead[after])) != last:
                yield lead[start:end]
                pos = after
                break
        else:
            pos = start + 1


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_KIN_BEFORE = re.compile(r"\b(?:father|mother|son|daughter|brother|sister|wife|husband|uncle|aunt|"
                        r"grandfather|grandmother|cousin|nephew|niece|parents?)\b[^.;()]{0,40}$", re.I)


def _full_name(text: str, variants: list[str], lead: str, surname_word: str, first: str = "") -> str:
    """The subject's fullest name: the one the first sentence gives (a biography opens with
    it), else the multi-word name that most of the document's mentions with this surname agree
    with ("N. Bukharin" agrees with "Nikolai Bukharin"); never a relative introduced as "his
    father X", however often the text names him."""
    fuller = [n for n in set(variants) if len(n.split()) > 1 and not _kin_introduced(text, n)]
    if not fuller:
        return surname_word
    multi = [n for n in variants if len(n.split()) > 1]
    def weight(name: str) -> tuple:
        agree = sum(1 for m in multi if is_variant(m, name))
        return (name in first, agree, len(name.split()), _early(text, name))
    best = max(fuller, key=weight)
    if weight(best)[1] < 2 and best not in lead:
        # a full name neither confirmed by another mention nor given in the lead: on a
        # scrambled page it may be two names run together, so the surname alone is safer
        return surname_word
    return best


def _kin_introduced(text: str, name: str) -> bool:
    """Every occurrence of `name` follows a kinship word: a relative, not the subject."""
    found, at = [], text.find(name) if name else -1  # re.finditer(re.escape(name)) without a pattern
    while at >= 0:
        found.append(at)
        at = text.find(name, at + len(name))
    return bool(found) and all(_KIN_BEFORE.search(text[max(0, p - 50):p]) for p in found)


def _surface(names: list[str], key: str) -> str:
    """The surname as written (most common capitalisation) for text matching."""
    # (the word that is the surname: the last, or the first of "Zinoviev Grigory Evseevich")
    forms = Counter(next((w.rstrip(".,") for w in reversed(n.split()) if fold(w.rstrip(".,")) == fold(key)),
                         n.split()[-1].rstrip(".,")) for n in names if surname(n) == key and n.split())
    return forms.most_common(1)[0][0] if forms else ""


def _early(text: str, name: str) -> int:
    """Prefer the fuller name that appears earliest (the lead sentence names the subject fully)."""
    pos = text.find(name)
    return -pos if pos >= 0 else -len(text)
