"""A document's raw text as HTML with its spans marked: factoid quotes, evidence parts, and the
regions cleaning set apart. Every piece of text is escaped here, since the result is marked safe.

Spans may overlap without nesting (a quote crossing a gloss), and HTML elements must nest; so
an element cut by another one is closed and reopened around it. Only its first piece carries
the id (the anchor of `#f-<factoid id>`); every piece carries `data-f` so a script can light
them all."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

DIMMED = {"gloss": "a link's gloss: it speaks of {label}", "chrome": "page furniture",
          "references": "references", "lost": "characters lost to bad decoding"}
# which element goes outside another that covers the same text
_LAYER = {"region": 0, "fact": 1, "role": 2}


@dataclass
class _Element:
    start: int
    end: int
    layer: str
    tag: str
    first: str   # attributes of the first piece
    rest: str    # attributes of a reopened piece
    after: str = ""  # HTML to put once the element is closed for good

    def open(self, first: bool) -> str:
        return f"<{self.tag}{self.first if first else self.rest}>"


def _attrs(**values) -> str:
    # class_ stands for class; data_f for data-f
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(v)}"' for k, v in values.items() if v is not None)


def _elements(doc: dict) -> list[_Element]:
    n = len(doc["text"])
    out = []
    for r in doc["regions"]:
        if r["kind"] in DIMMED:
            title = DIMMED[r["kind"]].format(label=r["label"] or "someone else")
            attrs = _attrs(class_=f"region region-{r['kind']}", title=title)
            out.append(_Element(r["start"], r["end"], "region", "span", attrs, attrs))
    seen_roles = set()
    for f in doc["factoids"]:
        anchor = f"f-{f['id']}"
        cls = "fact"
        person = f"/people/{quote(f['person'], safe='')}#fact-{quote(f['id'], safe='')}" if f["person"] else None
        pill = (f'<a class="pill" href="{escape(person)}" title="{escape(f["person_name"])}">'
                f'{escape(f["property"])}</a>') if person else f'<span class="pill">{escape(f["property"])}</span>'
        out.append(_Element(f["span"][0], f["span"][1], "fact", "mark",
                            _attrs(id=anchor, class_=cls, data_f=anchor), _attrs(class_=cls, data_f=anchor),
                            after=pill))
        for ev in f["evidence"]:
            key = (ev["role"], ev["start"], ev["end"])
            if key in seen_roles:  # two factoids of one sentence share their subject
                continue
            seen_roles.add(key)
            attrs = _attrs(class_=f"role role-{ev['role']}", title=ev["role"])
            out.append(_Element(ev["start"], ev["end"], "role", "span", attrs, attrs))
    for el in out:
        el.start, el.end = max(0, min(el.start, n)), max(0, min(el.end, n))
    return out


def highlight(doc: dict) -> Markup:
    """`doc` as `queries.document_detail` returns it."""
    text = doc["text"]
    elements = _elements(doc)
    starts: dict[int, list[_Element]] = {}
    for el in elements:
        starts.setdefault(el.start, []).append(el)
    for group in starts.values():  # the longest outside; at equal length by layer
        group.sort(key=lambda e: (-(e.end - e.start), _LAYER[e.layer]))
    cuts = sorted({0, len(text), *(e.start for e in elements), *(e.end for e in elements)})
    out: list[str] = []
    stack: list[_Element] = []
    for i, pos in enumerate(cuts):
        if any(e.end <= pos for e in stack):
            reopen = []
            while any(e.end <= pos for e in stack):
                el = stack.pop()
                out.append(f"</{el.tag}>")
                if el.end <= pos:
                    out.append(el.after)
                else:
                    reopen.append(el)
            for el in reversed(reopen):
                out.append(el.open(first=False))
                stack.append(el)
        for el in starts.get(pos, ()):
            out.append(el.open(first=True))
            if el.end <= el.start:  # an empty span still gets its anchor
                out.append(f"</{el.tag}>{el.after}")
            else:
                stack.append(el)
        if i + 1 < len(cuts):
            out.append(str(escape(text[pos:cuts[i + 1]])))
    for el in reversed(stack):
        out.append(f"</{el.tag}>{el.after}")
    return Markup("".join(out))
