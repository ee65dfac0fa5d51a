"""The shipped price tables of ``openeip/data/prices``, read once, each value with its source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from openeip.core.catalogues import Label
from openeip.core.catalogues.versioned import number, read_versioned, verification_of
from openeip.core.errors import CatalogueError
from openeip.core.prices._price import Price

__all__ = ["TariffDecision", "WasteFeeReference", "electricity_decisions", "table_versions",
           "tou_hours", "voltage_levels", "water_tariffs", "waste_fee_references"]

_PACKAGE = "openeip.data.prices"
TOU_PERIODS = ("peak", "normal", "off_peak")
_DAYS = {"mon_sat": 6, "sun": 1, "all": 7}


@dataclass(frozen=True, slots=True)
class TariffDecision:
    """One MOIT tariff decision: its manufacturing prices by (voltage level, TOU period)."""

    decision: str
    in_force_from: date
    prices: dict[tuple[str, str], Price]


@dataclass(frozen=True, slots=True)
class WasteFeeReference:
    """A historic fee range, shown as a guide only; never used as a price."""

    waste: str
    low_vnd_per_t: float
    high_vnd_per_t: float
    year: int
    place: str
    source: str
    verification: str


@lru_cache(maxsize=1)
def voltage_levels() -> dict[str, Label]:
    table = read_versioned(_PACKAGE, "voltage_levels.csv")
    return {row["code"]: Label(row["code"], row["label_en"], row["label_vi"]) for row in table.rows}


@lru_cache(maxsize=1)
def electricity_decisions() -> tuple[TariffDecision, ...]:
    """Every decision of electricity_tariffs.csv, oldest first, each with all 12 cells."""
    table = read_versioned(_PACKAGE, "electricity_tariffs.csv")
    name = "electricity_tariffs.csv"
    cells: dict[str, dict[tuple[str, str], Price]] = {}
    starts: dict[str, date] = {}
    for row in table.rows:
        key = "{} {} {}".format(row["decision"], row["voltage_level"], row["period"])
        if row["voltage_level"] not in voltage_levels() or row["period"] not in TOU_PERIODS:
            raise CatalogueError("{} {}: unknown voltage level or period".format(name, key))
        start = date.fromisoformat(row["in_force_from"])
        starts[row["decision"]] = start
        cells.setdefault(row["decision"], {})[(row["voltage_level"], row["period"])] = Price(
            resource="electricity:{}:{}".format(row["voltage_level"], row["period"]),
            vnd_per_unit=number(row["vnd_per_kwh"], name, key), unit="kWh",
            source=row["source"], year=start.year,
            verification=verification_of(row["verification"], name, key),
            version=table.version, note=row["decision"],
        )
    decisions = []
    for decision, prices in cells.items():
        if len(prices) != len(voltage_levels()) * len(TOU_PERIODS):
            raise CatalogueError("{} {}: needs every voltage level and period".format(
                name, decision))
        decisions.append(TariffDecision(decision, starts[decision], prices))
    return tuple(sorted(decisions, key=lambda item: item.in_force_from))


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


@lru_cache(maxsize=1)
def tou_hours() -> dict[str, float]:
    """Hours per week in each TOU period, from tou_windows.csv; they add up to 168."""
    table = read_versioned(_PACKAGE, "tou_windows.csv")
    hours = dict.fromkeys(TOU_PERIODS, 0.0)
    for row in table.rows:
        if row["period"] not in hours or row["days"] not in _DAYS:
            raise CatalogueError("tou_windows.csv: unknown period or days in {}".format(row))
        length = (_minutes(row["end"]) - _minutes(row["start"])) % (24 * 60)
        hours[row["period"]] += length / 60 * _DAYS[row["days"]]
    if abs(sum(hours.values()) - 168) > 1e-9:
        raise CatalogueError("tou_windows.csv: the windows cover {} h of the week's 168".format(
            sum(hours.values())))
    return hours


@lru_cache(maxsize=1)
def water_tariffs() -> dict[str, Price]:
    """Default water price by province name (as parks spell it)."""
    table = read_versioned(_PACKAGE, "water_tariffs.csv")
    name = "water_tariffs.csv"
    return {
        row["province"]: Price(
            resource="water", vnd_per_unit=number(row["vnd_per_m3"], name, row["province"]),
            unit="m³", source=row["source"], year=int(row["year"]),
            verification=verification_of(row["verification"], name, row["province"]),
            version=table.version, note=row["note"],
        )
        for row in table.rows
    }


@lru_cache(maxsize=1)
def waste_fee_references() -> tuple[WasteFeeReference, ...]:
    table = read_versioned(_PACKAGE, "waste_fee_references.csv")
    name = "waste_fee_references.csv"
    return tuple(
        WasteFeeReference(
            waste=row["waste"], low_vnd_per_t=number(row["low_vnd_per_t"], name, row["waste"]),
            high_vnd_per_t=number(row["high_vnd_per_t"], name, row["waste"]),
            year=int(row["year"]), place=row["place"], source=row["source"],
            verification=verification_of(row["verification"], name, row["waste"]),
        )
        for row in table.rows
    )


@lru_cache(maxsize=1)
def table_versions() -> dict[str, str]:
    names = ("electricity_tariffs", "tou_windows", "water_tariffs")
    return {name: read_versioned(_PACKAGE, name + ".csv").version for name in names}
