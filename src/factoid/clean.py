"""The cleaning stage: raw text -> clean text with an offset map back to raw.

`clean(doc)` fills `clean`, `offsets`, `quality`, `regions` and `hints`. It sets apart, as
`Region`s of the raw text:
  gloss       a link's gloss: the opening of the linked article pasted after the link text
              (the link text stays in the clean text; `label` is the link text)
  chrome      site navigation, "From Wikipedia ...", "[edit]", citation markers, image names
  references  reference / external-link sections and numbered footnote lines
  infobox     a flattened infobox; its rows are kept as `hints`
  lost        runs of U+FFFD (characters lost to bad decoding); they stay in the clean text,
              one for one, because we never invent characters
The clean text is built from slices of the lines plus inserted separators: a space or a
line break where lines are joined, "\n\n" between paragraphs and around headings. A copied
char maps to its raw offset; a char repaired from mojibake maps to the first raw char of the
sequence it was decoded from (see `mojibake`); an inserted separator maps to the raw offset
just past the text before it.
"""
from __future__ import annotations

import re
from array import array

from factoid import infobox
from factoid.glosses import looks_cut, split_link
from factoid.mojibake import repair
from factoid.model import Document, Hint, Region
from factoid.quality import score

# Whole lines that are site furniture, not text (general wiki/web boilerplate).
_CHROME_LINE = re.compile(
    r"From Wikipedia, the free encyclopedia|Jump to:? ?navigation,? (?:Jump to )?search"
    r"|Navigation menu|Main menu|Advertisement|Skip to (?:main )?content|\(Redirected from .*\)"
    r"|Retrieved from [\"“]?https?://.*|(?:Hidden )?Categories: .*"
    r"|This page was last (?:edited|modified) .*|Text is available under the Creative Commons.*"
    r"|Privacy policy.*|We use cookies.*|Last (?:updated|modified):? .{0,60}"
    r"|Posted in: .{0,80}|Posted (?:on|by) .{0,50}|Share(?:(?: this| on)\b.{0,150}|:.{0,150})?"
    r"|Print|.{0,120}©.{0,120}"
    r"|.{0,120}All rights reserved.{0,60}|(?:See also|Main articles?|Further information): .*"
    r"|For other uses.*|Not to be confused with .*|\{\{.*"
    r"|(?:[^»›\n]{1,80} [»›] ){2,}[^»›\n]{1,120}|(?:\S+ ){0,11}\S+\.(?:jpe?g|png|gif|svg|tiff?|webp)",
    re.IGNORECASE)
_NAV_WORDS = frozenset(("home", "menu", "search", "login", "log in", "sign in", "register",
                        "contact", "about", "or", "and", "navigation", "main page"))
# A title does not end in one of these; a line that does is the start of a broken sentence.
_OPEN_ENDS = frozenset(("a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with",
                        "from", "as", "and", "or", "is", "was", "were", "are"))
