"""A document's language, decided once at ingest: first by script (the share of Cyrillic and
Latin letters), then, within that script, by py3langid (a maintained identifier whose model ships
in its wheel). Only a confident verdict on enough text names another language: a short or
ambiguous Latin text stays English, which is what factoid always read, so a noisy English page is
never set aside by a guess."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


def script_counts(text: str) -> tuple[int, int]:
    """(Cyrillic letters, Latin letters) in `text`."""
    cyr = lat = 0
    for ch in text:
        if ch.isalpha():
            if "\u0400" <= ch <= "\u04ff":
                cyr += 1
            elif ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"):
                lat += 1
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
    code, confidence = _identify(sample, langs)
    return code if code and confidence >= MIN_CONFIDENCE else default


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

