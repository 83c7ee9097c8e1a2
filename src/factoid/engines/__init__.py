"""Engines that run factoid's work elsewhere than in this process: `--engine ray` (ray_engine.py).

An engine offers what the single-process path does, with the same results:
`map_batches(fn, batches, lost)` for the document stages, and `candidate_pairs` / `score_pairs`
for resolution (the seam of resolve/pairs.Local). Nothing here imports an engine's library:
each is imported only when named, so a plain run never loads Ray."""
from __future__ import annotations

import importlib

from ..errors import FactoidError

ENGINES = ("ray",)


class EngineMissing(FactoidError):
    """The engine's library is not installed: the message says how to install it."""


def start(name: str, address: str | None = None, workers: int | None = None):
    """A context manager giving a started engine `name`, stopped on exit."""
    if name == "ray":
        try:
            ray_engine = importlib.import_module(f"{__name__}.ray_engine")
        except ImportError as e:
            raise EngineMissing(f"--engine ray needs Ray ({e.name} is not installed): "
                                "pip install 'factoid[ray]'") from None
        return ray_engine.RayEngine(address, workers)
    raise ValueError(f"unknown engine {name!r}; engines: {', '.join(ENGINES)}")
