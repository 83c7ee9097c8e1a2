"""The REST API and the web pages over one database, opened read-only: `create_app(db_path)`.

Every read is a named query of `store.queries`; this module only maps HTTP onto them. The
OpenAPI description is at /openapi.json (the interactive docs are off: they load scripts from
a CDN). Lists answer {"items": [...], "total": N} and take `limit` and `offset`; the people
list filtered by a property or a date counts and pages through at most 1,000 persons, a search
ranks the newest 1,000 matching documents, and each says `"capped": true` when more match.
Answers are kept in memory while the database is unchanged (web/cache.py)."""
from __future__ import annotations

import gc
import os
import threading
from enum import Enum
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from .errors import NotFound
from . import exports, views
from .store import Store, queries
from .web import cache, pages, reconciliation

MAX_BODY = 1 << 20        # bytes: only the reconciliation service reads a body (a form); a larger one is refused outright
MAX_QUERY = 4096          # bytes of query string
MAX_PATH = 2048           # bytes of path
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                                 b" object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
# OpenRefine shows the reconciliation preview in a frame of its own page, and its browser side
# calls the service from another origin
PREVIEW_HEADERS = [(b"content-security-policy", b"default-src 'none'; frame-ancestors *"),
                   (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
CROSS_ORIGIN = [(b"access-control-allow-origin", b"*")]
DATE = r"^-?\d{4}(-\d\d){0,2}$"


class Connections:
    """One read-only store per worker thread: a connection (SQLite's or psycopg's) is not
    meant to be used by two threads at once, and read-only ones cost little."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        Store(self.path, readonly=True).close()  # a missing or foreign file fails here, clearly
        self._local = threading.local()
        self._stores: list[Store] = []
        self._lock = threading.Lock()

    def store(self, purpose: str = "store") -> Store:
        store = getattr(self._local, purpose, None)
        if store is None:
            store = Store(self.path, readonly=True)
            setattr(self._local, purpose, store)
            with self._lock:
                self._stores.append(store)
        return store

    def change_token(self) -> str:
        """The store's change token, read on a connection of its own that never reads anything
        else (a statement left open there would hold an old snapshot, and the token with it);
        the page cache asks from the event loop's thread only, so always on one connection."""
        return self.store("token").change_token()

    def close(self) -> None:
        with self._lock:
            for store in self._stores:
                store.close()
            self._stores.clear()


class Guard:
    """ASGI middleware: refuse oversized requests before any route runs (414 for a long path
    or query string, 413 for a body over MAX_BODY), and add the security headers to every
    response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        refusal = None
        if len(scope.get("query_string", b"")) > MAX_QUERY or len(scope.get("raw_path") or b"") > MAX_PATH:
            refusal = (414, "The address is too long.")
        else:
            length = dict(scope.get("headers", ())).get(b"content-length", b"0")
            if not length.isdigit() or int(length) > MAX_BODY:
                refusal = (413, "The request body is too large.")

        path = scope["path"]
        extra = (PREVIEW_HEADERS + CROSS_ORIGIN if path == "/reconcile/preview"
                 else SECURITY_HEADERS + CROSS_ORIGIN if path.startswith("/reconcile") else SECURITY_HEADERS)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            await send(message)

        async def receive_bounded():
            message = await receive()
            seen = receive_bounded.seen = receive_bounded.seen + len(message.get("body", b""))
            if seen > MAX_BODY:  # a chunked body that said no length
                raise HTTPException(413, "The request body is too large.")
            return message
        receive_bounded.seen = 0

        if refusal:
            response = _error(scope["path"], *refusal)
            return await response(scope, receive, send_with_headers)
        return await self.app(scope, receive_bounded, send_with_headers)


def _error(path: str, status: int, message: str, errors: Any = None):
    """JSON under /api and /reconcile (and for the OpenAPI file), an HTML page elsewhere."""
    if path.startswith(("/api", "/reconcile")) or path.endswith(".json"):
        body = {"detail": message} if errors is None else {"detail": message, "errors": errors}
        return JSONResponse(body, status_code=status)
    return pages.error_page(status, message)


# -- response shapes, for the OpenAPI description (responses are built by store.queries) -------

class Page(BaseModel):
    items: list[dict[str, Any]]
    total: int
    # the people list filtered by property or date counts at most store.people.CAP persons, a search
    # ranks at most store.fulltext.RANKED documents (the newest); True: more match
    capped: bool = False


class PersonDetail(BaseModel):
    id: str
    name: str
    aliases: list[str]
    birth: str | None
    death: str | None
    consensus: list[dict[str, Any]]
    factoids: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    relations: list[dict[str, Any]]


class DocumentDetail(BaseModel):
    id: str
    uri: str
    source: str
    title: str
    text: str
    quality: float
    subject: str
    language: str  # ISO 639-1, decided at ingest ('' for documents stored before languages were told apart)
    metadata: dict[str, Any]
    ingested_at: str
    factoids: list[dict[str, Any]]
    regions: list[dict[str, Any]]
    mentions: list[dict[str, Any]]


NOT_FOUND = {404: {"description": "No such record", "content": {"application/json": {"example": {"detail": "..."}}}}}
Limit = Query(50, ge=1, le=500, description="At most this many items.")
Offset = Query(0, ge=0, le=10_000_000, description="Skip this many items first.")
api = APIRouter(prefix="/api", tags=["api"])


def _store(request: Request) -> Store:
    return request.app.state.connections.store()


def _answer(read, *args) -> JSONResponse:
    """Run a named read; its ValueError (a bad filter value) is the client's: 422."""
    try:
        return JSONResponse(read(*args))
    except ValueError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=422)


@api.get("/people", response_model=Page, summary="Persons, by name")
def people(request: Request,
           q: str | None = Query(None, max_length=200, description="Part of any name the person was seen under."),
           prop: str | None = Query(None, alias="property",
                                    description="Only persons with a factoid of this property."),
           date_from: str | None = Query(None, alias="from", pattern=DATE,
                                         description="Only persons with a factoid (of `property`, if given) dated "
                                                     "on or after this (YYYY, YYYY-MM or YYYY-MM-DD)."),
           date_to: str | None = Query(None, alias="to", pattern=DATE, description="... and on or before this."),
           limit: int = Limit, offset: int = Offset):
    return _answer(views.people_page, _store(request), q, prop, date_from, date_to, limit, offset)


@api.get("/people/{person_id}", response_model=PersonDetail, responses=NOT_FOUND,
         summary="One person: names, consensus, factoids with sources, conflicts, relations")
def person(request: Request, person_id: str):
    return JSONResponse(views.person_detail(_store(request), person_id))


@api.get("/documents/{doc_id}", response_model=DocumentDetail, responses=NOT_FOUND,
         summary="One document: its raw text and the raw spans of everything extracted from it")
def document(request: Request, doc_id: str):
    return JSONResponse(queries.document_detail(_store(request), doc_id))


@api.get("/factoids", response_model=Page, summary="Factoids, of one person or of everyone")
def factoids(request: Request, person: str | None = Query(None, max_length=200, description="A person id."),
             prop: str | None = Query(None, alias="property", description="Only this property."),
             limit: int = Limit, offset: int = Offset):
    return _answer(queries.factoid_page, _store(request), person, prop, limit, offset)


@api.get("/conflicts", response_model=Page, summary="Conflicts between sources")
def conflicts(request: Request, kind: str | None = Query(None, max_length=100, description="Only this kind."),
              limit: int = Limit, offset: int = Offset):
    return _answer(queries.conflict_page, _store(request), kind, limit, offset)


@api.get("/search", response_model=Page, summary="Full-text search over the documents (SQLite FTS5 syntax)")
def search(request: Request, q: str = Query(..., min_length=1, max_length=500, description="An FTS5 query."),
           limit: int = Limit, offset: int = Offset):
    return _answer(queries.search_page, _store(request), q, limit, offset)


ExportFormat = Enum("ExportFormat", {name: name for name in exports.FORMATS}, type=str)


@api.get("/export/{fmt}", responses={**NOT_FOUND, 200: {"description": "The export as a file to download"}},
         summary="The knowledge base, or some persons, as a file: " + ", ".join(exports.FORMATS) + " (csv as a zip)")
def export(request: Request, fmt: ExportFormat,
           person: list[str] = Query([], max_length=50, description="Only these persons (ids); repeat for several."),
           q: str | None = Query(None, max_length=200, description="Only persons /api/people keeps with these "
                                                                    "filters: part of any name,"),
           prop: str | None = Query(None, alias="property", description="... a factoid of this property,"),
           date_from: str | None = Query(None, alias="from", pattern=DATE, description="... dated on or after this,"),
           date_to: str | None = Query(None, alias="to", pattern=DATE, description="... and on or before this."),
           min_confidence: float = Query(0.0, ge=0, le=1, description="Only factoids at least this confident.")):
    from .store import exporting
    store = _store(request)
    unknown = exporting.unknown_persons(store, person) if person else []
    if unknown:
        raise NotFound(f"no person with id {unknown[0]}")
    ids = person or None
    if q or prop or date_from or date_to:
        try:
            kept = set(exporting.person_ids(store, q, prop, date_from, date_to))
        except ValueError as exc:  # an unknown property
            return JSONResponse({"detail": str(exc)}, status_code=422)
        ids = sorted(kept) if ids is None else [i for i in ids if i in kept]
    body, media_type, filename = exports.to_bytes(exports.get(fmt.value), exports.snapshot(store, ids, min_confidence))
    if len(person) == 1:  # the file is named after the one person in it
        filename = filename.replace("factoid", f"factoid-{person[0]}", 1)
    return Response(body, media_type=media_type, headers={"content-disposition": f'attachment; filename="{filename}"'})


def _validation_message(errors: list[dict]) -> str:
    parts = []
    for e in errors:
        where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else e.get("msg", "invalid"))
    return "; ".join(parts)


