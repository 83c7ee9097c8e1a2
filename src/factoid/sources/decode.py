"""Bytes to text for every reader: the encoding is found, never assumed.

In order of trust: a byte-order mark (UTF-8/16/32); valid UTF-8 (legacy text is almost never
valid UTF-8 by accident); a declared charset (an HTML <meta>), if the bytes read sensibly in it;
UTF-16/32 without a mark when the bytes would otherwise look binary; then charset-normalizer
proposes legacy code pages and we keep a reading only when it is the one plausible text. A text
we cannot read with confidence is an error: storing mojibake would poison every span after it.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from factoid.errors import SourceError

SAMPLE = 1 << 16          # bytes inspected to decide "binary" and to judge a reading
CONTROL_SHARE = 0.05      # text has almost no C0 controls besides tab/CR/LF/FF; binaries many
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# UTF-32 before UTF-16: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# The legacy code pages a European or Russian archive is written in; charset-normalizer ranks
# them, our plausibility check decides. (cp1125 etc. are left out: near-twins of cp866 whose
# readings differ only in rare letters, so they would only make an honest text ambiguous.)
LEGACY = ("cp1252", "cp1250", "cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic",
          "cp1253", "cp1254", "cp1257", "iso8859_2", "cp437", "cp850")
ODD_MAX = 0.02            # implausible events per letter a reading may have
MARGIN = 0.05             # how much better the chosen reading must score than a different one


def looks_binary(sample: bytes) -> bool:
    return b"\0" in sample or len(_CONTROL.findall(sample)) > CONTROL_SHARE * len(sample)


def decode(path, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding) of a whole document, or SourceError. A byte-order mark is dropped, so
    offsets count from after it."""
    if not data:
        raise SourceError(path, "empty file")
    try:
        encoding, skip = detect(data, declared)
        text = data[skip:].decode(encoding)
    except ValueError as e:  # UnicodeDecodeError is one
        raise SourceError(path, _problem(e)) from None
    if not text.strip():
        raise SourceError(path, "empty file")
    return text, encoding


def label(encoding: str) -> str:
    """How a message names a codec: UTF-8, UTF-16-LE; legacy code pages as Python names them."""
    return encoding.upper() if encoding.lower().startswith("utf") else encoding


def _problem(e: ValueError) -> str:
    if isinstance(e, UnicodeDecodeError):
        return f"not valid {label(e.encoding)} text (byte 0x{e.object[e.start]:02X} at offset {e.start})"
    return str(e)


def detect(data: bytes, declared: str | None = None) -> tuple[str, int]:
    """(codec name, bytes of BOM to skip), or ValueError with a one-line problem."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    sample = data[:SAMPLE]
    if looks_binary(sample):
        wide = _wide(data)
        if wide:
            return wide, 0
        raise ValueError("binary file, not text")
    try:
        data.decode("utf-8")
        return "utf-8", 0
    except UnicodeDecodeError as e:
        bad = e
    declared = _usable(declared)
    if declared and declared != "utf-8" and _reads(sample, declared):
        return declared, 0
    if _mostly_utf8(sample):  # UTF-8 with damage, not a legacy code page: say where
        raise ValueError(f"not valid UTF-8 text (byte 0x{data[bad.start]:02X} at offset {bad.start})")
    return _legacy(sample), 0


def sniff(head: bytes) -> tuple[str, int]:
    """(codec, BOM bytes to skip) of a stream of lines from its first bytes. UTF-8 unless a
    mark, wide text or a clear legacy reading says otherwise: a line that fails is then
    judged alone. ValueError for binary data."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    if looks_binary(head):
        wide = _wide(head)
        if wide:
            return wide, 0
        raise ValueError("binary file, not text")
    head = _cut(head)
    try:
        head.decode("utf-8")
        return "utf-8", 0
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(head):
        return "utf-8", 0
    try:
        return _legacy(head), 0
    except ValueError:
        return "utf-8", 0


def _usable(declared: str | None) -> str | None:
    """A declaration we can act on. UTF-16/32 declared inside bytes where we could read the
    declaration as ASCII is false by construction (WHATWG likewise reads it as UTF-8)."""
    if not declared:
        return None
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else name


def _reads(sample: bytes, encoding: str) -> bool:
    try:
        text = _cut(sample).decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return oddity(text) <= ODD_MAX


def _cut(sample: bytes) -> bytes:
    """A sample ends at a line break where it can, not inside a multibyte character."""
    if len(sample) < SAMPLE:
        return sample
    end = sample.rfind(b"\n")
    return sample[:end + 1] if end > 0 else sample


