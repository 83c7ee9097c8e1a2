"""`--engine ray`: the document stages and resolution's blocking and scoring on Ray actors.

Documents: the driver reads the sources and leaves out what is already stored (as every ingest
does), then hands the batches, one at a time, to a pool of actors, one per worker CPU, each
loading the models once. Processed batches stream back to the driver, which stays the store's
only writer (SQLite and PostgreSQL alike) and writes each batch in one transaction, so an
interrupted run resumes as any ingest does. An actor that dies is replaced and its batch tried
again (MAX_RETRIES tries in all); a batch that still fails is reported document by document as
lost: not stored, so the next ingest takes it again. (Ray Data's actor pools did this for us
until a batch that kept killing its actor was seen to leave a run waiting with nothing running,
until Ray Data's half-hour no-progress timeout: the loop here is short and has no such state.)

Resolution: actors hold the profiles (shipped once); they compute block keys over slices of
them, pair codes over shares of the blocks, and scores over slices of the pair list, with the
pure functions of resolve/pairs.py. The driver joins the pairs strongest first, as the
single-process resolver does: each join is checked against the clusters as they have grown so
far, which plain parallel connected components cannot do, so the clusters come out the same."""
from __future__ import annotations

import logging
import os
import signal
from collections import deque
from dataclasses import replace

import numpy as np
import ray
from ray.exceptions import RayError
from ray.util import ActorPool

from ..errors import FactoidError
from ..resolve.pairs import Local, Scoring, _PairList, block_keys, block_pairs, group_blocks, score_pairs

MAX_RETRIES = 3     # tries of a batch whose actor died or failed, before its documents are reported lost
CHUNKS_PER_WORKER = 4  # slices of the pair list per actor: a slow slice holds up less


class _Stages:
    """A Ray actor: the document stages in one worker process, models loaded once."""

    def __init__(self, fn, warm):
        self.fn = fn
        if warm is not None:
            fn(warm)  # load the models now, not in the first batch's time

    def run(self, batch):
        return self.fn(batch)


class _PairWorker:
    """A Ray actor holding the profiles being resolved, for blocking and scoring."""

    def __init__(self, profiles):
        self.profiles, self.active, self.subset, self.cache = profiles, [], [], {}

    def set_active(self, active: list[int]) -> None:
        self.active, self.subset = active, [self.profiles[k] for k in active]

    def keys(self, lo: int, hi: int) -> list[set]:
        return [block_keys(p) for p in self.subset[lo:hi]]

    def pairs(self, blocks: list[tuple]) -> np.ndarray:
        return block_pairs(self.subset, blocks)

    def score(self, scoring: Scoring, codes: np.ndarray) -> tuple[list, list, list]:
        s = replace(scoring, profiles=self.profiles)
        return score_pairs(s, self.active, _PairList(codes, len(self.active)), self.cache)


