"""Run the document stages in worker processes while the parent reads and writes.

The parent stays the only writer to the database; workers get raw batches and return
processed ones. At most two batches per worker are in flight, so a corpus of any size streams
through in bounded memory instead of queueing up in the pool.

Workers never outlive the parent: on Linux the kernel kills them when it dies (prctl
PR_SET_PDEATHSIG), elsewhere a thread in each worker watches for the parent to go. They ignore
Ctrl-C and SIGTERM, which the parent handles: it kills them and keeps what is stored."""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with(parent: int) -> None:
    """Worker initializer: end this process when `parent` ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if not (sys.platform.startswith("linux") and _pdeathsig()):
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the kernel was told
        os._exit(1)


def _pdeathsig() -> bool:
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def map_batches(fn: Callable[[T], R], batches: Iterable[T], jobs: int = 1) -> Iterator[R]:
    """fn over each batch, in order; with jobs > 1 in that many processes."""
    if jobs <= 1:
        for batch in batches:
            yield fn(batch)
        return
    pending: deque = deque()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_die_with, initargs=(os.getpid(),))
    try:
        for batch in batches:
            pending.append(pool.submit(fn, batch))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        # interrupted (or a failed batch): the batches in flight are not wanted, and waiting
        # for them would hold Ctrl-C or SIGTERM up for as long as they take
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
