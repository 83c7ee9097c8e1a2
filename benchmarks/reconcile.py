#!/usr/bin/env python3
"""Cost of the reconciliation service (`/reconcile`) as the knowledge base grows.

usage: benchmarks/reconcile.py [--persons 1000,10000,100000] [--batches 11]

For each size, builds a synthetic database straight through `Store`: persons with a given
name, a patronymic and a surname drawn from made-up stems and Russian endings, each also known
by its short form (given name and surname). Then times batches of 10 queries (OpenRefine's
batch) through `reconcile.reconcile`, as the API calls it: every query a person's name
re-spelled under another romanisation (w for v, i for y, -ii for -y) without the patronymic.
The first batch also builds the index of names (once per set of persons stored); it is timed
apart as `first`. Prints one line per size:
`reconcile: persons=<n> first=<ms>ms batch p50=<ms>ms max=<ms>ms top1=<right>/<asked> match=<n>`
(`max` over the batches after the first; `top1` and `match` over every batch).
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from factoid.model import Person
from factoid.reconcile import reconcile
from factoid.store import Store

GIVEN = ("Anna", "Ivan", "Olga", "Pyotr", "Maria", "Lev", "Vera", "Nikolay", "Elena", "Grigory", "Yury", "Sofya",
         "Mikhail", "Tatyana", "Vasily", "Irina")
FATHERS = ("Ivanov", "Petrov", "Nikolayev", "Grigoryev", "Vasilyev", "Mikhaylov", "Yuryev", "Lvov")
STEMS = ("Vol", "Kraz", "Bel", "Tikh", "Mor", "Sokol", "Orl", "Zhuk", "Kuzn", "Medved", "Lebed", "Kozl", "Nov",
         "Pavl", "Frol", "Gorb", "Dub", "Rybak", "Sten", "Chern", "Yast", "Grom", "Shmel", "Kamysh", "Beresn",
         "Trub", "Ugl", "Zvon", "Lyub", "Kolos")
MIDDLES = ("", "ar", "el", "in", "ov", "usk", "yak", "odn", "ash", "itsk", "ul", "on", "ezh", "ot")
ENDINGS = ("ov", "in", "sky", "enko", "ich", "yov")


def _name(n: int) -> tuple[str, str, str]:
    given = GIVEN[n % len(GIVEN)]
    rest = n // len(GIVEN)
    surname = STEMS[rest % len(STEMS)] + MIDDLES[(rest // len(STEMS)) % len(MIDDLES)] \
        + ENDINGS[(rest // (len(STEMS) * len(MIDDLES))) % len(ENDINGS)]
    suffix = rest // (len(STEMS) * len(MIDDLES) * len(ENDINGS))
    if suffix:  # beyond the 40,320 combinations: a double surname keeps names apart
        surname += "-" + STEMS[suffix % len(STEMS)] + "ov"
    father = FATHERS[(n // 7) % len(FATHERS)] + ("na" if given.endswith("a") else "ich")
    return given, father, surname


def _respelled(given: str, surname: str) -> str:
    """Another romanisation: w for v, i for y, -ii for a final -y."""
    text = f"{given} {surname}".replace("v", "w").replace("y ", "ii ").replace("y", "i")
    return text[:-1] + "ii" if text.endswith("y") else text


def build(path: Path, size: int) -> None:
    with Store(path) as store:
        persons = []
        for n in range(size):
            given, father, surname = _name(n)
            full = f"{given} {father} {surname}"
            persons.append(Person(f"p{n}", full, (full, f"{given} {surname}")))
        store.replace_resolution(persons, {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", default="1000,10000,100000")
    parser.add_argument("--batches", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(7)
    for size in (int(s) for s in args.persons.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "kb.db"
            build(path, size)
            times, right, asked, matched = [], 0, 0, 0
            with Store(path, readonly=True) as store:
                for _ in range(args.batches):
                    wanted = rng.sample(range(size), 10)
                    batch = {f"q{i}": {"query": _respelled(_name(n)[0], _name(n)[2])} for i, n in enumerate(wanted)}
                    start = time.perf_counter()
                    answer = reconcile(store, json.dumps(batch))
                    times.append(time.perf_counter() - start)
                    for i, n in enumerate(wanted):
                        result = answer[f"q{i}"]["result"]
                        asked += 1
                        right += bool(result) and result[0]["id"] == f"p{n}"
                        matched += bool(result) and result[0]["match"] and result[0]["id"] == f"p{n}"
            first, rest = times[0], times[1:] or times
            print(f"reconcile: persons={size} first={first * 1000:.0f}ms batch p50={statistics.median(rest) * 1000:.0f}ms "
                  f"max={max(rest) * 1000:.0f}ms top1={right}/{asked} match={matched}", flush=True)


if __name__ == "__main__":
    main()
