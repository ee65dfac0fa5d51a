"""The xlsx side of the format: the data-collection template and workbook exports.

Both are the same workbook: a guide sheet, one sheet per table with 'Label [key]' headers (a
hint in both languages as each header's comment, drop-down lists, frozen header row) and a
hidden 'Lists' sheet the drop-downs read from. The template adds one '#' example row per sheet;
an export adds the data. Written in openpyxl's write-only mode so large exports stay fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from openeip.core import catalogues
from openeip.core.catalogues import Label
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language as use_language
from openeip.core.intake._columns import Column, Table, choices, column_letter, tables
from openeip.core.intake._records import Record

_HEADER_FILL = "DDEBF7"
_REQUIRED_FILL = "FCE4D6"
_EXAMPLE_COLOUR = "808080"
#: units offered in the drop-down (any other unit may still be typed)
COMMON_UNITS = ("t", "kg", "m³", "L", "kWh", "MWh", "GJ", "toe", "Nm3", "tCO2e", "hL", "pcs")
_YES_NO = ("yes", "no")
_LAST_ROW = 1048576
GUIDE_SHEET = Label("guide", "Guide", "Hướng dẫn")


def _lists() -> dict[str, tuple[str, ...]]:
    """Drop-down name → values, one column each in the hidden Lists sheet."""
    return {
        "direction": tuple(choices("direction")),
        "flow_kind": tuple(choices("flow_kind")),
        "unit": COMMON_UNITS,
        "fate": tuple(choices("fate")),
        "source": tuple(choices("source")),
        "ownership": tuple(choices("ownership")),
        "boolean": _YES_NO,
        "fuel": tuple(catalogues.fuels()),
    }


def _list_for(column: Column) -> tuple[str, bool] | None:
    """(list name, strict) of a column's drop-down; strict lists refuse other values."""
    if column.catalogue:
        return column.catalogue, True
    if column.type == "boolean":
        return "boolean", True
    if column.type == "unit":
        return "unit", False
    if column.key == "classification_code":
        return "fuel", False  # waste codes are welcome too
    return None


def cell_value(column: Column, value: Any) -> Any:
    """How a record's value is written into a cell (booleans as the drop-down's yes/no)."""
    if isinstance(value, bool):
        return _YES_NO[0] if value else _YES_NO[1]
    if value == "" or value is None:
        return None
    return value


def write_workbook(stream: IO[bytes], language: str,
                   rows: dict[str, Iterable[Record]] | None) -> None:
    """Write the workbook; ``rows`` None writes the template (one example row per sheet)."""
    import openpyxl

    with use_language(language):
        workbook = openpyxl.Workbook(write_only=True)
        guide = workbook.create_sheet(GUIDE_SHEET.text(language))
        list_ranges = _write_lists(workbook)
        for table in tables().values():
            _write_table(workbook, table, language, list_ranges,
                         None if rows is None else rows.get(table.key, ()))
        _write_guide(guide, language)
        workbook.save(stream)


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill

    return {
        "header": Font(bold=True),
        "fill": PatternFill("solid", fgColor=_HEADER_FILL),
        "required": PatternFill("solid", fgColor=_REQUIRED_FILL),
        "example": Font(italic=True, color=_EXAMPLE_COLOUR),
        "wrap": Alignment(wrap_text=True, vertical="top"),
    }


def _write_lists(workbook: Any) -> dict[str, str]:
    sheet = workbook.create_sheet("Lists")
    sheet.sheet_state = "hidden"
    lists = _lists()
    names = list(lists)
    sheet.append(names)
    longest = max(len(values) for values in lists.values())
    for index in range(longest):
        sheet.append([values[index] if index < len(values) else None
                      for values in lists.values()])
    return {
        name: "Lists!${0}$2:${0}${1}".format(column_letter(position), len(lists[name]) + 1)
        for position, name in enumerate(names)
    }


