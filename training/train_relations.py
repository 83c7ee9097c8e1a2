#!/usr/bin/env python3
"""Train the relation classifier (src/factoid/extract/relations.py) on KnowledgeNet folds 1-3.

    python training/train_relations.py            # train on folds 1-3, write the shipped model
    python training/train_relations.py --cv       # train on two folds, score the third, for each fold
    python training/train_relations.py --folds 1,2 --out /tmp/f3.npz   # a model that never saw fold 3

Needs the `train` extra (scikit-learn). The passages go through factoid's own clean + nlp +
extract (`--cache FILE` keeps the processed passages between runs). Each property has its own
logistic regression over the candidate pairs of the passages annotated for it: a pair in a
passage not annotated for a property is unknown for that property, not a negative. A pair is
positive when its subject and value overlap the subject and object of a gold fact (the
benchmark's span-overlap matching). The weights are exported as a sparse .npz that the run time
scores with numpy alone. --cv writes the held-out predictions in the scorer's format and runs
../shared/eval/knowledgenet/score.py on them (the classifier alone, then with the rules' facts
of the same passages, as `factoid extract` unites them; --sweep: the latter at several
thresholds, overall and per property).
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factoid.extract import relation_context as rc  # noqa: E402
from factoid.extract import relation_features as rf  # noqa: E402
from factoid.extract import relations  # noqa: E402
from factoid.extract.passage import reported, short_form  # noqa: E402
from factoid.model import Document  # noqa: E402

KNET = ROOT.parent / "shared" / "eval" / "knowledgenet"
TO_KNET = {"residence": "PLACE_OF_RESIDENCE", "nationality": "NATIONALITY", "employment": "EMPLOYEE_OR_MEMBER_OF",
           "education": "EDUCATED_AT", "party": "POLITICAL_AFFILIATION", "parent": "CHILD_OF", "spouse": "SPOUSE",
           "birth_place": "PLACE_OF_BIRTH", "birth_date": "DATE_OF_BIRTH", "death_date": "DATE_OF_DEATH"}
FROM_KNET = {v: k for k, v in TO_KNET.items()}
# the rules' output mapped like evaluate.py does, for the ten-property figure
RULES = {("birth", "date"): ("DATE_OF_BIRTH", False), ("death", "date"): ("DATE_OF_DEATH", False),
         ("birth", "place"): ("PLACE_OF_BIRTH", False), ("residence", "place"): ("PLACE_OF_RESIDENCE", False),
         ("nationality", "object"): ("NATIONALITY", False), ("employment", "object"): ("EMPLOYEE_OR_MEMBER_OF", False),
         ("membership", "object"): ("EMPLOYEE_OR_MEMBER_OF", False), ("education", "object"): ("EDUCATED_AT", False),
         ("party", "object"): ("POLITICAL_AFFILIATION", False), ("parent", "object"): ("CHILD_OF", False),
         ("child", "object"): ("CHILD_OF", True), ("spouse", "object"): ("SPOUSE", False)}


def load_passages(gold: Path, cache: Path | None):
    """[(passage, processed Document)] for every passage of the gold file."""
    if cache and cache.exists():
        with open(cache, "rb") as f:
            data = pickle.load(f)
        if not any(s.tokens for _, doc in data for s in doc.sentences):
            sys.exit(f"{cache} holds passages without a dependency parse (made by older code): delete it")
        return data
    from factoid.pipeline import process
    passages = [json.loads(line) for line in open(gold, encoding="utf-8") if line.strip()]
    out = []
    for i in range(0, len(passages), 64):
        batch = passages[i:i + 64]
        docs = process([Document(id=p["passageId"], uri=p["passageId"], raw=p["passageText"]) for p in batch],
                       passage=True, classify=False)
        out.extend(zip(batch, docs))
    if cache:
        with open(cache, "wb") as f:
            pickle.dump(out, f)
    return out


def _overlap(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


class Corpus:
    """Every candidate pair of the passages annotated for at least one of the classifier's
    properties: hashed features, sentence, fold, document group, and a label for each property
    its passage was annotated for."""

    def __init__(self, data, unparsed_weight: float):
        self.rows: list[list[int]] = []
        self.unparsed: list[bool] = []
        self.sentences = []   # (fold, group, Sentence, pairs, first row)
        self.labels: dict[str, list[tuple[int, int]]] = {p: [] for p in rf.NAMES}
        for passage, doc in data:
            annotated = {FROM_KNET[p] for p in passage["annotatedProperties"] if p in FROM_KNET}
            if not annotated:
                continue
            start = passage["passageStart"]
            gold = defaultdict(list)
            for f in passage["facts"]:
                if f["property"] in FROM_KNET:
                    gold[FROM_KNET[f["property"]]].append((f["subjectStart"] - start, f["subjectEnd"] - start,
                                                           f["objectStart"] - start, f["objectEnd"] - start))
            group = zlib.crc32(str(passage["documentId"]).encode()) % 5
            # every sentence twice, parsed and not: documents score their lead unparsed
            for sent in (x for parsed in (True, False) for x in rf.sentences(doc, parsed=parsed)):
                pairs = list(rf.pairs(sent))
                if not pairs:
                    continue
                self.sentences.append((passage["fold"], group, sent, pairs, len(self.rows)))
                for subj, value, props in pairs:
                    row = len(self.rows)
                    self.rows.append(rf.hashed(rf.pair_features(sent, subj, value)))
                    self.unparsed.append(sent.parse is None)
                    s, v = doc.raw_span(subj.start, subj.end), doc.raw_span(value.start, value.end)
                    for p in props:
                        if p in annotated:
                            hit = any(_overlap(s.start, s.end, g0, g1) and _overlap(v.start, v.end, o0, o1)
                                      for g0, g1, o0, o1 in gold[p])
                            self.labels[p].append((row, int(hit)))
        self.X = matrix(self.rows)
        self.weight = np.where(np.array(self.unparsed, dtype=bool), unparsed_weight, 1.0)
        self.fold = np.zeros(len(self.rows), dtype=int)
        self.group = np.zeros(len(self.rows), dtype=int)
        for fold, group, _, pairs, first in self.sentences:
            self.fold[first:first + len(pairs)] = fold
            self.group[first:first + len(pairs)] = group


def matrix(rows):
    from scipy.sparse import csr_matrix
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(indptr[-1]))
    m = csr_matrix((np.ones(len(indices), dtype=np.float64), indices, indptr), shape=(len(rows), 1 << rf.BITS))
    m.sum_duplicates()
    m.data[:] = 1.0   # binary features: a collision or a repeated feature counts once
    return m


def train_first(corpus: Corpus, use: np.ndarray, C: float):
    """One logistic regression per property over the labelled pairs where `use` -> (weights, bias)."""
    from sklearn.linear_model import LogisticRegression
    weights = np.zeros((1 << rf.BITS, len(rf.NAMES)), dtype=np.float32)
    bias = np.zeros(len(rf.NAMES), dtype=np.float32)
    for j, prop in enumerate(rf.NAMES):
        pairs = [(r, y) for r, y in corpus.labels[prop] if use[r]]
        X = corpus.X[np.array([r for r, _ in pairs])]
        used = np.unique(X.indices)   # fit over the buckets in use only: far faster, same model
        lr = LogisticRegression(C=C, solver="liblinear", max_iter=1000, random_state=0)
        lr.fit(X[:, used], np.array([y for _, y in pairs]), sample_weight=corpus.weight[[r for r, _ in pairs]])
        weights[used, j] = lr.coef_[0]
        bias[j] = lr.intercept_[0]
    return weights, bias


def context(corpus: Corpus, logits: np.ndarray, use: np.ndarray) -> np.ndarray:
    """Second-stage features of every pair of the sentences where `use` (zeros elsewhere)."""
    out = np.zeros((len(corpus.rows), len(rf.NAMES), len(rc.CONTEXT)))
    chosen = [(sent, pairs, first) for _, _, sent, pairs, first in corpus.sentences if use[first]]
    rows = np.concatenate([np.arange(first, first + len(pairs)) for _, pairs, first in chosen])
    out[rows] = rc.context_features([(sent, pairs) for sent, pairs, _ in chosen], logits[rows])
    return out


def train(corpus: Corpus, train_folds: set[int], C: float, C2: float):
    """Both stages on `train_folds`. The second stage learns from first-stage scores that its
    own pairs did not train (5-fold cross-fitting by document)."""
    from sklearn.linear_model import LogisticRegression
    use = np.isin(corpus.fold, list(train_folds))
    logits = np.zeros((len(corpus.rows), len(rf.NAMES)))
    for g in range(5):
        held = use & (corpus.group == g)
        w, b = train_first(corpus, use & ~held, C)
        logits[held] = corpus.X[held] @ w + b
    feats = context(corpus, logits, use)
    ctx = np.zeros((len(rf.NAMES), len(rc.CONTEXT)))
    ctx_bias = np.zeros(len(rf.NAMES))
    for j, prop in enumerate(rf.NAMES):
        pairs = [(r, y) for r, y in corpus.labels[prop] if use[r]]
        idx = np.array([r for r, _ in pairs])
        lr = LogisticRegression(C=C2, max_iter=2000, random_state=0)
        lr.fit(feats[idx, j, :], np.array([y for _, y in pairs]), sample_weight=corpus.weight[idx])
        ctx[j], ctx_bias[j] = lr.coef_[0], lr.intercept_[0]
    weights, bias = train_first(corpus, use, C)
    return weights, bias, ctx, ctx_bias


def save(path: Path, model):
    weights, bias, ctx, ctx_bias = model
    rows = np.flatnonzero(np.abs(weights).max(axis=1) > 1e-4).astype(np.uint32)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, version=np.array(rf.VERSION), bits=np.array(rf.BITS),
                        properties=np.array(rf.NAMES), context_names=np.array(rc.CONTEXT), rows=rows,
                        values=weights[rows].astype(np.float16), bias=bias.astype(np.float32),
                        context=ctx.astype(np.float32), context_bias=ctx_bias.astype(np.float32))
    return len(rows)


def _value_names(raw, field, subject, value):
    """The value's span and the short form in parentheses after it, as `factoid extract`
    reports them (pipeline._assertions)."""
    short = short_form(raw, value[1]) if field in ("object", "place") else None
    if short and not _overlap(*short, *subject):
        return [value, short]
    return [value]


def predictions(data, fold, model_file, threshold):
    """Held-out relations of one fold in the scorer's format (passage offsets), the rules'
    assertions beside them, and (probability, label) of every labelled pair."""
    os.environ[relations.ENV] = str(model_file)
    model = relations.load_model()
    mine, rules, calibration = [], [], []
    for passage, doc in data:
        if passage["fold"] != fold:
            continue
        pid = passage["passageId"]
        for r in relations.find_relations(doc, threshold):
            s, v = doc.raw_span(r.subject_start, r.subject_end), doc.raw_span(r.value_start, r.value_end)
            if not reported(rf.PRODUCT.get(r.property, r.property), doc.raw[v.start:v.end]):
                continue   # as passage mode drops it (extract/passage.py)
            for v0, v1 in _value_names(doc.raw, r.field, (s.start, s.end), (v.start, v.end)):
                mine.append({"passageId": pid, "property": TO_KNET[r.property], "subjectStart": s.start,
                             "subjectEnd": s.end, "objectStart": v0, "objectEnd": v1,
                             "subjectText": doc.raw[s.start:s.end], "objectText": doc.raw[v0:v1],
                             "confidence": r.confidence})
        annotated = {FROM_KNET[p] for p in passage["annotatedProperties"] if p in FROM_KNET}
        start = passage["passageStart"]
        for subj, value, prop, p in relations.score_pairs(doc, model):
            if prop in annotated:
                s, v = doc.raw_span(subj.start, subj.end), doc.raw_span(value.start, value.end)
                hit = any(f["property"] == TO_KNET[prop]
                          and _overlap(s.start, s.end, f["subjectStart"] - start, f["subjectEnd"] - start)
                          and _overlap(v.start, v.end, f["objectStart"] - start, f["objectEnd"] - start)
                          for f in passage["facts"])
                calibration.append((p, int(hit)))
        for fact in doc.factoids:
            subjects = [(s, e) for role, s, e in fact.evidence if role == "subject"]
            for role, s1, e1 in (x for x in fact.evidence if x[0] != "subject"):
                key = RULES.get((fact.property, role))
                if not key or not reported(fact.property, doc.raw[s1:e1]):
                    continue
                for s0, e0 in subjects:
                    for v in _value_names(doc.raw, role, (s0, e0), (s1, e1)):
                        a, b = (v, (s0, e0)) if key[1] else ((s0, e0), v)
                        rules.append({"passageId": pid, "property": key[0], "subjectStart": a[0],
                                      "subjectEnd": a[1], "objectStart": b[0], "objectEnd": b[1],
                                      "subjectText": doc.raw[a[0]:a[1]], "objectText": doc.raw[b[0]:b[1]]})
    return mine, rules, calibration


def score(gold: Path, preds: list[dict], fold: int, props: str | None, extra=()) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    cmd = [sys.executable, str(KNET / "score.py"), str(gold), f.name, "--folds", str(fold),
           "--pred-offsets", "passage", *(["--properties", props] if props else ["--person-centric"]), *extra]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    os.unlink(f.name)
    return out


def table(text: str) -> str:
    keep = [line for line in text.splitlines() if line.startswith(("property", "#micro", "#macro"))
            or line.split(" ")[0] in TO_KNET.values() or line.split(" ")[0].startswith(("DATE_", "PLACE_OF_BIRTH"))]
    return "\n".join(keep)


def reliability(pairs) -> str:
    """Observed positive rate by predicted probability bin, and the expected calibration error."""
    probs = np.array([p for p, _ in pairs])
    labels = np.array([y for _, y in pairs])
    lines, ece = [], 0.0
    for lo in np.arange(0.0, 1.0, 0.1):
        sel = (probs >= lo) & ((probs < lo + 0.1) if lo < 0.85 else (probs <= 1.0))
        if sel.any():
            ece += abs(probs[sel].mean() - labels[sel].mean()) * sel.sum() / len(probs)
            lines.append(f"  [{lo:.1f},{lo + 0.1:.1f})  n={int(sel.sum()):6d}  mean p={probs[sel].mean():.3f}"
                         f"  observed={labels[sel].mean():.3f}")
    return "\n".join(lines) + f"\n  ECE={ece:.3f}"


def micro(text: str) -> list[str]:
    return text.split("#micro (all)")[1].split()[:3]


def cross_validate(args, data, corpus):
    calibration, summary = [], []
    sweep = defaultdict(list)
    by_property = defaultdict(lambda: defaultdict(list))   # property -> threshold -> F1 per fold
    with tempfile.TemporaryDirectory() as tmp:
        for held in (1, 2, 3):
            model_file = Path(tmp) / f"fold{held}.npz"
            save(model_file, train(corpus, {1, 2, 3} - {held}, args.C, args.C2))
            mine, rules, cal = predictions(data, held, model_file, min([args.threshold] + args.sweep))
            calibration += cal
            for t in args.sweep:
                kept = [p for p in mine if p["confidence"] >= t]
                scored = score(args.gold, kept + rules, held, None)
                sweep[t].append(micro(scored))
                for line in scored.splitlines():
                    if line.split(" ")[0] in TO_KNET.values():
                        by_property[line.split()[0]][t].append(float(line.split()[3]))
            mine = [p for p in mine if p["confidence"] >= args.threshold]
            seven = score(args.gold, mine, held, ",".join(TO_KNET.values()))
            ten = score(args.gold, mine + rules, held, None)
            ten_text = score(args.gold, mine + rules, held, None, ["--text-match"])
            ten_pess = score(args.gold, mine + rules, held, None, ["--fp-scope", "passage"])
            print(f"== fold {held} held out (trained on the other two): the classifier alone, span overlap")
            print(table(seven))
            print(f"   with the rules' facts: span P/R/F1={'/'.join(micro(ten))}  "
                  f"text={'/'.join(micro(ten_text))}  span with --fp-scope passage={'/'.join(micro(ten_pess))}")
            summary.append((held, micro(seven), micro(ten)))
    for t in args.sweep:
        print(f"threshold {t}: with the rules, micro P/R/F1 per fold: "
              + "  ".join("/".join(x) for x in sweep[t])
              + f"  mean F1 {np.mean([float(x[2]) for x in sweep[t]]):.3f}")
    for prop, runs in sorted(by_property.items()):
        print(f"  {prop:24s} mean F1 by threshold: "
              + "  ".join(f"{t}: {np.mean(f1s):.3f}" for t, f1s in sorted(runs.items())))
    print("== calibration on the held-out candidate pairs of the annotated properties")
    print(reliability(calibration))
    print("== summary, micro P R F1: fold | the classifier alone | with the rules")
    for held, s, t in summary:
        print(f"  fold {held} | {' '.join(s)} | {' '.join(t)}")
    print(f"  mean F1 | {np.mean([float(s[2]) for _, s, _ in summary]):.3f} | "
          f"{np.mean([float(t[2]) for _, _, t in summary]):.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=KNET / "dev.jsonl")
    parser.add_argument("--cv", action="store_true", help="train on two folds, score the third, for each fold")
    parser.add_argument("--cache", type=Path, help="pickle of the processed passages (made if missing)")
    parser.add_argument("--out", type=Path, default=relations.MODEL_FILE)
    parser.add_argument("--C", type=float, default=1.0, help="first stage: inverse regularisation strength")
    parser.add_argument("--C2", type=float, default=1.0, help="second stage: inverse regularisation strength")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--unparsed-weight", type=float, default=0.3,
                        help="weight of each sentence's unparsed copy (what a document's lead looks like): "
                             "it teaches the unparsed case without blunting the parse's features")
    parser.add_argument("--folds", default="1,2,3",
                        help="train on these folds only (e.g. 1,2 to score the product on fold 3 with evaluate.py)")
    parser.add_argument("--sweep", type=float, nargs="*", default=[],
                        help="with --cv: also score classifier and rules together at these thresholds")
    args = parser.parse_args()
    if not args.gold.exists():
        sys.exit(f"{args.gold} not found: the KnowledgeNet dev file lives in ../shared/eval/knowledgenet/")
    t0 = time.time()
    data = load_passages(args.gold, args.cache)
    corpus = Corpus(data, args.unparsed_weight)
    counts = {p: Counter(y for _, y in corpus.labels[p]) for p in rf.NAMES}
    print(f"{len(data)} passages, {len(corpus.rows)} candidate pairs ({time.time() - t0:.0f}s); labelled positive/negative: "
          + ", ".join(f"{p} {c[1]}/{c[0]}" for p, c in counts.items()))
    if args.cv:
        cross_validate(args, data, corpus)
        return
    n = save(args.out, train(corpus, {int(f) for f in args.folds.split(",")}, args.C, args.C2))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {n} non-zero feature rows)")


if __name__ == "__main__":
    main()
