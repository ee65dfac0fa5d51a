"""Criteria editions: the shipped YAML files, imported YAML/XLSX files, and writing them back.

An edition file (schema in ``docs/eip-editions.md``) has edition fields, a list of categories
(sub-categories name their ``parent``) and a list of criteria. :func:`parse_edition` checks every
rule below and reports *all* broken ones at once as an :class:`IntakeError` whose problems name the
file or sheet, the row, the column and the criterion:

* required fields present, ``id`` in lower-case letters, digits, ``.`` and ``-``;
* enum values (status, requirement, measure, applies_to, comparison, verification) known;
* category codes unique, a sub-category's parent a top-level category;
* criterion ids unique; a criterion's category top-level and its sub-category a child of it;
* a share or quantity has a threshold and a unit; a share's unit is ``%`` and its threshold
  0–100; a yes/no criterion has no threshold; units come from :data:`CRITERION_UNITS`;
* an ``indicator`` is a code of the indicator catalogue and, for a share or quantity, has the
  criterion's unit;
* no unknown field (a typo would otherwise be silently dropped).

A shipped edition is never edited in place: :func:`load_edition` reads the shipped files first and
an imported edition cannot take a shipped id (the web layer enforces that when saving).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

import yaml

from openeip.core.eip.catalogue import indicator_catalogue
from openeip.core.eip.model import (
    AppliesTo,
    Category,
    Comparison,
    Criterion,
    Edition,
    Measure,
    Requirement,
    Verification,
)
from openeip.core.errors import CatalogueError, DomainError, IntakeError, Problem
from openeip.core.i18n import gettext as _

__all__ = [
    "CRITERION_UNITS",
    "EDITION_STATUSES",
    "edition_to_yaml",
    "load_edition",
    "parse_edition",
    "read_edition_file",
    "shipped_editions",
    "write_edition_template",
]

EDITION_STATUSES = ("in_force", "historic", "custom")
#: units a share or quantity criterion may use besides those of the indicator catalogue
CRITERION_UNITS = ("%", "count", "year", "ha", "MWh/yr", "m3/yr", "t/yr", "t CO2e/yr")

EDITION_FIELDS = ("id", "title_en", "title_vi", "issuer", "published", "status", "based_on",
                  "source_url", "notes_en", "notes_vi")
CATEGORY_FIELDS = ("code", "name_en", "name_vi", "parent")
CRITERION_FIELDS = tuple(f.name for f in fields(Criterion))
_REQUIRED_EDITION = ("id", "title_en", "title_vi", "issuer", "published", "status")
_REQUIRED_CRITERION = ("id", "category", "requirement", "measure", "applies_to", "text_en",
                       "text_vi", "source")
_ID = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
_SHEETS = ("Edition", "Categories", "Criteria")


@dataclass(frozen=True, slots=True)
class _Where:
    """Where each part of an edition came from, so a problem names its sheet, row and column."""

    edition: str
    categories: str
    criteria: str
    first_row: int                                  # row number of the first list item
    edition_rows: Mapping[str, int] | None = None   # XLSX: row of each edition field

    def edition_field(self, name: str, message: str) -> Problem:
        row = self.edition_rows.get(name) if self.edition_rows is not None else None
        return Problem(self.edition, row, name, message)


# ---------------------------------------------------------------------------- parsing


def parse_edition(data: Mapping[str, Any], source_name: str) -> Edition:
    """The edition described by ``data`` (a parsed YAML document), or IntakeError naming every
    problem with ``source_name`` as the sheet and the criterion's position as the row."""
    where = _Where(source_name, source_name, source_name, first_row=1)
    return _parse(data, where)