def _write_table(workbook: Any, table: Table, language: str, list_ranges: dict[str, str],
                 records: Iterable[Record] | None) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    styles = _styles()
    sheet = workbook.create_sheet(table.sheet.text(language))
    sheet.freeze_panes = "A2"
    header = []
    for index, column in enumerate(table.columns):
        letter = column_letter(index)
        title = column.header(language)
        sheet.column_dimensions[letter].width = min(max(len(title) + 4, 12), 45)
        if column.type in ("text", "period", "unit", "points") or column.catalogue:
            sheet.column_dimensions[letter].number_format = "@"  # keep '0111', '2024-03'
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = styles["header"]
        cell.fill = styles["required"] if column.required else styles["fill"]
        cell.alignment = styles["wrap"]
        cell.comment = Comment("{}\n\n{}".format(column.hint.en, column.hint.vi), "OpenEIP",
                               height=160, width=320)
        header.append(cell)
        drop_down = _list_for(column)
        if drop_down is not None:
            name, strict = drop_down
            validation = DataValidation(type="list", formula1=list_ranges[name],
                                        allow_blank=True, showErrorMessage=strict,
                                        errorTitle=column.label.text(language),
                                        error=column.hint.text(language))
            validation.add("{0}2:{0}{1}".format(letter, _LAST_ROW))
            sheet.data_validations.append(validation)
    sheet.append(header)
    if records is None:
        example = []
        for index, column in enumerate(table.columns):
            value = ("# " + column.example) if index == 0 else _example(column)
            cell = WriteOnlyCell(sheet, value=value)
            cell.font = styles["example"]
            example.append(cell)
        sheet.append(example)
        return
    columns = table.columns
    for record in records:
        values = [cell_value(column, record[column.key]) for column in columns]
        if any(isinstance(value, str) and value.startswith("=") for value in values):
            values = [_literal(sheet, value) for value in values]
        sheet.append(values)


def _literal(sheet: Any, value: Any) -> Any:
    """Text that starts with '=' stays text (openpyxl would otherwise store it as a formula)."""
    from openpyxl.cell import WriteOnlyCell

    if not (isinstance(value, str) and value.startswith("=")):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _example(column: Column) -> Any:
    """The column's example as the cell would hold it: numbers as numbers."""
    if not column.example:
        return None
    if column.type == "integer":
        return int(column.example)
    if column.type == "number":
        number = float(column.example)
        return int(number) if number.is_integer() else number
    return column.example


def _write_guide(sheet: Any, language: str) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)

    def heading(text: str) -> list[Any]:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True, size=13)
        return [cell]

    def header_row(*texts: str) -> list[Any]:
        cells = []
        for text in texts:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            cells.append(cell)
        return cells

    for letter, width in zip("ABCDEFG", (18, 34, 24, 12, 20, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(heading(_("OpenEIP data-collection workbook")))
    for line in (
        _("Fill one sheet per table: the park, its companies, their products and their "
          "resource flows. Any sheet may stay empty apart from its header row."),
        _("Each header reads 'Label [key]'; OpenEIP reads the key in brackets, so keep it. "
          "Point at a header to see its explanation in English and Vietnamese."),
        _("A row whose first cell starts with # is a comment and is not read: the grey example "
          "row is one. Empty rows are skipped."),
        _("A period is a year (2024) or a month (2024-03). Write numbers without thousands "
          "separators, with a dot for decimals."),
        _("Columns shaded orange are required. Products and flows name their company by its "
          "code from the Companies sheet (or a company already registered in the park)."),
        _("Importing the same file twice changes nothing; an import adds and updates rows but "
          "never deletes any."),
    ):
        sheet.append([line])
    sheet.append([])
    sheet.append(header_row(_("Sheet"), _("Column"), _("Key"), _("Required"), _("Type"),
                            "English", "Tiếng Việt"))
    for table in tables().values():
        for column in table.columns:
            sheet.append([table.sheet.text(language), column.label.text(language), column.key,
                          _("yes") if column.required else _("no"), column.type,
                          column.hint.en, column.hint.vi])
    sheet.append([])
    sheet.append(header_row(_("List"), _("Code"), "English", "Tiếng Việt"))
    for catalogue in ("direction", "flow_kind", "fate", "source", "ownership"):
        for code, label in choices(catalogue).items():
            sheet.append([catalogue, code, label.en, label.vi])
    for code, fuel in catalogues.fuels().items():
        sheet.append(["fuel", code, fuel.label.en, fuel.label.vi])
