"""Ordered maps over forked worker processes, for the CPU-bound stages of large runs.

A stage that turns many independent items into results (chunks of candidates into CSV or
Arrow rows) runs in one process per core when the run is large: the workers are forked, so they
start with everything the parent has built (the match table) without pickling it, and only the
items and results cross the pipes (results that are large are better written to files by the
workers, as the symbiosis command's rows are). Results come back
in the order of the items, so the output does not depend on the workers. Where ``fork`` is not
available (Windows, macOS by default) or the run is small, the stage runs in this process.

    with forked_map(render, state, workers=2) as run:
        for text in run(range(0, n, step)):
            ...

``state`` is what the function reads besides its item; it is handed to the workers by the fork
(a module global of this module, set before the pool starts), never pickled.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["cores", "forked_map"]

_STATE: Any = None
_FUNCTION: Callable[[Any, Any], Any] | None = None


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _call(item: Any) -> Any:
    assert _FUNCTION is not None
    return _FUNCTION(_STATE, item)


@contextmanager
def forked_map(function: Callable[[Any, Any], Any], state: Any, workers: int
               ) -> Iterator[Callable[[Iterable[Any]], Iterator[Any]]]:
    """A ``run(items)`` giving ``function(state, item)`` for each item, in order: on
    ``workers`` forked processes when more than one is asked for and ``fork`` exists, else
    here. ``function`` must be a module-level function (the workers find it by name)."""
    global _STATE, _FUNCTION
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda items: (function(state, item) for item in items)
        return
    _STATE, _FUNCTION = state, function
    # the objects built so far are moved out of the collector's reach: a worker's collections
    # would otherwise write to every one of them, copying the parent's pages one by one
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield lambda items: pool.imap(_call, items)
    finally:
        _STATE, _FUNCTION = None, None
        gc.unfreeze()
