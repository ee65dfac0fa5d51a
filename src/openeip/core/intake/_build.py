"""Raw tables → domain objects, collecting every problem with its sheet, row and column.

A row is read cell by cell (each cell's type from intake_columns.csv), then handed to the domain
object, whose :class:`DomainError` names the field that broke a rule; that field is mapped back
to its column. Checks across rows (duplicate keys, unknown companies) come last.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass, field
from typing import Any

from openeip.core import catalogues
from openeip.core.domain import (
    Company,
    Direction,
    FlowKind,
    LandUse,
    Location,
    Park,
    Product,
    ResourceFlow,
)
from openeip.core.errors import CellError, DomainError, Problem, Suggestion
from openeip.core.i18n import current_language
from openeip.core.i18n import gettext as _
from openeip.core.intake._dataset import AcceptedFuel, Dataset
from openeip.core.intake._fuel_words import suggest_fuel
from openeip.core.intake._sources import RawTable
from openeip.core.intake._values import FORMULA_ERRORS, as_decimal, reader
from openeip.core.units import Quantity

# Domain fields whose name differs from the column that holds them.
_FIELD_COLUMNS = {
    "area": "area_ha",
    "land_use": "industrial_land_ha",
    "industrial": "industrial_land_ha",
    "green_space": "green_space_ha",
    "roads": "roads_ha",
    "shared_infrastructure": "shared_infrastructure_ha",
    "year": "period",
    "month": "period",
}
_LAND_USE = ("industrial_land_ha", "green_space_ha", "roads_ha", "shared_infrastructure_ha")


class _RowProblem(Exception):
    def __init__(self, column: str | None, message: str,
                 suggestion: Suggestion | None = None) -> None:
        super().__init__(message)
        self.column = column
        self.message = message
        self.suggestion = suggestion


@dataclass
class Built:
    """Objects of one table with their rows, plus what later checks need."""

    objects: list[Any] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    #: company code of every row that named one, valid or not (so one bad company row does
    #: not also make all its flows 'unknown company')
    codes: set[str] = field(default_factory=set)


def _location(values: dict[str, Any]) -> Location | None:
    latitude, longitude = values.get("latitude"), values.get("longitude")
    if latitude is None and longitude is None:
        return None
    if latitude is None or longitude is None:
        missing = "latitude" if latitude is None else "longitude"
        raise _RowProblem(missing, _("Give both latitude and longitude, or neither."))
    return Location(float(latitude), float(longitude))


def _park(values: dict[str, Any]) -> Park:
    given = [values.get(key) for key in _LAND_USE]
    land_use = None
    if any(part is not None for part in given):
        if any(part is None for part in given):
            missing = _LAND_USE[given.index(None)]
            raise _RowProblem(missing, _("Give all four land-use areas (industrial land, green "
                                         "space, roads, shared infrastructure) or none of them."))
        land_use = LandUse(*(Quantity(float(part), "ha") for part in given if part is not None))
    return Park(
        slug=values["slug"], name_en=values.get("name_en", ""), name_vi=values.get("name_vi", ""),
        province=values["province"], area=Quantity(float(values["area_ha"]), "ha"),
        operator=values.get("operator", ""), land_use=land_use, location=_location(values),
        boundary=values.get("boundary", ()),
    )


def _company(park_slug: str) -> Callable[[dict[str, Any]], Company]:
    def make(values: dict[str, Any]) -> Company:
        vsic = values["vsic_code"]
        if vsic.isdigit() and len(vsic) == 3:
            vsic = "0" + vsic  # a spreadsheet dropped the leading zero of e.g. 0111
        return Company(
            code=values["code"], name_en=values.get("name_en", ""),
            name_vi=values.get("name_vi", ""), vsic_code=vsic,
            vsic_name=values.get("vsic_name", ""), employees=values.get("employees"),
            ownership=values.get("ownership", ""), location=_location(values),
            park_slug=park_slug,
        )

    return make


def _money(values: dict[str, Any], key: str) -> Any:
    value = values.get(key)
    return None if value is None else as_decimal(value)


def _product(values: dict[str, Any]) -> Product:
    return Product(
        company_code=values["company_code"], period=values["period"], name=values["name"],
        quantity=Quantity(float(values["quantity"]), values["unit"]),
        sales_value_vnd=_money(values, "sales_value_vnd"),
    )


def _flow(values: dict[str, Any]) -> ResourceFlow:
    return ResourceFlow(
        company_code=values["company_code"], period=values["period"],
        direction=Direction(values["direction"]), kind=FlowKind(values["kind"]),
        description=values["description"], quantity=Quantity(float(values["quantity"]),
                                                             values["unit"]),
        classification_code=values.get("classification_code", ""),
        hazardous=values.get("hazardous", False), cost_vnd=_money(values, "cost_vnd"),
        fate=values.get("fate", ""), source=values.get("source", ""),
        unit_operation=values.get("unit_operation", ""),
    )


def _flow_or_fuel_suggestion(accept: bool, accepted: list[AcceptedFuel]
                             ) -> Callable[[dict[str, Any]], ResourceFlow]:
    """The flow of a row; a fuel given in t, kg, L or m³ without its fuel code gets the code its
    description suggests only when ``accept`` (the user confirmed), otherwise the problem carries
    the suggestion."""
    def make(values: dict[str, Any]) -> ResourceFlow:
        try:
            return _flow(values)
        except DomainError as error:
            if error.field != "classification_code" or values.get("classification_code"):
                raise
            found = suggest_fuel(values["description"])
            if found is None:
                raise
            if accept:
                flow = _flow({**values, "classification_code": found.code})
                accepted.append(AcceptedFuel(values["description"], found.code, found.word))
                return flow
            name = catalogues.fuels()[found.code].label.text(current_language())
            raise _RowProblem("classification_code", _(
                "Fuel code missing; the description '{description}' suggests '{code}' ({name}), "
                "from the word '{word}'. Accept the suggested fuel or fill in the fuel code."
            ).format(description=values["description"], code=found.code, name=name,
                     word=found.word),
                Suggestion("classification_code", found.code, found.word,
                           values["description"])) from None

    return make


def _build(raw: RawTable, make: Callable[[dict[str, Any]], Any],
           problems: list[Problem], code_key: str | None,
           known_codes: Collection[str] | None = None) -> Built:
    """Read every row of ``raw``; with ``known_codes``, a row's company_code must be one."""
    table = raw.table
    language = current_language()
    readers = [(c.key, reader(c.type), c.required, c.label.text(language))
               for c in table.columns if c.key in raw.columns]
    built = Built()
    sheet, columns = raw.sheet, raw.columns

    def problem(row: int, key: str | None, message: str,
                suggestion: Suggestion | None = None) -> None:
        column = columns.get(key) if key else None
        problems.append(Problem(sheet, row, column, message, suggestion))

    for row, cells in raw.rows:
        values: dict[str, Any] = {}
        broken = False
        for key, read, required, label in readers:
            value = cells.get(key)
            if value.__class__ is str:
                value = value.strip() or None
                if value is not None and value[0] == "#" and value in FORMULA_ERRORS:
                    problem(row, key, _("The cell shows the formula error {error}; correct the "
                                        "formula or type the value.").format(error=value))
                    broken = True
                    continue
            if value is None:
                if required:
                    problem(row, key, _("'{label}' is required but the cell is empty; fill it "
                                        "in.").format(label=label))
                    broken = True
                continue
            try:
                values[key] = read(value)
            except CellError as error:
                problem(row, key, str(error))
                broken = True
        if code_key and code_key in values:
            built.codes.add(values[code_key])
        code = values.get("company_code")
        if known_codes is not None and code is not None and code not in known_codes:
            problem(row, "company_code", _(
                "Unknown company '{code}'; add it to the Companies sheet, or check the "
                "code.").format(code=code))
            broken = True
        if broken:
            continue
        try:
            obj = make(values)
        except _RowProblem as error:
            problem(row, error.column, error.message, error.suggestion)
            continue
        except DomainError as error:
            field_key = _FIELD_COLUMNS.get(error.field or "", error.field)
            problem(row, field_key if field_key in columns else None, str(error))
            continue
        built.objects.append(obj)
        built.rows.append(row)
    return built


