#!/usr/bin/env python3
"""Person resolution against Splink, same records, same machine, same run.

usage: benchmarks/resolution.py [PARQUET] [--limit N] [--splink-threshold P]

PARQUET defaults to ../shared/eval/resolution/historical_figures_with_errors_50k.parquet (see
its README): person records of known people (`cluster`), each written several times with
errors. factoid's resolver gets each record as a document person (the full name) with a birth
factoid (date and place) and its occupation; Splink (DuckDB backend) gets a model over first
name, surname, date of birth, birth place and occupation, trained without labels as its
tutorials do. Both are scored by pairwise precision, recall and F1 of "same person" against
`cluster`. Each runs in its own process, so the times (from records in memory to clusters) and
peak memories are each its own. Reading the file needs pyarrow or duckdb, Splink needs splink:
`pip install -e .[bench]`; without splink only factoid runs.

The last line printed is
`resolution: factoid P=<p> R=<r> F1=<f> time=<s>s | splink P=<p> R=<r> F1=<f> time=<s>s`.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "eval" / "resolution" / "historical_figures_with_errors_50k.parquet"
COLUMNS = ["unique_id", "cluster", "full_name", "first_name", "surname", "dob", "birth_place", "occupation"]
INSTALL = "pip install -e .[bench]"


def read(path: Path, limit: int | None) -> list[dict]:
    try:
        import pyarrow.parquet as pq
        rows = pq.read_table(path, columns=COLUMNS).to_pylist()
    except ImportError:
        try:
            import duckdb
        except ImportError:
            sys.exit(f"reading {path} needs pyarrow or duckdb: {INSTALL}")
        cursor = duckdb.connect().execute(f"SELECT {', '.join(COLUMNS)} FROM read_parquet(?)", [str(path)])
        rows = [dict(zip(COLUMNS, r)) for r in cursor.fetchall()]
    return rows[:limit] if limit else rows


def pairwise(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    """Precision, recall and F1 over all pairs of records, from the two clusterings' sizes."""
    pairs = lambda sizes: sum(n * (n - 1) // 2 for n in sizes)  # noqa: E731
    both = pairs(Counter((predicted[u], truth[u]) for u in truth).values())
    said, real = pairs(Counter(predicted[u] for u in truth).values()), pairs(Counter(truth.values()).values())
    p, r = both / said if said else 0.0, both / real if real else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def run_factoid(rows: list[dict], _threshold: float) -> dict[str, str]:
    from factoid.resolve import resolve
    return resolve(*resolution_input(rows)).assignment


def resolution_input(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """The records as resolve() takes them: a doc person each, its birth and occupation as facts."""
    persons, facts = [], []
    for r in rows:
        uid = r["unique_id"]
        persons.append({"id": uid, "doc_id": uid, "name": r["full_name"] or "", "names": [], "is_subject": True})
        if r["dob"] or r["birth_place"]:
            facts.append({"doc_person": uid, "property": "birth", "date": r["dob"], "place": r["birth_place"]})
        if r["occupation"]:
            facts.append({"doc_person": uid, "property": "employment", "object": r["occupation"]})
    return persons, facts


def run_splink(rows: list[dict], threshold: float) -> dict[str, str]:
    import logging

    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    columns = ["unique_id", "first_name", "surname", "dob", "birth_place", "occupation"]
    table = pa.Table.from_pylist([{c: r[c] for c in columns} for r in rows])
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"), block_on("surname", "dob"), block_on("first_name", "dob"),
            block_on("birth_place", "substr(surname, 1, 2)"),
        ],
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("birth_place").configure(term_frequency_adjustments=True),
            cl.ExactMatch("occupation").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False, retain_matching_columns=False,
    )
    linker = Linker(DuckDBAPI().register(table), settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match([block_on("first_name", "surname", "dob")],
                                                                  recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold)
    out = dict(clusters.as_duckdbpyrelation().select("unique_id, cluster_id").fetchall())
    return {r["unique_id"]: out.get(r["unique_id"], r["unique_id"]) for r in rows}


def child(system: str, path: Path, limit: int | None, threshold: float) -> None:
    """Run one system and print its scores as JSON: time from records in memory to clusters."""
    rows = read(path, limit)
    runner = {"factoid": run_factoid, "splink": run_splink}[system]
    start = time.perf_counter()
    predicted = runner(rows, threshold)
    seconds = time.perf_counter() - start
    p, r, f1 = pairwise({row["unique_id"]: row["cluster"] for row in rows}, predicted)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"P": p, "R": r, "F1": f1, "time": seconds, "peak_mb": peak, "records": len(rows),
                      "persons": len(set(predicted.values()))}))


def measure(system: str, args) -> dict | None:
    command = [sys.executable, __file__, str(args.parquet), "--only", system, "--splink-threshold",
               str(args.splink_threshold)] + (["--limit", str(args.limit)] if args.limit else [])
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"{system} failed:\n{done.stderr[-2000:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("parquet", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, help="only the first N records")
    parser.add_argument("--splink-threshold", type=float, default=0.8,
                        help="Splink's match probability for clustering [default: 0.8, its best F1 here]")
    parser.add_argument("--only", choices=["factoid", "splink"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.parquet.exists():
        sys.exit(f"{args.parquet}: no such file (see ../shared/eval/resolution/README.md)")
    if args.only:
        child(args.only, args.parquet, args.limit, args.splink_threshold)
        return
    results = {"factoid": measure("factoid", args)}
    try:
        import splink  # noqa: F401
        results["splink"] = measure("splink", args)
    except ImportError:
        print(f"splink is not installed, so only factoid ran: {INSTALL}", file=sys.stderr)
    parts = []
    for system, res in results.items():
        if res is None:
            parts.append(f"{system} failed")
            continue
        print(f"{system}: {res['records']} records -> {res['persons']} persons, peak memory {res['peak_mb']:.0f} MB")
        parts.append(f"{system} P={res['P']:.3f} R={res['R']:.3f} F1={res['F1']:.3f} time={res['time']:.1f}s")
    print("resolution: " + " | ".join(parts))


if __name__ == "__main__":
    main()
