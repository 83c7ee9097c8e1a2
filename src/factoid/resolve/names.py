"""Person names for resolution: folding, transliteration, sound keys, name parts.

One person is written many ways: Cyrillic or Latin, under several transliteration schemes
(Krasnoshchyokov, Krasnoščëkov, Preobraschenski), with or without the patronymic, with
initials, surname first or last. `parse` turns each written name into parts keyed so that
the spellings of one name share a key, and `compare.py` weighs two parsed names."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import iuliia

from ..language import repair_mixed_script
from .hypocorisms import GROUPS

# scholarly and German letters whose diacritics carry a sound: keep the sound, not the base
_LETTERS = str.maketrans({"č": "ch", "š": "sh", "ž": "zh", "ŝ": "shch", "ĉ": "ch", "ë": "yo", "ĭ": "i",
                          "ǐ": "i", "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ä": "a", "ö": "o",
                          "ü": "u", "ʹ": "", "ʺ": "", "'": "", "’": "", "ʼ": "", "`": "", "‘": ""})
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_PUNCTUATION = re.compile(r"[^\w\s]|_")

# Latin spellings of one sound under the usual schemes (BGN/PCGN, LC, ISO 9, German, French),
# folded to one symbol; order matters (longest spellings first)
_SOUNDS = [(re.compile(p), r) for p, r in (
    (r"dzh|dsch|dj|^j(?=[aeiou])", "J"),                     # дж; English John, Joseph
    (r"shtsch|shch|chtch|sch|tsch|tch|sh|zh|ch", "S"),       # ш щ ж ч: every scheme disagrees
    (r"kh", "h"), (r"gh", "g"), (r"ks", "x"), (r"ph", "f"), (r"w", "v"), (r"tz", "ts"), (r"ck", "k"),
    (r"(?:iy|ii|ij|yi|yj|yy|y|j)$", "i"),                    # -sky, -skiy, -skij, -skii
    (r"(?<=[aeou])[yj](?=[^aeiou]|$)", "i"),                 # Nikolay / Nikolai / Nikolaj
    (r"[yij]e|[yj]o", "e"), (r"[yij]u", "u"), (r"[yij]a", "a"),  # Yevgeny/Evgenii, Yury/Jurij
    (r"(.)\1+", r"\1"),
)]

# particles and ranks of nobility are no part of the name anywhere; titles only before it
# ("Martin King" keeps his surname)
_PARTICLES = frozenset("""of the de da di del della dos das du von van der den ter le la zu jr sr ii iii iv
sir lord lady baron baroness count countess earl duke duchess marquess viscount knight dame baronet bt bart
hon honourable rt esq kt kbe cbe obe mbe frs qc kc mp""".split())
_TITLES = frozenset("""mr mrs ms dr prof professor rev reverend saint st general gen colonel col captain
capt comrade president chairman premier minister commissar king queen tsar czar emperor empress prince
princess maj major lt lieutenant adm admiral brig brigadier sgt sergeant cpl corporal""".split())
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?$")

# a patronymic anywhere (-ovich, -evna, German -owitsch, French -ovitch), or in the middle of
# three names (-ich, -ichna: Ilyich, Kuzminichna)
_PATRONYMIC = re.compile(r"(?:[oe]vi(?:ch|c|tch|tsch|tj)|[oe]vn[ao]|i(?:ch|c)n[ao])$")
_MIDDLE_PATRONYMIC = re.compile(r"(?:[iy](?:ch|c|tch|tsch)|ichna)$")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case, accents and punctuation folded; Cyrillic transliterated: the form names are
    shown and deduplicated under."""
    if not text.isascii():
        if _CYRILLIC.search(text):
            text = iuliia.WIKIPEDIA.translate(repair_mixed_script(text))
        text = text.casefold().translate(_LETTERS)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_PUNCTUATION.sub(" ", text.casefold().replace("'", "")).split())


