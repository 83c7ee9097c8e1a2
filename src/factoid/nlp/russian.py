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
        morph = NewsMorphTagger(embedding)
        # our own batches (_batches) are handed over whole: neither the API nor its encoder re-cuts them
        morph.batch_size = morph.infer.encoder.batch_size = MORPH_BATCH
        return (Doc, Segmenter(), morph, NewsNERTagger(embedding), vocab, NamesExtractor(vocab))


def lemma(word: str) -> str:
    """The dictionary form of one word (pymorphy2's likeliest parse), keeping its capital."""
    vocab = _natasha()[4]
    parses = vocab.parse(word)
    if not parses:
        return word
    normal = parses[0].normal_form
    return normal[:1].upper() + normal[1:] if word[:1].isupper() else normal


def annotate_russian(docs: Sequence[Document]) -> list[Document]:
    Doc, segmenter, morph, ner, _, _ = _natasha()
    read = []
    for doc in docs:
        plain, where = _for_models(doc.clean)
        nd = Doc(plain)
        nd.segment(segmenter)
        nd.tag_ner(ner)
        read.append((nd, where))
    # the tagger over the whole batch at once: its pieces are short, and a batch of them costs
    # little more than one
    tagged = _tag_sentences_with_names([nd for nd, _ in read], morph)
    return [_annotate(doc, nd, where, seen) for doc, (nd, where), seen in zip(docs, read, tagged)]


def _annotate(doc: Document, nd, where: list[int], tagged: set[int]) -> Document:
    vocab, names = _natasha()[4:]
    text = doc.clean
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
    if _STRESS in text:
        where = [i for i, ch in enumerate(text) if ch != _STRESS]
        kept = "".join(text[i] for i in where)
    else:  # the usual case: every character kept, where it was
        where, kept = list(range(len(text))), text
    plain = repair_mixed_script(kept.replace("\n", "."))
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


def _tag_sentences_with_names(docs: list, morph) -> list[set[int]]:
    """natasha's morphology for the names in the sentences that hold a person's name (tagging
    every sentence cost more than NER itself): a name's case is often told by its context alone
    ("письмо П.А.Ломова"). Returns, per natasha document, the ids of the tokens of those
    sentences; only the tokens of names get their tags, which is all the normalisation reads."""
    out: list[set[int]] = []
    pieces: list[tuple[list, list[int]]] = []
    for nd in docs:
        people = [sp.start for sp in nd.spans if sp.type == "PER"]
        chosen = [s for s in nd.sents if any(s.start <= p < s.stop for p in people)]
        in_names = {id(t) for sp in nd.spans for t in sp.tokens}
        pieces += [piece for s in chosen for piece in _windows(s.tokens, in_names, _reach(morph))]
        out.append({id(t) for s in chosen for t in s.tokens})
    # the tagger pads each batch to its longest piece: pieces of like length go together
    order = sorted(range(len(pieces)), key=lambda n: len(pieces[n][0]))
    for batch in _batches(order, lambda n: len(pieces[n][0])):
        for n, markup in zip(batch, morph.map([[t.text for t in pieces[n][0]] for n in batch])):
            tokens, wanted = pieces[n]
            for k in wanted:
                tokens[k].pos, tokens[k].feats = markup.tokens[k].pos, markup.tokens[k].feats
    return out


MORPH_BATCH = 256  # pieces per tagger batch (natasha's default is 8 sentences)
MORPH_TOKENS = 1024  # tokens per batch, padding included: less padding, and 1024 was faster than 512 or 4096


def _batches(order: list[int], size) -> list[list[int]]:
    """`order` (shortest piece first) in batches of at most MORPH_BATCH pieces whose padded size
    stays within MORPH_TOKENS (a piece longer than that goes alone)."""
    out: list[list[int]] = []
    for n in order:
        if out and len(out[-1]) < MORPH_BATCH and (len(out[-1]) + 1) * size(n) <= MORPH_TOKENS:
            out[-1].append(n)
        else:
            out.append([n])
    return out


def _reach(morph) -> int | None:
    """How many tokens on each side the tagger's convolutions read (three layers of width three:
    3); None when the model is not the convolutional one this assumes."""
    try:
        layers = morph.infer.model.encoder.layers
        if all(layer.conv.weight.shape[2] == 2 * layer.conv.padding + 1 for layer in layers):
            return sum(layer.conv.padding for layer in layers)
    except AttributeError:
        pass
    return None


def _windows(tokens: list, wanted: set[int], reach: int | None) -> list[tuple[list, list[int]]]:
    """The pieces of a sentence the tagger must read to tag its name tokens (ids in `wanted`)
    exactly as over the whole sentence: each name token with `reach` tokens on either side, the
    overlapping windows joined. The tagger pads a sentence's ends with zeros, as it does a
    shorter sentence in a batch, so a tag depends on those tokens only, and the few pieces cost
    far less than the whole sentence. Each piece: its tokens and the indices in it to tag."""
    where = [k for k, t in enumerate(tokens) if id(t) in wanted]
    if reach is None:
        return [(tokens, where)] if where else []
    out: list[tuple[list, list[int]]] = []
    start = end = -1
    names: list[int] = []
    for k in where:
        if names and k - reach <= end:
            end = min(len(tokens), k + reach + 1)
        else:
            if names:
                out.append((tokens[start:end], [i - start for i in names]))
            start, end, names = max(0, k - reach), min(len(tokens), k + reach + 1), []
        names.append(k)
    if names:
        out.append((tokens[start:end], [i - start for i in names]))
    return out


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
