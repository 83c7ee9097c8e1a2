"""The server's page cache: ASGI middleware that answers a GET it answered before from memory,
for as long as the database is unchanged.

Between two writes (an ingest, a rebuild, a correction) every page and API answer of the
read-only server is a function of its address alone, and readers ask for the same ones again
(the first page of the people list, a common search). Each entry is kept with the store's
change token (Store.change_token: SQLite's data_version, PostgreSQL's WAL position) read
*before* the answer was computed, and is used only while the token is the same; so an answer
computed while a write committed is never served after it. Kept: status 200 answers to a GET
without a cookie (an editing session's pages carry its forms), up to ENTRY bytes each and
TOTAL bytes in all, the least recently used dropped first. Not kept: the reconciliation
service (its answers name the Host the client asked) and the editing routes."""
from __future__ import annotations

from collections import OrderedDict
from typing import Callable

ENTRY = 512 * 1024        # bytes: a larger answer (an export) is computed every time
TOTAL = 32 * 1024 * 1024  # bytes per server process
SKIPPED = ("/reconcile", "/edit")


class PageCache:
    def __init__(self, app, token: Callable[[], str], entry: int = ENTRY, total: int = TOTAL):
        self.app, self.token, self.entry, self.total = app, token, entry, total
        self.entries: OrderedDict[tuple[str, bytes], tuple[str, dict, bytes]] = OrderedDict()
        self.size = 0
        self.hits = self.misses = 0

    def _cacheable(self, scope) -> bool:
        return (scope["type"] == "http" and scope["method"] == "GET" and not scope["path"].startswith(SKIPPED)
                and not any(name == b"cookie" for name, _ in scope.get("headers", ())))

    async def __call__(self, scope, receive, send):
        if not self._cacheable(scope):
            return await self.app(scope, receive, send)
        try:
            token = self.token()
        except Exception:  # the database went away: no caching; the route says what is wrong
            return await self.app(scope, receive, send)
        key = (scope["path"], scope.get("query_string", b""))
        kept = self.entries.get(key)
        if kept is not None and kept[0] == token:
            self.entries.move_to_end(key)
            self.hits += 1
            await send(kept[1])
            await send({"type": "http.response.body", "body": kept[2]})
            return
        self.misses += 1
        start: dict = {}
        body: list[bytes] = []
        size = 0

        async def keep(message):
            nonlocal size
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body" and size <= self.entry:
                body.append(message.get("body", b""))
                size += len(body[-1])
            await send(message)

        await self.app(scope, receive, keep)
        if (start.get("status") == 200 and size <= self.entry and not start.get("trailers")
                and not any(name.lower() == b"set-cookie" for name, _ in start.get("headers", ()))):
            self._keep(key, token, {"type": "http.response.start", "status": 200, "headers": list(start["headers"])},
                       b"".join(body))

    def _keep(self, key, token: str, start: dict, body: bytes) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[2])
        self.entries[key] = (token, start, body)
        self.size += len(body)
        while self.size > self.total and self.entries:
            _, (_, _, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)
