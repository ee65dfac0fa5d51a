"""The interchange format: read, validate and write park data (xlsx, csv, json).

Public surface:

* :class:`Dataset` — what a file holds once validated (domain objects only);
* :func:`read_dataset` — bytes of a file → Dataset, or :class:`IntakeError` listing every problem
  with its sheet, row and column; :func:`count_rows` — a cheap size estimate; both read within
  :class:`ReadLimits` (unpacked size, cell length, rows, columns, JSON nesting);
* :func:`write_template` and :func:`write_dataset` — the collection workbook and exports;
* :func:`suggest_fuel` — the fuel a flow description names ('Than cám 4a' → anthracite), offered
  on the problem (:attr:`Problem.suggestion`) until the user accepts it
  (``read_dataset(..., accept_fuel_suggestions=True)``) or writes it into a corrected copy
  (:func:`apply_suggestions`);
* :func:`tables` and :func:`table_for_sheet` — the format's tables and columns (from
  ``openeip/data/intake_columns.csv``).

The format itself is described in ``docs/interchange-format.md``.
"""

from openeip.core.intake._columns import (
    TABLE_KEYS,
    Column,
    Table,
    sheet_name,
    table_for_sheet,
    tables,
)
from openeip.core.intake._corrections import apply_suggestions
from openeip.core.intake._dataset import AcceptedFuel, Dataset
from openeip.core.intake._fuel_words import FuelSuggestion, suggest_fuel
from openeip.core.intake._limits import DEFAULT_LIMITS, ReadLimits
from openeip.core.intake._reader import count_rows, file_language, read_dataset
from openeip.core.intake._sources import nested_deeper_than
from openeip.core.intake._writer import FORMATS, write_dataset, write_template

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "AcceptedFuel",
    "FuelSuggestion",
    "TABLE_KEYS",
    "Column",
    "Dataset",
    "ReadLimits",
    "Table",
    "apply_suggestions",
    "count_rows",
    "file_language",
    "nested_deeper_than",
    "read_dataset",
    "sheet_name",
    "suggest_fuel",
    "table_for_sheet",
    "tables",
    "write_dataset",
    "write_template",
]
