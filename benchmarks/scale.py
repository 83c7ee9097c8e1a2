#!/usr/bin/env python3
"""Full rebuild against an incremental update, on synthetic SQLite stores of growing size.

usage: benchmarks/scale.py [--sizes 1000,10000] [--max-docs N] [--add 100] [--batches 5] [--dir DIR]

For each size n (at most --max-docs): writes n synthetic documents straight through `Store`
(no language stages: this measures the corpus stages), times a full rebuild (`rebuild(store,
full=True)`), then --batches times writes --add more documents and times the rebuild that
follows an ingest (incremental: only the region the new documents can change; in full when
the corpus crossed a step of the weights' grid). incremental_<add> is the mean over the
batches, full runs included: what an ingest of that size costs on average. The documents speak of people drawn
from a population about as large as the corpus, each person in about three documents, under
variant names (full, surname alone, initial and surname) with life dates, places and offices,
so resolution has joins to make and near-misses to weigh. At the end the incremental result is
checked against a second full rebuild of the same store (clusters, ids, conflicts); a mismatch
stops the run. The last line printed is, for the largest size,
`scale: docs=<n> full_rebuild=<s>s incremental_100=<s>s ratio=<incremental/full>`.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from factoid import pipeline
from factoid.model import Date, Document, Factoid, Person, Span
from factoid.store import Store

GIVEN = ("Anna", "Ivan", "Olga", "Pyotr", "Maria", "Lev", "Vera", "Nikolai", "Elena", "Grigory", "Sofia",
         "Mikhail", "Irina", "Fyodor", "Tatiana", "Sergei", "Natalia", "Aleksei", "Yulia", "Boris")
ROOTS = ("Petr", "Sidor", "Orl", "Volk", "Lebed", "Kozl", "Novik", "Moroz", "Pavl", "Frol", "Zaits", "Sokol",
         "Popov", "Vasil", "Smirn", "Kuzn", "Egor", "Belk", "Medved", "Titov")
PLACES = ("Kazan", "Moscow", "Tver", "Odessa", "Kiev", "Riga", "Tula", "Perm", "Omsk", "Vilna", "Minsk", "Pskov")
OFFICES = tuple(f"Committee No. {i}" for i in range(60)) + ("Bureau of the Party", "Editorial board")
PER_DOC = 3


def _person(k: int) -> dict:
    """Person k of the population: fixed name and life, the same in every document."""
    rng = random.Random(k)
    surname = ROOTS[rng.randrange(len(ROOTS))] + ("ov" if rng.random() < 0.6 else "in") + (
        _letters(str(k % 997)) if rng.random() < 0.9 else "")  # a tail keeps most surnames rare, as in life
    born = 1820 + rng.randrange(90)
    return {"given": GIVEN[rng.randrange(len(GIVEN))], "surname": surname,
            "born": f"{born}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}",
            "died": str(born + 30 + rng.randrange(50)), "place": PLACES[rng.randrange(len(PLACES))],
            "office": OFFICES[rng.randrange(len(OFFICES))]}


def _letters(text: str) -> str:
    return "".join(chr(ord("a") + int(c)) if c.isdigit() else c for c in text)


def document(n: int, population: int) -> Document:
    rng = random.Random(10_000_019 * n + 1)
    doc_id = f"synthetic{n:07d}"
    text, persons, facts = "", [], []
    for slot in range(PER_DOC):
        p = _person(rng.randrange(population))
        surname = p["surname"].capitalize()
        form = rng.random()
        name = (f"{p['given']} {surname}" if form < 0.7 else surname if form < 0.85 else f"{p['given'][0]}. {surname}")
        local = f"{doc_id}:{slot}"
        persons.append(Person(local, name, (name,)))
        said = [("position", f"{{s}} served on the {p['office']}.", {"object": p["office"]})]
        if rng.random() < 0.6:
            said.append(("birth", f"{{s}} was born on {p['born']} in {p['place']}.",
                         {"date": Date(p["born"]), "place": p["place"]}))
        if rng.random() < 0.4:
            died = p["died"] if rng.random() < 0.9 else str(int(p["died"]) + 2)  # some sources err
            said.append(("death", f"{{s}} died in {died}.", {"date": Date(died)}))
        for k, (prop, sentence, fields) in enumerate(said):
            quote = sentence.format(s=name)
            start = len(text)
            text += quote + " "
            facts.append(Factoid(local, prop, Span(doc_id, start, start + len(quote)), quote, "bench@1", 0.9,
                                 evidence=(("subject", start, start + len(name)),), id=f"{doc_id}-{slot}-{k}",
                                 **fields))
        text += "\n"
    return Document(id=doc_id, uri=f"/bench/{doc_id}.txt", raw=text, clean=text, title=doc_id,
                    persons=tuple(persons), factoids=tuple(facts))


def _write(store: Store, first: int, count: int, population: int) -> None:
    with store.transaction():
        for n in range(first, first + count):
            store.write_document(document(n, population))


def _state(store: Store) -> tuple:
    """Clusters (as sets of doc persons), person ids and conflicts: what must equal a full rebuild."""
    rows = [tuple(r) for r in store.db.execute("SELECT id, person_id FROM doc_persons")]
    clusters: dict = {}
    for r in rows:
        clusters.setdefault(r[1], set()).add(r[0])
    conflicts = store.db.execute("SELECT person_id, kind, factoids FROM conflicts ORDER BY 1, 2, 3").fetchall()
    return sorted(map(sorted, clusters.values())), sorted(rows), [tuple(c) for c in conflicts]


def measure(folder: Path, docs: int, add: int, batches: int) -> tuple[float, list[tuple[float, str]], list[float]]:
    """(full rebuild seconds, [(seconds, "incremental" or "full") for each batch of `add`],
    the CPU seconds of this process for the full rebuild and each batch: on a machine shared
    with other jobs, wall time moves with their load, CPU time much less)."""
    path = folder / f"scale-{docs}.db"
    population = max(docs * PER_DOC // 3, 10)  # about three mentions a person
    with Store(path) as store:
        _write(store, 0, docs, population)
        t0, c0 = time.perf_counter(), time.process_time()
        pipeline.rebuild(store, full=True)
        full, cpu = time.perf_counter() - t0, [time.process_time() - c0]
        print(f"  docs={docs} full rebuild: {full:.2f}s (cpu {cpu[0]:.2f}s)", flush=True)
        runs = []
        for k in range(batches):
            _write(store, docs + k * add, add, population)
            t0, c0 = time.perf_counter(), time.process_time()
            how = pipeline.rebuild(store)
            runs.append((time.perf_counter() - t0, how))
            cpu.append(time.process_time() - c0)
            print(f"  docs={docs} batch {k + 1}: {runs[-1][0]:.2f}s (cpu {cpu[-1]:.2f}s) {how}", flush=True)
        after = _state(store)
        pipeline.rebuild(store, full=True)
        if _state(store) != after:
            sys.exit(f"scale: docs={docs}: the incremental result differs from a full rebuild")
    path.unlink()
    return full, runs, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes in documents, comma-separated")
    ap.add_argument("--max-docs", type=int, default=None, help="leave out sizes above this")
    ap.add_argument("--add", type=int, default=100, help="documents added for the incremental update")
    ap.add_argument("--batches", type=int, default=5, help="batches of --add documents, each then rebuilt")
    ap.add_argument("--dir", type=Path, default=None, help="where the stores are written (default: a temp dir)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    sizes = [s for s in sizes if args.max_docs is None or s <= args.max_docs] or sys.exit("scale: no size to run")
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for docs in sizes:
            full, runs, cpu = measure(Path(tmp), docs, args.add, args.batches)
            mean = sum(t for t, _ in runs) / len(runs)
            cpu_mean = sum(cpu[1:]) / len(runs)
            print(f"  docs={docs} cpu: full_rebuild={cpu[0]:.2f}s incremental_{args.add}={cpu_mean:.2f}s "
                  f"ratio={cpu_mean / cpu[0]:.3f}", flush=True)
            ran = sum(how == "incremental" for _, how in runs)
            print(f"  docs={docs}: {ran} of {len(runs)} batches incremental, the rest in full (the corpus crossed "
                  f"a step of the weights' grid, or a namesake took a kept person's id); incremental_{args.add} "
                  "is the mean of all", flush=True)
            print(f"scale: docs={docs} full_rebuild={full:.2f}s incremental_{args.add}={mean:.2f}s "
                  f"ratio={mean / full:.3f}", flush=True)


if __name__ == "__main__":
    main()
