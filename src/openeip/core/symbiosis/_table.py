"""Reading the symbiosis data tables (CSV with ``#`` comment lines) into checked values.

A :class:`Row` knows the line it came from (as an editor counts it, comment lines included) and
turns its text cells into typed values; every problem is collected as a
:class:`~openeip.core.errors.Problem` naming the file, line and column, so a loader can report
all of them at once. Fields may not span lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from openeip.core.catalogues import data_text as catalogue_text
from openeip.core.catalogues import records
from openeip.core.errors import CellError, Problem
from openeip.core.i18n import gettext as _
from openeip.core.numbers import parse_number

YES = "yes"
NO = "no"


def data_text(filename: str) -> str:
    """The text of a file shipped in ``openeip/data/symbiosis``."""
    return catalogue_text("symbiosis/" + filename)


@dataclass
class Row:
    sheet: str
    line: int
    cells: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    def problem(self, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.sheet, self.line, column, message))

    def text(self, column: str) -> str:
        return self.cells[column].strip()

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.problem(column, _("This cell is empty; fill it in."))
        return value

    def items(self, column: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.text(column).split(";") if part.strip())

    def flag(self, column: str) -> bool:
        value = self.text(column).lower()
        if value not in (YES, NO):
            self.problem(column, _("Write yes or no, not '{value}'.").format(value=value))
        return value == YES

    def number(self, column: str, *, positive: bool = False) -> float | None:
        value = self.text(column)
        if not value:
            return None
        try:
            number = float(parse_number(value))
        except CellError as error:
            self.problem(column, error.message)
            return None
        if positive and not number > 0:
            self.problem(column, _("Must be greater than zero, not {value}.").format(value=value))
        return number

    def choice(self, column: str, allowed: Sequence[str]) -> str:
        value = self.text(column)
        if value not in allowed:
            self.problem(column, _("'{value}' is not one of: {allowed}.").format(
                value=value, allowed=", ".join(allowed)))
        return value


def read_rows(text: str, sheet: str, columns: Sequence[str]) -> tuple[list[Row], list[Problem]]:
    """The data rows of ``text``; problems with the header or the column count come back apart."""
    numbered = records(text)
    if not numbered:
        return [], [Problem(sheet, None, None, _("The file has no header row."))]
    header = [name.strip() for name in numbered[0][1]]
    if header != list(columns):
        return [], [Problem(sheet, numbered[0][0], None, _(
            "The header must be exactly: {expected}.").format(expected=",".join(columns)))]
    rows: list[Row] = []
    problems: list[Problem] = []
    for number, cells in numbered[1:]:
        if len(cells) != len(columns):
            problems.append(Problem(sheet, number, None, _(
                "This line has {found} cells; it needs {needed}. Quote cells that contain "
                "commas.").format(found=len(cells), needed=len(columns))))
            continue
        rows.append(Row(sheet, number, dict(zip(columns, cells, strict=True))))
    return rows, problems
