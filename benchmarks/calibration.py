#!/usr/bin/env python3
"""Is a factoid's confidence a probability? Precision by confidence band, on the seed gold and on
KnowledgeNet folds 1-3.

usage: benchmarks/calibration.py [--seeds-only | --knet-only | --export EXPORT.jsonl --gold DIR]

With --export, an export of a development set (as benchmarks/eval_sets.sh leaves one under
$EVAL_OUT, e.g. /tmp/ev/web.jsonl) is judged atom by atom against that set's gold (--gold, e.g.
../shared/eval/web), with the scorer's own matching, instead of the seeds and KnowledgeNet.

Seeds: every predicted atom about a main subject in a gold property is right when it matches a
gold atom (the scorer's own matching). KnowledgeNet: every passage-mode assertion in an annotated
passage and property is right when the official scorer counts it a true positive (span overlap).
The target: of the factoids at confidence >= 0.8, at least 80% are right. The last line is
`calibration: seeds P@0.8=<p> (n=<n>) | knowledgenet P@0.8=<p> (n=<n>)`.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
BANDS = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_labels() -> list[tuple[float, bool]]:
    """(confidence, right) for every predicted atom the seed scorer judges."""
    from factoid.errors import SourceError
    from factoid.pipeline import process
    from factoid.sources import read_sources
    score = _load(SHARED / "eval" / "seeds" / "score.py", "seed_score")
    gold = score.Gold(SHARED / "eval" / "seeds")
    docs = [d for d in read_sources([SHARED / "seeds"]) if not isinstance(d, SourceError)]
    out = []
    for doc in process(docs):
        names = {p.id: [p.name, *p.names] for p in doc.persons}
        for f in doc.factoids:
            subject = gold.person_of(names.get(f.person, []))
            if subject not in gold.main or f.property not in gold.properties | gold.alt_properties:
                continue
            pred = {"date": f.date and f.date.edtf, "date_julian": f.date and f.date.julian,
                    "start": f.start and f.start.edtf, "end": f.end and f.end.edtf, "place": f.place,
                    "object": f.object, "calendar": f.date and f.date.calendar}
            for field, value in score.atoms(pred):
                right = any(row["kind"] == "fact" and row["subject"] == subject and field in row
                            and f.property in [row["property"], *row.get("property_alt", [])]
                            and score.value_matches(field, row[field], row, pred, gold) for row in gold.rows)
                out.append((f.confidence, right))
    return out


def export_labels(export: Path, gold_dir: Path) -> list[tuple[float, bool]]:
    """(confidence, right) for every atom of an exported factoid about one of the set's main
    subjects in a gold property; right when it matches a gold atom of that subject."""
    score = _load(SHARED / "eval" / "seeds" / "score.py", "seed_score")
    gold = score.Gold(gold_dir)
    rows = score.load_jsonl(str(export))
    persons = {r["id"]: r for r in rows if r.get("type") == "person"}
    out = []
    for f in (r for r in rows if r.get("type") == "factoid"):
        person = persons.get(f.get("person"), {})
        subject = gold.person_of([person.get("name"), *person.get("aliases", []), f.get("person_name")])
        if subject not in gold.main or f.get("property") not in gold.properties | gold.alt_properties:
            continue
        for field, value in score.atoms(f):
            right = any(row["kind"] == "fact" and row["subject"] == subject and field in row
                        and f["property"] in [row["property"], *row.get("property_alt", [])]
                        and score.value_matches(field, row[field], row, f, gold) for row in gold.rows)
            out.append((f.get("confidence") or 0.0, right))
    return out


def knet_labels() -> list[tuple[float, bool]]:
    """(confidence, right) for every passage-mode assertion the official scorer judges."""
    evaluate = SHARED / "eval" / "knowledgenet" / "evaluate.py"
    with tempfile.TemporaryDirectory() as tmp:
        cmd = f"{Path(sys.executable).parent / 'factoid'} extract --input {{input}} --output {{output}}"
        subprocess.run([sys.executable, str(evaluate), "--folds", "1,2,3", "--keep", tmp, "--errors",
                        "--cmd", cmd], check=True, capture_output=True)
        judged = defaultdict(list)
        for line in open(Path(tmp) / "errors.jsonl", encoding="utf-8"):
            row = json.loads(line)
            for kind in ("tp", "fp"):
                for f in row[kind]:
                    judged[(row["passageId"], f["property"], f["subjectText"], f["objectText"])].append(kind == "tp")
        mapping = _load(evaluate, "knet_evaluate").MAPPING
        out = []
        for line in open(Path(tmp) / "output.jsonl", encoding="utf-8"):
            row = json.loads(line)
            key = mapping.get((row["property"], row["field"]))
            if not key:
                continue
            subject, value = row["subject"], row["value"]
            if key[1]:
                subject, value = value, subject
            verdicts = judged.get((row["id"], key[0], subject["text"], value["text"]))
            if verdicts:
                out.append((row.get("confidence", 0.0), verdicts.pop()))
        return out


def report(name: str, labels: list[tuple[float, bool]]) -> tuple[float, int]:
    print(f"== {name}: {len(labels)} judged")
    for lo, hi in BANDS:
        band = [right for conf, right in labels if lo <= conf < hi]
        if band:
            print(f"  confidence [{lo:.1f}, {min(hi, 1.0):.1f}): {sum(band) / len(band):.3f} right (n={len(band)})")
    high = [right for conf, right in labels if conf >= 0.8]
    return (sum(high) / len(high) if high else float("nan")), len(high)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds-only", action="store_true")
    parser.add_argument("--knet-only", action="store_true")
    parser.add_argument("--export", type=Path, help="an export of a development set to judge instead")
    parser.add_argument("--gold", type=Path, help="the gold folder of that set (with --export)")
    args = parser.parse_args()
    if args.export:
        if not args.gold or not (args.gold / "gold.jsonl").is_file() or not args.export.is_file():
            sys.exit("--export needs an existing export file and --gold, a folder with gold.jsonl")
        p, n = report(str(args.export), export_labels(args.export, args.gold))
        print(f"calibration: {args.export.name} P@0.8={p:.3f} (n={n})")
        return
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is absent: the calibration needs the seed gold and KnowledgeNet")
    parts = []
    if not args.knet_only:
        p, n = report("seeds", seed_labels())
        parts.append(f"seeds P@0.8={p:.3f} (n={n})")
    if not args.seeds_only:
        p, n = report("knowledgenet folds 1-3", knet_labels())
        parts.append(f"knowledgenet P@0.8={p:.3f} (n={n})")
    print("calibration: " + " | ".join(parts))


if __name__ == "__main__":
    main()