def create_app(db_path: str | Path, edit_token: str | None = None, cache_bytes: int = cache.TOTAL) -> FastAPI:
    """The app serving `db_path` read-only: JSON under /api, HTML pages elsewhere. With
    `edit_token` (`factoid serve --edit`), the pages' editing forms too (web/editing.py).
    Answers are kept in memory while the database is unchanged (web/cache.py; 0 bytes: not)."""
    connections = Connections(db_path)

    @asynccontextmanager
    async def lifespan(app):
        yield
        connections.close()

    app = FastAPI(title="factoid", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="A read-only view of a factoid knowledge base: persons, the factoids the "
                              "sources assert about them (each with document, span and quote), and "
                              "the conflicts between sources.")
    app.state.connections = connections
    app.state.edit_token = edit_token
    app.include_router(api)
    app.include_router(reconciliation.router)
    app.include_router(pages.router)
    if edit_token:
        from .web import editing
        app.include_router(editing.router)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return _error(request.url.path, 404, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = jsonable_encoder(exc.errors(), custom_encoder={Exception: str})
        status = 400 if request.url.path.startswith("/reconcile") else 422  # the protocol's bad request
        return _error(request.url.path, status, _validation_message(errors), errors)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        messages = {404: "Nothing here.", 405: "Only GET is served here."}
        detail = exc.detail if exc.detail not in (None, "Not Found", "Method Not Allowed") else None
        return _error(request.url.path, exc.status_code, detail or messages.get(exc.status_code, "Error."))

    if cache_bytes:
        app.add_middleware(cache.PageCache, token=connections.change_token, total=cache_bytes)
    app.add_middleware(Guard)  # added last: outermost, so it refuses before the cache is asked
    return app


SERVE_DB = "FACTOID_SERVE_DB"  # the database `factoid serve --workers N` hands to each process
SERVE_CACHE = "FACTOID_SERVE_CACHE"  # ... and the bytes of its page cache


def app_from_environment() -> FastAPI:
    """The read-only app over the database named by $FACTOID_SERVE_DB: how each process of
    `factoid serve --workers N` builds its own (uvicorn starts them from an import string)."""
    app = create_app(os.environ[SERVE_DB], cache_bytes=int(os.environ.get(SERVE_CACHE, cache.TOTAL)))
    settle_for_serving()
    return app


def settle_for_serving() -> None:
    """Leave what is loaded by now (the modules, the templates: ~90,000 objects) out of Python's
    cycle collector from here on. Its full collections traverse every object, and a server's
    requests, whose objects outlive a young collection while others run, set one off every few
    hundred person pages: 80-120 ms with the whole process stalled, the slowest answers under
    load. Frozen, a full collection reads only what the requests made (mostly under 1 ms)."""
    gc.collect()
    gc.freeze()


def serve_workers(db_path: str, host: str, port: int, workers: int, cache_bytes: int = cache.TOTAL) -> None:
    """Serve `db_path` read-only from `workers` processes sharing one listening socket
    (uvicorn's supervisor, as `uvicorn.run(workers=N)` does). The socket is re-wrapped as TCP:
    uvicorn 0.54 binds it with protocol 0, so asyncio would leave Nagle's algorithm on for
    every connection and each keep-alive response would wait ~40 ms for the client's delayed
    ACK (uvicorn issue 3149; one process, bound by asyncio itself, is not affected)."""
    import socket

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    os.environ[SERVE_DB] = str(db_path)
    os.environ[SERVE_CACHE] = str(cache_bytes)
    config = uvicorn.Config("factoid.api:app_from_environment", factory=True, workers=workers, host=host,
                            port=port, log_level="warning", access_log=False)
    bound = config.bind_socket()
    listener = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
    try:
        Multiprocess(config, sockets=[listener]).run()
    except KeyboardInterrupt:
        pass
    finally:
        listener.close()


def _version() -> str:
    from . import __version__
    return __version__
