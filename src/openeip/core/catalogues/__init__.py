"""Typed loaders for the cited data files in ``openeip/data``.

Every loader reads its file once (cached) and returns immutable objects keyed by code.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from openeip.core.errors import CatalogueError

__all__ = [
    "Fuel",
    "FuelWord",
    "FlowKindInfo",
    "Label",
    "QuantityRange",
    "Sector",
    "fates",
    "flow_kinds",
    "fuel_words",
    "fuels",
    "ownerships",
    "quantity_ranges",
    "sources",
    "unit_aliases",
    "vsic_sectors",
]


@dataclass(frozen=True, slots=True)
class Label:
    code: str
    en: str
    vi: str

    def text(self, language: str) -> str:
        return self.vi if language == "vi" else self.en


@dataclass(frozen=True, slots=True)
class FlowKindInfo:
    code: str
    label: Label
    directions: frozenset[str]
    dimensions: tuple[str, ...]
    hint: Label


@dataclass(frozen=True, slots=True)
class Fuel:
    code: str
    label: Label
    ncv_mj_per_kg: float
    ncv_source: str
    ncv_verification: str
    density_kg_per_m3: float | None
    density_source: str


@dataclass(frozen=True, slots=True)
class FuelWord:
    """A word or phrase that names a fuel in a flow description ('than cám' → anthracite)."""

    word: str
    language: str
    #: a code of fuels.csv, or '' for a phrase that names no single fuel
    fuel: str
    basis: str
    verification: str


@dataclass(frozen=True, slots=True)
class Sector:
    code: str
    label: Label
    source: str
    verification: str


def _rows(filename: str) -> Iterator[dict[str, str]]:
    text = (resources.files("openeip.data") / filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    for number, row in enumerate(csv.DictReader(lines), start=2):
        if None in row or any(value is None for value in row.values()):
            raise CatalogueError("{} line {}: wrong number of columns".format(filename, number))
        yield row


def _labels(filename: str) -> dict[str, Label]:
    return {r["code"]: Label(r["code"], r["label_en"], r["label_vi"]) for r in _rows(filename)}


@lru_cache(maxsize=1)
def flow_kinds() -> dict[str, FlowKindInfo]:
    return {
        r["code"]: FlowKindInfo(
            code=r["code"],
            label=Label(r["code"], r["label_en"], r["label_vi"]),
            directions=frozenset(r["directions"].split(";")),
            dimensions=tuple(r["dimensions"].split(";")),
            hint=Label(r["code"], r["hint_en"], r["hint_vi"]),
        )
        for r in _rows("flow_kinds.csv")
    }


@lru_cache(maxsize=1)
def fates() -> dict[str, Label]:
    return _labels("fates.csv")


@lru_cache(maxsize=1)
def sources() -> dict[str, Label]:
    return _labels("sources.csv")


@lru_cache(maxsize=1)
def ownerships() -> dict[str, Label]:
    return _labels("ownership.csv")


@lru_cache(maxsize=1)
def fuels() -> dict[str, Fuel]:
    return {
        r["code"]: Fuel(
            code=r["code"],
            label=Label(r["code"], r["name_en"], r["name_vi"]),
            ncv_mj_per_kg=float(r["ncv_mj_per_kg"]),
            ncv_source=r["ncv_source"],
            ncv_verification=r["ncv_verification"],
            density_kg_per_m3=float(r["density_kg_per_m3"]) if r["density_kg_per_m3"] else None,
            density_source=r["density_source"],
        )
        for r in _rows("fuels.csv")
    }


@lru_cache(maxsize=1)
def vsic_sectors() -> dict[str, Sector]:
    return {
        r["code"]: Sector(
            r["code"], Label(r["code"], r["name_en"], r["name_vi"]), r["source"], r["verification"]
        )
        for r in _rows("vsic2018.csv")
    }


@lru_cache(maxsize=1)
def unit_aliases() -> dict[str, str]:
    return {r["alias"].strip().lower(): r["unit"] for r in _rows("unit_aliases.csv")}


@lru_cache(maxsize=1)
def fuel_words() -> tuple[FuelWord, ...]:
    """The words of fuel_words.csv; each names a fuel of :func:`fuels` (or none)."""
    known = fuels()
    words = []
    for number, r in enumerate(_rows("fuel_words.csv"), start=2):
        if r["fuel"] and r["fuel"] not in known:
            raise CatalogueError("fuel_words.csv row {}: unknown fuel '{}'".format(
                number, r["fuel"]))
        words.append(FuelWord(r["word"].strip(), r["language"], r["fuel"], r["basis"],
                              r["verification"]))
    return tuple(words)


@dataclass(frozen=True, slots=True)
class QuantityRange:
    """The quantities of one row that are plausible in ``base_unit`` (zero always is)."""

    base_unit: str
    smallest: float
    largest: float
    source: str
    verification: str


@lru_cache(maxsize=1)
def quantity_ranges() -> dict[str, QuantityRange]:
    """Base unit → its plausible range (``quantity_ranges.csv``)."""
    return {
        r["base_unit"]: QuantityRange(r["base_unit"], float(r["smallest"]), float(r["largest"]),
                                      r["source"], r["verification"])
        for r in _rows("quantity_ranges.csv")
    }
