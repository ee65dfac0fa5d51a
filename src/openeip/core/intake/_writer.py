"""Writing the interchange format: the template, and a Dataset as xlsx, CSV or JSON.

Every writer is lossless: :func:`read_dataset` gives back a Dataset whose domain objects equal
the ones written.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import IO, Any

from openeip.core.csv_cells import guard
from openeip.core.i18n import gettext as _
from openeip.core.intake._columns import CSV_TABLE_NAMES, TABLE_KEYS, tables
from openeip.core.intake._dataset import Dataset
from openeip.core.intake._records import Record, records
from openeip.core.intake._sources import JSON_FORMAT, JSON_VERSION
from openeip.core.intake._workbook import write_workbook

FORMATS = ("xlsx", "csv", "json")


def write_template(stream: IO[bytes], language: str) -> None:
    """The data-collection workbook, headers and guide in ``language`` ('vi' or 'en')."""
    write_workbook(stream, language, None)


def write_dataset(dataset: Dataset, stream: IO[bytes], fmt: str, *,
                  language: str = "en") -> None:
    """Write ``dataset`` to ``stream`` as 'xlsx', 'csv' or 'json' (xlsx headers in ``language``)."""
    fmt = fmt.lower().lstrip(".")
    if fmt == "xlsx":
        write_workbook(stream, language, {key: records(dataset, key) for key in TABLE_KEYS})
    elif fmt == "csv":
        _write_csv(dataset, stream)
    elif fmt == "json":
        _write_json(dataset, stream)
    else:
        raise ValueError(_("Unknown export format '{fmt}'; use xlsx, csv or json.").format(
            fmt=fmt))


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _write_csv(dataset: Dataset, stream: IO[bytes]) -> None:
    """One CSV for all tables: a first column 'table', then the union of every table's keys."""
    header: list[str] = ["table"]
    for table in tables().values():
        header += [key for key in table.column_keys() if key not in header]
    position = {key: index for index, key in enumerate(header)}
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    for key in TABLE_KEYS:
        for record in records(dataset, key):
            row = [""] * len(header)
            row[0] = CSV_TABLE_NAMES[key]
            for name, value in record.items():
                cell = _csv_text(value)
                row[position[name]] = guard(cell) if isinstance(value, str) else cell
            writer.writerow(row)
    # the byte-order mark makes Excel open the file as UTF-8, so Vietnamese text survives
    stream.write(text.getvalue().encode("utf-8-sig"))


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        as_float = float(value)
        # a number when a float carries the amount exactly, otherwise the exact digits as text
        return as_float if Decimal(repr(as_float)) == value else format(value, "f")
    return value


def _json_record(record: Record) -> Record:
    converted = {name: _json_value(value) for name, value in record.items()}
    if "boundary" in converted:
        converted["boundary"] = [
            [float(part) for part in pair.split()]
            for pair in str(record["boundary"]).split(";") if pair.strip()
        ]
    return converted


def _write_json(dataset: Dataset, stream: IO[bytes]) -> None:
    park = next(iter(records(dataset, "park")), None)
    document: dict[str, Any] = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "park": None if park is None else _json_record(park),
    }
    for key in TABLE_KEYS[1:]:
        document[key] = [_json_record(record) for record in records(dataset, key)]
    stream.write(json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))
