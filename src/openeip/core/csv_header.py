"""A CSV input file: its rows, and the repeated, unknown and missing columns of its header."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterable, Iterator

from openeip.core.errors import IntakeError, Problem
from openeip.core.i18n import gettext as _


def header_problems(header: list[str], filename: str, *, known: Callable[[str], bool],
                    unknown_message: str, required: Iterable[str]) -> list[Problem]:
    """Problems of ``header`` (row 1 of ``filename``).

    ``known`` tells whether a column name is accepted; ``unknown_message`` (translated, with a
    ``{column}`` placeholder) says which columns are; every ``required`` column must be present.
    """
    problems = []
    seen: set[str] = set()
    for column in header:
        if column in seen:
            problems.append(Problem(filename, 1, column, _(
                "The column '{column}' appears twice; keep one.").format(column=column)))
        seen.add(column)
        if column and not known(column):
            problems.append(Problem(filename, 1, column, unknown_message.format(column=column)))
    for column in required:
        if column not in seen:
            problems.append(Problem(filename, 1, column, _(
                "The column '{column}' is missing; add it.").format(column=column)))
    return problems


def csv_rows(content: bytes, filename: str) -> Iterator[list[str]]:
    """The rows of a UTF-8 CSV file one by one (for large files: no list of every row), or
    :class:`IntakeError` at once if it is not UTF-8 or empty."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IntakeError([Problem(filename, None, None, _(
            "The file is not UTF-8 text; save it as 'CSV UTF-8'."))]) from None
    reader = csv.reader(io.StringIO(text))
    first = next(reader, None)
    if first is None:
        raise IntakeError([Problem(filename, None, None, _("The file is empty."))])
    return itertools.chain([first], reader)


def csv_lines(content: bytes, filename: str) -> list[list[str]]:
    """The rows of a UTF-8 CSV file (a BOM is allowed), or :class:`IntakeError` if unreadable."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IntakeError([Problem(filename, None, None, _(
            "The file is not UTF-8 text; save it as 'CSV UTF-8'."))]) from None
    lines = list(csv.reader(io.StringIO(text)))
    if not lines:
        raise IntakeError([Problem(filename, None, None, _("The file is empty."))])
    return lines
