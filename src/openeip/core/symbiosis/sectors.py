"""Streams typical of a firm's sector (``data/symbiosis/sector_streams.csv``), for the
classifier's sector back-off.

A row names a sector by VSIC 2018 code prefixes and by words (English and Vietnamese, as
firms write their sector: "pulp mill", "nhà máy bia"), a direction and the classes such a
firm typically offers or needs. :meth:`SectorStreams.classes` answers, for the sector a
stream carries, the classes typical of it in that direction: a VSIC code matches by prefix;
words match when a row's phrase occurs in the lower-cased sector text as whole words
(diacritics kept).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from openeip.core.catalogues.versioned import read_versioned
from openeip.core.domain import Direction
from openeip.core.symbiosis.model import ResourceClass

__all__ = ["SectorStreams"]


_WORD = re.compile(r"[^\W_]+")


def _lower(text: str) -> str:
    """NFC, lower case, punctuation to spaces — diacritics KEPT ("giấy" paper ≠ "giày" shoes)."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFC", text).lower()))


@dataclass(frozen=True, slots=True)
class _Row:
    sector: str
    vsic: tuple[str, ...]
    phrases: tuple[str, ...]          # normalised, padded with spaces
    direction: Direction
    classes: frozenset[str]


class SectorStreams:
    """Sector → typical classes per direction."""

    def __init__(self, rows: list[_Row]) -> None:
        self._rows = rows
        self._cache: dict[tuple[str, Direction | None], frozenset[str]] = {}

    @classmethod
    def shipped(cls, classes: Mapping[str, ResourceClass]) -> SectorStreams:
        """The shipped table, keeping only the classes ``classes`` knows."""
        table = read_versioned("openeip.data.symbiosis", "sector_streams.csv")
        rows = []
        for row in table.rows:
            known = frozenset(c for c in row["classes"].split(";") if c in classes)
            if not known:
                continue
            rows.append(_Row(
                sector=row["sector"],
                vsic=tuple(v.strip() for v in row["vsic"].split(";") if v.strip()),
                phrases=tuple(" {} ".format(_lower(p)) for p in
                              (row["words_en"] + ";" + row["words_vi"]).split(";")
                              if _lower(p)),
                direction=Direction(row["direction"]),
                classes=known))
        return cls(rows)

    def without(self, sectors: frozenset[str]) -> SectorStreams:
        """This table without the rows of ``sectors`` (keys of the ``sector`` column)."""
        return SectorStreams([row for row in self._rows if row.sector not in sectors])

    def classes(self, sector: str, direction: Direction | None) -> frozenset[str]:
        """The classes typical of ``sector`` for ``direction`` (both when None)."""
        if not sector or not sector.strip():
            return frozenset()
        key = (sector, direction)
        found = self._cache.get(key)
        if found is None:
            # a VSIC code, alone or before the sector's name ("1080 Sản xuất thức ăn …")
            first = sector.split()[0]
            code = first if first.isdigit() else sector.strip().replace(" ", "")
            text = " {} ".format(_lower(sector))
            collected: set[str] = set()
            for row in self._rows:
                if direction is not None and row.direction is not direction:
                    continue
                by_code = code.isdigit() and any(code.startswith(v) for v in row.vsic)
                if by_code or any(p in text for p in row.phrases):
                    collected |= row.classes
            found = self._cache[key] = frozenset(collected)
        return found
