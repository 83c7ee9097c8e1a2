"""The nationality a lead gives its subject: "X (1886-1937) was a Georgian Bolshevik", "is a
Polish-French physicist". The demonym is a capitalised word shaped as demonyms are, among the
first words after "was a", before any preposition; a movement, a faith or a style ("Bolshevik",
"Catholic", "Romantic") is no nationality."""
from __future__ import annotations

import re

from .grammar import Event, within
from .context import Context

# where the lead says what its subject was
_COPULA = re.compile(r"\b(?:was|is)\s+(?:an?|the|one\s+of\s+the)\s+")
# a demonym's shape: Georgian, Polish-French, English, Japanese, Czech, Israeli
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ian|ish|ese|ch|i|ic)(?:-[A-Z][a-z]+(?:an|ian|ish|ese|ch|i|ic))?")
# groups NER tags like nationalities that name a movement, a faith or a class instead
_MOVEMENTS = {"bolshevik", "menshevik", "socialist", "communist", "anarchist", "marxist", "liberal", "democrat",
              "republican", "nationalist", "catholic", "orthodox", "protestant", "lutheran", "christian",
              "muslim", "islamic", "revolutionary", "narodnik", "populist", "stalinist", "trotskyist",
              "romantic", "victorian", "edwardian", "gothic", "classic", "hasidic", "bolsheviki"}
_REACH = 60
_WORD = re.compile(r"[A-Z][\w-]*")
# "was a leader in the Russian movement": the demonym of what follows a preposition is not his
_BETWEEN = re.compile(r"[.;(]|\b(?:in|of|at|for|from|with|to|on|by)\b")  # the demonym stands among the first words after "was a"


def lead_nationality(ctx: Context) -> list[Event]:
    if ctx.passage or not ctx.doc.sentences:
        return []
    text = ctx.doc.clean
    for sent in ctx.doc.sentences[:12]:
        named = [o for o in within(ctx.occurrences, sent.start, sent.end) if o.key == "" and not o.pronoun]
        if not named:
            continue
        copula = _COPULA.search(text, named[0].end, sent.end)
        if copula is None or copula.start() - named[0].end > 400:
            continue
        for w in _WORD.finditer(text, copula.end(), min(sent.end, copula.end() + _REACH)):
            if _BETWEEN.search(text, copula.end(), w.start()):
                break
            if _DEMONYM.fullmatch(w.group()) and w.group().lower() not in _MOVEMENTS:
                start = named[0].start if copula.start() - named[0].end <= 40 else copula.start()
                return [Event("nationality", named[0], None, (), start, w.end(), "lead.nationality", 0.75,
                              object=(w.start(), w.end(), w.group()))]
        return []  # only the first sentence that says what the subject was
    return []
