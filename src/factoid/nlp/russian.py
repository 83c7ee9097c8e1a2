"""The Russian NLP stage: sentences, names of persons, places and organisations from natasha
(razdel's segmentation, slovnet's NER, pymorphy2's morphology, all shipped in their wheels), each
name with its dictionary form (`Mention.normal`: "в Твери" -> "Тверь"; a person's name in the
order given name, patronymic, surname, whatever order the text used), and dates from our own
grammar (russian_dates.py). The morphology tagger runs only over sentences that name a person
(their case often needs the context); every other name is put in the nominative from the
analyses of its own words (russian_forms.py): the tagger over every sentence cost more than NER.

natasha is imported on the first Russian document only: factoid without one never loads it."""
from __future__ import annotations

import re
import warnings
from dataclasses import replace
from functools import lru_cache
from typing import Sequence

from ..language import repair_mixed_script
from ..model import Document, Mention, Sentence
from .russian_dates import find_dates
from .russian_forms import person_form, place_form

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
    plain, where = _for_models(text)
    nd = Doc(plain)
    nd.segment(segmenter)
    nd.tag_ner(ner)
    tagged = _tag_sentences_with_names(nd, morph)
    back = lambda start, stop: (where[start], where[stop - 1] + 1)  # noqa: E731
    mentions: list[Mention] = []
    for span in nd.spans:
        kind = _KINDS.get(span.type)
        if kind is None:
            continue
        try:
            if id(span.tokens[0]) in tagged:
                # in a tagged sentence the morphology in context puts the name in the nominative
                span.normalize(vocab)
                normal = span.normal or span.text
                if kind == "person":
                    span.extract_fact(names)
                    fact = span.fact.as_dict if span.fact else {}
                    normal = " ".join(fact[k] for k in ("first", "middle", "last") if fact.get(k)) or normal
            else:
                normal = _person(span.text, names, vocab) if kind == "person" else place_form(span.text, vocab)
        except Exception:  # an analysis that fails on odd tokens: keep the text as written
            normal = span.text
        start, stop = back(span.start, span.stop)
        bracket = re.search(r"[()\[\]]", text[start:stop])
        if bracket:  # a name never spans a bracket: keep what comes before it, as written
            stop = start + len(text[start:start + bracket.start()].rstrip())
            normal = text[start:stop]
            if stop <= start:
                continue
        mentions.append(Mention(kind, start, stop, text[start:stop], normal=_with_yo(normal, text[start:stop])))
    mentions = _full_names(text, mentions)
    sentences = _sentences(text, [back(s.start, s.stop) for s in nd.sents],
                           {m.start for m in mentions if m.kind == "person"})
    mentions += find_dates(text)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return replace(doc, sentences=tuple(sentences), mentions=tuple(mentions))


_LOWER_NAME = re.compile(r"(?<![А-ЯЁа-яё])([А-ЯЁ][а-яё]+\s)([а-яё]+(?:вич|вна))(\s)([а-яё]{3,})(?![а-яё])")
_STRESS = "\u0301"  # the acute a dictionary puts on the stressed vowel ("Ло́мов")
_CAPS = re.compile(r"(?<![А-ЯЁа-яё])[А-ЯЁ]{3,}(?![А-ЯЁа-яё])")


def _for_models(text: str) -> tuple[str, list[int]]:
    """The text as natasha reads it best, and for each of its characters the offset in `text`:
    stress marks dropped (they split a word in two), a line break read as a full stop (no name
    runs from a title line into the next field), a surname in capitals as in a dictionary
    heading ("ЛОМОВ Пётр Андреевич") written as a name; abbreviations (ЦК, РСДРП) are kept."""
    where = [i for i, ch in enumerate(text) if ch != _STRESS]
    plain = repair_mixed_script("".join(text[i] for i in where).replace("\n", "."))
    plain = _CAPS.sub(lambda m: m.group() if _ABBREVIATION.match(m.group()) else m.group().capitalize(), plain)
    # "Пётр андреевич ломов" (a page title typed in lower case): a patronymic after a given name,
    # and the word after it, are a name's parts
    plain = _LOWER_NAME.sub(lambda m: m.group(1) + m.group(2).capitalize() + m.group(3) + m.group(4).capitalize(), plain)
    where.append(len(text))
    return plain, where


# capitals that are an abbreviation, not a name: no vowel in the right places, or a known ending
_ABBREVIATION = re.compile(r"^(?:[^АЕЁИОУЫЭЮЯ]*|.*(?:СССР|РСФСР|ЦК|КП|НКВД|ВКП|РКП|РСДРП|ВЦИК|ВСНХ|ВЧК|ОГПУ|"
                           r"ВКВС|ВМН|ГПУ|ЦИК|СНК|РВС|ВМФ|США|ФРГ|ГДР|ВОВ|БСЭ|ТАСС))$")


