"""One error hierarchy for the whole core."""

from __future__ import annotations

from dataclasses import dataclass


class OpenEIPError(Exception):
    """Base of every error raised by OpenEIP's core."""


class UnitError(OpenEIPError):
    """A unit is unknown, or does not fit the quantity it is given for."""


class CatalogueError(OpenEIPError):
    """A shipped data file is malformed or a code is not in its catalogue."""


class DomainError(OpenEIPError):
    """A domain object was built with a value that breaks one of its rules."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class CellError(OpenEIPError):
    """One input cell cannot be read; the message says what is wrong and how to fix it.

    ``column`` names the cell's column when the raiser knows it; the reader of the file adds
    the sheet and row and collects the error as a :class:`Problem`.
    """

    def __init__(self, message: str, column: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column

    def problem(self, sheet: str, row: int | None, column: str | None = None) -> Problem:
        """This error where it was found, as a :class:`Problem`."""
        return Problem(sheet, row, column or self.column, self.message)


@dataclass(frozen=True)
class Suggestion:
    """A value the reader proposes for a problem's cell; written only once the user confirms."""

    #: the column key, such as 'classification_code'
    column: str
    value: str
    #: what decided it, such as the word 'than cám' of the description 'Than cám 4a'
    word: str
    #: the text the word was found in, such as that description
    text: str = ""


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file: where it is, what is wrong and how to fix it."""

    sheet: str
    row: int | None
    column: str | None
    message: str
    suggestion: Suggestion | None = None

    def location(self) -> str:
        from openeip.core.i18n import gettext as _

        parts = [self.sheet]
        if self.row is not None:
            parts.append(_("row {row}").format(row=self.row))
        if self.column:
            parts.append(_("column {column}").format(column=self.column))
        return ", ".join(parts)

    def __str__(self) -> str:
        return "{}: {}".format(self.location(), self.message)


class IntakeError(OpenEIPError):
    """An input file has problems; nothing from it may be written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        head = "; ".join(str(p) for p in problems[:3])
        more = " (and {} more)".format(len(problems) - 3) if len(problems) > 3 else ""
        super().__init__("{} problem(s): {}{}".format(len(problems), head, more))
