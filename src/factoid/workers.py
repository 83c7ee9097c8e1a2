"""Run the document stages in worker processes while the parent reads and writes.

The parent stays the only writer to the database; workers get raw batches and return
processed ones. At most two batches per worker are in flight, so a corpus of any size streams
through in bounded memory instead of queueing up in the pool."""
from __future__ import annotations

from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_batches(fn: Callable[[T], R], batches: Iterable[T], jobs: int = 1) -> Iterator[R]:
    """fn over each batch, in order; with jobs > 1 in that many processes."""
    if jobs <= 1:
        for batch in batches:
            yield fn(batch)
        return
    pending: deque = deque()
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        for batch in batches:
            pending.append(pool.submit(fn, batch))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
