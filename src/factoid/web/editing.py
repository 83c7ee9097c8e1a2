"""Editing in the web UI, off by default (`factoid serve --edit`): reject or confirm a fact,
rename or forget a person, merge or dismiss a pair of the review queue. The same library calls
as the commands (corrections.py, pipeline.merge), each followed by a rebuild.

The server binds to loopback only and prints a one-time token; opening /edit?token=... signs the
browser in (an HttpOnly, SameSite=Strict cookie holding a signature of the token, never the
token). Every form carries a CSRF token signed with it too; a request without both is refused
with 403 and changes nothing. Form bodies are read with the standard library (no multipart)."""
from __future__ import annotations

import hashlib
import hmac
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse

from .. import corrections
from ..errors import FactoidError

COOKIE = "factoid_edit"
router = APIRouter(include_in_schema=False)


def _sign(token: str, purpose: str) -> str:
    return hmac.new(token.encode(), purpose.encode(), hashlib.sha256).hexdigest()


def _token(request: Request) -> str | None:
    return getattr(request.app.state, "edit_token", None)


def _signed_in(request: Request) -> bool:
    token = _token(request)
    return bool(token) and hmac.compare_digest(request.cookies.get(COOKIE, ""), _sign(token, "session"))


def edit_context(request: Request) -> dict | None:
    """What a page needs to show its editing forms, or None when editing is off or the
    browser has not signed in with the token."""
    return {"csrf": _sign(_token(request), "csrf")} if _signed_in(request) else None


@router.get("/edit")
def sign_in(request: Request, token: str = ""):
    expected = _token(request)
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        raise HTTPException(403, "A wrong or missing edit token: use the address `factoid serve --edit` printed.")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, _sign(expected, "session"), httponly=True, samesite="strict")
    return response


async def _form(request: Request) -> dict[str, str]:
    """The form's fields, once its sender is known to be signed in with a valid CSRF token."""
    fields = {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()}
    token = _token(request)
    if not _signed_in(request) or not hmac.compare_digest(fields.get("csrf", ""), _sign(token, "csrf")):
        raise HTTPException(403, "Editing needs the token `factoid serve --edit` printed; nothing was changed.")
    return fields


def _apply(request: Request, action, back: str):
    """Run one correction on a writable store, rebuild, and go back to the page it came from."""
    from .. import pipeline
    from ..store import Store
    try:
        with Store(request.app.state.connections.path) as store:
            action(store)
            pipeline.rebuild(store)
    except FactoidError as exc:
        raise HTTPException(422, str(exc)) from None
    local = back if back.startswith("/") and not back.startswith("//") else "/"
    return RedirectResponse(local, status_code=303)


@router.post("/edit/factoid/{factoid_id}")
async def factoid_action(request: Request, factoid_id: str):
    form = await _form(request)
    action = form.get("action")
    if action not in ("reject", "confirm"):
        raise HTTPException(422, "action: reject or confirm")
    do = corrections.reject if action == "reject" else corrections.confirm
    return _apply(request, lambda store: do(store, factoid_id, form.get("reason", "")), form.get("back", "/"))


@router.post("/edit/person/{person_id}")
async def person_action(request: Request, person_id: str):
    form = await _form(request)
    action = form.get("action")
    if action == "rename":
        return _apply(request, lambda store: corrections.rename(store, person_id, form.get("name", ""),
                                                                form.get("reason", "")), "/")
    if action == "forget":
        return _apply(request, lambda store: corrections.forget(store, person_id, form.get("reason", "")), "/")
    raise HTTPException(422, "action: rename or forget")


@router.post("/edit/review")
async def review_action(request: Request):
    from .. import pipeline
    from ..store import queries
    form = await _form(request)
    action = form.get("action")
    if action not in ("merge", "dismiss") or not form.get("rank", "").isdigit():
        raise HTTPException(422, "action: merge or dismiss, and the pair's rank")
    rank = int(form["rank"])

    def act(store):
        if action == "dismiss":
            corrections.dismiss(store, rank, form.get("reason", ""))
            return
        pairs = queries.review(store)
        if not 1 <= rank <= len(pairs):
            raise FactoidError(f"no pair {rank} in the review queue")
        pipeline.merge(store, pairs[rank - 1]["person_a"], pairs[rank - 1]["person_b"])
    return _apply(request, act, "/review")
