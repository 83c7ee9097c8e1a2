"""A learned relation classifier for ten person properties: residence, nationality, employment,
education, party, parent (the subject is the child), spouse, and, beside the rules of life.py,
birth place, birth date and death date.

Candidates are pairs (subject mention, value mention) within a sentence; the subject is a name
or a pronoun (KnowledgeNet states a fact once per mention of its subject), the value a mention
of a kind the property takes; for parent and spouse it may be a pronoun ("his wife, Sarah":
spouse(Sarah, his)), for organisations and places a relative word ("where he studied"). Two
stages, both logistic regressions per property trained on KnowledgeNet folds 1-3 by
training/train_relations.py: the first scores each pair from hashed features of its words
(relation_features.py); the second (relation_context.py) sees each pair beside the others of
its sentence (the same value said of the pronoun's antecedent, the reverse pair, a listed
sibling, the pair's other properties) and gives the calibrated probability. The weights ship as a small .npz; scoring is plain numpy, no
scikit-learn at run time. Scoring many documents at once (find_relations_many) is about twice
as fast per sentence as one by one.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import FactoidError
from ..model import Document
from . import relation_context as rc
from . import relation_features as rf
from .learned import IN_DOCUMENTS, lead_end

MODEL_FILE = Path(__file__).resolve().parent / "data" / "relations.npz"
ENV = "FACTOID_RELATIONS_MODEL"


@dataclass(frozen=True)
class Relation:
    property: str        # a key of relation_features.PROPERTIES ("birth_place": learned.py maps it)
    field: str           # "place", "object" or "date"
    subject_start: int   # clean-text offsets of the subject mention (a name or a pronoun)
    subject_end: int
    value_start: int     # clean-text offsets of the value mention
    value_end: int
    value_text: str
    confidence: float    # calibrated probability


@dataclass(frozen=True)
class Model:
    properties: tuple[str, ...]
    weights: np.ndarray   # first stage: (2**BITS, n) float32, one column per property
    bias: np.ndarray      # (n,)
    context: np.ndarray   # second stage: (n, len(CONTEXT)) weights over rc.context_features
    context_bias: np.ndarray  # (n,)
    column: dict          # property -> column


def model_path() -> Path:
    return Path(os.environ.get(ENV) or MODEL_FILE)


@lru_cache(maxsize=4)
def _load(path: str) -> Model:
    try:
        with np.load(path, allow_pickle=False) as data:
            version, bits = str(data["version"]), int(data["bits"])
            properties = tuple(str(p) for p in data["properties"])
            context_names = tuple(str(c) for c in data["context_names"])
            rows, values, bias = data["rows"], data["values"], data["bias"]
            context, context_bias = data["context"], data["context_bias"]
    except (OSError, KeyError, ValueError) as exc:
        raise FactoidError(f"relation model {path} cannot be read ({exc}); "
                           "rebuild it with training/train_relations.py") from None
    if version != rf.VERSION or bits != rf.BITS or context_names != rc.CONTEXT:
        raise FactoidError(f"relation model {path} was built for features {version}/{bits} bits, "
                           f"this code computes {rf.VERSION}/{rf.BITS}; rebuild it with training/train_relations.py")
    weights = np.zeros((1 << bits, len(properties)), dtype=np.float32)
    weights[rows.astype(np.int64)] = values.astype(np.float32)
    return Model(properties, weights, bias.astype(np.float32), context.astype(np.float64),
                 context_bias.astype(np.float64), {p: i for i, p in enumerate(properties)})


def load_model(path: str | Path | None = None) -> Model:
    """The relation model: `path`, else $FACTOID_RELATIONS_MODEL, else the shipped file (loaded once)."""
    return _load(str(path or model_path()))


def first_stage(model: Model, batch: list) -> np.ndarray:
    """(n_pairs, n) first-stage logits of the candidate pairs of a batch [(Sentence, pairs)]:
    the features of each subject and each value are looked up once per sentence, and all
    the lookups of the batch are summed in one gather."""
    flat: list[int] = []
    starts: list[int] = []
    rows = []
    hashed, subject_features, value_features, link_features = (rf.hashed, rf.subject_features,
                                                               rf.value_features, rf.link_features)
    for sent, pairs in batch:
        seen_s: dict[int, int] = {}
        seen_v: dict[int, int] = {}
        for s, v, _ in pairs:
            a = seen_s.get(s.index)
            if a is None:
                a = seen_s[s.index] = len(starts)
                starts.append(len(flat))
                flat += hashed(subject_features(sent, s))
            b = seen_v.get(v.index)
            if b is None:
                b = seen_v[v.index] = len(starts)
                starts.append(len(flat))
                flat += hashed(value_features(sent, v))
            rows.append((a, b, len(starts)))
            starts.append(len(flat))
            flat += hashed(link_features(sent, s, v))
    sums = np.add.reduceat(model.weights[flat], starts, axis=0)
    index = np.array(rows)
    return sums[index[:, 0]] + sums[index[:, 1]] + sums[index[:, 2]] + model.bias


def second_stage(model: Model, batch: list, logits: np.ndarray) -> np.ndarray:
    """(n_pairs, n) probabilities, each pair seen beside the other pairs of its sentence."""
    z = (rc.context_features(batch, logits) * model.context).sum(axis=2) + model.context_bias
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def candidates(doc: Document, until: int | None = None) -> list:
    """[(Sentence, pairs)] for the sentences of `doc` (before `until`) that have a candidate pair."""
    out = []
    for sent in rf.sentences(doc, until):
        if sent.subjects and len(sent.values) > 1:
            pairs = rf.pairs(sent)
            if pairs:
                out.append((sent, pairs))
    return out


def score_many(docs: list[Document], model: Model | None = None, lead_only: bool = False) -> list[list[tuple]]:
    """For each document, (subject, value, property, probability) of every candidate pair;
    scoring a batch of documents at once costs far less per sentence than one by one.
    `lead_only`: only the lead's pairs (a document keeps no other finding: learned.py); each
    pair is scored beside the others of its own sentence only, so its score is the same."""
    model = model or load_model()
    batch, owner = [], []
    for i, doc in enumerate(docs):
        for item in candidates(doc, lead_end(doc) if lead_only else None):
            if lead_only and not any(p in IN_DOCUMENTS for _, _, props in item[1] for p in props):
                continue  # a sentence with no pair a document may keep: its scores are never read
            batch.append(item)
            owner.append(i)
    out: list[list[tuple]] = [[] for _ in docs]
    if not batch:
        return out
    probs = second_stage(model, batch, first_stage(model, batch))
    row = 0
    column = model.column
    for (_, pairs), i in zip(batch, owner):
        found = out[i]
        for subj, value, props in pairs:
            p = probs[row]
            row += 1
            for prop in props:
                if prop in column:
                    found.append((subj, value, prop, float(p[column[prop]])))
    return out


def score_pairs(doc: Document, model: Model | None = None) -> list[tuple]:
    """(subject, value, property, probability) for every candidate pair of the document."""
    return score_many([doc], model)[0]


def _relations(scored, threshold: float) -> list[Relation]:
    found = [Relation(prop, rf.PROPERTIES[prop][0], subj.start, subj.end, value.start, value.end,
                      value.text, round(p, 4))
             for subj, value, prop, p in scored if p >= threshold]
    return sorted(found, key=lambda r: (r.subject_start, r.value_start, r.property))


def find_relations(doc: Document, threshold: float = 0.5) -> list[Relation]:
    """Relations stated in `doc` (after clean and nlp) with probability >= threshold, one per
    subject mention, in text order."""
    return _relations(score_pairs(doc), threshold)


def find_relations_many(docs: list[Document], threshold: float = 0.5, lead_only: bool = False
                        ) -> list[list[Relation]]:
    """find_relations for each of a batch of documents, scored together (faster)."""
    return [_relations(scored, threshold) for scored in score_many(docs, lead_only=lead_only)]