def _mostly_utf8(sample: bytes) -> bool:
    high = sum(b >= 0x80 for b in sample)
    covered = sum(len(m) for m in _UTF8_SEQ.findall(sample))
    return high > 0 and covered >= 0.5 * high


def _wide(data: bytes) -> str | None:
    """UTF-16/32 without a byte-order mark. Of the readings that give plausible text, the one
    using the fewest 128-character blocks: read in the wrong byte order, text spreads over
    many blocks (CJK-looking), while a real text keeps to its script."""
    sample = data[:SAMPLE]
    found = []
    for encoding, unit in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        if len(data) % unit:
            continue
        try:
            text = sample[:len(sample) - len(sample) % unit].decode(encoding)
        except UnicodeDecodeError:
            continue
        if not text.strip() or oddity(text) > ODD_MAX or _CONTROL.search(text.encode("utf-8", "replace")):
            continue
        found.append((len({ord(c) >> 7 for c in text}), encoding))
    found.sort()
    if len(found) > 1 and found[0][0] == found[1][0]:  # a few bytes: either order reads
        raise ValueError(f"cannot tell the text encoding ({label(found[0][1])} or {label(found[1][1])})")
    return found[0][1] if found else None


def _legacy(sample: bytes) -> str:
    """The legacy code page in which `sample` reads as plausible text, if one clearly does.
    A reading's score adds our oddity to charset-normalizer's chaos and subtracts half its
    coherence (how well the letters fit a language's frequencies; 0 on a short text)."""
    from charset_normalizer import from_bytes  # imported only when a legacy text shows up
    sample = _cut(sample)
    readings: dict[str, tuple[float, int, str]] = {}
    for match in from_bytes(sample, cp_isolation=list(LEGACY)):
        try:
            text = sample.decode(match.encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        odd = oddity(text)
        if odd > ODD_MAX:
            continue
        rank = LEGACY.index(match.encoding) if match.encoding in LEGACY else len(LEGACY)
        score = (odd + match.chaos - match.coherence / 2, rank, match.encoding)
        readings[text] = min(readings.get(text, score), score)  # one text, the preferred name
    scored = sorted(readings.values())
    if not scored:
        raise ValueError("cannot tell the text encoding (not UTF-8, and no code page reads it as plausible text)")
    if len(scored) > 1 and scored[1][0] - scored[0][0] < MARGIN:
        raise ValueError(f"cannot tell the text encoding ({scored[0][2]} or {scored[1][2]})")
    winner = scored[0][2]
    # charset-normalizer names one of several code pages that give the same text: prefer ours
    text = sample.decode(winner)
    return codecs.lookup(next(c for c in LEGACY + (winner,) if _same(sample, c, text))).name


def _same(sample: bytes, encoding: str, text: str) -> bool:
    try:
        return sample.decode(encoding) == text
    except UnicodeDecodeError:
        return False


_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def oddity(text: str) -> float:
    """Implausible events per letter: controls and unassigned characters, a non-ASCII symbol
    touching a letter ("родилс€", "Ð¡"), a capital after a small letter within a word (koi8-r
    read as cp1251), words mixing scripts, and Latin words made mostly of accented letters
    (cp1251 read as Latin-1). ASCII symbols are left alone: markup and code use them."""
    letters = odd = latin = accented = 0
    prev_cat, prev_odd_symbol, word_scripts = "", False, set()
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] == "L":
            letters += 1
            name = unicodedata.name(ch, "")
            script = next((s for s in _SCRIPTS if name.startswith(s)), "OTHER")
            if script == "LATIN":
                latin += 1
                accented += ch > "\x7f"
            if prev_cat == "Ll" and cat == "Lu":
                odd += 1
            if prev_odd_symbol:
                odd += 1
            if prev_cat[:1] != "L":
                word_scripts = set()
            elif script not in word_scripts:
                odd += 1
            word_scripts.add(script)
            prev_odd_symbol = False
        else:
            prev_odd_symbol = (cat[0] == "S" or cat == "No") and ch > "\x7f"  # ¤, €, ³ ...
            if prev_odd_symbol and prev_cat[:1] == "L":
                odd += 1
            if cat in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\f" or ch == "\ufffd":
                odd += 2
        prev_cat = cat
    if latin >= 4 and accented > 0.3 * latin:
        odd += accented - 0.3 * latin
    return odd / max(letters, 1)
