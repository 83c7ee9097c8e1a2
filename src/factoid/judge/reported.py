"""Disagreement a source reports itself: "according to some sources he graduated as a doctor,
but other sources state that he qualified only as a medical orderly". The extraction stage
keeps the hedge as each fact's note; two facts of one property that a document tells under
such hedges (one side's and the other's), with different values, are a conflict the document itself points out.
Properties held once are left to the value groups, which already see a document that
contradicts itself."""
from __future__ import annotations

import re
from collections import defaultdict

from .values import SINGLE_VALUED

# the words of a hedge note ("According to some sources", "other accounts", "others")
_REPORTED = re.compile(r"\b(?:sources|accounts|authors|historians|biographers|scholars|researchers|records|"
                       r"documents|reports|others)\b", re.I)


def _shown(f: dict) -> str:
    parts = [f.get(k) for k in ("object", "place", "date", "start", "end") if f.get(k)]
    return ", ".join(str(p) for p in parts) or "?"


def reported_conflicts(by_prop: dict[str, list[dict]]):
    out = []
    for prop, facts in sorted(by_prop.items()):
        if prop in SINGLE_VALUED:
            continue
        by_doc: dict[str, list[dict]] = defaultdict(list)
        for f in facts:
            if f.get("note") and _REPORTED.search(f["note"]):
                by_doc[f.get("document") or f.get("source") or "?"].append(f)
        for doc, hedged in sorted(by_doc.items()):
            pair = next(((f, g) for i, f in enumerate(hedged) for g in hedged[i + 1:]
                         if f.get("note") != g.get("note") and _shown(f) != _shown(g)), None)
            if pair is None:
                continue
            f, g = pair
            out.append(("reported", (prop,), pair,
                        f"{f.get('source') or doc} itself reports that sources disagree on the {prop}: "
                        f"{_shown(f)} ({f['note']}) against {_shown(g)} ({g['note']})."))
    return out
