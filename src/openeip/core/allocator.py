"""Asking the C allocator to keep the memory a large array run frees, for its next arrays.

numpy takes its large arrays from glibc's ``malloc``. By default an array above a threshold
(which glibc moves between 128 KiB and 32 MiB) is mapped from the kernel on its own and
handed back when freed, and free memory at the top of the heap is handed back too: the next
array of the same size then faults its pages in afresh, and the kernel zeroes every one. A run
that makes millions of temporary arrays of tens of megabytes (the symbiosis search at national
scale) spent a third of its time there: 18.8 million page faults, 53 s of system time, for
`openeip symbiosis match` on a 1M-row file (6 Dec 2026). With the thresholds below — arrays up to
256 MiB come from the heap, and up to 512 MiB of free heap is kept — the same command took
1.3 million faults and 37 s of system time, 158 s instead of 169 s, at the same peak memory
(5.6 GiB): what one array frees, the next one reuses.

Only for a process that ends with its run (a command): a long-lived server would keep that
memory. Elsewhere than glibc (musl, macOS, Windows) nothing is changed.

:func:`uncollected` is for the same processes: Python's cyclic collector kept off while a run
builds millions of objects that form no cycles (a national STREAMS.csv read into streams), which
it would otherwise scan again and again as they pile up: reading the 1M-row survey file took
64.5 s with it, 60.1 s without (7 Dec 2026, two cores); 100k rows 7.4–8.6 → 6.3–7.1 s.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["keep_freed_memory", "uncollected"]

_M_TRIM_THRESHOLD = -1         # glibc's mallopt parameters (malloc.h)
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 256 << 20
TRIM_THRESHOLD = 512 << 20


def keep_freed_memory() -> bool:
    """Set the thresholds above when the C library is glibc; whether it was done."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))


@contextmanager
def uncollected() -> Iterator[None]:
    """The cyclic collector off inside; after, what was built is frozen (later collections do
    not scan it; it is still freed when its last reference goes) and the collector resumes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
