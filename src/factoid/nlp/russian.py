"""The Russian NLP stage: sentences, names of persons, places and organisations from natasha
(razdel's segmentation, slovnet's NER, pymorphy2's morphology, all shipped in their wheels), each
name with its dictionary form (`Mention.normal`: "в Самаре" -> "Самара"; a person's name in the
order given name, patronymic, surname, whatever order the text used), and dates from our own
grammar (russian_dates.py).

natasha is imported on the first Russian document only: factoid without one never loads it."""
from __future__ import annotations

import re
import warnings
from dataclasses import replace
from functools import lru_cache
from typing import Sequence

from ..model import Document, Mention, Sentence
from .russian_dates import find_dates

_KINDS = {"PER": "person", "LOC": "place", "ORG": "org"}


@lru_cache(maxsize=1)
def _natasha():
    with warnings.catch_warnings():
        # pymorphy2 imports pkg_resources, which setuptools marks deprecated: nothing for a user
        warnings.simplefilter("ignore")
        from natasha import (Doc, MorphVocab, NamesExtractor, NewsEmbedding, NewsMorphTagger,
                             NewsNERTagger, Segmenter)
        embedding = NewsEmbedding()
        vocab = MorphVocab()
        return (Doc, Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding), vocab,
                NamesExtractor(vocab))


def lemma(word: str) -> str:
    """The dictionary form of one word (pymorphy2's likeliest parse), keeping its capital."""
    vocab = _natasha()[4]
    parses = vocab.parse(word)
    if not parses:
        return word
    normal = parses[0].normal_form
    return normal[:1].upper() + normal[1:] if word[:1].isupper() else normal


def annotate_russian(docs: Sequence[Document]) -> list[Document]:
    return [_annotate(doc) for doc in docs]


def _annotate(doc: Document) -> Document:
    Doc, segmenter, morph, ner, vocab, names = _natasha()
    text = doc.clean
    # a line break read as a full stop (same length, so offsets hold): no name or sentence runs
    # from a title line into the next field
    nd = Doc(text.replace("\n", "."))
    nd.segment(segmenter)
    nd.tag_morph(morph)
    nd.tag_ner(ner)
    sentences = _sentences(text, [(s.start, s.stop) for s in nd.sents])
    mentions: list[Mention] = []
    for span in nd.spans:
        kind = _KINDS.get(span.type)
        if kind is None:
            continue
        try:
            span.normalize(vocab)
            normal = span.normal or span.text
        except Exception:  # natasha's normaliser fails on odd tokens: keep the text as written
            normal = span.text
        if kind == "person":
            normal = _person_normal(span, names) or normal
        mentions.append(Mention(kind, span.start, span.stop, span.text, normal=" ".join(normal.split())))
    mentions += find_dates(text)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return replace(doc, sentences=tuple(sentences), mentions=tuple(mentions))


def _person_normal(span, names) -> str:
    """"Серебрякова Леонида Петровича" -> "Леонид Петрович Серебряков": natasha's name parts in
    the order the resolver expects of a full name."""
    try:
        span.extract_fact(names)
    except Exception:
        return ""
    fact = span.fact
    if fact is None:
        return ""
    parts = fact.as_dict
    ordered = [parts.get(k) for k in ("first", "middle", "last") if parts.get(k)]
    return " ".join(ordered)


_LINE_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[•*\-–|])")


def _sentences(text: str, spans: list[tuple[int, int]]) -> list[Sentence]:
    """razdel's sentences, each also cut at a blank line or a list bullet: record pages and
    infoboxes put one field per line without a full stop."""
    out = []
    for start, end in spans:
        cut = start
        for m in _LINE_BREAK.finditer(text, start, end):
            if text[cut:m.start()].strip():
                out.append(Sentence(cut, m.start()))
            cut = m.end()
        if text[cut:end].strip():
            out.append(Sentence(cut, end))
    return out