def _parse(data: Mapping[str, Any], where: _Where) -> Edition:
    if not isinstance(data, Mapping):
        raise IntakeError([Problem(where.edition, None, None, _(
            "The file does not describe an edition: expected fields id, title_en, … categories, "
            "criteria."))])
    problems: list[Problem] = []
    head = _edition_fields(data, where, problems)
    categories = _categories(data.get("categories"), where, problems)
    criteria = _criteria(data.get("criteria"), categories, where, problems)
    if problems:
        raise IntakeError(problems)
    return Edition(categories=tuple(categories.values()), criteria=tuple(criteria), **head)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _edition_fields(data: Mapping[str, Any], where: _Where,
                    problems: list[Problem]) -> dict[str, Any]:
    for key in data:
        if key not in (*EDITION_FIELDS, "categories", "criteria"):
            problems.append(where.edition_field(str(key), _(
                "Unknown edition field '{name}'. Known fields: {known}.").format(
                name=key, known=", ".join(EDITION_FIELDS))))
    head: dict[str, Any] = {name: _text(data.get(name)) for name in EDITION_FIELDS}
    for name in _REQUIRED_EDITION:
        if data.get(name) in (None, ""):
            problems.append(where.edition_field(name, _(
                "The edition needs a value for '{name}'.").format(name=name)))
    if head["id"] and not _ID.match(head["id"]):
        problems.append(where.edition_field("id", _(
            "Edition id '{value}': use lower-case letters, digits, '.' and '-' only, "
            "e.g. 'vn-decree-35-2022-park-x'.").format(value=head["id"])))
    if head["status"] and head["status"] not in EDITION_STATUSES:
        problems.append(where.edition_field("status", _(
            "Status '{value}' is not one of {allowed}.").format(
            value=head["status"], allowed=", ".join(EDITION_STATUSES))))
    head["published"] = _date(data.get("published"), where, problems)
    return head


def _date(value: Any, where: _Where, problems: list[Problem]) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value))
    except ValueError:
        if value not in (None, ""):
            problems.append(where.edition_field("published", _(
                "Date '{value}' is not a date: write it as YYYY-MM-DD.").format(value=value)))
        return dt.date.min


def _items(value: Any, name: str, where_sheet: str, problems: list[Problem]) -> list[Any]:
    if value is None or value == []:
        problems.append(Problem(where_sheet, None, name, _(
            "The edition lists no {name}: add at least one.").format(name=name)))
        return []
    if not isinstance(value, list):
        problems.append(Problem(where_sheet, None, name, _(
            "'{name}' must be a list.").format(name=name)))
        return []
    return value


def _categories(value: Any, where: _Where, problems: list[Problem]) -> dict[str, Category]:
    found: dict[str, Category] = {}
    rows: dict[str, int] = {}
    for index, item in enumerate(_items(value, "categories", where.categories, problems)):
        row = where.first_row + index
        if isinstance(item, Mapping) and not item:
            continue                                # a blank spreadsheet row
        if not isinstance(item, Mapping):
            problems.append(Problem(where.categories, row, None, _(
                "A category must have the fields code, name_en, name_vi and parent.")))
            continue
        code = _text(item.get("code"))
        for key in item:
            if key not in CATEGORY_FIELDS:
                problems.append(Problem(where.categories, row, str(key), _(
                    "Category '{code}': unknown field '{name}'.").format(code=code, name=key)))
        for name in ("code", "name_en", "name_vi"):
            if not _text(item.get(name)):
                problems.append(Problem(where.categories, row, name, _(
                    "Category '{code}' needs a value for '{name}'.").format(code=code, name=name)))
        if code in found:
            problems.append(Problem(where.categories, row, "code", _(
                "Category code '{code}' is used twice (first in row {first}).").format(
                code=code, first=rows[code])))
            continue
        if code:
            rows[code] = row
            found[code] = Category(code, _text(item.get("name_en")), _text(item.get("name_vi")),
                                   _text(item.get("parent")))
    for code, category in found.items():
        parent = found.get(category.parent)
        if category.parent and (parent is None or parent.parent):
            problems.append(Problem(where.categories, rows[code], "parent", _(
                "Category '{code}': parent '{parent}' is not a top-level category of this "
                "edition.").format(code=code, parent=category.parent)))
    return found


def _enum(enum: Any, value: Any, default: Any, report: Callable[[str, str], None],
          column: str) -> Any:
    text = _text(value)
    if not text:
        return default
    try:
        return enum(text)
    except ValueError:
        report(column, _("'{value}' is not one of {allowed}.").format(
            value=text, allowed=", ".join(member.value for member in enum)))
        return default


