"""Reading an interchange file: bytes → validated :class:`Dataset`, or every problem at once."""

from __future__ import annotations

import re
from collections.abc import Collection

from openeip.core.errors import IntakeError, Problem
from openeip.core.intake._build import build_dataset
from openeip.core.intake._columns import TABLE_KEYS, sheet_language, table_for_sheet, tables
from openeip.core.intake._dataset import Dataset
from openeip.core.intake._limits import DEFAULT_LIMITS, ReadLimits
from openeip.core.intake._sources import extension, open_source
from openeip.core.intake._xlsx import NotAWorkbook, Workbook

_LETTERS = re.compile(r"^([A-Z]{1,3})(?: |$)")


def read_dataset(content: bytes, filename: str, *,
                 known_companies: Collection[str] = (),
                 accept_fuel_suggestions: bool = False,
                 limits: ReadLimits = DEFAULT_LIMITS) -> Dataset:
    """Validate an xlsx, CSV or JSON file and return its content as domain objects.

    ``known_companies`` are company codes that exist already (in the park being imported
    into); products and flows may refer to them without listing them in the file. Raises
    :class:`IntakeError` listing every problem, each with its sheet, row and column. A file
    beyond ``limits`` stops the reading at the first limit crossed (:mod:`._limits`).
    A fuel in t, kg, L or m³ without its fuel code is a problem carrying the code its description
    suggests (:attr:`Problem.suggestion`), unless ``accept_fuel_suggestions`` (the user has
    confirmed them): then the suggested code is used and listed in ``Dataset.accepted_fuels``.
    """
    problems: list[Problem] = []
    source = None
    try:
        source = open_source(content, filename, limits)
        problems.extend(source.problems)
        dataset = build_dataset(source.tables, known_companies, problems,
                                accept_fuel_suggestions)
    except IntakeError as beyond_limits:
        raise IntakeError(_in_file_order(problems + beyond_limits.problems)) from None
    finally:
        if source is not None:
            source.close()
    if problems:
        raise IntakeError(_in_file_order(problems))
    return dataset


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """Sheet by sheet in the workbook's order, then row by row (stable within a row)."""
    # imported here: every CLI command imports this module, few meet a problem
    from openpyxl.utils.cell import column_index_from_string

    def order(problem: Problem) -> tuple[int, int, int]:
        table = table_for_sheet(problem.sheet)
        sheet = TABLE_KEYS.index(table) if table else -1
        letters = _LETTERS.match(problem.column or "")
        column = column_index_from_string(letters.group(1)) if letters else -1
        return (sheet, problem.row or 0, column)

    return sorted(problems, key=order)


def count_rows(content: bytes, filename: str, limits: ReadLimits = DEFAULT_LIMITS) -> int:
    """A cheap estimate of the data rows in a file, without validating it (0 if unreadable).

    A JSON file counts its objects (records, and the park) without being parsed.
    """
    kind = extension(filename)
    if kind == "csv":
        return max(content.count(b"\n") - 1 + (0 if content.endswith(b"\n") else 1), 0)
    if kind == "json":
        return max(content.count(b"{") - 1, 0)
    if kind in ("xlsx", "xlsm"):
        return _count_workbook_rows(content, limits)
    return 0


def _count_workbook_rows(content: bytes, limits: ReadLimits) -> int:
    try:
        workbook = Workbook(content, limits=limits)
    except (NotAWorkbook, IntakeError):
        return 0
    try:
        return sum(max(workbook.count_rows(title) - 1, 0) for title in workbook.sheet_names
                   if table_for_sheet(title) is not None)
    finally:
        workbook.close()


def file_language(content: bytes, filename: str) -> str | None:
    """The language a file is written in, from its sheet names (a workbook) or its header row
    (a CSV): 'vi', 'en', or None when it cannot tell (JSON, keys only, unreadable)."""
    kind = extension(filename)
    if kind in ("xlsx", "xlsm"):
        try:
            return sheet_language(Workbook(content).sheet_names)
        except NotAWorkbook:
            return None
    if kind == "csv":
        header = content.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
        keys = {column.key for table in tables().values() for column in table.columns}
        labels = [label for label in (cell.split("[")[0].strip().strip('"')
                                      for cell in header.split(","))
                  if label.casefold() not in keys]  # a bare key is in no language
        for language in ("vi", "en"):
            if any(column.label.text(language).casefold() == label.casefold()
                   for table in tables().values() for column in table.columns
                   for label in labels if label and column.label.en != column.label.vi):
                return language
    return None
