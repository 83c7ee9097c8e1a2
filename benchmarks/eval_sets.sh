#!/usr/bin/env bash
# Score the product on the development sets of ../shared/eval, as their READMEs say, in one go.
#   bash benchmarks/eval_sets.sh [web|seeds|ru|combined ...]   (default: all four)
# Each set is ingested into a fresh database under $EVAL_OUT (default: a temporary folder),
# exported as JSON Lines and scored; the scorer's last line is printed, prefixed by the set.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=../shared/eval
if [ ! -d "$EVAL" ]; then echo "eval_sets: $EVAL is absent (a user's clone has no ../shared)" >&2; exit 2; fi
BIN=.venv/bin
out=${EVAL_OUT:-$(mktemp -d)}
mkdir -p "$out"
sets=${*:-web seeds ru combined}
for set in $sets; do
  db="$out/$set.db"; rm -f "$db" "$db-wal" "$db-shm"
  case $set in
    web) $BIN/factoid ingest $EVAL/web/docs --db "$db" -q; gold=$EVAL/web ;;
    seeds) $BIN/factoid ingest ../shared/seeds --db "$db" -q; gold=$EVAL/seeds ;;
    ru) $BIN/factoid ingest $EVAL/ru/docs --db "$db" -q; gold=$EVAL/ru ;;
    combined) $BIN/factoid ingest ../shared/seeds --db "$db" -q
              $BIN/factoid ingest $EVAL/ru/docs --db "$db" -q; gold=$EVAL/ru/combined ;;
    *) echo "eval_sets: unknown set '$set' (web, seeds, ru, combined)" >&2; exit 2 ;;
  esac
  $BIN/factoid export --db "$db" --format jsonl --out "$out/$set.jsonl"
  python3 $EVAL/seeds/score.py "$out/$set.jsonl" --gold "$gold" --json > "$out/$set.score.json"
  echo "$set: $(python3 $EVAL/seeds/score.py "$out/$set.jsonl" --gold "$gold" | tail -1)"
done
echo "(databases and exports in $out)"