def _criteria(value: Any, categories: Mapping[str, Category], where: _Where,
              problems: list[Problem]) -> list[Criterion]:
    found: list[Criterion] = []
    rows: dict[str, int] = {}
    for index, item in enumerate(_items(value, "criteria", where.criteria, problems)):
        row = where.first_row + index
        if isinstance(item, Mapping) and not item:
            continue                                # a blank spreadsheet row
        if not isinstance(item, Mapping):
            problems.append(Problem(where.criteria, row, None, _(
                "A criterion must be a set of fields (id, category, requirement, …).")))
            continue
        criterion = _criterion(item, categories, where.criteria, row, problems)
        if criterion is None:
            continue
        if criterion.id in rows:
            problems.append(Problem(where.criteria, row, "id", _(
                "Criterion '{id}': the id is used twice (first in row {first}); give each "
                "criterion its own id.").format(id=criterion.id, first=rows[criterion.id])))
            continue
        rows[criterion.id] = row
        found.append(criterion)
    return found


def _criterion(item: Mapping[str, Any], categories: Mapping[str, Category], sheet: str, row: int,
               problems: list[Problem]) -> Criterion | None:
    criterion_id = _text(item.get("id"))
    count = len(problems)

    def report(column: str, message: str) -> None:
        problems.append(Problem(sheet, row, column, _("Criterion '{id}': {message}").format(
            id=criterion_id or "?", message=message)))

    for key in item:
        if key not in CRITERION_FIELDS:
            report(str(key), _("unknown field '{name}'.").format(name=key))
    for name in _REQUIRED_CRITERION:
        if not _text(item.get(name)):
            report(name, _("needs a value for '{name}'.").format(name=name))
    category, subcategory = _text(item.get("category")), _text(item.get("subcategory"))
    if category and (category not in categories or categories[category].parent):
        report("category", _("unknown category '{code}'; the edition's top-level categories "
                             "are {known}.").format(code=category, known=", ".join(
                                 c.code for c in categories.values() if not c.parent)))
    if subcategory and (subcategory not in categories
                        or categories[subcategory].parent != category):
        report("subcategory", _("'{code}' is not a sub-category of '{category}'.").format(
            code=subcategory, category=category))
    requirement = _enum(Requirement, item.get("requirement"), Requirement.PERFORMANCE, report,
                        "requirement")
    measure = _enum(Measure, item.get("measure"), Measure.YES_NO, report, "measure")
    applies_to = _enum(AppliesTo, item.get("applies_to"), AppliesTo.PARK, report, "applies_to")
    comparison = _enum(Comparison, item.get("comparison"), Comparison.AT_LEAST, report,
                       "comparison")
    verification = _enum(Verification, item.get("verification"), Verification.UNVERIFIED, report,
                         "verification")
    threshold = _threshold(item.get("threshold"), report)
    unit, indicator = _text(item.get("unit")), _text(item.get("indicator"))
    _check_measure(measure, threshold, unit, report)
    _check_indicator(indicator, measure, unit, report)
    new_parks_only = _flag(item.get("new_parks_only"), report)
    if len(problems) > count:
        return None
    return Criterion(
        id=criterion_id, category=category, subcategory=subcategory, requirement=requirement,
        text_en=_text(item.get("text_en")), text_vi=_text(item.get("text_vi")), measure=measure,
        applies_to=applies_to, threshold=threshold, comparison=comparison, unit=unit,
        indicator=indicator, evidence_en=_text(item.get("evidence_en")),
        evidence_vi=_text(item.get("evidence_vi")), source=_text(item.get("source")),
        clause=_text(item.get("clause")), verification=verification,
        note_en=_text(item.get("note_en")), note_vi=_text(item.get("note_vi")),
        new_parks_only=new_parks_only)


def _threshold(value: Any, report: Callable[[str, str], None]) -> Decimal | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, bool):
        report("threshold", _("threshold must be a number."))
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        report("threshold", _("threshold '{value}' is not a number.").format(value=value))
        return None
    if not number.is_finite():
        report("threshold", _("threshold '{value}' is not a number.").format(value=value))
        return None
    return number


