"""How much a clean text reads like coherent prose: a score in [0, 1].

Text glued from random fragments (scraped snippets, shuffled excerpts) shows itself in
sentences that start in lower case ("of a letter at all."), two-word scraps between full
stops, brackets opened in one sentence and closed in another, paragraphs that stop
mid-sentence, and characters lost to bad decoding (U+FFFD). Each is counted as a rate
and weighted; headings and other short lines are left out.
"""
from __future__ import annotations

import re

# A full stop ends a sentence after a word of 3+ letters or a number, so that initials and
# abbreviations ("E. F.", "St.", "O.S.") do not split one.
_SENTENCE_END = re.compile(r"(?:(?<=[^\W\d_]{3}\.)|(?<=\d\.)|(?<=[!?…]))[\"”’')\]]*\s+")
_CLOSERS = "\"”’')]"
MIN_WORDS = 8           # shorter lines are headings, titles or list items, not prose


def _starts_well(sentence: str) -> bool:
    body = sentence.lstrip("\"“‘'([*-–— ")
    return bool(body) and (body[0].isupper() or body[0].isdigit())


def _balanced(sentence: str) -> bool:
    return sentence.count("(") == sentence.count(")") and sentence.count("[") == sentence.count("]")


def features(text: str, raw_len: int) -> dict[str, float]:
    """The rates the score is made of (also handy when tuning on new corpora)."""
    paras = [p for p in text.split("\n") if p.count(" ") >= MIN_WORDS - 1]
    sents = [s for p in paras for s in _SENTENCE_END.split(p) if s.strip()]
    n = max(1, len(sents))
    return {
        "sentences": len(sents),
        "lowercase_starts": sum(not _starts_well(s) for s in sents) / n,
        "scraps": sum(s.count(" ") < 2 for s in sents) / n,
        "unbalanced": sum(not _balanced(s) for s in sents) / n,
        "unended": sum(p.rstrip(_CLOSERS)[-1:] not in ".!?…" for p in paras) / max(1, len(paras)),
        "lost": text.count("\ufffd") / max(1, len(text)),
        "kept": len(text) / max(1, raw_len),
    }


def score(text: str, raw_len: int) -> float:
    """1.0 for clean prose; near 0 for fragments. Rounded to 2 decimals."""
    f = features(text, raw_len)
    if not f["sentences"]:
        return 0.0
    bad = (2.0 * f["lowercase_starts"] + 1.5 * f["scraps"] + f["unbalanced"]
           + 0.3 * f["unended"])
    # Each lost character stands for a word we cannot read; keeping under a tenth of the
    # raw text means the page was mostly something other than prose.
    q = max(0.0, 1 - bad) * max(0.0, 1 - 20 * f["lost"]) * min(1.0, f["kept"] / 0.1)
    return round(q, 2)
