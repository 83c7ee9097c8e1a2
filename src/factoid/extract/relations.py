"""A learned relation classifier for seven person properties the rules do not cover:
residence, nationality, employment, education, party, parent and spouse.

For every pair (subject mention, value mention) within a sentence, hashed features
(relation_features.py) are scored by one logistic regression per property, trained on
KnowledgeNet folds 1-3 by training/train_relations.py. The weights ship as a small .npz file;
scoring is plain numpy (no scikit-learn at run time). The subject is a name or a pronoun
(KnowledgeNet annotates a fact once per mention of its subject); for parent and spouse the value
may be a pronoun too ("his wife, Sarah": spouse(Sarah, his)), and for the organisation and
place properties a relative word ("where he studied").
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import FactoidError
from ..model import Document
from . import relation_features as rf

MODEL_FILE = Path(__file__).resolve().parent / "data" / "relations.npz"
ENV = "FACTOID_RELATIONS_MODEL"


@dataclass(frozen=True)
class Relation:
    property: str        # residence, nationality, employment, education, party, parent, spouse
    field: str           # "place" or "object"
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
    context: np.ndarray   # second stage: (n, len(CONTEXT)) weights over rf.context_features
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
    if version != rf.VERSION or bits != rf.BITS or context_names != rf.CONTEXT:
        raise FactoidError(f"relation model {path} was built for features {version}/{bits} bits, "
                           f"this code computes {rf.VERSION}/{rf.BITS}; rebuild it with training/train_relations.py")
    weights = np.zeros((1 << bits, len(properties)), dtype=np.float32)
    weights[rows.astype(np.int64)] = values.astype(np.float32)
    return Model(properties, weights, bias.astype(np.float32), context.astype(np.float64),
                 context_bias.astype(np.float64), {p: i for i, p in enumerate(properties)})


def load_model(path: str | Path | None = None) -> Model:
    """The relation model: `path`, else $FACTOID_RELATIONS_MODEL, else the shipped file (loaded once)."""
    return _load(str(path or model_path()))


def first_stage(model: Model, sent: rf.Sentence, pairs: list) -> np.ndarray:
    """(len(pairs), n) first-stage logits of a sentence's candidate pairs: the features of each
    subject and each value are looked up once, those of each pair once, in one gather."""
    flat: list[int] = []
    starts: list[int] = []
    segment: dict = {}

    def add(key, feats):
        segment[key] = len(starts)
        starts.append(len(flat))
        flat.extend(rf.hashed(feats))

    rows = []
    for s, v, _ in pairs:
        if ("s", s.index) not in segment:
            add(("s", s.index), rf.subject_features(sent, s))
        if ("v", v.index) not in segment:
            add(("v", v.index), rf.value_features(sent, v))
        add(None, rf.link_features(sent, s, v))
        rows.append((segment[("s", s.index)], segment[("v", v.index)], len(starts) - 1))
    sums = np.add.reduceat(model.weights[flat], starts, axis=0)
    index = np.array(rows)
    return sums[index[:, 0]] + sums[index[:, 1]] + sums[index[:, 2]] + model.bias


def second_stage(model: Model, sent: rf.Sentence, pairs: list, logits: np.ndarray) -> np.ndarray:
    """(len(pairs), n) probabilities, each pair seen beside the other pairs of its sentence."""
    z = (rf.context_features(sent, pairs, logits) * model.context).sum(axis=2) + model.context_bias
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def score_pairs(doc: Document, model: Model | None = None):
    """(subject, value, property, probability) for every candidate pair of the document."""
    model = model or load_model()
    out = []
    for sent in rf.sentences(doc):
        if not sent.subjects or len(sent.values) < 2:
            continue
        pairs = list(rf.pairs(sent))
        if not pairs:
            continue
        probs = second_stage(model, sent, pairs, first_stage(model, sent, pairs))
        for (subj, value, props), row in zip(pairs, probs):
            for prop in props:
                if prop in model.column:
                    out.append((subj, value, prop, float(row[model.column[prop]])))
    return out


def find_relations(doc: Document, threshold: float = 0.5) -> list[Relation]:
    """Relations stated in `doc` (after clean and nlp) with probability >= threshold, one per
    subject mention, in text order."""
    found = [Relation(prop, rf.PROPERTIES[prop][0], subj.start, subj.end, value.start, value.end,
                      value.text, round(p, 4))
             for subj, value, prop, p in score_pairs(doc) if p >= threshold]
    return sorted(found, key=lambda r: (r.subject_start, r.value_start, r.property))
