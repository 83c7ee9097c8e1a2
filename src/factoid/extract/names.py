"""Person names within one document: cleaning NER spans, folding, and which names can be
variants of one another ("Krasin" and "Leonid Borisovich Krasin"; not "Boris Krasin")."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TITLES = {"mr", "mrs", "ms", "dr", "prof", "professor", "general", "gen", "colonel", "col", "captain",
          "capt", "comrade", "count", "countess", "prince", "princess", "tsar", "czar", "sir", "lord",
          "lady", "president", "chairman", "premier", "minister", "commissar", "ambassador", "father",
          "saint", "st", "king", "queen", "emperor", "empress", "grand", "duke", "duchess", "baron"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
PRONOUNS = {"he": "m", "she": "f", "his": "m", "her": "f", "him": "m"}
# infobox labels that a flattened table glues to the name after them ("Spouse Pierre Curie")
LABELS = {"spouse", "spouses", "childhood", "children", "child", "parents", "parent", "born", "died", "birth",
          "death", "residence", "education", "nationality", "occupation", "relatives", "signature", "biography",
          "profile", "religion", "citizenship", "awards", "honours", "honors", "partner", "partners",
          "predecessor", "successor", "preceded", "succeeded", "by", "early", "life", "personal", "details",
          "name", "native", "full", "real", "pseudonym", "alias", "also", "known", "as", "see", "cf"}
# words no person's name is made of: places, bodies, movements, collectives, months, relatives
# ("Kiev Governorate", "Left Socialist Revolutionaries", "Russian SFSR", "Children")
NOT_NAME = LABELS | {
    "governorate", "gubernia", "guberniya", "province", "oblast", "district", "region", "county", "uyezd",
    "republic", "empire", "kingdom", "principality", "duchy", "sfsr", "ssr", "ussr", "federation", "union",
    "party", "revolutionaries", "revolutionary", "socialists", "communists", "bolshevik", "bolsheviks",
    "menshevik", "mensheviks", "anarchists", "democrats", "committee", "council", "army", "navy", "front",
    "university", "institute", "school", "academy", "museum", "street", "square", "avenue", "river", "lake",
    "mountains", "island", "islands", "church", "cathedral", "cemetery", "prison", "station", "railway",
    "company", "society", "association", "league", "revolution", "war", "uprising", "congress", "conference",
    "trust", "bureau", "ministry", "commissariat", "department", "agency", "corporation", "bank", "factory",
    "works", "plant", "newspaper", "journal", "magazine", "gazette", "theatre", "theater", "orchestra",
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "whose", "who", "which", "this", "that", "these", "those", "there", "here", "after",
    "before", "during", "when", "while", "the", "a", "an", "of", "in", "on", "at", "and", "or",
    # a biography's section headings ("Arrest and death", "Early life", "Career"), never a name
    "arrest", "arrests", "death", "birth", "exile", "execution", "trial", "rehabilitation", "marriage", "career",
    "life", "legacy", "biography", "childhood", "imprisonment", "emigration", "burial", "awards", "honours",
    "honors", "bibliography", "memory", "repression"}
# the lower-case words a name may hold ("Leonardo da Vinci", "Ludwig van Beethoven")
PARTICLES = {"da", "de", "del", "della", "di", "do", "dos", "das", "du", "la", "le", "van", "von", "der", "den",
             "ter", "zu", "y", "bin", "ibn", "ben", "al", "el", "dze", "ze", "że"}
_TITLE_OR_LABEL = TITLES | LABELS
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


@lru_cache(maxsize=1 << 16)  # a document folds each of its names many times over
def fold(text: str) -> str:
    """Case, accents and punctuation folded: the key under which names compare."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"(?<=\w)['’ʼ](?=\w)", "", text)  # "Nan'sen" (a stress mark) is "Nansen"
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def word_spans(text: str, word: str) -> list[tuple[int, int]]:
    r"""Where `word` stands in `text` as a whole word: what re.finditer(rf"\b{re.escape(word)}\b",
    text) finds, without compiling a pattern for each name of each document (that compiling
    cost about a twentieth of English extraction)."""
    if not word:
        return [m.span() for m in re.finditer(rf"\b{re.escape(word)}\b", text)]
    out: list[tuple[int, int]] = []
    n, first, last = len(word), _is_word(word[0]), _is_word(word[-1])
    at = text.find(word)
    while at >= 0:
        # \b: a word character on exactly one side, the text's ends counting as non-word
        if (at > 0 and _is_word(text[at - 1])) != first and (at + n < len(text) and _is_word(text[at + n])) != last:
            out.append((at, at + n))
            at = text.find(word, at + n)
        else:
            at = text.find(word, at + 1)
    return out


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches in a str pattern


def clean_name(text: str) -> str:
    """An NER person span as a name: no possessive, no leading title, no stray punctuation."""
    text = " ".join(text.split()).strip(" ,;:()[]\"'“”‘’")
    text = _POSSESSIVE.sub("", text)
    words = text.split()
    while len(words) > 1 and words[0].strip(".:").casefold() in _TITLE_OR_LABEL:
        words.pop(0)
    return " ".join(words)


# a patronymic ends a name only when the name is written surname first ("Zinoviev Grigory
# Evseevich", "Серебряков Леонид Петрович"), as Russian registers write it
# the endings of East Slavic and Caucasian surnames, which given names do not have
SURNAME_ENDING = re.compile(r"(?:ov|ev|yov|in|yn|sky|skiy|skii|skij|ova|eva|ina|yna|skaya|enko|uk|dze|shvili|yan|ian|"
                            r"ов|ев|ин|ын|ский|ова|ева|ина|ына|ская|енко|ук|дзе|швили|ян)$")
PATRONYMIC = re.compile(r"(?:[oe]vi(?:ch|c|tch)|[oe]vn[ao]|ichna|ович|евич|овна|евна|ична)$")


def name_words(name: str) -> list[str]:
    """The words of a name in the order given names, patronymic, surname."""
    words = [w.strip(".").casefold() for w in _WORD.findall(name)]
    words = [w for w in words if w and w not in SUFFIXES]
    if len(words) == 3 and PATRONYMIC.search(words[2]) and not PATRONYMIC.search(words[1]) \
            and not PATRONYMIC.search(words[0]):
        if SURNAME_ENDING.search(words[0]) and not SURNAME_ENDING.search(words[1]):
            words = [words[1], words[2], words[0]]  # "Zinoviev Grigory Evseevich"
        elif SURNAME_ENDING.search(words[1]) and not SURNAME_ENDING.search(words[0]):
            words = [words[0], words[2], words[1]]  # "Alexander Shlyapnikov Gavrilovich"
    return words


def surname(name: str) -> str:
    words = name_words(name)
    return words[-1] if words else ""


def looks_like_name(name: str) -> bool:
    """At least one capitalised word, no digits, not too long, and no word that names a
    place, a body, a movement, a month or an infobox label instead of a person."""
    words = name.split()
    return (0 < len(words) <= 6 and not any(c.isdigit() for c in name) and name[:1].isupper()
            and not any(w.strip(".,:;()").casefold() in NOT_NAME for w in words)
            and all(w[:1].isupper() or w in PARTICLES for w in words))


def is_variant(short: str, full: str) -> bool:
    """`short` can name the same person as `full`: same surname, and every other word of
    `short` matches a word of `full` (an initial matches a word it begins)."""
    s, f = name_words(short), name_words(full)
    if len(s) == 1 and len(f) > 1 and s[0].casefold() == f[0].casefold() and short.isupper():
        return True  # "NANSEN, FRIDTJOF": the capitals of a heading give the given name alone
    if not s or not f:
        return False
    if len(s) > 1 and len(f) > 2 and fold(s[0]) == fold(f[-1]) and fold(s[-1]) != fold(f[-1]):
        s = s[1:] + s[:1]  # "Zinoviev Grigory": surname first, as Russian writes it
    if len(s) == 2 and len(f) == 3 and PATRONYMIC.search(s[1]) and \
            [fold(w) for w in s] == [fold(w) for w in f[:2]]:
        return True  # "Anna Ivanovna": given name and patronymic, as Russian addresses a person
    if fold(s[-1]) != fold(f[-1]):
        return False
    rest = f[:-1]
    if len(s) == 2 and PATRONYMIC.search(s[0]) and not any(PATRONYMIC.search(w) for w in rest):
        return True  # "[Isaak] Emmanuilovich Babel": NER cut the given name off a full name
    for word in s[:-1]:
        if any(w == word or (len(word) == 1 and w.startswith(word)) for w in rest):
            continue
        return False
    return True
