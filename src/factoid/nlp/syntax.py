"""Dependency parses of chosen sentences, with spaCy's small English model (its tok2vec and
parser only). The relation classifier reads the syntactic path between a person and a value;
parsing costs about as much as NER, so the pipeline parses passages only (docs/ARCHITECTURE.md)."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Callable, Sequence

from ..errors import FactoidError
from ..model import Document, Token
from .entities import MODEL, load_ner

# a longer "sentence" is a list or a table gone flat: its parse says little and costs much, so
# it is skipped (counted on Document.unparsed, reported by `ingest`) and read by the patterns only
MAX_CHARS = 1500


@lru_cache(maxsize=1)
def load_parser():
    try:
        import spacy
        # the NER pipeline's vocabulary (the same model's): each new word's lexeme is made once,
        # not once per pipeline, which cost as much as a tenth of the parse; and its tokenizer
        # (the same rules): its cache already holds the words of the sentences NER just read
        nlp = spacy.load(MODEL, exclude=["tagger", "ner", "attribute_ruler", "lemmatizer", "senter"],
                         vocab=load_ner().vocab)
        nlp.tokenizer = load_ner().tokenizer
        return nlp
    except OSError as exc:  # the model package is missing: say so instead of fetching anything
        raise FactoidError(f"spaCy model {MODEL} is not installed ({exc}); run `make install`") from None


def parse(docs: Sequence[Document], first: int | None = None, batch_size: int = 64,
          needed: Callable[[str], bool] | None = None,
          needed_words: Callable[[str, list[str]], bool] | None = None) -> list[Document]:
    """Add a dependency parse to the first `first` sentences of each document (all if None);
    with `needed`, only to those whose text it accepts, and with `needed_words` only to those
    it accepts given their tokens' lowercased words (the others keep no tokens)."""
    wanted = [(i, k, s) for i, d in enumerate(docs) for k, s in enumerate(d.sentences[:first])
              if s.end - s.start <= MAX_CHARS and (needed is None or needed(d.clean[s.start:s.end]))]
    docs = [d.with_changes(unparsed=sum(1 for s in d.sentences[:first] if s.end - s.start > MAX_CHARS)) for d in docs]
    if not wanted:
        return list(docs)
    prefixes = {}
    texts = []
    for n, (i, k, s) in enumerate(wanted):
        text = docs[i].clean[s.start:s.end]
        head = _DATED_HEAD.match(text)
        if head and _terse(text[head.end():], present=True):
            # a chronology's line, "1914 – Arrested for agitation; exiled to Yakutsk": its verbs
            # after the date, parsed as a terse line (the date stays the line's time: frames.py)
            prefixes[n] = len(_SUBJECT) - head.end()
            text = _SUBJECT + text[head.end()].lower() + text[head.end() + 1:]
        elif _terse(text):
            prefixes[n] = len(_SUBJECT)
            text = _SUBJECT + text[0].lower() + text[1:]
        texts.append((text, n))
    if needed_words is not None:  # tokenized once: the parser takes the Doc as it is
        tokenize = load_parser().tokenizer
        texts = [(sdoc, n) for sdoc, n in ((tokenize(text), n) for text, n in texts)
                 if needed_words(_text(docs, wanted[n]), [t.lower_ for t in sdoc])]
    sentences = [list(d.sentences) for d in docs]
    for parsed, n in load_parser().pipe(texts, as_tuples=True, batch_size=batch_size):
        i, k, s = wanted[n]
        shift = s.start - prefixes.get(n, 0)
        tokens = None if n in prefixes else _plain(parsed, shift)
        if tokens is None:  # a dropped pronoun or whitespace tokens: heads to re-index
            kept = [t for t in parsed if not t.is_space and not (n in prefixes and t.i == 0)]
            tokens = _reindexed(parsed, tuple(Token(shift + t.idx, shift + t.idx + len(t.text), t.head.i, t.dep_)
                                              for t in kept), kept)
        if tokens:
            sentences[i][k] = replace(s, tokens=tokens)
    return [d.with_changes(sentences=tuple(sents)) for d, sents in zip(docs, sentences)]


def _text(docs: Sequence[Document], where) -> str:
    i, _, s = where
    return docs[i].clean[s.start:s.end]


@lru_cache(maxsize=1)
def _columns() -> tuple[int, ...]:
    from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LENGTH  # spaCy loads with the models only
    return IDX, LENGTH, HEAD, DEP, IS_SPACE


_LABELS: dict[int, str] = {}  # a dependency label's hash (read as signed) -> its name


def _plain(parsed, shift: int) -> tuple[Token, ...] | None:
    """The tokens of a parse with no whitespace token, read from spaCy's arrays in one call
    (token by token cost a Python object per token and per head); None when it has one."""
    rows = parsed.to_array(_columns()).view("int64")  # HEAD is relative, negative as uint64
    if rows[:, 4].any():
        return None
    strings, labels = parsed.vocab.strings, _LABELS
    out = []
    for i, (idx, length, head, dep, _) in enumerate(rows.tolist()):
        label = labels.get(dep)
        if label is None:
            label = labels[dep] = strings[dep & 0xFFFF_FFFF_FFFF_FFFF]  # the hash, unsigned again
        out.append(Token(shift + idx, shift + idx + length, i + head, label))
    return tuple(out)


# A terse CV line opens with its verb and names nobody ("Studied medicine in Tiflis, 1901-1905.",
# "Took part in the 1905 Revolution."); the small model reads such a verb as an adjective or a
# name, so the line is parsed behind a pronoun that is then dropped: the parse keeps no
# subject, and the extractors read it as the document subject's line, as before.
_SUBJECT = "He "
_TERSE = re.compile(r"(?:[A-Z][a-z]{3,}ed|Took|Went|Became|Left|Fled|Wrote|Taught|Spent|Sent|Held|Led|Won|Met|Fought|"
                    r"Gave|Made|Began|Rose|Drew|Stood)[ \t]+(?:(?:in|at|to|from|for|as|by|with|on|into|part)\b|"
                    r"(?!(?:was|were|is|had|has|and|said|did)\b)[a-z]+(?<!ed)\b)")


# a line opened by its date and a dash or colon: "1914 – ", "12 May 1921: ", "1918–1920 – "
_DATED_HEAD = re.compile(r"(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+|[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},?\s+)?)?\d{4}"
                         r"(?:\s*[–—-]\s*\d{2,4})?\s*[–—:-]\s+(?=[A-Z])")
# after its date, a chronology's verb may stand alone ("1911 – Graduated; joined ...") or be in
# the present ("1921 – Emigrates to Prague", "Dies in Moscow")
_PRESENT = re.compile(r"[A-Z][a-z]{2,}s(?=[ \t]+[a-z]|;)|(?:[A-Z][a-z]+ed|Born)\b(?!['’])")  # (not "Paris: ...")


def _terse(text: str, present: bool = False) -> bool:
    return _TERSE.match(text) is not None or present and _PRESENT.match(text) is not None


def _reindexed(parsed, tokens: tuple[Token, ...], kept: list) -> tuple[Token, ...]:
    """Heads as indices among the kept tokens; a dropped token's dependants take its head."""
    if len(tokens) == len(parsed):
        return tokens
    kept = {t.i: n for n, t in enumerate(kept)}

    def head(t):
        while t.head.i not in kept and t.head.i != t.i:
            t = t.head
        return kept.get(t.head.i, kept.get(t.i, 0))
    return tuple(replace(tok, head=head(t)) for tok, t in zip(tokens, (t for t in parsed if t.i in kept)))
