"""COALITIONS.csv in, ALLOC.csv out (``openeip services allocate``; docs/services.md).

COALITIONS.csv: one row per coalition, columns ``members`` (participant names joined by '+',
e.g. ``A+B``) and ``cost_vnd`` (the cost of serving them together, ≥ 0); every participant has
a row of its own (its stand-alone cost) and the grand coalition (everyone) has a row. An
optional column ``load`` gives, on the single-participant rows, each one's metered load (for
``--method load``); on other rows it is left blank.

ALLOC.csv: columns ``participant,method,allocated_vnd``; the shares add up to the grand
coalition's cost.

Every problem is reported with its row and column; a file with any problem gives nothing.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass

from openeip.core.csv_cells import guard
from openeip.core.csv_header import csv_lines, header_problems
from openeip.core.errors import CellError, IntakeError, Problem
from openeip.core.i18n import gettext as _
from openeip.core.numbers import parse_number
from openeip.core.services.allocation import Allocation
from openeip.core.services.games import CoalitionTable

__all__ = ["ALLOC_COLUMNS", "COALITION_COLUMNS", "CoalitionsFile", "read_coalitions_csv",
           "write_allocation_csv"]

COALITION_COLUMNS = ("members", "cost_vnd")
OPTIONAL_COLUMNS = ("load",)
ALLOC_COLUMNS = ("participant", "method", "allocated_vnd")


@dataclass(frozen=True)
class CoalitionsFile:
    table: CoalitionTable
    rows: int
    has_loads: bool


def _number(text: str, column: str) -> tuple[float | None, str]:
    """The number in ``text`` (the one number reader: dot for decimals, no thousands comma,
    finite), or None and why not."""
    try:
        return float(parse_number(text, column)), ""
    except CellError as error:
        return None, str(error)


def read_coalitions_csv(content: bytes, filename: str = "COALITIONS.csv") -> CoalitionsFile:
    """The game stated by the file, or :class:`IntakeError` with every problem found."""
    lines = csv_lines(content, filename)
    header = [cell.strip() for cell in lines[0]]
    problems = header_problems(
        header, filename, known=lambda c: c in COALITION_COLUMNS + OPTIONAL_COLUMNS,
        unknown_message=_("Unknown column '{column}'; the columns are members, cost_vnd and "
                          "(optional) load."), required=COALITION_COLUMNS)
    if problems:
        raise IntakeError(problems)
    at = {name: header.index(name) for name in header if name}
    costs: dict[frozenset[str], float] = {}
    first_row: dict[frozenset[str], int] = {}
    loads: dict[str, float] = {}
    coalition_loads: list[tuple[int, frozenset[str], float]] = []
    appears: dict[str, int] = {}
    for row_number, line in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in line):
            continue

        def cell(column: str, line: list[str] = line) -> str:
            k = at.get(column)
            return line[k].strip() if k is not None and k < len(line) else ""

        names = [name.strip() for name in cell("members").split("+")]
        if not cell("members") or any(not name for name in names):
            problems.append(Problem(filename, row_number, "members", _(
                "Write the members joined by '+', e.g. A+B, with no empty name.")))
            continue
        if len(set(names)) != len(names):
            problems.append(Problem(filename, row_number, "members", _(
                "A member is named twice in '{members}'; name each once.").format(
                members=cell("members"))))
            continue
        members = frozenset(names)
        for name in names:
            appears.setdefault(name, row_number)
        if members in first_row:
            problems.append(Problem(filename, row_number, "members", _(
                "The coalition {members} was already given on row {row}; keep one row.").format(
                members=cell("members"), row=first_row[members])))
            continue
        first_row[members] = row_number
        cost, why = _number(cell("cost_vnd"), "cost_vnd")
        if cost is None:
            problems.append(Problem(filename, row_number, "cost_vnd", why))
        elif cost < 0:
            problems.append(Problem(filename, row_number, "cost_vnd", _(
                "The cost {value} is negative; a coalition's cost is at least 0 VND.").format(
                value=cell("cost_vnd"))))
        else:
            costs[members] = cost
        if "load" in at and cell("load"):
            load, _why = _number(cell("load"), "load")
            if load is None or load < 0:
                problems.append(Problem(filename, row_number, "load", _(
                    "The load '{value}' must be a number of at least 0.").format(
                    value=cell("load"))))
            elif len(members) == 1:
                loads[names[0]] = load
            else:
                coalition_loads.append((row_number, members, load))
    problems.extend(_singleton_problems(filename, first_row, appears))
    if "load" in at:
        problems.extend(_load_problems(filename, first_row, loads, coalition_loads))
    if not first_row and not problems:
        problems.append(Problem(filename, None, None, _("The file has no coalition rows.")))
    participants = set(appears)
    if participants and not problems and frozenset(participants) not in costs:
        problems.append(Problem(filename, None, "members", _(
            "The grand coalition {members} has no row; add it with the cost of serving "
            "everyone together.").format(members="+".join(sorted(participants)))))
    if problems:
        raise IntakeError(problems)
    return CoalitionsFile(CoalitionTable(costs, loads if "load" in at else None),
                          len(first_row), "load" in at)


def _singleton_problems(filename: str, first_row: dict[frozenset[str], int],
                        appears: dict[str, int]) -> list[Problem]:
    singles = {next(iter(members)) for members in first_row if len(members) == 1}
    return [Problem(filename, row, "members", _(
        "The member '{name}' is unknown: no row gives its stand-alone cost. Add a row "
        "'{name}' with the cost of serving it alone, or correct the name.").format(name=name))
        for name, row in sorted(appears.items(), key=lambda item: item[1])
        if name not in singles]


def _load_problems(filename: str, first_row: dict[frozenset[str], int], loads: dict[str, float],
                   coalition_loads: list[tuple[int, frozenset[str], float]]) -> list[Problem]:
    problems = []
    for members, row in first_row.items():
        if len(members) == 1 and next(iter(members)) not in loads:
            problems.append(Problem(filename, row, "load", _(
                "The load of {name} is missing; give every participant's metered load, or "
                "drop the load column.").format(name=next(iter(members)))))
    for row, members, load in coalition_loads:
        if all(name in loads for name in members):
            expected = math.fsum(loads[name] for name in members)
            if not math.isclose(load, expected, rel_tol=1e-9, abs_tol=1e-9):
                problems.append(Problem(filename, row, "load", _(
                    "The load of a coalition is the sum of its members' ({expected}); leave "
                    "it blank.").format(expected=expected)))
    return problems


def write_allocation_csv(allocations: Iterable[Allocation]) -> bytes:
    """ALLOC.csv as UTF-8 bytes: one row per participant and method."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ALLOC_COLUMNS)
    for allocation in allocations:
        for share in allocation.shares:
            writer.writerow([guard(share.participant), allocation.method.value,
                             _amount(share.allocated_vnd)])
    return buffer.getvalue().encode("utf-8")


def _amount(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else "{:.2f}".format(value)