def _flag(value: Any, report: Callable[[str, str], None]) -> bool:
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in ("true", "yes", "1"):
        return True
    if text in ("false", "no", "0"):
        return False
    report("new_parks_only", _("'{value}' is not true or false.").format(value=value))
    return False


def _check_measure(measure: Measure, threshold: Decimal | None, unit: str,
                   report: Callable[[str, str], None]) -> None:
    if measure is Measure.YES_NO:
        if threshold is not None:
            report("threshold", _("a yes/no criterion has no threshold; remove it or use the "
                                  "measure share_of_firms or quantity."))
        return
    if threshold is None:
        report("threshold", _("a {measure} criterion needs a threshold. If the source gives "
                              "none, make it a yes/no criterion.").format(measure=measure.value))
    if not unit:
        report("unit", _("a {measure} criterion needs a unit.").format(measure=measure.value))
    elif unit not in _known_units():
        report("unit", _("unknown unit '{unit}'; use one of {known}.").format(
            unit=unit, known=", ".join(sorted(_known_units()))))
    if measure is Measure.SHARE_OF_FIRMS:
        if unit and unit != "%":
            report("unit", _(
                # xgettext:no-python-format
                "a share of firms is in '%', not '{unit}'.").format(unit=unit))
        if threshold is not None and not Decimal(0) <= threshold <= Decimal(100):
            report("threshold", _("a share must be between 0 and 100, not {value}.").format(
                value=threshold))


def _check_indicator(indicator: str, measure: Measure, unit: str,
                     report: Callable[[str, str], None]) -> None:
    if not indicator:
        return
    definition = indicator_catalogue().get(indicator)
    if definition is None:
        report("indicator", _("unknown indicator '{code}'; known indicators: {known}.").format(
            code=indicator, known=", ".join(indicator_catalogue())))
    elif measure is not Measure.YES_NO and unit and definition.unit != unit:
        report("unit", _("indicator '{code}' is in '{indicator_unit}', the criterion in "
                         "'{unit}'.").format(code=indicator, indicator_unit=definition.unit,
                                             unit=unit))


@cache
def _known_units() -> frozenset[str]:
    return frozenset(CRITERION_UNITS) | {d.unit for d in indicator_catalogue().values()}


# ---------------------------------------------------------------------------- shipped editions


@cache
def shipped_editions() -> tuple[Edition, ...]:
    """The editions shipped in ``openeip/data/eip/editions``, ordered by id."""
    folder = resources.files("openeip.data.eip") / "editions"
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        try:
            edition = parse_edition(yaml.safe_load(entry.read_text(encoding="utf-8")), entry.name)
        except IntakeError as error:
            raise CatalogueError(str(error)) from error
        if "{}.yaml".format(edition.id) != entry.name:
            raise CatalogueError("{}: its id is '{}'; the file must be named after its id".format(
                entry.name, edition.id))
        found.append(edition)
    return tuple(found)


def load_edition(edition_id: str, extra: Mapping[str, Edition] | None = None) -> Edition:
    """The shipped edition ``edition_id``, else the one in ``extra`` (imported editions)."""
    for edition in shipped_editions():
        if edition.id == edition_id:
            return edition
    if extra and edition_id in extra:
        return extra[edition_id]
    raise DomainError(_("Unknown EIP edition '{id}'.").format(id=edition_id), "edition")


# ---------------------------------------------------------------------------- files


def read_edition_file(content: bytes, filename: str) -> Edition:
    """An edition from an uploaded ``.yaml``/``.yml`` or ``.xlsx`` file."""
    name = Path(filename).name
    suffix = Path(filename).suffix.lower()
    if suffix in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(content.decode("utf-8"))
        except (UnicodeDecodeError, yaml.YAMLError) as error:
            raise IntakeError([Problem(name, None, None, _(
                "The file is not valid UTF-8 YAML: {error}").format(error=error))]) from error
        return parse_edition(data, name)
    if suffix == ".xlsx":
        return _read_xlsx(content, name)
    raise IntakeError([Problem(name, None, None, _(
        "Upload an edition as .yaml or .xlsx (sheets Edition, Categories, Criteria)."))])


