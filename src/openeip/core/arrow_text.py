"""Columns of text for pyarrow, built from buffers: no pandas import.

The first time pyarrow converts a Python object — ``pa.array``, ``pa.scalar``, a numpy array or
a ``str`` handed to a compute function — it imports pandas when it is installed (statsmodels
brings it), which costs 0.6–0.7 s per process (2 cores, Dec 2026). The MATCHES rows never
touch a DataFrame, so their columns are made here from numpy arrays and bytes
(``Array.from_buffers``) and every compute function gets arrays and scalars made the same way.
``tests/core/test_symbiosis_match_rows.py`` checks that writing MATCHES leaves pandas out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa

__all__ = ["flags", "positions", "strings", "text"]

_SEPARATOR = b"\x00"


def strings(texts: Sequence[str]) -> Any:
    """``texts`` as a pyarrow string array."""
    count = len(texts)
    joined = _SEPARATOR.decode().join(texts).encode("utf-8")
    ends = np.flatnonzero(np.frombuffer(joined, dtype=np.uint8) == 0)
    if len(ends) == max(count - 1, 0):
        # no text holds a NUL: the separators give the ends, and the data is the rest
        offsets = np.empty(count + 1, dtype=np.int64)
        offsets[0] = 0
        offsets[1:count] = ends - np.arange(count - 1)
        data = joined.replace(_SEPARATOR, b"")
        offsets[count] = len(data)
    else:
        encoded = [text.encode("utf-8") for text in texts]
        offsets = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, encoded), np.int64, count), out=offsets[1:])
        data = b"".join(encoded)
    return pa.Array.from_buffers(pa.large_string(), count,
                                 [None, pa.py_buffer(offsets), pa.py_buffer(data)])


def text(value: str) -> Any:
    """``value`` as a pyarrow string scalar (for the compute functions)."""
    return strings([value])[0]


def positions(values: Any) -> Any:
    """Integer positions (a numpy array) as a pyarrow int64 array, for ``take``."""
    array = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(array), [None, pa.py_buffer(array)])


def flags(values: Any) -> Any:
    """Booleans (a numpy array) as a pyarrow boolean array."""
    array = np.asarray(values, dtype=np.bool_)
    bits = np.packbits(array, bitorder="little")
    return pa.Array.from_buffers(pa.bool_(), len(array), [None, pa.py_buffer(bits)])