class RayEngine:
    """A context manager: connects to the cluster at `address` (or starts a local Ray with
    `workers` CPUs, all of this machine's by default) and shuts down what it started."""

    def __init__(self, address: str | None = None, workers: int | None = None):
        self.address, self.workers = address, workers
        self._started = False
        self._actors: list = []
        self._profiles = None

    def __enter__(self) -> "RayEngine":
        logging.getLogger("ray").setLevel(logging.ERROR)  # Ray's notices are not the user's: errors only
        if not ray.is_initialized():  # a caller (a test) may have started Ray already
            options = {"include_dashboard": False, "logging_level": logging.ERROR, "log_to_driver": False}
            # ray.init installs its own SIGTERM handler in the driver: the command's (terminal.py:
            # SIGTERM handled as Ctrl-C, the store left consistent) is put back
            handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
            try:
                if self.address or os.environ.get("RAY_ADDRESS"):  # Ray reads RAY_ADDRESS itself
                    ray.init(address=self.address, **options)
                else:  # "local": a new Ray of our own, not whichever this machine runs already
                    ray.init(address="local", num_cpus=self.workers or os.cpu_count() or 1, **options)
            except (ConnectionError, RuntimeError, ValueError) as e:
                where = f"the Ray cluster at {self.address}" if self.address else "a local Ray"
                raise FactoidError(f"cannot start {where}: {' '.join(str(e).split())[:300]}") from None
            finally:
                for sig, handler in handlers.items():
                    signal.signal(sig, handler)
            self._started = True
        return self

    def __exit__(self, *exc) -> None:
        self._release()
        if self._started:
            ray.shutdown()

    def size(self) -> int:
        """Actors to run: as asked, else one per CPU of the cluster."""
        return self.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))

    # -- the document stages ---------------------------------------------------------------

    def map_batches(self, fn, batches, lost, warm=None):
        """fn over each batch on the cluster; yields the results as they come back (in any
        order), and lost(batch) for each batch that failed MAX_RETRIES times. `warm`: a batch
        each actor runs first, to load its models."""
        batches = list(batches)
        if not batches:
            return
        stage = ray.remote(num_cpus=1, max_restarts=0)(_Stages)
        shipped = ray.put(fn), ray.put(warm)  # once, not once per actor
        idle = [stage.remote(*shipped) for _ in range(min(self.size(), len(batches)))]
        todo, tries, running = deque(range(len(batches))), [0] * len(batches), {}
        try:
            while todo or running:
                while todo and idle:  # one batch per actor: a death costs only its own batch
                    actor, i = idle.pop(), todo.popleft()
                    running[actor.run.remote(batches[i])] = actor, i
                (ref,), _ = ray.wait(list(running), num_returns=1)
                actor, i = running.pop(ref)
                try:
                    done = ray.get(ref)
                except RayError:  # the actor died or fn raised: a fresh actor, the batch again
                    ray.kill(actor)
                    idle.append(stage.remote(*shipped))
                    tries[i] += 1
                    if tries[i] < MAX_RETRIES:
                        todo.append(i)
                    else:
                        yield lost(batches[i])
                    continue
                idle.append(actor)
                yield done
        finally:  # also when the caller stops early (Ctrl-C): no actor outlives the run
            for actor in idle + [a for a, _ in running.values()]:
                ray.kill(actor)

    # -- resolution (the seam of resolve/pairs.Local) --------------------------------------

    def candidate_pairs(self, profiles: list, active: list[int]) -> _PairList:
        if len(active) < 2:
            return Local().candidate_pairs(profiles, active)
        actors = self._ship(profiles)
        ray.get([a.set_active.remote(active) for a in actors])
        cuts = np.linspace(0, len(active), len(actors) + 1).astype(int)
        parts = ray.get([a.keys.remote(int(lo), int(hi)) for a, lo, hi in zip(actors, cuts, cuts[1:])])
        blocks = group_blocks(keys for part in parts for keys in part)
        del parts
        shares: list[list] = [[] for _ in actors]  # the largest blocks first, each to the next share
        for k, block in enumerate(sorted(blocks.items(), key=lambda b: -len(b[1]))):
            shares[k % len(shares)].append(block)
        del blocks
        codes = ray.get([a.pairs.remote(share) for a, share in zip(actors, shares)])
        return _PairList(np.unique(np.concatenate(codes)), len(active))

    def score_pairs(self, s: Scoring, active: list[int], pairs: _PairList, cache: dict | None = None):
        if not self._actors or self._profiles is not s.profiles:
            return Local().score_pairs(s, active, pairs, cache)  # too few to have been shipped
        try:
            lean = ray.put(replace(s, profiles=None))
            chunks = np.array_split(pairs.codes, len(self._actors) * CHUNKS_PER_WORKER)
            pool = ActorPool(self._actors)
            scored, bare, near = [], [], []
            for part in pool.map(lambda a, codes: a.score.remote(lean, codes), chunks):  # in order
                scored += part[0]
                bare += part[1]
                near += part[2]
            return scored, bare, near
        finally:
            self._release()

    def _ship(self, profiles: list) -> list:
        if self._profiles is not profiles:
            self._release()
            shared = ray.put(profiles)
            worker = ray.remote(num_cpus=1)(_PairWorker)
            self._actors = [worker.remote(shared) for _ in range(self.size())]
            self._profiles = profiles
        return self._actors

    def _release(self) -> None:
        for actor in self._actors:
            ray.kill(actor)
        self._actors, self._profiles = [], None