# Inline removals, each with a cheap substring gate so that ordinary text costs a few `in`
# tests. "chrome" matches become regions, "markup" is just dropped, and "link" keeps the
# text of a Markdown link but drops its brackets and address.
_CITATION = re.compile(
    r"\[(?:\d{1,3}(?:[–-]\d{1,3})?|[a-z]|(?:note|nb|n) ?\d{1,3}|edit|citation needed"
    r"|clarification needed|verification needed|better source needed|page needed"
    r"|full citation needed|failed verification|dubious[^\]]{0,20}|who\?|when\?|which\?"
    r"|by whom\?|according to whom\?)\]")
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((?:https?://)?[^)\s]{1,300}\)")
_PHRASE = re.compile(
    r"From Wikipedia, the free encyclopedia|Jump to:? ?navigation,? (?:Jump to )?search"
    r"|This page was last (?:edited|modified) on [^.\n]{0,40}?\d\d?:\d\d(?: \(UTC\))?\.?")
_PHRASE_GATES = ("From Wikipedia", "Jump to", "This page was last")
_IMAGE_EXT = re.compile(r"\.(?:jpe?g|png|gif|svg|tiff?|webp)\b", re.IGNORECASE)
_IMAGE = re.compile(r"(?:\b(?:File|Image):[^\]|\n]{0,120}?|(?<![\w\-])[\w\-]+)"
                    r"\.(?:jpe?g|png|gif|svg|tiff?|webp)\b", re.IGNORECASE)
_MARKUP = re.compile(r"'{2,5}|(?<![\w*])\*{1,3}(?=\w)|(?<=[\w.!?,;:)])\*{1,3}(?![\w*])")
_WIKI_HEADING = re.compile(r"(=+)\s*(.+?)\s*\1")
_EDIT_HEADING = re.compile(r"(.+?)\s*\[edit\]")
_MD_HEADING = re.compile(r"#{1,6}\s+(.+?)\s*#*")
_FOOTNOTE = re.compile(r"(?:\d{1,3}\.?\s*)?\^\s")
_TOC_ENTRY = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?\s+\S.{0,80}")
_REF_NAMES = frozenset((
    "references", "notes", "footnotes", "citations", "external links", "see also",
    "further reading", "bibliography", "sources", "notes and references", "works cited",
    "references and notes", "read more", "related articles", "related", "links"))
_TERMINAL = ".!?…"
_CLOSERS = "\"”’')]"
_NO_SPACE_BEFORE = frozenset(",.;:)]}!?%…'’”")
_NO_SPACE_AFTER = frozenset("([{“‘«")
LONG_LINE = 120       # a line this long ending a sentence is a paragraph of its own
SHORT_LINE = 100      # infobox rows and page furniture are shorter than this


class _Line:
    """One line of raw text. `text` is its repaired form; `rmap[i]` is the raw offset of the
    char behind text[i] (plus one past the end), or None when repair left the line alone.
    [a, b) bounds the stripped content; `kind` says what the line is."""
    __slots__ = ("text", "start", "rmap", "a", "b", "kind", "cut")

    def __init__(self, text: str, start: int, rmap: list[int] | None):
        self.text, self.start, self.rmap = text, start, rmap
        self.b = len(text.rstrip())
        self.a = len(text) - len(text.lstrip()) if self.b else 0
        self.kind = "prose" if self.b else "blank"
        self.cut = -1

    def raw(self, i: int) -> int:
        return self.start + i if self.rmap is None else self.rmap[i]

    @property
    def body(self) -> str:
        return self.text[self.a:self.b]


def clean(doc: Document) -> Document:
    raw = doc.raw
    lines = _split_lines(raw)
    regions: list[Region] = []
    _mark_lines(lines, regions)
    hints = _mark_infoboxes(lines, regions, raw)
    _mark_bare_headings(lines)
    _mark_references(lines, regions)
    _mark_glosses(lines, regions)
    _mark_head(lines, regions)
    text, offsets = _assemble(lines, regions)
    for ln in lines:
        if "\ufffd" in ln.text:
            regions.extend(Region("lost", ln.raw(m.start()), ln.raw(m.end()))
                           for m in re.finditer("\ufffd+", ln.text))
    regions.sort(key=lambda r: (r.start, r.end))
    return doc.with_changes(clean=text, offsets=offsets, regions=tuple(regions), hints=tuple(hints),
                            quality=score(text, len(raw)))


# --- lines and repair ---------------------------------------------------------------------

def _split_lines(raw: str) -> list[_Line]:
    lines, pos = [], 0
    for part in raw.split("\n"):
        text = part[:-1] if part.endswith("\r") else part
        fixed, rmap = repair(text, pos)
        lines.append(_Line(fixed, pos, rmap))
        pos += len(part) + 1
    return lines


# --- classifying lines --------------------------------------------------------------------

def _drop(lines: list[_Line], first: int, last: int, kind: str, regions: list[Region]):
    """Take lines first..last out of the clean text, as one region."""
    for ln in lines[first:last + 1]:
        ln.kind = "drop"
    regions.append(Region(kind, lines[first].raw(lines[first].a), lines[last].raw(lines[last].b)))


def _mark_lines(lines: list[_Line], regions: list[Region]):
    """Line-local decisions: furniture, explicit headings, footnotes, tables of contents."""
    for i, ln in enumerate(lines):
        if ln.kind == "blank":
            continue
        body = ln.body
        if len(body) <= 2000 and _CHROME_LINE.fullmatch(body):
            _drop(lines, i, i, "chrome", regions)
        elif _FOOTNOTE.match(body):
            _drop(lines, i, i, "references", regions)
        elif m := (_WIKI_HEADING.fullmatch(body) or _EDIT_HEADING.fullmatch(body)
                   or _MD_HEADING.fullmatch(body)):
            if body.endswith("[edit]"):
                regions.append(Region("chrome", ln.raw(ln.b - 6), ln.raw(ln.b)))
            ln.kind, ln.a, ln.b = "heading", ln.a + m.start(m.lastindex), ln.a + m.end(m.lastindex)
        elif body.lower().split("[")[0].strip() == "contents":
            j = i + 1
            while j < len(lines) and _TOC_ENTRY.fullmatch(lines[j].body):
                j += 1
            if j > i + 1:
                _drop(lines, i, j - 1, "chrome", regions)


def _title_like(body: str) -> bool:
    words = body.split()
    letters = [c for c in body if c.isalpha()]
    return (0 < len(words) <= 12 and len(body) <= SHORT_LINE and len(letters) >= 2
            and letters[0].isupper() and body[-1] not in ".,;:!?" and body.lower() not in _NAV_WORDS
            and not all(c.isupper() for c in letters) and words[-1].lower() not in _OPEN_ENDS
            and not (len(words) == 1 and any(c.isupper() for c in body[1:])))


def _prose_like(body: str) -> bool:
    words = body.count(" ") + 1
    return words >= 10 or (words >= 4 and body.rstrip(_CLOSERS)[-1:] in _TERMINAL)


def _mark_infoboxes(lines: list[_Line], regions: list[Region], raw: str) -> list[Hint]:
    """A run of short lines with two or more labels ("Born", "In office", ...) is a flattened
    infobox. A blank line continues the run only when a label follows it."""
    def short(ln):
        spaces = ln.body.count(" ")
        return ln.kind == "prose" and len(ln.body) <= SHORT_LINE and spaces < 12 and not (
            ln.body[-1] in _TERMINAL and spaces >= 5)

    hints: list[Hint] = []
    first = next((i for i, ln in enumerate(lines) if ln.kind != "blank" and ln.kind != "drop"), -1)
    i, n = 0, len(lines)
    while i < n:
        if not short(lines[i]):
            i += 1
            continue
        run, k, top = [], i, -1
        while k < n:
            ln = lines[k]
            if ln.kind == "blank":
                nxt = next((j for j in range(k + 1, n) if lines[j].kind not in ("blank", "drop")), n)
                if nxt == n or not short(lines[nxt]) or not infobox.label(lines[nxt]):
                    break
            elif ln.kind != "drop":
                if not short(ln):
                    break
                top = k if not run else top
                run.append(ln)
            k += 1
        if run and top == first and _title_like(run[0].body):
            run = run[1:]       # the document's title line stays in the text
        labels = sum(1 for ln in run if infobox.label(ln))
        if labels >= 2 and labels * 4 >= len(run):  # hard-wrapped prose has few "labels"
            hints.extend(infobox.hints(run, raw))
            start, end = run[0].raw(run[0].a), run[-1].raw(run[-1].b)
            for ln in run:
                ln.kind = "drop"
            regions.append(Region("infobox", start, end))
        i = max(k, i + 1)
    return hints


def _mark_bare_headings(lines: list[_Line]):
    """A short title-like line between blank lines is a heading, and so is a word or two after a
    blank line over a line of prose."""
    for i, ln in enumerate(lines):
        if (ln.kind == "prose" and (i == 0 or lines[i - 1].kind == "blank")
                and i + 1 < len(lines) and lines[i + 1].kind == "blank"
                and len(ln.body.split()) <= 8 and _title_like(ln.body)):
            ln.kind = "bare"
        elif (ln.kind == "prose" and i > 0 and lines[i - 1].kind == "blank" and i + 1 < len(lines)
              and lines[i + 1].kind == "prose" and len(ln.body.split()) <= 2 and _title_like(ln.body)
              and _prose_like(lines[i + 1].body) and lines[i + 1].body[:1].isupper()):
            ln.kind = "bare"  # a section's name over its first line: "Connections" / "Married X."


def _ref_heading(ln: _Line) -> bool:
    return ln.kind in ("heading", "bare", "prose") and ln.body.lower().rstrip(": ") in _REF_NAMES


def _mark_references(lines: list[_Line], regions: list[Region]):
    """A references-like heading starts a section that runs until a heading that is
    followed by prose (the flattened text no longer tells section levels apart)."""
    i, n = 0, len(lines)
    while i < n:
        if not _ref_heading(lines[i]):
            i += 1
            continue
        k, last = i + 1, i
        while k < n:
            ln = lines[k]
            if ln.kind in ("heading", "bare") and not _ref_heading(ln):
                nxt = next((lines[j] for j in range(k + 1, n) if lines[j].kind != "blank"), None)
                if nxt is not None and nxt.kind == "prose" and _prose_like(nxt.body):
                    break
            if ln.kind != "blank":
                last = k
            k += 1
        _drop(lines, i, last, "references", regions)
        i = k


def _mark_head(lines: list[_Line], regions: list[Region]):
    """Short lines before the first prose line are navigation, except a title line. A line
    followed by a gloss begins the first paragraph: its sentence runs on after the link."""
    first = next((i for i, ln in enumerate(lines) if ln.kind == "gloss" or ln.kind == "prose" and (
        _prose_like(ln.body) or i + 1 < len(lines) and lines[i + 1].kind == "gloss")), None)
    if first is None:
        return
    head = [i for i in range(first) if lines[i].kind in ("prose", "bare")]
    if len(head) > 12:     # a long list, not page furniture
        return
    kept = _broken_lead(lines, first)
    title = None
    for i in head:
        if i in kept:
            continue
        if i == first - 1 and lines[first].body.startswith("(") and _title_like(lines[i].body):
            continue  # "Leos Janacek" over "(1854-1928) was born in ...": the first sentence's subject
        if title is None and _title_like(lines[i].body):
            lines[i].kind, title = "bare", lines[i].body
        elif title is not None and _names_title(lines[i].body, title) or _DATED_HEADING.fullmatch(
                lines[i].body.strip()) or _FULL_RUSSIAN_NAME.fullmatch(lines[i].body.strip()) or \
                _VITAL_LINE.match(lines[i].body):
            # an entry's heading, "Anna Orlova (1881-1937)" or a record's "Orlova Anna Petrovna", is
            # whom it is about
            lines[i].kind = "bare"
        else:
            _drop(lines, i, i, "chrome", regions)


# a genealogy's "b. 12 Feb 1885, Vitebsk" and "d. 30 Oct 1941" under the name: the life itself
def _continues(body: str) -> bool:
    """A line that stops mid-sentence: after a comma, an opening bracket, a dash or a word
    like "of", or with a bracket still open ("Anna Orlova, (" / "3 May 1881 -" / "member of the")."""
    body = body.rstrip()
    last = body.rsplit(None, 1)[-1].lower() if body else ""
    return body[-1:] in ",(-–—:" or last in _OPEN_ENDS or body.count("(") > body.count(")")


def _broken_lead(lines: list[_Line], first: int) -> set[int]:
    """The short lines a page's link markup broke its first sentences into, kept as prose: the
    run that runs on into the first paragraph, and before it a run that runs on into a closed
    bracket holding a year ("Anna Orlova, (" "3 May 1881 -" "9 May 1937)" "Soviet engineer ...")."""
    kept: set[int] = set()
    j = first - 1
    while j >= 0 and lines[j].kind == "prose" and _continues(lines[j].body):
        kept.add(j)
        j -= 1
    if j >= 1 and lines[j].kind == "prose" and lines[j].body.rstrip().endswith(")"):
        k = j - 1
        while k >= 0 and lines[k].kind == "prose" and _continues(lines[k].body):
            k -= 1
        run = range(k + 1, j + 1)
        if len(run) >= 2 and _YEAR.search(" ".join(lines[r].body for r in run)) and "(" in lines[k + 1].body:
            kept.update(run)
    return kept


_YEAR = re.compile(r"\b\d{4}\b")
# (and a record's lone life span "1884–1941", or a full date with only a place: "03.07.1854 Hukvaldy")
_VITAL_LINE = re.compile(r"[ \t]*(?:(?i:[bd]\.|born|died|birth|death)[ \t]*:?[ \t]*[^\n]{0,40}?\b\d{3,4}\b"
                         r"|\(?\d{4}[ \t]*[–—-][ \t]*\d{4}\)?[ \t]*$"
                         r"|\d{1,2}[./]\d{1,2}[./]\d{4}[ \t]+[A-Z][^\n]{0,60}$)")
_DATED_HEADING = re.compile(r"[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3}[ \t]*\([^()\n]{0,12}\d{4}[^()\n]{0,16}\)")
# a name with a patronymic, in either order ("Orlova Anna Petrovna", "Anna Petrovna Orlova")
_FULL_RUSSIAN_NAME = re.compile(r"(?=.*\b[A-Z][a-z]+(?:ovich|evich|ich|ovna|evna|ichna|inichna)\b)"
                                r"[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+){2}")
# a catalogue heading under the title, "Surname, Given Patronymic": the name in full, not chrome
# (or with a second spelling of the surname: "Surname or Other, Given Patronymic")
_INVERTED_NAME = re.compile(r"([A-Z][\w'’-]+)(?:[ \t]+or[ \t]+[A-Z][\w'’-]+)?,[ \t]+[A-Z][\w'’.-]+"
                            r"(?:[ \t]+\(?[A-Z][\w'’.-]+\)?){0,2}")


def _names_title(body: str, title: str) -> bool:
    m = _INVERTED_NAME.fullmatch(body.strip())
    return m is not None and m.group(1) in [w.strip(",;:") for w in title.split()]


def _mark_glosses(lines: list[_Line], regions: list[Region]):
    """Lines cut off with "..." that split into link text + article opening. Weak splits
    count only on pages that also show strong ones, i.e. pages flattened this way."""
    found = []
    for ln in lines:
        if ln.kind == "prose" and looks_cut(ln.body):
            split = split_link(ln.body)
            if split:
                found.append((ln, ln.a + split[0], split[1]))
    trusted = sum(strong for _, _, strong in found) >= 2
    for ln, cut, strong in found:
        if strong or trusted:
            ln.kind, ln.cut = "gloss", cut
            label = ln.text[ln.a:cut].strip()
            regions.append(Region("gloss", ln.raw(cut), ln.raw(ln.b), label))


# --- assembling the clean text -------------------------------------------------------------

def _removals(text: str, a: int, b: int):
    """(start, end, kind, kept span or None) of each inline removal in text[a:b]."""
    seg = text[a:b]
    found = []
    if "[" in seg:
        found += [(m.start(), m.end(), "chrome", None) for m in _CITATION.finditer(text, a, b)]
        if "](" in seg:
            found += [(m.start(), m.end(), "link", m.span(1)) for m in _MD_LINK.finditer(text, a, b)]
    if any(gate in seg for gate in _PHRASE_GATES):
        found += [(m.start(), m.end(), "chrome", None) for m in _PHRASE.finditer(text, a, b)]
    if "." in seg and _IMAGE_EXT.search(seg):
        found += [(m.start(), m.end(), "chrome", None) for m in _IMAGE.finditer(text, a, b)]
    if "''" in seg or "*" in seg:
        found += [(m.start(), m.end(), "markup", None) for m in _MARKUP.finditer(text, a, b)]
    return sorted(found)


def _inline(ln: _Line, a: int, b: int, regions: list[Region]) -> list[tuple[int, int]]:
    """Slices of ln.text[a:b] left after inline removals, trimmed of outer whitespace."""
    keep, pos, text = [], a, ln.text
    for start, end, kind, kept in _removals(text, a, b):
        if start < pos:
            continue        # overlaps an earlier removal
        keep.append((pos, start))
        if kept:
            keep.append(kept)
        elif kind == "chrome":
            regions.append(Region("chrome", ln.raw(start), ln.raw(end)))
            if start > a and text[start - 1] == " " and end < b and text[end] == " ":
                end += 1    # "x [1] y" -> "x y", not "x  y"
        pos = end
    keep.append((pos, b))
    keep = [(s, e) for s, e in keep if s < e]
    while keep and text[keep[0][0]:keep[0][1]].isspace():
        keep.pop(0)
    while keep and text[keep[-1][0]:keep[-1][1]].isspace():
        keep.pop()
    if keep:
        s, e = keep[0]
        keep[0] = (e - len(text[s:e].lstrip()), e)
        s, e = keep[-1]
        keep[-1] = (s, s + len(text[s:e].rstrip()))
    return keep


def _glue(prev: str, nxt: str, whole_lines: bool, quotes: int) -> str:
    """The separator between two fragments of one paragraph: no space before closing
    punctuation or after an opening bracket or quote; a line break after a long line that
    ends a sentence (a paragraph of its own); else one space."""
    first, last = nxt[0], prev[-1]
    if first in _NO_SPACE_BEFORE or last in _NO_SPACE_AFTER:
        return ""
    if (first == '"' or last == '"') and quotes % 2 == 1:
        return ""           # `quotes` (so far in the paragraph) is odd: a quote mark is open
    if (whole_lines and len(prev) >= LONG_LINE and prev.rstrip(_CLOSERS)[-1:] in _TERMINAL
            and (first.isupper() or first in "\"“‘")):
        return "\n"
    return " "


def _assemble(lines: list[_Line], regions: list[Region]) -> tuple[str, array]:
    parts: list[str] = []
    offs = array("q")  # a packed array: a Python int per character would cost 36 bytes, not 8
    last_raw = 0                # raw offset just past the last copied char
    prev, prev_whole = "", False  # previous fragment of the open paragraph ("" = none open)

    def put(sep: str, ln: _Line, keep: list[tuple[int, int]]):
        nonlocal last_raw
        if parts and sep:
            parts.append(sep)
            offs.extend([last_raw] * len(sep))
        for s, e in keep:
            parts.append(ln.text[s:e])
            if ln.rmap is None:
                offs.extend(range(ln.start + s, ln.start + e))
            else:
                offs.extend(ln.rmap[s:e])
        last_raw = ln.raw(keep[-1][1])

    quotes = 0                  # straight double quotes so far in the open paragraph
    for ln in lines:
        if ln.kind in ("blank", "drop"):
            prev = ""
            continue
        end = ln.b if ln.kind != "gloss" else ln.cut
        keep = _inline(ln, ln.a, end, regions)
        if not keep:
            continue
        frag = "".join(ln.text[s:e] for s, e in keep)
        if ln.kind in ("heading", "bare"):
            put("\n\n", ln, keep)
            prev = ""
            continue
        whole = ln.kind == "prose"
        if prev:
            put(_glue(prev, frag, prev_whole and whole, quotes), ln, keep)
        else:
            put("\n\n", ln, keep)
            quotes = 0
        prev, prev_whole = frag, whole
        quotes += frag.count('"')
    offs.append(last_raw)
    return "".join(parts), offs
