"""Reading and checking the RECP cause list and option library (``recp_causes.csv``,
``recp_options.csv``).

Each rule a row must keep is one small ``check_*`` function; a broken rule raises
:class:`~openeip.core.errors.CatalogueError` naming the file, the line (as an editor counts it,
comment lines included) and the column, and saying how to fix it. Fields may not span lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from openeip.core import catalogues
from openeip.core.catalogues import Label, records
from openeip.core.errors import CatalogueError
from openeip.core.i18n import gettext as _

#: the eight UNEP/UNIDO option categories, in the order of recp.md §2.1
CATEGORIES: Mapping[str, Label] = {
    code: Label(code, en, vi)
    for code, en, vi in (
        ("good_housekeeping", "Good housekeeping", "Quản lý nội vi tốt"),
        ("input_material_change", "Input material change", "Thay đổi nguyên liệu đầu vào"),
        ("better_process_control", "Better process control", "Kiểm soát quá trình tốt hơn"),
        ("equipment_modification", "Equipment modification", "Cải tiến thiết bị"),
        ("technology_change", "Technology change", "Thay đổi công nghệ"),
        ("onsite_recovery_reuse", "On-site recovery and reuse", "Tuần hoàn, tái sử dụng tại chỗ"),
        ("useful_by_products", "Production of useful by-products",
         "Sản xuất sản phẩm phụ hữu ích"),
        ("product_modification", "Product modification", "Cải tiến sản phẩm"),
    )
}

#: typical investment classes, cheapest first (defined in the header of recp_options.csv)
COST_CLASSES: Mapping[str, Label] = {
    code: Label(code, en, vi)
    for code, en, vi in (
        ("no", "No cost", "Không tốn chi phí"),
        ("low", "Low cost", "Chi phí thấp"),
        ("medium", "Medium cost", "Chi phí trung bình"),
        ("high", "High cost", "Chi phí cao"),
    )
}

VERIFICATIONS = ("primary", "secondary", "unverified")
ANY_RESOURCE = "any"
ALL_SECTORS = "all"

CAUSE_COLUMNS = ("code", "label_en", "label_vi", "resource", "description")
OPTION_COLUMNS = (
    "code", "category", "title_en", "title_vi", "description_en", "description_vi", "causes",
    "sectors", "resource", "effect_low_pct", "effect_high_pct", "effect_source", "verification",
    "cost_class", "source",
)

_CAUSE_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_OPTION_CODE = re.compile(r"^[A-Z]{3}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Cause:
    """A cause of losses, as cause diagnosis names it; links hotspots to options."""

    code: str
    label: Label
    resource: str  # a flow kind, or "any"
    description: str


@dataclass(frozen=True, slots=True)
class EffectRange:
    """A typical saving of one resource, in % of its use where the option applies, with its source.

    Shown as "typical", never as a promise.
    """

    low_pct: Decimal
    high_pct: Decimal
    source: str
    verification: str

    @property
    def midpoint_pct(self) -> Decimal:
        return (self.low_pct + self.high_pct) / 2


@dataclass(frozen=True, slots=True)
class OptionTemplate:
    """One option of the RECP library; a consultant adapts it to a company as an assessment
    option."""

    code: str
    category: str
    title: Label
    description: Label
    causes: tuple[str, ...]
    sectors: tuple[str, ...]  # VSIC 4-digit codes, or ("all",)
    resource: str  # a flow kind, or "any"
    effect: EffectRange | None
    cost_class: str
    source: str

    @property
    def cross_cutting(self) -> bool:
        return self.sectors == (ALL_SECTORS,)

    def applies_to(self, sector_vsic: str) -> bool:
        """True when the option fits a company of VSIC class ``sector_vsic`` (4 or 5 digits)."""
        return self.cross_cutting or sector_vsic[:4] in self.sectors


class _Row:
    """One data line of a catalogue file, able to say where a bad value is."""

    def __init__(self, filename: str, line: int, values: dict[str, str]) -> None:
        self.filename = filename
        self.line = line
        self.values = values

    def __getitem__(self, column: str) -> str:
        return self.values[column].strip()

    def fail(self, column: str, problem: str) -> CatalogueError:
        return CatalogueError(
            _("{file} line {line}, column {column}: {problem}").format(
                file=self.filename, line=self.line, column=column, problem=problem
            )
        )


def _rows(text: str, filename: str, columns: tuple[str, ...]) -> Iterator[_Row]:
    numbered = records(text)
    if not numbered:
        raise CatalogueError(_("{file}: no header line").format(file=filename))
    (first, header), body = numbered[0], numbered[1:]
    if tuple(header) != columns:
        raise CatalogueError(
            _("{file} line {line}: the header must be {expected}, not {found}").format(
                file=filename, line=first, expected=",".join(columns), found=",".join(header),
            )
        )
    for number, cells in body:
        if len(cells) != len(header):
            raise CatalogueError(
                _("{file} line {line}: {found} columns instead of {expected}; quote values that "
                  "contain commas").format(
                    file=filename, line=number, found=len(cells), expected=len(header)
                )
            )
        yield _Row(filename, number, dict(zip(header, cells, strict=True)))


def check_code(row: _Row, pattern: re.Pattern[str], seen: set[str], example: str) -> str:
    code = row["code"]
    if not pattern.match(code):
        raise row.fail("code", _("'{code}' is not a valid code; write it like {example}").format(
            code=code, example=example))
    if code in seen:
        raise row.fail("code", _("'{code}' is used twice; give each row its own code").format(
            code=code))
    seen.add(code)
    return code


def check_text(row: _Row, column: str) -> str:
    value = row[column]
    if not value:
        language = _("Vietnamese") if column.endswith("_vi") else _("English")
        raise row.fail(column, _("the {language} text is missing; write it").format(
            language=language))
    return value


def check_resource(row: _Row) -> str:
    resource = row["resource"]
    if resource != ANY_RESOURCE and resource not in catalogues.flow_kinds():
        raise row.fail("resource", _("'{value}' is not a flow kind; use one of {choices} or "
                                     "'any'").format(
            value=resource, choices=", ".join(catalogues.flow_kinds())))
    return resource


def check_category(row: _Row) -> str:
    category = row["category"]
    if category not in CATEGORIES:
        raise row.fail("category", _("'{value}' is not an option category; use one of "
                                     "{choices}").format(
            value=category, choices=", ".join(CATEGORIES)))
    return category


def check_causes(row: _Row, causes: Mapping[str, Cause]) -> tuple[str, ...]:
    codes = tuple(code.strip() for code in row["causes"].split(";") if code.strip())
    if not codes:
        raise row.fail("causes", _("name at least one cause from recp_causes.csv"))
    for code in codes:
        if code not in causes:
            raise row.fail("causes", _("'{value}' is not in recp_causes.csv; add it there or "
                                       "fix the spelling").format(value=code))
    return codes


def check_sectors(row: _Row) -> tuple[str, ...]:
    codes = tuple(code.strip() for code in row["sectors"].split(";") if code.strip())
    if codes == (ALL_SECTORS,):
        return codes
    if not codes:
        raise row.fail("sectors", _("name VSIC codes separated by ';', or 'all'"))
    for code in codes:
        if code not in catalogues.vsic_sectors():
            raise row.fail("sectors", _("'{value}' is not in vsic2018.csv; add the sector there "
                                        "or use 'all' alone").format(value=code))
    return codes


def _percent(row: _Row, column: str) -> Decimal | None:
    text = row[column]
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise row.fail(column, _("'{value}' is not a percentage from 0 to 100").format(
            value=text))
    return value


def check_effect(row: _Row, resource: str) -> EffectRange | None:
    low, high = _percent(row, "effect_low_pct"), _percent(row, "effect_high_pct")
    verification = row["verification"]
    if verification not in VERIFICATIONS:
        raise row.fail("verification", _("'{value}' is not one of {choices}").format(
            value=verification, choices=", ".join(VERIFICATIONS)))
    if low is None and high is None:
        if verification != "unverified":
            raise row.fail("verification", _("with no effect range there is nothing verified; "
                                             "write 'unverified'"))
        return None
    if low is None or high is None:
        missing = "effect_low_pct" if low is None else "effect_high_pct"
        raise row.fail(missing, _("give both ends of the range, or leave both empty"))
    if low > high:
        raise row.fail("effect_low_pct", _("the low end {low} is above the high end {high}; "
                                           "swap them").format(low=low, high=high))
    if resource == ANY_RESOURCE:
        raise row.fail("resource", _("an effect range needs the resource it saves, not 'any'"))
    if not row["effect_source"]:
        raise row.fail("effect_source", _("say where the effect range comes from, or leave the "
                                          "range empty"))
    return EffectRange(low, high, row["effect_source"], verification)


def check_cost_class(row: _Row) -> str:
    cost_class = row["cost_class"]
    if cost_class not in COST_CLASSES:
        raise row.fail("cost_class", _("'{value}' is not a cost class; use one of "
                                       "{choices}").format(
            value=cost_class, choices=", ".join(COST_CLASSES)))
    return cost_class


def check_source(row: _Row) -> str:
    if not row["source"]:
        raise row.fail("source", _("say where the option comes from (a recp.md section, a sector "
                                   "guide or 'engineering practice')"))
    return row["source"]


def read_causes(text: str, *, filename: str = "recp_causes.csv") -> dict[str, Cause]:
    """The causes in ``text`` (the format of recp_causes.csv), checked."""
    causes: dict[str, Cause] = {}
    seen: set[str] = set()
    for row in _rows(text, filename, CAUSE_COLUMNS):
        code = check_code(row, _CAUSE_CODE, seen, "steam_leaks")
        label = Label(code, check_text(row, "label_en"), check_text(row, "label_vi"))
        causes[code] = Cause(code, label, check_resource(row), row["description"])
    return causes


def read_options(text: str, causes: Mapping[str, Cause], *,
                 filename: str = "recp_options.csv") -> dict[str, OptionTemplate]:
    """The option templates in ``text`` (the format of recp_options.csv), checked against
    ``causes``, the flow kinds and the VSIC sectors."""
    options: dict[str, OptionTemplate] = {}
    seen: set[str] = set()
    for row in _rows(text, filename, OPTION_COLUMNS):
        code = check_code(row, _OPTION_CODE, seen, "STM-01")
        resource = check_resource(row)
        options[code] = OptionTemplate(
            code=code,
            category=check_category(row),
            title=Label(code, check_text(row, "title_en"), check_text(row, "title_vi")),
            description=Label(code, check_text(row, "description_en"),
                              check_text(row, "description_vi")),
            causes=check_causes(row, causes),
            sectors=check_sectors(row),
            resource=resource,
            effect=check_effect(row, resource),
            cost_class=check_cost_class(row),
            source=check_source(row),
        )
    return options