def _duplicates(raw: RawTable, built: Built, key: Callable[[Any], Hashable], column: str,
                fields: str, problems: list[Problem]) -> tuple[list[Any], list[int]]:
    """Keep the first row of each natural key; report every later one."""
    first: dict[Hashable, int] = {}
    kept: list[Any] = []
    rows: list[int] = []
    for obj, row in zip(built.objects, built.rows, strict=True):
        natural_key = key(obj)
        earlier = first.setdefault(natural_key, row)
        if earlier != row:
            problems.append(Problem(raw.sheet, row, raw.columns.get(column), _(
                "This row repeats row {row} (same {fields}); merge the two rows or correct one "
                "of them.").format(row=earlier, fields=fields)))
            continue
        kept.append(obj)
        rows.append(row)
    return kept, rows


def build_dataset(raw_tables: list[RawTable], known_companies: Collection[str],
                  problems: list[Problem], accept_fuel_suggestions: bool = False) -> Dataset:
    """Domain objects from ``raw_tables``; append every problem found to ``problems``.

    ``accept_fuel_suggestions``: fill a missing fuel code with the one the flow's description
    suggests (the user confirmed); the dataset lists each one in ``accepted_fuels``.
    """
    by_key = {raw.table.key: raw for raw in raw_tables}
    dataset = Dataset(places={key: (raw.sheet, dict(raw.columns)) for key, raw in by_key.items()})
    if "park" in by_key:
        raw = by_key["park"]
        built = _build(raw, _park, problems, None)
        for row in built.rows[1:]:
            problems.append(Problem(raw.sheet, row, None, _(
                "A file describes one park; delete this row or import it in a separate file.")))
        dataset.park = built.objects[0] if built.objects else None
    file_codes: set[str] = set()
    if "companies" in by_key:
        raw = by_key["companies"]
        built = _build(raw, _company(dataset.park.slug if dataset.park else ""), problems, "code")
        file_codes = built.codes
        dataset.companies, dataset.company_rows = _duplicates(
            raw, built, lambda c: c.code, "code", _("company code"), problems)
    known = file_codes | set(known_companies)
    if "products" in by_key:
        raw = by_key["products"]
        built = _build(raw, _product, problems, None, known)
        dataset.products, dataset.product_rows = _duplicates(
            raw, built, lambda p: p.key(), "name", _("company, period and product"), problems)
    if "flows" in by_key:
        raw = by_key["flows"]
        built = _build(raw, _flow_or_fuel_suggestion(accept_fuel_suggestions,
                                                     dataset.accepted_fuels),
                       problems, None, known)
        dataset.flows, dataset.flow_rows = _duplicates(
            raw, built, lambda f: f.key(), "description",
            _("company, period, direction, kind and description"), problems)
    return dataset
