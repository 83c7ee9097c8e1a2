#!/usr/bin/env bash
# Cross-validated KnowledgeNet scores of the whole product: for each dev fold, train the relation
# classifier on the two other folds, then run the official evaluation of `factoid extract` on
# the held-out fold with that model (FACTOID_RELATIONS_MODEL). Needs the `train` extra.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
EVAL=../shared/eval/knowledgenet/evaluate.py
work=$(mktemp -d)
cache="$work/passages.pkl"
for fold in 1 2 3; do
  train=$(echo 1 2 3 | tr ' ' '\n' | grep -v "^$fold$" | paste -sd,)
  $PY training/train_relations.py --folds "$train" --out "$work/fold$fold.npz" --cache "$cache" > "$work/train$fold.log"
  FACTOID_RELATIONS_MODEL="$work/fold$fold.npz" $PY $EVAL --folds "$fold" --keep "$work/eval$fold" \
      --cmd ".venv/bin/factoid extract --input {input} --output {output}" > "$work/eval$fold.log"
  echo "== fold $fold (model trained on folds $train)"
  grep -E "^[A-Z_]+ +[0-9]" "$work/eval$fold.log" | head -10
  tail -1 "$work/eval$fold.log"
  # pessimistic precision: predictions for properties a passage was not annotated for count too
  $PY ../shared/eval/knowledgenet/score.py ../shared/eval/knowledgenet/dev.jsonl "$work/eval$fold/predictions.jsonl" \
      --folds "$fold" --person-centric --pred-offsets passage --fp-scope passage | grep "^#micro" | sed 's/^/fp-scope passage: /'
done
rm -rf "$work"
