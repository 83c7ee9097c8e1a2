"""The reconciliation service's HTTP side (the W3C Reconciliation Service API 0.2, for
OpenRefine): /reconcile and its suggest, preview and property services, mapped onto
reconcile/. JSON answers (JSONP with a `callback`), a 400 that says why for a request the
protocol does not allow. api.py adds the headers that let OpenRefine call it from another
origin and frame the preview."""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from .. import reconcile
from ..errors import NotFound
from ..reconcile import extend as reconcile_extend

router = APIRouter(prefix="/reconcile", include_in_schema=False)
CALLBACK = re.compile(r"^[A-Za-z_$][\w$]{0,63}(\.[A-Za-z_$][\w$]{0,63}){0,3}$")


def _store(request: Request):
    return request.app.state.connections.store()


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _protocol_answer(make, callback: str | None = None):
    """JSON (JSONP with a `callback` that is a plain name); a request the protocol does not
    allow is a 400 that says why."""
    try:
        body = make()
    except reconcile.ProtocolError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=400)
    if callback is None:
        return JSONResponse(body)
    if not CALLBACK.match(callback):
        return JSONResponse({"detail": "callback: must be a JavaScript function name"}, status_code=400)
    return Response(f"{callback}({json.dumps(body)});", media_type="application/javascript")


def _dispatch(request: Request, params: dict[str, str]):
    store, base = _store(request), _base(request)
    if "queries" in params:
        return _protocol_answer(lambda: reconcile.reconcile(store, params["queries"]), params.get("callback"))
    if "extend" in params:
        return _protocol_answer(lambda: reconcile_extend.extend(store, params["extend"], base), params.get("callback"))
    return _protocol_answer(lambda: reconcile.manifest(base), params.get("callback"))


@router.get("")
def reconcile_get(request: Request):
    """The manifest; with `queries` the candidates, with `extend` the columns."""
    return _dispatch(request, dict(request.query_params))


@router.post("")
async def reconcile_post(request: Request):
    """The same through a form (OpenRefine posts `queries` and `extend` form-encoded)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return JSONResponse({"detail": "send the parameters form-encoded (application/x-www-form-urlencoded)"},
                            status_code=400)
    try:
        form = parse_qs((await request.body()).decode("utf-8"), keep_blank_values=True, max_num_fields=10)
    except (UnicodeDecodeError, ValueError) as exc:
        return JSONResponse({"detail": f"the form is not readable: {exc}"}, status_code=400)
    return _dispatch(request, {**dict(request.query_params), **{k: v[-1] for k, v in form.items()}})


@router.get("/suggest/entity")
def suggest_entity(request: Request, prefix: str = Query("", max_length=300), callback: str | None = None):
    return _protocol_answer(lambda: reconcile.suggest_entity(_store(request), prefix), callback)


@router.get("/suggest/property")
def suggest_property(prefix: str = Query("", max_length=300), callback: str | None = None):
    return _protocol_answer(lambda: reconcile_extend.suggest_property(prefix), callback)


@router.get("/suggest/type")
def suggest_type(prefix: str = Query("", max_length=300), callback: str | None = None):
    return _protocol_answer(lambda: reconcile.suggest_type(prefix), callback)


@router.get("/propose_properties")
def propose_properties(type_id: str | None = Query(None, alias="type", max_length=100),
                       limit: int | None = Query(None, ge=0, le=1000), callback: str | None = None):
    return _protocol_answer(lambda: reconcile_extend.propose_properties(type_id, limit), callback)


@router.get("/preview")
def preview(request: Request, id: str = Query(..., max_length=200)):  # noqa: A002 (the protocol's name)
    page = reconcile_extend.preview(_store(request), id, _base(request))
    if page is None:
        raise NotFound(f"no person with id {id}")
    return HTMLResponse(page)
