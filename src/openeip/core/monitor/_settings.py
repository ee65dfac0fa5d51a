"""The monitor's data files: acceptance criteria and data-quality settings, with their sources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from openeip.core.catalogues._table import read_table
from openeip.core.errors import CatalogueError

__all__ = ["Acceptance", "Setting", "acceptance", "setting", "settings_fingerprint"]

INTERVALS = ("hour", "day", "month", "billing")


@dataclass(frozen=True, slots=True)
class Acceptance:
    interval: str
    max_cv_rmse_pct: float
    max_abs_nmbe_pct: float
    source: str
    year: int
    verification: str


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    interval: str
    value: float
    source: str
    year: int
    verification: str


def _rows(name: str) -> tuple[dict[str, str], ...]:
    return read_table("monitor/" + name).rows


@lru_cache(maxsize=1)
def _acceptance() -> dict[str, Acceptance]:
    return {row["interval"]: Acceptance(row["interval"], float(row["max_cv_rmse_pct"]),
                                        float(row["max_abs_nmbe_pct"]), row["source"],
                                        int(row["year"]), row["verification"])
            for row in _rows("acceptance.csv")}


@lru_cache(maxsize=1)
def _settings() -> dict[tuple[str, str], Setting]:
    return {(row["setting"], row["interval"]): Setting(
        row["setting"], row["interval"], float(row["value"]), row["source"], int(row["year"]),
        row["verification"]) for row in _rows("quality.csv")}


def acceptance(interval: str) -> Acceptance:
    """The acceptance criteria of a model fitted on ``interval`` data."""
    try:
        return _acceptance()[interval]
    except KeyError:
        raise CatalogueError("no acceptance criteria for interval '{}' (acceptance.csv has {})"
                             .format(interval, ", ".join(sorted(_acceptance())))) from None


def setting(name: str, interval: str = "any") -> Setting:
    """A data-quality setting for ``interval`` (or the one for any interval)."""
    table = _settings()
    found = table.get((name, interval)) or table.get((name, "any"))
    if found is None:
        raise CatalogueError("no setting '{}' for interval '{}' in quality.csv".format(
            name, interval))
    return found


def settings_fingerprint() -> str:
    """Every data-quality setting's value in one string: what a cached result that depends on
    them is keyed by, so that an edited quality.csv is never hidden by a cache."""
    return ";".join("{}:{}={!r}".format(name, interval, row.value)
                    for (name, interval), row in sorted(_settings().items()))
