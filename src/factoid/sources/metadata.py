"""What makes a source citable: its URL, title, author, publication date, language and kind.

Read from a JSON Lines record's fields, from an HTML page's <meta> (Dublin Core, Open Graph,
Highwire `citation_*`, the page's `lang`), and from a manifest `sources.csv` beside the files
(one row per file; its values win, since a user wrote them). Each reader gives a dict of the
FIELDS it found; Document.metadata carries them (with the reader's own keys) to the store."""
from __future__ import annotations

import csv
import os
import re

from factoid.errors import SourceError

FIELDS = ("url", "title", "author", "date", "language", "kind")
KINDS = ("encyclopedia", "dictionary", "memorial database", "archive record", "memoir", "newspaper",
         "book", "article", "web page")
MANIFEST = "sources.csv"

# <meta> names (or properties) per field, the most specific first
_META = {
    "title": ("citation_title", "dc.title", "dcterms.title", "og:title"),
    "author": ("citation_author", "dc.creator", "dcterms.creator", "author", "article:author"),
    "date": ("citation_publication_date", "citation_date", "dc.date", "dcterms.date", "dcterms.issued",
             "article:published_time", "date"),
    "language": ("citation_language", "dc.language", "dcterms.language", "og:locale"),
    "url": ("citation_public_url", "dc.identifier", "og:url"),
    "kind": ("dc.type", "dcterms.type", "og:type"),
}
_ISO = re.compile(r"\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def edtf_date(value: str) -> str | None:
    """The date a metadata value gives, as EDTF (YYYY, YYYY-MM or YYYY-MM-DD; a timestamp
    keeps its day); None when it is not such a date."""
    m = _ISO.match(value or "")
    if not m or (m.end() < len(value.strip()) and value.strip()[m.end()] not in "T "):
        return None
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
        return None
    return "-".join(p for p in (year, month, day) if p)


def clean(found: dict) -> dict:
    """Only known fields with text; a date as EDTF (kept as written when it is not one), a
    language as its lowercase primary tag ("en_GB" -> "en")."""
    out = {}
    for key in FIELDS:
        value = found.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        value = " ".join(value.split())
        if key == "date":
            value = edtf_date(value) or value
        elif key == "language":
            value = re.split(r"[-_]", value)[0].lower()
        out[key] = value
    return out


def from_html(tree) -> dict:
    """The page's own metadata (a selectolax tree)."""
    seen: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        name = (attrs.get("name") or attrs.get("property") or "").strip().lower()
        if name and attrs.get("content") and name not in seen:
            seen[name] = attrs["content"]
    found = {key: next((seen[n] for n in names if n in seen), None) for key, names in _META.items()}
    canonical = tree.css_first("link[rel=canonical]")
    if canonical is not None and canonical.attributes.get("href"):
        found["url"] = canonical.attributes["href"]
    html = tree.css_first("html")
    if not found.get("language") and html is not None:
        found["language"] = html.attributes.get("lang")
    if (found.get("kind") or "").lower() in ("website", "article"):
        found["kind"] = "web page" if found["kind"].lower() == "website" else "article"
    return clean(found)


def from_record(record: dict) -> dict:
    """A JSON Lines record's own fields."""
    return clean({k: record.get(k) for k in FIELDS})


def read_manifest(folder: str) -> tuple[dict[str, dict], list[SourceError]]:
    """`sources.csv` in `folder`, if there is one: file name (relative to the folder) -> its
    fields, and one problem per bad row or column (the rest is used)."""
    path = os.path.join(folder, MANIFEST)
    if not os.path.isfile(path):
        return {}, []
    problems: list[SourceError] = []
    rows: dict[str, dict] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            columns = [c.strip().lower() for c in reader.fieldnames or []]
            if "file" not in columns:
                return {}, [SourceError(path, 'no "file" column: the manifest names no files')]
            unknown = [c for c in columns if c not in FIELDS and c != "file"]
            if unknown:
                problems.append(SourceError(path, f"unknown column{'s' if len(unknown) > 1 else ''} "
                                                  f"{', '.join(unknown)} (known: file, {', '.join(FIELDS)}): ignored"))
            for line, row in enumerate(reader, start=2):
                row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
                where = f"{path}:{line}"
                name = row.get("file", "")
                if not name or not os.path.isfile(os.path.join(folder, name)):
                    problems.append(SourceError(where, f"row {line}: no file {name!r} beside the manifest"))
                    continue
                if row.get("date") and edtf_date(row["date"]) is None:
                    problems.append(SourceError(where, f"row {line}: {row['date']!r} is not a date "
                                                       "(YYYY, YYYY-MM or YYYY-MM-DD): left out"))
                    row.pop("date")
                if row.get("kind") and row["kind"].lower() not in KINDS:
                    problems.append(SourceError(where, f"row {line}: unknown kind {row['kind']!r} "
                                                       f"(known: {', '.join(KINDS)}): left out"))
                    row.pop("kind")
                rows[os.path.normpath(name)] = clean(row)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        return {}, [SourceError(path, f"cannot read the manifest: {e}")]
    return rows, problems
