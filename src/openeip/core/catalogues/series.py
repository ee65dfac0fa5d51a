"""The one policy for a versioned series that runs out (grid factor, tariffs, water prices …).

A series holds values by year. For the year of the data:

1. an override set for that year (platform-wide or for the park) wins;
2. else the series' value of that year;
3. else the nearest year the series has (the latest for a later year, the earliest for an
   earlier one, the latest earlier year inside a gap) — with a :class:`SeriesNotice` naming
   the year used, so every page, report and CLI output can say so. Never an error, never a
   silent gap.

A notice is stored as a code with its parameters (:meth:`SeriesNotice.as_dict`) and worded in
the reader's language only when shown (:meth:`SeriesNotice.message`).

Series that are not indexed by year (the GWP sets, named by the caller; the IPCC 2006 fuel
factors) cannot run out and give no notice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _
from openeip.core.i18n import gettext_noop

__all__ = ["SERIES", "SERIES_UNITS", "SeriesNotice", "SeriesOverride", "nearest_year",
           "notices_from", "override_notice", "pick_override"]

#: every year-indexed series the policy covers -> its name (translated at display time)
SERIES: dict[str, str] = {
    "grid_factors": gettext_noop("Vietnam grid emission factor"),
    "electricity_tariffs": gettext_noop("EVN electricity tariff"),
    "water_tariffs": gettext_noop("water tariff"),
}
#: unit each series' override is given in
SERIES_UNITS: dict[str, str] = {
    "grid_factors": "tCO2e/MWh",
    "electricity_tariffs": "VND/kWh",
    "water_tariffs": "VND/m³",
}

LATEST_USED = "latest_used"
EARLIEST_USED = "earliest_used"
EARLIER_USED = "earlier_used"
OVERRIDE_USED = "override_used"
CODES = (LATEST_USED, EARLIEST_USED, EARLIER_USED, OVERRIDE_USED)


@dataclass(frozen=True, slots=True)
class SeriesNotice:
    """Data of ``data_year`` were computed with the value of ``used_year`` of ``series``."""

    code: str
    series: str
    data_year: int
    used_year: int
    source: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "series": self.series, "data_year": self.data_year,
                "used_year": self.used_year, "source": self.source}

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> SeriesNotice:
        return cls(str(value["code"]), str(value["series"]), int(value["data_year"]),
                   int(value["used_year"]), str(value.get("source", "")))

    def message(self) -> str:
        """The notice in the current language."""
        name = _(SERIES.get(self.series, self.series))
        if self.code == OVERRIDE_USED:
            return _("{series} for {year}: the value set by an administrator or the park's "
                     "manager is used (source: {source}).").format(
                series=name, year=self.data_year, source=self.source)
        if self.code == LATEST_USED:
            text = _("{series}: no value is known for {data_year}; the latest one, of "
                     "{used_year}, is used. An administrator or the park's manager can set "
                     "the value for {data_year}.")
        else:
            text = _("{series}: no value is known for {data_year}; the value of {used_year} "
                     "is used. An administrator or the park's manager can set the value for "
                     "{data_year}.")
        return text.format(series=name, data_year=self.data_year, used_year=self.used_year)


@dataclass(frozen=True, slots=True)
class SeriesOverride:
    """A value set for one year of a series by the platform or a park, with where it comes from."""

    series: str
    year: int
    value: float
    source: str
    note: str = ""
    park: str = ""  # the park's slug; empty: platform-wide

    def __post_init__(self) -> None:
        if self.series not in SERIES:
            raise DomainError(
                _("Unknown series '{series}'; use one of: {names}.").format(
                    series=self.series, names=", ".join(SERIES)), "series")
        if not self.value >= 0:
            raise DomainError(
                _("The value for {year} is {value}; it cannot be negative.").format(
                    year=self.year, value=self.value), "value")
        if self.series == "grid_factors" and self.value > 2:
            raise DomainError(
                _("The grid emission factor override for {year} is {value} t CO2e/MWh; a grid "
                  "factor lies between 0 and 2.").format(year=self.year, value=self.value),
                "value")
        if not self.source.strip():
            raise DomainError(_("Say where the value for {year} comes from.").format(
                year=self.year), "source")


def nearest_year(years: Iterable[int], year: int, series: str) -> tuple[int, SeriesNotice | None]:
    """The year of ``years`` whose value serves data of ``year``, and the notice if not itself."""
    known = sorted(set(years))
    if not known:
        raise DomainError(_("The series {series} is empty.").format(series=series), series)
    if year in known:
        return year, None
    earlier = [item for item in known if item < year]
    if not earlier:
        return known[0], SeriesNotice(EARLIEST_USED, series, year, known[0])
    code = LATEST_USED if year > known[-1] else EARLIER_USED
    return earlier[-1], SeriesNotice(code, series, year, earlier[-1])


def override_notice(override: SeriesOverride, year: int) -> SeriesNotice:
    return SeriesNotice(OVERRIDE_USED, override.series, year, override.year, override.source)


def pick_override(overrides: Iterable[SeriesOverride], series: str, year: int,
                  park: str = "") -> SeriesOverride | None:
    """The park's override of ``series`` for ``year``, else the platform's, else None."""
    found = [item for item in overrides if item.series == series and item.year == year
             and item.park in ("", park)]
    found.sort(key=lambda item: item.park != park)  # the park's own first
    return found[0] if found else None


def notices_from(values: Iterable[Mapping[str, Any]]) -> list[SeriesNotice]:
    """Stored notices (``as_dict`` form) back as objects, each once, in a stable order."""
    unique = {SeriesNotice.from_dict(value) for value in values}
    return sorted(unique, key=lambda n: (n.series, n.data_year, n.code))
