"""Reading an options CSV (``openeip recp evaluate``) into :class:`OptionCase` objects.

One row per option; the columns are documented in ``docs/recp-evaluate.md`` and listed in
:data:`OPTION_COLUMNS` and :data:`SAVING_COLUMNS`. Resource savings come in numbered groups
(``resource_1, saved_1, saved_unit_1, price_1, price_unit_1, baseline_1``, then ``_2`` …) so a
row can price as many resources as it needs. Every problem in the file is collected, each with
its row (the header is row 1) and column, and raised together as :class:`IntakeError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openeip.core.csv_header import csv_lines, header_problems
from openeip.core.errors import CellError, DomainError, IntakeError, Problem, UnitError
from openeip.core.finance._case import OptionCase, Saving
from openeip.core.i18n import gettext as _
from openeip.core.numbers import parse_number
from openeip.core.units import Quantity, parse_unit, ureg

#: fixed columns: name → (required, kind); kind is text, money, rate, years, number or a unit
OPTION_COLUMNS: dict[str, tuple[bool, str]] = {
    "option_id": (True, "text"),
    "name": (False, "text"),
    "investment_vnd": (True, "money"),
    "lifetime_years": (True, "years"),
    "discount_rate": (True, "rate"),
    "annual_savings_vnd": (False, "money"),
    "extra_om_vnd": (False, "money"),
    "residual_value_vnd": (False, "money"),
    "escalation_rate": (False, "rate"),
    "energy_saved_mwh": (False, "MWh"),
    "water_saved_m3": (False, "m**3"),
    "waste_avoided_t": (False, "t"),
    "ghg_avoided_tco2e": (False, "tCO2e"),
    "reduction_share": (False, "rate"),
}
#: the columns of one resource saving; each carries the group number: saved_1, saved_2 …
SAVING_COLUMNS = ("resource", "saved", "saved_unit", "price", "price_unit", "baseline")

# column → OptionCase field, for the environmental effects
_EFFECT_FIELDS = {
    "energy_saved_mwh": "energy_saved", "water_saved_m3": "water_saved",
    "waste_avoided_t": "waste_avoided", "ghg_avoided_tco2e": "ghg_avoided",
}
# OptionCase field → column
_FIELD_COLUMNS = {"name": "option_id"} | {f: c for c, f in _EFFECT_FIELDS.items()}
_GROUP_COLUMN = re.compile(r"^({})_([1-9][0-9]*)$".format("|".join(SAVING_COLUMNS)))
_SAVING_FIELD = re.compile(r"^savings\[(\d+)\]\.(\w+)$")


@dataclass(frozen=True)
class OptionRow:
    """An option read from the file and the row it came from."""

    row: int
    case: OptionCase
    label: str = ""


def read_options_csv(content: bytes, filename: str) -> list[OptionRow]:
    """The options in a CSV file, or :class:`IntakeError` listing every problem."""
    lines = csv_lines(content, filename)
    header = [cell.strip().lower() for cell in lines[0]]
    problems = _header_problems(header, filename)
    if problems:
        raise IntakeError(problems)
    options: list[OptionRow] = []
    rows_of: dict[str, int] = {}
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {column: (cells[index].strip() if index < len(cells) else "")
                  for index, column in enumerate(header)}
        option = _read_row(values, number, filename, problems)
        if option is None:
            continue
        if option.case.name in rows_of:
            problems.append(Problem(filename, number, "option_id", _(
                "The option_id '{id}' is already used in row {row}; give each option its own "
                "id.").format(id=option.case.name, row=rows_of[option.case.name])))
            continue
        rows_of[option.case.name] = number
        options.append(option)
    if not options and not problems:
        problems.append(Problem(filename, None, None, _(
            "The file has a header but no options; add one row per option.")))
    if problems:
        raise IntakeError(problems)
    return options


def _header_problems(header: list[str], filename: str) -> list[Problem]:
    return header_problems(
        header, filename,
        known=lambda column: column in OPTION_COLUMNS or bool(_GROUP_COLUMN.match(column)),
        unknown_message=_(
            "Unknown column '{column}'. The columns are described in docs/recp-evaluate.md; "
            "resource savings use numbered groups such as saved_1, price_1."),
        required=[column for column, (required, _kind) in OPTION_COLUMNS.items() if required])


def _read_row(values: dict[str, str], row: int, filename: str,
              problems: list[Problem]) -> OptionRow | None:
    before = len(problems)

    def cell(column: str, reader: Callable[[str], Any], default: Any = None,
             required: bool = False) -> Any:
        raw = values.get(column, "")
        if not raw:
            if required or OPTION_COLUMNS.get(column, (False, ""))[0]:
                problems.append(Problem(filename, row, column, _(
                    "This cell is empty; {column} is required.").format(column=column)))
            return default
        try:
            return reader(raw)
        except CellError as error:
            problems.append(error.problem(filename, row, column))
            return default

    fields: dict[str, Any] = {"name": cell("option_id", str, "")}
    for column, (_required, kind) in OPTION_COLUMNS.items():
        if kind == "money":
            fields[column] = cell(column, _number, 0.0)
        elif kind == "rate":
            fields[column] = cell(column, _rate, 0.0)
        elif kind == "years":
            fields[column] = cell(column, _years, 0)
        elif kind != "text":
            fields[_EFFECT_FIELDS[column]] = Quantity(cell(column, _number, 0.0), kind)
    if not values.get("reduction_share"):
        fields["reduction_share"] = None
    savings = []
    for group in _groups(values):
        def at(part: str, group: int = group) -> str:
            return "{}_{}".format(part, group)

        saved = cell(at("saved"), _number, required=True)
        unit = cell(at("saved_unit"), _unit, required=True)
        price = cell(at("price"), _number)
        price_unit = cell(at("price_unit"), _price_unit, required=price is not None)
        baseline = cell(at("baseline"), _number)
        if len(problems) == before:
            savings.append(Saving(
                resource=values.get(at("resource")) or at("resource"),
                quantity=Quantity(saved, unit),
                price=None if price is None else Quantity(price, price_unit),
                baseline=None if baseline is None else Quantity(baseline, unit)))
    fields["savings"] = tuple(savings)
    if len(problems) > before:
        return None
    try:
        return OptionRow(row, OptionCase(**fields), values.get("name", ""))
    except DomainError as error:
        problems.append(Problem(filename, row, column_of(error.field, values), str(error)))
        return None


def _groups(values: dict[str, str]) -> list[int]:
    """Numbers of the resource-saving groups that have at least one cell filled in."""
    return sorted({int(match.group(2)) for match in map(_GROUP_COLUMN.match, values)
                   if match and values[match.group(0)]})


def column_of(field: str | None, values: dict[str, str]) -> str | None:
    """The CSV column a :class:`DomainError` field points at."""
    if field is None:
        return None
    match = _SAVING_FIELD.match(field)
    if not match:
        return _FIELD_COLUMNS.get(field, field)
    groups = _groups(values)
    index = int(match.group(1))
    number = groups[index] if index < len(groups) else index + 1
    part = match.group(2)
    if part == "price" and values.get("price_{}".format(number)):
        part = "price_unit"  # the price is there, so its unit is what does not fit
    return "{}_{}".format({"quantity": "saved"}.get(part, part), number)


def _number(raw: str) -> float:
    return float(parse_number(raw))


def _rate(raw: str) -> float:
    """A fraction (0.10) or a percentage (10 %)."""
    if raw.rstrip().endswith("%"):
        return _number(raw.rstrip()[:-1]) / 100.0
    return _number(raw)


def _years(raw: str) -> int | float:
    value = _number(raw)
    return int(value) if value.is_integer() else value  # OptionCase names a fraction


def _unit(raw: str) -> Any:
    try:
        return parse_unit(raw)
    except UnitError as error:
        raise CellError(str(error)) from None


def _price_unit(raw: str) -> Any:
    """'VND/kWh', 'đồng/m³', 'VND/tấn': VND per a unit the saving can be in."""
    currency, slash, per = raw.partition("/")
    if not slash or currency.strip().lower() not in ("vnd", "đ", "đồng", "dong"):
        raise CellError(_(
            "Write the price unit as VND per unit, such as VND/kWh, VND/m³ or VND/t; not "
            "'{value}'.").format(value=raw))
    return ureg.VND / _unit(per)
