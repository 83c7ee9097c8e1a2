"""A document's language, decided once at ingest: first by script (the share of Cyrillic and
Latin letters), then, within that script, by py3langid (a maintained identifier whose model ships
in its wheel). Only a confident verdict on enough text names another language: a short or
ambiguous Latin text stays English, which is what factoid always read, so a noisy English page is
never set aside by a guess."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from operator import sub

# py3langid candidates per script: restricting the identifier to the script's languages keeps
# it from answering, say, Latin-letter Swahili for an English page full of names
_CYRILLIC_LANGS = ("ru", "uk", "be", "bg", "sr", "mk", "kk")
_LATIN_LANGS = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sv", "da", "no", "fi", "lv", "lt",
                "et", "hu", "ro", "tr", "la", "hr", "sk", "sl")
NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian", "be": "Belarusian", "bg": "Bulgarian",
         "sr": "Serbian", "mk": "Macedonian", "kk": "Kazakh", "de": "German", "fr": "French",
         "es": "Spanish", "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "cs": "Czech",
         "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "lv": "Latvian",
         "lt": "Lithuanian", "et": "Estonian", "hu": "Hungarian", "ro": "Romanian", "tr": "Turkish",
         "la": "Latin", "hr": "Croatian", "sk": "Slovak", "sl": "Slovenian", "und": "an undetermined language"}

MIN_LETTERS = 80      # below this (a line or two) the identifier is not trusted over the default
MIN_CONFIDENCE = 0.95  # the identifier's normalised probability needed to leave the default
_SAMPLE = 20_000       # characters read: enough for a verdict, cheap on a long book
_URL = re.compile(r"\S+://\S+|www\.\S+|\S+\.(?:jpe?g|png|gif|svg|html?)\b", re.I)


def name(code: str) -> str:
    """The language's English name, for messages."""
    return NAMES.get(code, code)


_ASCII_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def script_counts(text: str) -> tuple[int, int]:
    """(Cyrillic letters, Latin letters) in `text`. ASCII letters are counted by bytes.translate
    and each other character once (a character at a time in Python cost ten times as much)."""
    lat = len(text.encode("ascii", "ignore").translate(None, _ASCII_NOT_LETTERS))
    if text.isascii():
        return 0, lat
    cyr = 0
    for ch, n in Counter(_NON_ASCII.findall(text)).items():
        if ch.isalpha():
            if "\u0400" <= ch <= "\u04ff":
                cyr += n
            elif unicodedata.name(ch, "").startswith("LATIN"):
                lat += n
    return cyr, lat


def detect(text: str) -> str:
    """The ISO 639-1 code of the text's language ("en" when unsure and Latin, "ru" when unsure
    and Cyrillic; "und" only for a text with letters of neither script)."""
    sample = _URL.sub(" ", text[:_SAMPLE])
    cyr, lat = script_counts(sample)
    if cyr + lat == 0:
        return "en" if not any(ch.isalpha() for ch in sample) else "und"
    cyrillic = cyr > lat
    default, langs = ("ru", _CYRILLIC_LANGS) if cyrillic else ("en", _LATIN_LANGS)
    if max(cyr, lat) < MIN_LETTERS:
        return default
    if not cyrillic and plainly_english(sample):
        return "en"
    return identified(sample, langs, default)


def identified(sample: str, langs: tuple[str, ...], default: str) -> str:
    """The identifier's verdict among `langs`, when confident; else `default`."""
    code, confidence = _identify(sample, langs)
    return code if code and confidence >= MIN_CONFIDENCE else default


# English prose told without the identifier, which took a tenth of ingest's own time: enough
# words that only English has ("the", "which": PLAIN_SHARE of the words, at least two), no
# common word of another language the identifier knows and few letters outside ASCII. A text
# mixing in even a few sentences of another language fails the test and goes to the identifier,
# which may name that language (tests/test_language.py checks the two agree, mixtures included)
_ENGLISH_ONLY = frozenset("the and which with his she that this from their were been who born died after became "
                          "when where would there into between during until while these those they them its other "
                          "first".split())
_NOT_ENGLISH = frozenset("""der und ist nicht sich auch wurde eine einer dem auf les une dans pour qui avec elle
pas aux della delle nel alla sono anche dei gli una que por fue uma foi não het een zijn werd niet voor
ook bij jest nie że oraz był jego przez byl jako že který jsou bylo ako bol och att som är på för blev
eller efter också ett inte ikke også ja oli että hän hänen joka ovat és egy hogy volt și în fost este
sau lui az meg után pedig bir için ile olan olarak kas yra buvo ning mis kao koji bio bila kot tudi bil
est et sunt quae quod enim atque autem eius sed""".split())
# English words common enough that a dozen words of English prose in a row always hold one: a
# longer run without any is a passage in another language (or a list of names)
_COMMON = _ENGLISH_ONLY | frozenset("of in to a an was is for on as by at he her it or but not be are had has have "
                                    "i we you our my".split())
_LONGEST_RUN = 12
PLAIN_SHARE = 0.06
_PLAIN_NON_ASCII = 0.02  # letters outside ASCII, at most (names: "Jean-François", "Königstuhl")
_WORD = re.compile(r"[^\W\d_]+")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")


def plainly_english(sample: str) -> bool:
    """Is this Latin-script text plainly English prose (see above)?"""
    words = _WORD.findall(sample.lower())
    english = sum(map(_ENGLISH_ONLY.__contains__, words))
    if english < max(2, PLAIN_SHARE * len(words)) or not _NOT_ENGLISH.isdisjoint(words):
        return False
    common = [i for i, w in enumerate(words) if w in _COMMON]
    if max(map(sub, common + [len(words)], [-1] + common)) > _LONGEST_RUN + 1:  # the words between two
        return False
    return sample.isascii() or len(_NON_ASCII_LETTER.findall(sample)) <= _PLAIN_NON_ASCII * sum(map(len, words))


@lru_cache(maxsize=2)
def _identifier(langs: tuple[str, ...]):
    # imported here: factoid without a document to classify never loads the model
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(langs))
    return ident


def _identify(text: str, langs: tuple[str, ...]) -> tuple[str | None, float]:
    try:
        code, prob = _identifier(langs).classify(text)
    except Exception:  # an identifier that cannot run leaves the script's default standing
        return None, 0.0
    return code, float(prob)


# Latin letters that look like Cyrillic ones: typed into a Cyrillic word on a Latin keyboard
# ("Cеребряков" with a Latin C) they make two spellings of one name
_HOMOGLYPHS = str.maketrans("AaBCcEeHKMOoPpTXxy", "АаВСсЕеНКМОоРрТХху")
_MIXED_WORD = re.compile(r"\w*[\u0400-\u04ff]\w*")


def repair_mixed_script(text: str) -> str:
    """Each word with a Cyrillic letter gets its Latin look-alikes replaced by Cyrillic ones;
    the length never changes, so offsets into the text hold."""
    if not any("\u0400" <= ch <= "\u04ff" for ch in text):
        return text
    return _MIXED_WORD.sub(lambda m: m.group().translate(_HOMOGLYPHS) if not m.group().isascii() else m.group(), text)

