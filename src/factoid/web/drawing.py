"""Geometry for the person page's two drawings: the timeline of a life and the network of
relations. Plain numbers and labels out; the template writes the SVG, escaping every label."""
from __future__ import annotations

import math
from urllib.parse import quote

from ..store.summary import approximate, fact_bounds

WIDTH, LABELS, RIGHT, ROW, AXIS = 860, 118, 24, 26, 28
_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500)


def _year(ymd: tuple[int, int, int], end: bool = False) -> float:
    """A day as a fractional year; `end` takes the end of that day, so a year spans the year."""
    y, m, d = ymd
    return y + ((m - 1) * 30.44 + d - (0 if end else 1)) / 365.25


def describe(value: dict) -> str:
    """A factoid's (or a consensus value's) fields in words: date or span, place, object."""
    parts = []
    if value.get("date"):
        parts.append(value.get("date_text") or value["date"])
    elif value.get("start") or value.get("end"):
        parts.append(f"{value.get('start') or '?'} – {value.get('end') or '?'}")
    parts += [value[k] for k in ("place", "object") if value.get(k)]
    return " · ".join(" ".join(str(p).split()) for p in parts) or "(no value)"


def timeline(facts: list[dict], order: tuple[str, ...]) -> dict | None:
    """One row per dated property; a point event is a dot, an imprecise or lasting one a bar
    over the whole time it may mean. None when nothing is dated."""
    events = []
    for f in facts:
        span = fact_bounds(f)
        if span:
            events.append((f, _year(span[0]), _year(span[1], end=True)))
    if not events:
        return None
    rank = {p: i for i, p in enumerate(order)}
    props = sorted({f["property"] for f, _, _ in events}, key=lambda p: (rank.get(p, len(rank)), p))
    lo_year, hi_year = min(lo for _, lo, _ in events), max(hi for _, _, hi in events)
    margin = max(0.5, (hi_year - lo_year) * 0.03)  # keep marks off the edges
    first, last = math.floor(lo_year - margin), math.ceil(hi_year + margin)
    if last - first < 10:  # a single date still gets a readable decade around it
        first, last = first - (10 - (last - first)) // 2, first - (10 - (last - first)) // 2 + 10
    step = next((s for s in _STEPS if (last - first) / s <= 8), _STEPS[-1])
    first, last = first - first % step, last + (-last) % step
    scale = (WIDTH - LABELS - RIGHT) / (last - first)
    x = lambda year: round(LABELS + (year - first) * scale, 1)  # noqa: E731
    rows = {p: AXIS + i * ROW + ROW // 2 for i, p in enumerate(props)}
    drawn = []
    for f, lo, hi in sorted(events, key=lambda e: (e[1], e[0]["id"])):
        x0, x1 = x(lo), x(hi)
        when = f.get("date_text") or f.get("date") or f"{f.get('start') or '?'} – {f.get('end') or '?'}"
        drawn.append({"x": x0, "w": round(max(x1 - x0, 0), 1), "cx": round((x0 + x1) / 2, 1), "y": rows[f["property"]],
                      "dot": x1 - x0 < 4, "disputed": f.get("disputed", False), "approx": approximate(f.get("date")),
                      "href": f"#fact-{quote(f['id'], safe='')}",
                      "title": f"{f['property']}: {' '.join(when.split())} ({f['source']})"
                               + (" — disputed" if f.get("disputed") else "")})
    height = AXIS + len(props) * ROW + 8
    ticks = [{"x": x(year), "label": str(year)} for year in range(first, last + 1, step)]
    return {"width": WIDTH, "height": height, "left": LABELS, "right": WIDTH - RIGHT, "bottom": height - 4,
            "rows": [{"label": p, "y": y} for p, y in rows.items()], "ticks": ticks, "events": drawn}


def network(name: str, relations: list[dict], width: int = 600, most: int = 12) -> dict | None:
    """The person in the middle, related persons on an ellipse around, each a link to their page."""
    people: dict[str, dict] = {}
    for r in relations:
        node = people.setdefault(r["person"], {"name": r["name"], "labels": [], "kind": r["kind"]})
        node["labels"].append(r["label"])
    if not people:
        return None
    nodes = list(people.items())[:most]
    # a few nodes sit close; many spread over an ellipse, a quarter of the width kept each
    # side for the labels
    rx = width / 4 if len(nodes) > 2 else width / 6
    ry = rx * (0.5 if len(nodes) <= 2 else 0.6 if len(nodes) <= 6 else 0.95)
    cx, cy = width / 2, ry + 40
    out = []
    for i, (pid, node) in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / len(nodes)
        cos, sin = math.cos(angle), math.sin(angle)
        px, py = cx + rx * cos, cy + ry * sin
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        dx = {"start": 10, "end": -10, "middle": 0}[anchor]
        dy = -24 if anchor == "middle" and sin < 0 else 20 if anchor == "middle" else 4
        label = node["name"] if len(node["name"]) <= 26 else node["name"][:25] + "…"
        relation = ", ".join(dict.fromkeys(node["labels"]))
        out.append({"x": round(px, 1), "y": round(py, 1), "lx": round(px + dx, 1), "ly": round(py + dy, 1),
                    "anchor": anchor, "name": label, "full": node["name"], "kind": node["kind"],
                    "relation": relation if len(relation) <= 34 else relation[:33] + "…",
                    "href": f"/people/{quote(pid, safe='')}"})
    lowest = max([cy + 26] + [n["ly"] + 14 for n in out])  # the last line of text drawn
    return {"width": width, "height": round(lowest + 12), "cx": cx, "cy": round(cy, 1),
            "name": name if len(name) <= 30 else name[:29] + "…", "nodes": out, "more": max(0, len(people) - most)}
