"""Writing MATCHES as CSV or Parquet, chunk by chunk, never leaving half a file.

:class:`MatchesWriter` takes chunks of rows as columns of text (the CSV's exact content, see
:mod:`openeip.core.symbiosis.match_rows`) and appends them to ``PATH.part``; :meth:`close`
renames it to ``PATH``, so an interrupted run leaves no truncated file under the real name.

The format follows the file name: ``.csv`` is UTF-8 CSV (``\\n`` line ends, quotes only where
needed — the text of ``matches_csv``); ``.parquet`` is a Parquet file (pyarrow, zstd) with the
same columns, typed: ``rank`` int32 and ``net_benefit_vnd_per_yr`` int64, ``score``,
``distance_km``, ``matched_quantity`` and ``co2e_avoided_t_per_yr`` float64 — each the number
the CSV shows (same rounding), null where the CSV cell is empty; the rest text.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from openeip.core.arrow_text import strings, text
from openeip.core.csv_cells import FORMULA_STARTS

__all__ = ["FORMATS", "ArrowChunk", "CsvChunk", "MatchesWriter", "arrow_table", "csv_bytes",
           "quoted"]

FORMATS = (".csv", ".parquet")
_INTEGER = {"rank": "int32", "net_benefit_vnd_per_yr": "int64"}
_FLOAT = ("score", "distance_km", "matched_quantity", "co2e_avoided_t_per_yr")
# cells that never need quotes (numbers, class codes, units, yes/no)
_PLAIN = frozenset({"rank", "score", "distance_km", "matched_quantity", "unit",
                    "net_benefit_vnd_per_yr", "co2e_avoided_t_per_yr", "selected"})
# a text a spreadsheet would run as a formula (openeip.core.csv_cells.guard), in RE2
_FORMULA = "^'*[{}]".format("".join("\\" + start[0] if start[0] in "-]^\\" else start[0]
                                    for start in FORMULA_STARTS))
_NEEDS_QUOTES = '[,"\n\r]'

Cells = Sequence[str] | Any       # a column's cells: a list of text or a pyarrow string array


def _strings(cells: Cells) -> Any:
    return cells if isinstance(cells, pa.Array) else strings(cells)


def quoted(cells: Cells) -> Any:
    """Each cell as ``csv.QUOTE_MINIMAL`` writes it (quotes only around a comma, a quote or a
    line break, its quotes doubled), guarded against being read as a formula by a
    spreadsheet (:func:`openeip.core.csv_cells.guard`) — in columns (pyarrow)."""
    cells = _strings(cells)
    formula = pc.match_substring_regex(cells, _FORMULA)
    if pc.any(formula).as_py():
        cells = pc.if_else(formula, pc.binary_join_element_wise(text("'"), cells, text("")),
                           cells)
    needs = pc.match_substring_regex(cells, _NEEDS_QUOTES)
    if not pc.any(needs).as_py():
        return cells
    inner = pc.replace_substring(cells, '"', '""')
    return pc.if_else(needs, pc.binary_join_element_wise(text('"'), inner, text('"'), text("")),
                      cells)


def csv_bytes(columns: tuple[str, ...], cells: Sequence[Cells],
              already: frozenset[str] = frozenset()) -> bytes:
    """The CSV lines (UTF-8, ``\\n`` ends) of the rows, as ``csv.writer`` writes them, joined
    in columns: no Python work per row. The columns named in ``already`` are CSV cells
    (:func:`quoted`) already."""
    texts = [pc.cast(_strings(column) if name in _PLAIN or name in already else quoted(column),
                     pa.large_string()) for name, column in zip(columns, cells, strict=True)]
    if not len(texts[0]):
        return b""
    texts[-1] = pc.binary_join_element_wise(texts[-1], text("\n"), text(""))
    lines = pc.binary_join_element_wise(*texts, text(","))
    # the lines lie one after the other in the array's data: its bytes from the first
    # line's start to the last one's end
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[
        lines.offset:lines.offset + len(lines) + 1]
    data: bytes = lines.buffers()[2].slice(int(offsets[0]), int(offsets[-1] - offsets[0])
                                           ).to_pybytes()
    return data


@dataclass(frozen=True)
class CsvChunk:
    """Rows of a MATCHES CSV (UTF-8, no header): in memory, or already written into the file
    by a worker as chunk number ``placed`` (:class:`Placement`), so that they need not cross
    a pipe."""

    rows: int
    text: bytes = b""
    placed: int | None = None


class Placement:
    """CSV chunks written straight into the matches file by forked workers (``os.pwrite``), in
    order: chunk i begins where chunk i − 1 ends, which the worker of chunk i − 1 publishes in
    shared memory as soon as it knows its bytes, before writing them — so the workers write
    side by side and every byte is written once (a national run spent 20 s copying 5 GB of
    chunk files into the matches file). Made before the workers are forked, which share it."""

    def __init__(self, fd: int, start: int, chunks: int) -> None:
        import multiprocessing

        self.fd, self.start = fd, start
        # each chunk's end in the file, −1 until known
        self.ends = multiprocessing.RawArray("q", [-1] * chunks)

    def place(self, index: int, data: bytes) -> None:
        """Write chunk ``index`` after chunk ``index`` − 1 (waiting until its end is known)."""
        begin = self.start if index == 0 else self.end_of(index - 1)
        self.ends[index] = begin + len(data)
        view, done = memoryview(data), 0
        while done < len(data):
            done += os.pwrite(self.fd, view[done:], begin + done)

    def end_of(self, index: int) -> int:
        """Where chunk ``index`` ends (waiting for its worker to know)."""
        while (end := self.ends[index]) < 0:
            time.sleep(0.0005)
        return int(end)


@dataclass(frozen=True)
class ArrowChunk:
    """Rows of a MATCHES Parquet file, typed (:func:`arrow_table`): in memory, or in an Arrow
    IPC file a worker wrote them to (``path``, removed once appended)."""

    rows: int
    table: Any = None
    path: Path | None = None


def _type(name: str) -> Any:
    if name in _INTEGER:
        return pa.int32() if _INTEGER[name] == "int32" else pa.int64()
    return pa.float64() if name in _FLOAT else pa.string()


def arrow_schema(columns: tuple[str, ...]) -> Any:
    """The Parquet schema of the columns (see the module docstring)."""
    return pa.schema([(name, _type(name)) for name in columns])


def arrow_table(columns: tuple[str, ...], chunk: dict[str, Cells]) -> Any:
    """The chunk's cells (text, as in the CSV) as a typed table: numbers parsed, empty cells
    null."""
    schema = arrow_schema(columns)
    arrays = []
    for name in columns:
        cells = _strings(chunk[name])
        wanted = schema.field(name).type
        if wanted != pa.string():
            cells = pc.if_else(pc.equal(cells, text("")), pa.nulls(len(cells), cells.type), cells)
        arrays.append(pc.cast(cells, wanted))
    return pa.Table.from_arrays(arrays, schema=schema)


class MatchesWriter:
    """Append chunks of match rows to ``path`` (``.csv`` or ``.parquet``)."""

    def __init__(self, path: Path, columns: tuple[str, ...]) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".part")
        self.columns = columns
        self.rows = 0
        self._parquet = path.suffix.lower() == ".parquet"
        self._handle: BinaryIO | None = None
        self._writer: Any = None
        self._placement: Placement | None = None
        if self._parquet:
            import pyarrow.parquet as pq

            self._writer = pq.ParquetWriter(self.partial, arrow_schema(columns),
                                            compression="zstd")
        else:
            # bytes: encoding each chunk at once costs less than a text file's own encoder
            self._handle = self.partial.open("wb")
            self._handle.write(csv_bytes(columns, [[name] for name in columns]))

    def write(self, chunk: dict[str, Cells]) -> None:
        """Append one chunk: for each column (in order), its cells as text."""
        cells = [chunk[name] for name in self.columns]
        if not cells or not len(cells[0]):
            return
        if not self._parquet:
            self.rows += len(cells[0])
            assert self._handle is not None
            self._handle.write(csv_bytes(self.columns, cells))
            return
        self.write_arrow(ArrowChunk(len(cells[0]), arrow_table(self.columns, chunk)))

    def write_arrow(self, chunk: ArrowChunk) -> None:
        """Append rows already typed (:func:`arrow_table`); a chunk spooled to a file is read
        from its memory map and then removed."""
        if not self._parquet:
            raise ValueError("write_arrow is for a .parquet matches file")
        self.rows += chunk.rows
        if chunk.path is None:
            self._writer.write_table(chunk.table)
            return
        with pa.memory_map(str(chunk.path)) as source:
            self._writer.write_table(pa.ipc.open_file(source).read_all())
        chunk.path.unlink()

    def placement(self, chunks: int) -> Placement:
        """Where forked workers write the next ``chunks`` CSV chunks themselves, in order
        (:class:`Placement`); each is then handed to :meth:`write_csv` as placed."""
        if self._parquet:
            raise ValueError("placement is for a .csv matches file")
        assert self._handle is not None
        self._handle.flush()
        self._placement = Placement(self._handle.fileno(), self._handle.tell(), chunks)
        return self._placement

    def write_csv(self, chunk: CsvChunk) -> None:
        """Append rows already written as CSV (:func:`csv_bytes`), or count a chunk a worker
        placed in the file itself (:meth:`placement`)."""
        if self._parquet:
            raise ValueError("write_csv is for a .csv matches file")
        assert self._handle is not None
        self.rows += chunk.rows
        if chunk.placed is None:
            self._handle.write(chunk.text)
            return
        assert self._placement is not None
        # whatever follows goes after the chunk
        self._handle.seek(self._placement.end_of(chunk.placed))

    def close(self) -> None:
        """Finish the file and give it its name."""
        if self._parquet:
            self._writer.close()
        elif self._handle is not None:
            self._handle.close()
        self.partial.replace(self.path)

    def abandon(self) -> None:
        """Drop the partial file (the run failed)."""
        try:
            if self._parquet:
                self._writer.close()
            elif self._handle is not None:
                self._handle.close()
        finally:
            self.partial.unlink(missing_ok=True)

    def __enter__(self) -> MatchesWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is None:
            self.close()
        else:
            self.abandon()
