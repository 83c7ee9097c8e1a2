"""Persons in an export that no gold person of the set is called: candidates for junk persons.

usage: benchmarks/persons_check.py EXPORT.jsonl GOLD_DIR [--docs N]

Prints each unmatched person with its names and documents, then
`persons: exported=<n> matched=<n> unmatched=<n> per_100_docs=<unmatched per 100 documents>`.
An unmatched person is not always junk (the gold lists only the people it refers to), so read
the list: the count is an upper bound on junk persons."""
import argparse
import json
import re
import unicodedata
from pathlib import Path


def fold(text: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export")
    ap.add_argument("gold")
    ap.add_argument("--docs", type=int, default=0, help="documents ingested (default: those in the export)")
    args = ap.parse_args()
    gold_names = set()
    for line in Path(args.gold, "persons.jsonl").read_text().splitlines():
        row = json.loads(line)
        gold_names |= {fold(n) for n in [row.get("name", ""), *row.get("names", []), *row.get("aliases", [])] if n}
    rows = [json.loads(line) for line in Path(args.export).read_text().splitlines() if line.strip()]
    persons = [r for r in rows if r["type"] == "person"]
    sources: dict[str, set] = {}
    for r in rows:
        if r["type"] == "factoid":
            sources.setdefault(r["person"], set()).add(r["source"])
    docs = args.docs or len({s for v in sources.values() for s in v})
    unmatched = [p for p in persons if not {fold(n) for n in [p["name"], *p.get("aliases", [])]} & gold_names]
    for p in unmatched:
        print(f"  {p['name']!r} {p.get('aliases', [])[:4]} {sorted(sources.get(p['id'], []))[:3]}")
    print(f"persons: exported={len(persons)} matched={len(persons) - len(unmatched)} unmatched={len(unmatched)} "
          f"per_100_docs={100 * len(unmatched) / max(docs, 1):.1f}")


if __name__ == "__main__":
    main()
