"""The projects CSV of ``openeip finance evaluate``: read into :class:`ProjectCase` objects and
written back with the project-finance figures (docs/finance.md).

Input columns (header row 1, one project a row): ``id, investment_vnd, annual_savings_vnd,
lifetime_years, discount_rate, loan_share, loan_rate, loan_years, grace_years, tax_rate,
inflation``; optional ``om_vnd_per_yr, depreciation_years, repayment`` (annuity | equal). Rates
and shares are fractions (0.10) or percentages (10 %). Every problem of the file is collected
with its row and column and raised together as :class:`IntakeError`, so nothing is written
until the whole file is right. The output repeats the input columns as given and adds
:data:`PROJECT_RESULT_COLUMNS`; money in whole VND, ratios and rates with six decimals; an empty
cell is a figure that does not exist (the reason is returned beside the text).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from openeip.core.csv_cells import guard
from openeip.core.csv_header import csv_lines, header_problems
from openeip.core.errors import CellError, DomainError, IntakeError, Problem
from openeip.core.finance._option_table import _number, _rate
from openeip.core.finance._project import ProjectCase, ProjectResult
from openeip.core.finance._result_table import _decimal, _vnd
from openeip.core.i18n import gettext as _

__all__ = ["PROJECT_COLUMNS", "PROJECT_RESULT_COLUMNS", "ProjectRow", "project_results_csv",
           "read_projects_csv"]

#: input columns → (required, kind)
PROJECT_COLUMNS: dict[str, tuple[bool, str]] = {
    "id": (True, "text"),
    "investment_vnd": (True, "money"),
    "annual_savings_vnd": (True, "money"),
    "lifetime_years": (True, "years"),
    "discount_rate": (True, "rate"),
    "loan_share": (True, "rate"),
    "loan_rate": (True, "rate"),
    "loan_years": (True, "years"),
    "grace_years": (True, "years"),
    "tax_rate": (True, "rate"),
    "inflation": (True, "rate"),
    "om_vnd_per_yr": (False, "money"),
    "depreciation_years": (False, "years"),
    "repayment": (False, "repayment"),
}
PROJECT_RESULT_COLUMNS = ("project_npv_vnd", "project_irr", "equity_irr", "min_dscr",
                          "avg_dscr", "llcr", "payback_years")


@dataclass(frozen=True)
class ProjectRow:
    row: int
    case: ProjectCase
    cells: dict[str, str]


def _years(raw: str) -> int:
    value = _number(raw)
    if not value.is_integer() or value < 0:
        raise CellError(_("'{value}' is not a whole number of years.").format(value=raw))
    return int(value)


def _repayment(raw: str) -> str:
    if raw.strip().lower() not in ("annuity", "equal"):
        raise CellError(_("Write annuity or equal, not '{value}'.").format(value=raw))
    return raw.strip().lower()


_READERS: dict[str, Callable[[str], Any]] = {
    "text": str, "money": _number, "rate": _rate, "years": _years, "repayment": _repayment}


def read_projects_csv(content: bytes, filename: str) -> tuple[list[str], list[ProjectRow]]:
    """The header and the projects of a CSV file, or IntakeError listing every problem."""
    lines = csv_lines(content, filename)
    header = [cell.strip().lower() for cell in lines[0]]
    problems = header_problems(
        header, filename, known=lambda column: column in PROJECT_COLUMNS,
        unknown_message=_("Unknown column '{column}'. The columns are described in "
                          "docs/finance.md."),
        required=[c for c, (required, _kind) in PROJECT_COLUMNS.items() if required])
    if problems:
        raise IntakeError(problems)
    rows: list[ProjectRow] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            problems.append(Problem(filename, number, None, _(
                "This row has {count} cells but the header has {columns}; remove the extra "
                "cells or quote a text holding a comma.").format(count=len(cells),
                                                                 columns=len(header))))
            continue
        values = {column: (cells[i].strip() if i < len(cells) else "")
                  for i, column in enumerate(header)}
        project_id = values.get("id", "")
        if project_id and project_id in seen:
            problems.append(Problem(filename, number, "id", _(
                "The id '{id}' is already used in row {row}; give each project its own id."
            ).format(id=project_id, row=seen[project_id])))
            continue
        seen.setdefault(project_id, number)
        row = _read_row(values, number, filename, problems)
        if row is not None:
            rows.append(row)
    if not rows and not problems:
        problems.append(Problem(filename, None, None, _(
            "The file has a header but no projects; add one row per project.")))
    if problems:
        raise IntakeError(problems)
    return header, rows


def _read_row(values: dict[str, str], row: int, filename: str,
              problems: list[Problem]) -> ProjectRow | None:
    before = len(problems)
    fields: dict[str, Any] = {}
    for column, (required, kind) in PROJECT_COLUMNS.items():
        raw = values.get(column, "")
        if not raw:
            if required:
                problems.append(Problem(filename, row, column, _(
                    "This cell is empty; {column} is required.").format(column=column)))
            continue
        try:
            fields["name" if column == "id" else column] = _READERS[kind](raw)
        except CellError as error:
            problems.append(Problem(filename, row, column, str(error)))
    if len(problems) > before:
        return None
    try:
        return ProjectRow(row, ProjectCase(**fields), values)
    except DomainError as error:
        problems.append(Problem(filename, row, "id" if error.field == "name" else error.field,
                                str(error)))
        return None


def project_results_csv(header: Sequence[str], rows: Sequence[ProjectRow],
                        results: Sequence[ProjectResult]) -> str:
    """The results file: the input columns as given, then :data:`PROJECT_RESULT_COLUMNS`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*header, *PROJECT_RESULT_COLUMNS])
    for row, result in zip(rows, results, strict=True):
        writer.writerow([
            *(guard(row.cells.get(column, "")) for column in header),
            _vnd(result.project_npv_vnd), _decimal(result.project_irr),
            _decimal(result.equity_irr), _decimal(result.min_dscr), _decimal(result.avg_dscr),
            _decimal(result.llcr), _decimal(result.payback_years)])
    return out.getvalue()


