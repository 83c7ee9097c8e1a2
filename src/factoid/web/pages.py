"""The web pages: server-rendered HTML over the same named reads as the API (store.queries).

Templates and the two static files ship inside this package; `STATIC` is a fixed mapping
from name to bytes read once at import, so no request path ever reaches the file system."""
from __future__ import annotations

import re
from importlib.resources import files
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape

from ..exports import FORMATS
from ..model import PROPERTIES
from .. import views
from ..store import queries
from .drawing import describe, network, timeline
from .editing import edit_context
from .highlight import DIMMED, highlight

_PACKAGE = files("factoid.web")
STATIC: dict[str, tuple[str, bytes]] = {
    name: (media, (_PACKAGE / "static" / name).read_bytes())
    for name, media in (("app.css", "text/css; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8"),
                        ("favicon.svg", "image/svg+xml"))
}
PAGE = 50  # rows per page of a list

class _Templates(jinja2.Environment):
    """Jinja's environment with a shorter road to a dict's items, which is what the pages'
    `p.name` mostly read: Jinja tries the attribute first and, as a plain dict has none of that
    name but its methods, fails with an exception before reading the item. Reading the item
    first for every name that is not a dict method gives the same answers without that cost
    (a person page: ~800 reads, 0.5 of 2.7 ms)."""

    _METHODS = frozenset(dir(dict))

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in self._METHODS:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


# the templates ship with the package and do not change while serving: no file checks per page
templates = _Templates(loader=jinja2.PackageLoader("factoid.web", "templates"),
                               autoescape=True, undefined=jinja2.StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, auto_reload=False)
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")  # what quote() leaves as it is


def _segment(value) -> str:
    """One URL path segment: quote()'s answer, without its cost for the common id of letters,
    digits and dashes (a person page links a hundred of them)."""
    text = str(value)
    return text if _UNRESERVED.fullmatch(text) else quote(text, safe="")


templates.filters["seg"] = _segment
templates.filters["snippet"] = lambda s: Markup(str(escape(s)).replace(queries.SNIPPET_OPEN, "<mark>")
                                                .replace(queries.SNIPPET_CLOSE, "</mark>"))
# the download links of the pages: each registered export format, by the name a reader knows
_LABELS = {"jsonl": "JSON Lines", "csv": "CSV (zip)", "graphml": "GraphML", "gexf": "GEXF (Gephi)",
           "quickstatements": "QuickStatements", "trig": "RDF (TriG)", "jsonld": "JSON-LD", "tei": "TEI",
           "gedcom": "GEDCOM 7"}
templates.globals.update(describe=describe, properties=PROPERTIES,
                         export_formats=[(name, _LABELS.get(name, name)) for name in FORMATS])

router = APIRouter(include_in_schema=False)


def render(template: str, status_code: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(templates.get_template(template).render(**context), status_code=status_code)


def error_page(status: int, message: str) -> HTMLResponse:
    titles = {404: "Not found", 413: "Request too large", 414: "Address too long", 422: "Cannot read that request"}
    return render("error.html", status, status=status, title=titles.get(status, "Error"), message=message)


def _store(request: Request):
    return request.app.state.connections.store()


def _pager(total: int, page: int, params: dict) -> dict:
    """Links to the previous and next page, keeping the other query parameters."""
    kept = {k: v for k, v in params.items() if v and k != "page"}
    last = max(1, -(-total // PAGE))
    link = lambda n: "?" + urlencode({**kept, "page": n})  # noqa: E731
    return {"page": page, "last": last, "total": total,
            "prev": link(page - 1) if page > 1 else None, "next": link(page + 1) if page < last else None}


@router.get("/", response_class=HTMLResponse)
def people(request: Request, q: str = Query("", max_length=200), prop: str = Query("", alias="property"),
           date_from: str = Query("", alias="from", max_length=32), date_to: str = Query("", alias="to", max_length=32),
           page: int = Query(1, ge=1, le=1_000_000)):
    try:
        result = views.people_page(_store(request), q or None, prop or None, date_from or None, date_to or None,
                                     PAGE, (page - 1) * PAGE)
    except ValueError as exc:
        return error_page(422, str(exc))
    params = {"q": q, "property": prop, "from": date_from, "to": date_to}
    return render("people.html", people=result["items"], pager=_pager(result["total"], page, params), form=params,
                  capped=result["capped"],
                  download_query=urlencode({k: v for k, v in params.items() if v}))


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person(request: Request, person_id: str):
    detail = views.person_detail(_store(request), person_id)
    by_id = {f["id"]: f for f in detail["factoids"]}
    groups = [(entry, [(cluster, [by_id[i] for i in cluster["factoids"]]) for cluster in entry["clusters"]])
              for entry in detail["consensus"]]
    return render("person.html", p=detail, groups=groups, timeline=timeline(detail["factoids"], PROPERTIES),
                  network=network(detail["name"], detail["relations"]), edit=edit_context(request))


@router.get("/review", response_class=HTMLResponse)
def review(request: Request):
    """Possible duplicates: the pairs resolution left apart by a small margin (`factoid review`)."""
    return render("review.html", pairs=queries.review(_store(request))[:PAGE], edit=edit_context(request))


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str):
    doc = queries.document_detail(_store(request), doc_id)
    dimmed = sorted({r["kind"] for r in doc["regions"] if r["kind"] in DIMMED})
    return render("document.html", doc=doc, body=highlight(doc), dimmed=dimmed)


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(request: Request, kind: str = Query("", max_length=100), page: int = Query(1, ge=1, le=1_000_000)):
    store = _store(request)
    result = queries.conflict_page(store, kind or None, PAGE, (page - 1) * PAGE)
    return render("conflicts.html", conflicts=result["items"], kinds=queries.conflict_kinds(store), kind=kind,
                  pager=_pager(result["total"], page, {"kind": kind}))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=500), page: int = Query(1, ge=1, le=1_000_000)):
    result, problem = None, None
    if q.strip():
        try:
            result = queries.search_page(_store(request), q, PAGE, (page - 1) * PAGE)
        except ValueError as exc:
            problem = str(exc)
    pager = _pager(result["total"], page, {"q": q}) if result else None
    return render("search.html", 422 if problem else 200, q=q, result=result, problem=problem, pager=pager)


@router.get("/static/{name}")
def static(name: str):
    if name not in STATIC:
        return error_page(404, "No such file.")
    media, body = STATIC[name]
    return Response(body, media_type=media, headers={"Cache-Control": "public, max-age=300"})
