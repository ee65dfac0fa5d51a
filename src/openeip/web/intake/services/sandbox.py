"""Reading uploaded files in a child process with capped memory and CPU time.

Every parse of an uploaded file (its row count, its validation, the cells shown beside its
problems) runs here, never in the web or worker process itself: a hostile file (a zip bomb, a
million-column row, JSON nested a million deep) can then exhaust at most its own child, whose
job fails with a clear message, while the server goes on serving.

The child is forked from a small server process (multiprocessing's "forkserver") that has only
core's reading code and openpyxl loaded, not Django nor the parent's threads and connections; it
caps its own address space (``RLIMIT_AS``: what it had at the fork plus
``settings.PARSE_MEMORY_MB``) and CPU time (``RLIMIT_CPU``) before reading a byte. This module
imports nothing from Django at the top, so the child can import it. As with any multiprocessing
start method but "fork", the child imports the parent's main script as ``__mp_main__``:
gunicorn, ``openeip`` (run_huey), manage.py and pytest guard theirs with
``if __name__ == "__main__"``; a custom script must do the same.
"""

from __future__ import annotations

import copyreg
import multiprocessing
import os
import pickle
import resource
import traceback
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from openeip.core.errors import IntakeError
from openeip.core.i18n import language as core_language
from openeip.core.units import Quantity, ureg

#: exit status of a child that ran out of the memory it may use
_OUT_OF_MEMORY = 75
_MEBIBYTE = 1024 * 1024


class ParseFailed(Exception):
    """The child reading a file died: ``reason`` is 'memory', 'time' or 'crash'."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__("{}: {}".format(reason, detail) if detail else reason)
        self.reason = reason
        self.detail = detail


@lru_cache(maxsize=1)
def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    # openpyxl too: the workbook reader imports it only when it opens a workbook, which each
    # child did again (half a second of every .xlsx upload's row count, validation and
    # problem cells; the memory cap counts from what the child has at the fork)
    context.set_forkserver_preload(["openeip.web.intake.services.sandbox",
                                    "openeip.web.intake.services.cells", "openeip.core.intake",
                                    "openpyxl"])
    return context


def run(target: Callable[..., Any], *args: Any, memory_mb: int, cpu_seconds: int,
        language: str = "en", **kwargs: Any) -> Any:
    """``target(*args, **kwargs)`` in a capped child: its result, or the IntakeError it raised,
    or :class:`ParseFailed` when the child died (out of memory or time, or a crash)."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, daemon=True, args=(
        sender, target, args, kwargs, memory_mb, cpu_seconds, language))
    child.start()
    sender.close()
    try:
        payload = receiver.recv_bytes()
    except EOFError:
        payload = None
    finally:
        receiver.close()
    child.join()
    if payload is None:
        raise ParseFailed(_reason(child.exitcode), "exit status {}".format(child.exitcode))
    kind, value, peak_kib = pickle.loads(payload)
    _PEAKS[:] = [peak_kib]
    if kind == "problems":
        raise IntakeError(value)
    if kind == "error":
        raise ParseFailed("crash", value)
    return value


#: the peak of the last child that answered (one value, however many files are read)
_PEAKS: list[int] = []


def last_peak_kib() -> int | None:
    """Peak resident memory (KiB) of the last child that answered, for measurements and tests."""
    return _PEAKS[-1] if _PEAKS else None


def _reason(exitcode: int | None) -> str:
    if exitcode == _OUT_OF_MEMORY:
        return "memory"
    if exitcode is not None and -exitcode in (getattr(os, "SIGXCPU", 24),):
        return "time"
    if exitcode is not None and -exitcode == 9:
        return "memory"  # the kernel's out-of-memory killer, or an operator
    return "crash"


def _address_space_now() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _cap(memory_mb: int, cpu_seconds: int) -> None:
    limit = _address_space_now() + memory_mb * _MEBIBYTE
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))


@lru_cache(maxsize=256)
def _unit(name: str) -> Any:
    return ureg.Unit(name)


def _quantity(magnitude: Any, unit: str) -> Any:
    """A quantity of the one registry (pint's own pickling would rebuild it in another)."""
    return Quantity(magnitude, _unit(unit))


def _reduce_quantity(value: Any) -> tuple[Any, tuple[Any, str]]:
    return _quantity, (value.magnitude, str(value.units))


def _child(sender: Any, target: Callable[..., Any], args: tuple[Any, ...],
           kwargs: dict[str, Any], memory_mb: int, cpu_seconds: int, language: str) -> None:
    _cap(memory_mb, cpu_seconds)
    copyreg.pickle(Quantity, _reduce_quantity)
    try:
        try:
            with core_language(language):
                outcome: tuple[str, Any] = ("ok", target(*args, **kwargs))
        except IntakeError as error:
            outcome = ("problems", error.problems)
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 - a bug, reported to the parent with its traceback
            outcome = ("error", traceback.format_exc())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        payload = pickle.dumps((*outcome, peak), protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        os._exit(_OUT_OF_MEMORY)
    sender.send_bytes(payload)
    sender.close()
