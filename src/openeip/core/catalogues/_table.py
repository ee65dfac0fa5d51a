"""The one reader of OpenEIP's data tables: CSV with ``#`` comment lines.

Every shipped data file (and every user file in the same format, such as a rule book or an
option library) is a CSV whose ``#`` lines cite sources and explain columns; they may stand
anywhere, but usually head the file. Blank lines are skipped. A field may not span lines, so
each record knows the line it stands on as an editor counts it (comment lines included), and
every message can point at it.

* :func:`records` — the numbered cells of the non-comment lines (for readers that collect
  problems instead of stopping at the first);
* :func:`parse_table` / :func:`read_table` — a checked :class:`Table`: the header, one dict per
  row, each row's line, and the ``# key: value`` lines of the header.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

from openeip.core.errors import CatalogueError

__all__ = ["Table", "data_text", "parse_table", "read_table", "records"]


def records(text: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every line that is neither blank nor a ``#`` comment."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        found.append((number, next(csv.reader([line]))))
    return found


@dataclass(frozen=True, slots=True)
class Table:
    """A data table read by :func:`parse_table`."""

    #: the file name, for messages
    name: str
    #: the ``#`` lines, without the ``#`` and the spaces after it
    comments: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    #: the line each row stands on (1 = the file's first line)
    lines: tuple[int, ...]

    def numbered(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(line, row) for every row, in file order."""
        return zip(self.lines, self.rows, strict=True)

    def meta(self, key: str) -> list[str]:
        """The values of the ``# key: value`` comment lines (key compared without case)."""
        wanted = key.lower() + ":"
        return [comment.split(":", 1)[1].strip() for comment in self.comments
                if comment.lower().startswith(wanted)]

    def error(self, line: int | None, problem: str) -> CatalogueError:
        """A CatalogueError naming this file and ``line``."""
        where = self.name if line is None else "{} line {}".format(self.name, line)
        return CatalogueError("{}: {}".format(where, problem))


def parse_table(text: str, name: str, *, columns: Sequence[str] | None = None) -> Table:
    """The table in ``text``; CatalogueError when it has no header, a header other than
    ``columns`` (when given) or a line with another number of cells than the header."""
    comments = tuple(line[1:].strip() for line in text.splitlines() if line.startswith("#"))
    numbered = records(text)
    if not numbered:
        raise CatalogueError("{}: the file has no header row".format(name))
    (header_line, header), body = numbered[0], numbered[1:]
    header = [cell.strip() for cell in header]
    if columns is not None and header != list(columns):
        raise CatalogueError("{} line {}: the header must be {}, not {}".format(
            name, header_line, ",".join(columns), ",".join(header)))
    rows = []
    for number, cells in body:
        if len(cells) != len(header):
            raise CatalogueError("{} line {}: wrong number of columns ({} instead of {})".format(
                name, number, len(cells), len(header)))
        rows.append(dict(zip(header, cells, strict=True)))
    return Table(name, comments, tuple(header), tuple(rows),
                 tuple(number for number, _cells in body))


def data_text(filename: str, package: str = "openeip.data") -> str:
    """The text of the file shipped as ``filename`` (a path below ``package``, such as
    ``'symbiosis/classes.csv'``)."""
    return resources.files(package).joinpath(*filename.split("/")).read_text(encoding="utf-8")


def read_table(filename: str, package: str = "openeip.data") -> Table:
    """The table shipped as ``filename`` (see :func:`data_text`)."""
    return parse_table(data_text(filename, package), filename.rsplit("/", 1)[-1])
