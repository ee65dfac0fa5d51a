"""Typed loaders for the cited data files in ``openeip/data``.

Every loader reads its file once (cached) and returns immutable objects keyed by code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from openeip.core.catalogues._table import Table, data_text, parse_table, read_table, records
from openeip.core.errors import CatalogueError

__all__ = [
    "FATE_ROLES",
    "SOURCE_ROLES",
    "Fuel",
    "FuelWord",
    "FlowKindInfo",
    "Label",
    "QuantityRange",
    "Role",
    "Sector",
    "Table",
    "data_text",
    "fate_roles",
    "fates",
    "fates_with_role",
    "flow_kinds",
    "fuel_words",
    "fuels",
    "landfill_fates",
    "ownerships",
    "parse_table",
    "quantity_ranges",
    "read_table",
    "renewable_unfuelled_sources",
    "records",
    "source_roles",
    "sources",
    "sources_with_role",
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
    yield from read_table(filename).rows


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


#: the roles a fate may have (fates.csv explains each)
FATE_ROLES = ("recovered", "sold", "disposed")
#: the roles a source may have (sources.csv explains each)
SOURCE_ROLES = ("own", "grid", "bought")


@dataclass(frozen=True, slots=True)
class Role:
    """What a fate or a source means to the engines, with where that rule comes from."""

    code: str
    role: str
    #: fates: disposal on land; sources: unfuelled electricity from it is renewable
    flag: bool
    source: str
    verification: str


def _roles(filename: str, allowed: tuple[str, ...], flag: str) -> dict[str, Role]:
    from openeip.core.catalogues.versioned import verification_of

    table = read_table(filename)
    found = {}
    for number, r in table.numbered():
        if r["role"] not in allowed or r[flag] not in ("yes", "no"):
            raise table.error(number, "role must be one of {} and {} yes or no".format(
                ", ".join(allowed), flag))
        found[r["code"]] = Role(r["code"], r["role"], r[flag] == "yes", r["source"],
                                verification_of(r["verification"], filename, r["code"]))
    return found


@lru_cache(maxsize=1)
def fate_roles() -> dict[str, Role]:
    """Fate code → its role (``recovered``, ``sold``, ``disposed``); ``flag`` = landfilled."""
    return _roles("fates.csv", FATE_ROLES, "landfilled")


@lru_cache(maxsize=1)
def source_roles() -> dict[str, Role]:
    """Source code → its role (``own``, ``grid``, ``bought``); ``flag`` = unfuelled
    electricity from it is renewable."""
    return _roles("sources.csv", SOURCE_ROLES, "renewable_unfuelled")


def _with_role(found: dict[str, Role], allowed: tuple[str, ...], roles: tuple[str, ...],
               what: str) -> frozenset[str]:
    unknown = set(roles) - set(allowed)
    if unknown:
        raise CatalogueError("unknown {} role(s): {}".format(what, ", ".join(sorted(unknown))))
    return frozenset(code for code, info in found.items() if info.role in roles)


@lru_cache(maxsize=8)
def fates_with_role(*roles: str) -> frozenset[str]:
    """The fate codes whose role is one of ``roles``."""
    return _with_role(fate_roles(), FATE_ROLES, roles, "fate")


@lru_cache(maxsize=1)
def landfill_fates() -> frozenset[str]:
    """The fate codes that are disposal on land (fates.csv, column landfilled)."""
    return frozenset(code for code, info in fate_roles().items() if info.flag)


@lru_cache(maxsize=1)
def renewable_unfuelled_sources() -> frozenset[str]:
    """The source codes whose electricity, recorded without a fuel code, is renewable
    (sources.csv, column renewable_unfuelled)."""
    return frozenset(code for code, info in source_roles().items() if info.flag)


@lru_cache(maxsize=8)
def sources_with_role(*roles: str) -> frozenset[str]:
    """The source codes whose role is one of ``roles``."""
    return _with_role(source_roles(), SOURCE_ROLES, roles, "source")


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
    table = read_table("fuel_words.csv")
    for number, r in table.numbered():
        if r["fuel"] and r["fuel"] not in known:
            raise table.error(number, "unknown fuel '{}'".format(r["fuel"]))
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
