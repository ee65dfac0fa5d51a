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

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from openeip.core.csv_cells import FORMULA_STARTS

__all__ = ["FORMATS", "Cells", "MatchesWriter"]

# a column of a chunk: its cells as text, a list or a pyarrow string array
Cells = Sequence[str] | Any

FORMATS = (".csv", ".parquet")
_INTEGER = {"rank": "int32", "net_benefit_vnd_per_yr": "int64"}
_FLOAT = ("score", "distance_km", "matched_quantity", "co2e_avoided_t_per_yr")
# cells that never need quotes (numbers, class codes, units, yes/no) and cells that repeat
_PLAIN = frozenset({"rank", "score", "distance_km", "matched_quantity", "unit",
                    "net_benefit_vnd_per_yr", "co2e_avoided_t_per_yr", "selected"})
# the cells csv_cells.guard changes (apostrophes, then a formula start) and the cells
# csv.QUOTE_MINIMAL quotes, as regular expressions for pyarrow
_FORMULA = "^'*[" + "".join("\\" + c if c in "-" else c for c in FORMULA_STARTS) + "]"
_NEEDS_QUOTES = '[,"\r\n]'


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
        if self._parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            self._schema = pa.schema([(name, self._type(name)) for name in columns])
            self._writer = pq.ParquetWriter(self.partial, self._schema, compression="zstd")
        else:
            self._handle = self.partial.open("wb")
            header = io.StringIO()
            csv.writer(header, lineterminator="\n").writerow(columns)
            self._handle.write(header.getvalue().encode("utf-8"))

    @staticmethod
    def _type(name: str) -> Any:
        import pyarrow as pa

        if name in _INTEGER:
            return pa.int32() if _INTEGER[name] == "int32" else pa.int64()
        return pa.float64() if name in _FLOAT else pa.string()

    def write(self, chunk: Mapping[str, Cells]) -> None:
        """Append one chunk: for each column (in order), its cells as text (a list of str or
        a pyarrow string array)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        cells = [_arrow(chunk[name]) for name in self.columns]
        if not cells or not len(cells[0]):
            return
        self.rows += len(cells[0])
        if not self._parquet:
            assert self._handle is not None
            self._handle.write(self._csv_bytes(cells))
            return
        arrays = []
        for name, text in zip(self.columns, cells, strict=True):
            wanted = self._schema.field(name).type
            if wanted != pa.string():
                text = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
                text = pc.cast(text, wanted)
            arrays.append(text)
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self._schema))

    def _csv_bytes(self, cells: list[Any]) -> memoryview:
        """The UTF-8 CSV lines of the rows, as ``csv.writer`` writes them: text cells guarded
        (:func:`openeip.core.csv_cells.guard`) and quoted only when they hold a comma, a quote
        or a line break, their quotes doubled; numbers, codes and units as they are. Built
        in columns by pyarrow: the lines are the bytes of one joined string array."""
        import pyarrow as pa
        import pyarrow.compute as pc

        columns = []
        for name, text in zip(self.columns, cells, strict=True):
            if name not in _PLAIN:
                text = pc.if_else(pc.match_substring_regex(text, _FORMULA),
                                  pc.binary_join_element_wise("'", text, ""), text)
                quoted = pc.binary_join_element_wise(
                    '"', pc.replace_substring(text, '"', '""'), '"', "")
                text = pc.if_else(pc.match_substring_regex(text, _NEEDS_QUOTES), quoted, text)
            columns.append(text)
        lines = pc.binary_join_element_wise(*columns, ",")
        lines = pc.binary_join_element_wise(lines, "\n", "")
        if isinstance(lines, pa.ChunkedArray):
            lines = lines.combine_chunks()
        offsets = lines.buffers()[1]
        first, last = (int(x) for x in memoryview(offsets).cast("i")[
            lines.offset:lines.offset + len(lines) + 1:len(lines)])
        return memoryview(lines.buffers()[2])[first:last]

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


def _arrow(values: Cells) -> Any:
    """``values`` as a pyarrow string array."""
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        return values if values.type == pa.string() else values.cast(pa.string())
    return pa.array(values, type=pa.string())