def _read_xlsx(content: bytes, name: str) -> Edition:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a file that is not a workbook
        raise IntakeError([Problem(name, None, None, _(
            "The file is not an Excel workbook (.xlsx): {error}").format(error=error))]) from error
    missing = [sheet for sheet in _SHEETS if sheet not in book.sheetnames]
    if missing:
        raise IntakeError([Problem(name, None, None, _(
            "The workbook needs the sheets {sheets}; missing: {missing}.").format(
            sheets=", ".join(_SHEETS), missing=", ".join(missing)))])
    data: dict[str, Any] = {}
    edition_rows: dict[str, int] = {}
    for number, row in enumerate(book["Edition"].iter_rows(values_only=True), start=1):
        if number == 1 or not row or row[0] in (None, ""):
            continue
        key = _text(row[0])
        data[key] = row[1] if len(row) > 1 else None
        edition_rows[key] = number
    data["categories"] = _table_rows(book["Categories"].iter_rows(values_only=True))
    data["criteria"] = _table_rows(book["Criteria"].iter_rows(values_only=True))
    where = _Where("Edition", "Categories", "Criteria", first_row=2, edition_rows=edition_rows)
    return _parse(data, where)


def _table_rows(rows: Iterable[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Rows under a header row as dicts, empty cells left out; trailing empty rows dropped."""
    iterator = iter(rows)
    header = [_text(cell) for cell in next(iterator, ())]
    items = [{key: cell for key, cell in zip(header, row, strict=False)
              if key and cell not in (None, "")} for row in iterator]
    while items and not items[-1]:
        items.pop()
    return items


def _plain(edition: Edition) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in EDITION_FIELDS:
        value = getattr(edition, name)
        if value or name in _REQUIRED_EDITION:
            data[name] = value
    data["categories"] = [
        {key: getattr(c, key) for key in CATEGORY_FIELDS if getattr(c, key)}
        for c in edition.categories]
    data["criteria"] = [_plain_criterion(c) for c in edition.criteria]
    return data


def _plain_criterion(criterion: Criterion) -> dict[str, Any]:
    default = Criterion("", "", "", Requirement.PERFORMANCE, "", "", Measure.YES_NO,
                        AppliesTo.PARK)
    item: dict[str, Any] = {}
    for name in CRITERION_FIELDS:
        value = getattr(criterion, name)
        if name not in _REQUIRED_CRITERION and value == getattr(default, name):
            continue
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else str(value)
        elif hasattr(value, "value"):
            value = value.value
        item[name] = value
    return item


def edition_to_yaml(edition: Edition) -> str:
    """The edition as YAML text that :func:`parse_edition` reads back to an equal edition."""
    return yaml.safe_dump(_plain(edition), sort_keys=False, allow_unicode=True, width=100)


def write_edition_template(target: str | Path | IO[bytes],
                           edition: Edition | None = None) -> None:
    """An XLSX workbook to fill in (sheets Edition, Categories, Criteria), pre-filled with
    ``edition`` (by default the Decree 35 edition, to adapt under a new id)."""
    import openpyxl
    from openpyxl.styles import Font

    source = edition or load_edition("vn-decree-35-2022")
    data = _plain(source)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Edition"
    sheet.append(["field", "value"])
    for name in EDITION_FIELDS:
        value = data.get(name, "")
        sheet.append([name, value.isoformat() if isinstance(value, dt.date) else value])
    if edition is None:
        sheet["B2"] = "{}-custom".format(source.id)
        sheet["B7"] = "custom"
        sheet["B8"] = source.id
    for title, columns, items in (("Categories", CATEGORY_FIELDS, data["categories"]),
                                  ("Criteria", CRITERION_FIELDS, data["criteria"])):
        table = book.create_sheet(title)
        table.append(list(columns))
        for item in items:
            table.append([item.get(column, "") for column in columns])
    for table in book.worksheets:
        for cell in table[1]:
            cell.font = Font(bold=True)
    book.save(target)