def _with_yo(normal: str, written: str) -> str:
    """The dictionary form writes е for ё ("Пётр" -> "Петр"); where the text wrote the word
    with ё, keep it, so the name is shown and folded as the source spelled it."""
    words = {w.replace("ё", "е").replace("Ё", "Е"): w for w in written.replace(_STRESS, "").split() if "ё" in w.lower()}
    return " ".join(words.get(w, w) for w in normal.split())


def _tag_sentences_with_names(nd, morph) -> set[int]:
    """natasha's morphology over the sentences that hold a person's name only (tagging every
    sentence cost more than NER itself): a name's case is often told by its context alone
    ("письмо П.А.Ломова"). Returns the ids of the tokens tagged."""
    people = [sp.start for sp in nd.spans if sp.type == "PER"]
    chosen = [s for s in nd.sents if any(s.start <= p < s.stop for p in people)]
    if not chosen:
        return set()
    for sent, markup in zip(chosen, morph.map([[t.text for t in s.tokens] for s in chosen])):
        for token, tag in zip(sent.tokens, markup.tokens):
            token.pos, token.feats = tag.pos, tag.feats
    return {id(t) for s in chosen for t in s.tokens}


def _person(text: str, names, vocab) -> str:
    """"Ломова Петра Андреевича" -> "Пётр Андреевич Ломов": natasha's name grammar
    says which word is the given name, the patronymic and the surname; russian_forms puts them
    in the nominative and in that order. A span the grammar reads as no name is kept as written."""
    match = names.find(text)
    if match is None:
        return text
    fact = match.fact
    return person_form(fact.first, fact.middle, fact.last, vocab) or text


_W = r"[А-ЯЁ][а-яёА-ЯЁ\u0301-]+"
_PATRONYMIC = r"[А-ЯЁ][а-яё\u0301]+(?:вич|вна|ична|ич)"
# "Ломов, Пётр Андреевич", "ЛОМОВ Пётр Андреевич", "Пётр Андреевич Ломов":
# three capitalised words, one of them a patronymic in the nominative, name one person
_FULL_NAME = re.compile(rf"(?P<sur>{_W}),?[ \t]+(?P<given>{_W})[ \t]+(?P<pat>{_PATRONYMIC})(?![а-яё])"
                        rf"|(?P<given2>{_W})[ \t]+(?P<pat2>{_PATRONYMIC})[ \t]+(?P<sur2>{_W})")


def _full_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Add the full names NER missed or cut (a dictionary heading in capitals, an inverted
    name with a comma); NER's pieces inside such a name give way to it."""
    for m in _FULL_NAME.finditer(text):
        sur, given, pat = (m.group("sur"), m.group("given"), m.group("pat")) if m.group("sur") else (
            m.group("sur2"), m.group("given2"), m.group("pat2"))
        if any(p.kind != "person" and p.start <= m.start() < p.end and p.end > m.end() for p in mentions):
            continue  # the words are part of a longer place or organisation's name
        # a patronymic makes it a person: a surname NER took for a place ("Сокольники") gives way
        inside = [p for p in mentions if m.start() <= p.start and p.end <= m.end()]
        if any(p.kind == "person" and p.start == m.start() and p.end == m.end() for p in inside):
            continue
        mentions = [p for p in mentions if p not in inside]
        normal = " ".join(w.replace(_STRESS, "").capitalize() if w.isupper() else w.replace(_STRESS, "")
                          for w in (given, pat, sur))
        mentions.append(Mention("person", m.start(), m.end(), m.group(), normal=normal))
    return mentions


_LINE_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[•*\-–|])")


_ABBREVIATED_END = re.compile(r"(?:^|[\s(–—-])[а-яё]{1,5}\.$")


def _sentences(text: str, spans: list[tuple[int, int]], names: set[int] = frozenset()) -> list[Sentence]:
    """razdel's sentences, each also cut at a blank line or a list bullet: record pages and
    infoboxes put one field per line without a full stop. A sentence that ends in an
    abbreviation ("В 1907-1909 гг.", "в мае–окт.") runs on into the next when that one opens with
    a person's name, a number or a lower-case word ("... гг. Иванов содержался", "окт. 1920
    командовал"): the date belongs to its verb."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        opens = text[start:start + 1]
        if joined and (start in names or opens.isdigit() or opens.islower()) \
                and _ABBREVIATED_END.search(text[joined[-1][0]:joined[-1][1]]) and "\n" not in text[joined[-1][1]:start]:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    out = []
    for start, end in joined:
        cut = start
        for m in _LINE_BREAK.finditer(text, start, end):
            if text[cut:m.start()].strip():
                out.append(Sentence(cut, m.start()))
            cut = m.end()
        if text[cut:end].strip():
            out.append(Sentence(cut, end))
    return out
