"""The computed-indicator catalogue (``openeip/data/eip/indicators.csv``).

Edition criteria name these codes in their ``indicator`` field; :mod:`.indicators` computes them
and :mod:`.editions` refuses an edition naming a code that is not here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from openeip.core.catalogues.versioned import read_versioned
from openeip.core.errors import CatalogueError

__all__ = ["IndicatorDefinition", "indicator_catalogue", "indicator_catalogue_version"]

_COLUMNS = ("code", "name_en", "name_vi", "unit", "definition_en", "definition_vi", "source")


@dataclass(frozen=True, slots=True)
class IndicatorDefinition:
    code: str
    name_en: str
    name_vi: str
    unit: str                            # "%", "count", "MWh/ha/yr", "t CO2e/bn VND" …
    definition_en: str
    definition_vi: str
    source: str

    def name(self, language: str) -> str:
        return self.name_vi if language == "vi" and self.name_vi else self.name_en

    def definition(self, language: str) -> str:
        return self.definition_vi if language == "vi" and self.definition_vi else self.definition_en


@cache
def _read() -> tuple[str, Mapping[str, IndicatorDefinition]]:
    table = read_versioned("openeip.data.eip", "indicators.csv")
    found: dict[str, IndicatorDefinition] = {}
    for number, row in enumerate(table.rows, start=2):
        if tuple(row) != _COLUMNS:
            raise CatalogueError("indicators.csv: the columns must be {}".format(
                ", ".join(_COLUMNS)))
        if not row["code"] or row["code"] in found:
            raise CatalogueError("indicators.csv row {}: empty or repeated code '{}'".format(
                number, row["code"]))
        if not row["unit"]:
            raise CatalogueError("indicators.csv {}: needs a unit".format(row["code"]))
        found[row["code"]] = IndicatorDefinition(**row)
    return table.version, MappingProxyType(found)


def indicator_catalogue() -> Mapping[str, IndicatorDefinition]:
    """Every computed indicator by code, in the file's order."""
    return _read()[1]


def indicator_catalogue_version() -> str:
    return _read()[0]