@lru_cache(maxsize=200_000)
def sound_key(word: str) -> str:
    """A folded word's sound key: Krasnoshchyokov, Krasnoshchekov and Krasnoščëkov share one."""
    for pattern, replacement in _SOUNDS:
        word = pattern.sub(replacement, word)
    return word


def feminine(key: str) -> str:
    """The feminine form of a masculine surname key (Krasin -> Krasina, Trotsky -> Trotskaya)."""
    if key.endswith("a"):
        return ""
    return key[:-1] + "a" if key.endswith("i") else key + "a"


def feminine_pair(a: str, b: str) -> bool:
    """Two surname keys that are the masculine and feminine forms of one Russian surname
    (Serebryakov / Serebryakova, Krasin / Krasina, Trotsky / Trotskaya): different people."""
    return min(len(a), len(b)) >= 3 and a != b and (feminine(a) == b or feminine(b) == a)


@dataclass(frozen=True)
class Name:
    """A written name in parts. Keys are sound keys; `given` are given-name keys (a nickname
    maps to its full name); an initial is one letter."""
    text: str
    shown: tuple[str, ...]  # the folded words, given names first: for explanations
    given: tuple[str, ...]
    patronymic: str
    surname: str
    words: tuple[str, ...]  # every key, for blocking
    first: str = field(init=False, repr=False, compare=False)
    # a given name (or initial) and a surname: enough to name one person
    full: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        # read for every candidate pair: worked out once per name
        object.__setattr__(self, "first", self.given[0] if self.given else "")
        object.__setattr__(self, "full", bool(self.given and self.surname))


@lru_cache(maxsize=200_000)
def parse(text: str) -> Name:
    words = _words(text)
    if not words:
        return Name(text, (), (), "", "", ())
    surname_first = False
    head, comma, tail = text.partition(",")
    if comma and "," not in tail and len(_words(head)) == 1 and 1 <= len(_words(tail)) <= 3 \
            and len(tail.split()) == len(_words(tail)):
        words = _words(tail) + _words(head)  # "Krasin, Leonid Borisovich"
    elif len(words) == 3 and _is_patronymic(words[2], True) and not _is_patronymic(words[1], True):
        if sound_key(words[0]) in _GIVEN and sound_key(words[1]) not in _GIVEN:
            words = [words[0], words[2], words[1]]  # "Alexander Shlyapnikov Gavrilovich": a copy's muddle
        else:
            surname_first = True  # "Krasin Leonid Borisovich", the Russian official order
    if surname_first:
        words = words[1:] + words[:1]
    patronymic = ""
    rest = list(words)
    for i, w in enumerate(words[:-1]):
        if i > 0 and _is_patronymic(w, len(words) == 3 and i == 1):
            patronymic = sound_key(w)
            rest.remove(w)
            break
    surname = sound_key(rest[-1]) if len(rest) > 1 or not patronymic else ""
    if len(rest) == 1 and len(rest[0]) == 1:
        surname = ""  # a lone initial names nobody
    given = tuple(w if len(w) == 1 else given_key(sound_key(w)) for w in rest[:-1])
    keys = tuple(dict.fromkeys(k for k in (*given, patronymic, surname) if len(k) > 1))
    return Name(text, tuple(words), given, patronymic, surname, keys)


def _words(text: str) -> list[str]:
    words = [w for w in fold(text).split() if w not in _PARTICLES and not _ORDINAL.match(w)]
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    return words


# a diminutive or another language's form of a given name keys as the name itself
_GIVEN = {sound_key(fold(form)): sound_key(fold(forms.split()[0])) for forms in GROUPS for form in forms.split()}


def given_key(key: str) -> str:
    return _GIVEN.get(key, key)


def _is_patronymic(word: str, middle: bool) -> bool:
    return len(word) >= 5 and bool(_PATRONYMIC.search(word) or (middle and _MIDDLE_PATRONYMIC.search(word)))
