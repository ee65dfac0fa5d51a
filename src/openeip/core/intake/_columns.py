"""The interchange format's tables and columns, read from ``openeip/data/intake_columns.csv``.

The reader, the writer, the template and its guide sheet all work from this one table, so a
column is added by adding a line to the file (PyPSA's "metadata as data").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from openeip.core import catalogues
from openeip.core.catalogues import Label, read_table
from openeip.core.errors import CatalogueError

TABLE_KEYS = ("park", "companies", "products", "flows")

# Sheet names are part of the format: a workbook may use either language's name, or the key.
_SHEET_NAMES = {
    "park": Label("park", "Park", "Khu công nghiệp"),
    "companies": Label("companies", "Companies", "Doanh nghiệp"),
    "products": Label("products", "Products", "Sản phẩm"),
    "flows": Label("flows", "Flows", "Dòng tài nguyên"),
}

#: the value of the ``table`` column of a multi-table CSV, one per table
CSV_TABLE_NAMES = {"park": "park", "companies": "company", "products": "product", "flows": "flow"}

_DIRECTIONS = {
    "input": Label("input", "Input", "Đầu vào"),
    "output": Label("output", "Output", "Đầu ra"),
}

_TYPES = re.compile(r"^(text|number|integer|boolean|period|unit|points|choice:[a-z_]+)$")
_HEADER_KEY = re.compile(r"\[\s*([A-Za-z0-9_]+)\s*\]\s*$")


@dataclass(frozen=True, slots=True)
class Column:
    table: str
    key: str
    label: Label
    required: bool
    type: str
    example: str
    hint: Label

    def header(self, language: str) -> str:
        """The header the template writes, such as 'Đơn vị [unit]'."""
        return "{} [{}]".format(self.label.text(language), self.key)

    @property
    def catalogue(self) -> str | None:
        return self.type.split(":", 1)[1] if self.type.startswith("choice:") else None


@dataclass(frozen=True, slots=True)
class Table:
    key: str
    sheet: Label
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def column_keys(self) -> tuple[str, ...]:
        return tuple(column.key for column in self.columns)


@lru_cache(maxsize=1)
def tables() -> dict[str, Table]:
    """Every table of the format, in the order of the workbook's sheets."""
    columns: dict[str, list[Column]] = {key: [] for key in TABLE_KEYS}
    for number, row in read_table("intake_columns.csv").numbered():
        if row["table"] not in columns or not _TYPES.match(row["type"]):
            raise CatalogueError(
                "intake_columns.csv row {}: unknown table or type".format(number)
            )
        columns[row["table"]].append(Column(
            table=row["table"], key=row["key"],
            label=Label(row["key"], row["label_en"], row["label_vi"]),
            required=row["required"] == "yes", type=row["type"], example=row["example"],
            hint=Label(row["key"], row["hint_en"], row["hint_vi"]),
        ))
    return {key: Table(key, _SHEET_NAMES[key], tuple(columns[key])) for key in TABLE_KEYS}


def choices(catalogue: str) -> dict[str, Label]:
    """Codes and labels of a choice column's catalogue, such as 'fate' or 'flow_kind'."""
    if catalogue == "direction":
        return _DIRECTIONS
    if catalogue == "flow_kind":
        return {code: info.label for code, info in catalogues.flow_kinds().items()}
    if catalogue == "fate":
        return catalogues.fates()
    if catalogue == "source":
        return catalogues.sources()
    if catalogue == "ownership":
        return catalogues.ownerships()
    raise CatalogueError("intake_columns.csv names an unknown catalogue '{}'".format(catalogue))


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def sheet_language(names: list[str]) -> str | None:
    """'vi' when a sheet carries a Vietnamese table name, 'en' when an English one, else None."""
    folded = {_folded(name) for name in names}
    for language in ("vi", "en"):
        if any(_folded(label.text(language)) in folded for label in _SHEET_NAMES.values()):
            return language
    return None


def sheet_name(table: str, language: str) -> str:
    """The name a workbook in ``language`` gives the sheet of ``table``."""
    label = _SHEET_NAMES.get(table)
    return label.text(language) if label else table


@cache
def table_for_sheet(name: str) -> str | None:
    """The table a sheet holds, by its English or Vietnamese name or its key (any case)."""
    wanted = _folded(name)
    for key, label in _SHEET_NAMES.items():
        if wanted in (key, _folded(label.en), _folded(label.vi)):
            return key
    return None


def header_key(header: str, table: Table) -> str | None:
    """Column key of a header cell: 'Label [key]', the bare key or either label (any case)."""
    match = _HEADER_KEY.search(header)
    if match:
        key = match.group(1).lower()
        return key if key in table.column_keys() else None
    wanted = _folded(header)
    for column in table.columns:
        if wanted in (column.key, _folded(column.label.en), _folded(column.label.vi)):
            return column.key
    return None


def column_letter(index: int) -> str:
    """Spreadsheet letter of the 0-based column ``index``: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
