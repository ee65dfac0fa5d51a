"""The grievance mechanism's settings, read from ``openeip/data/community/grievance_rules.csv``.

Each row carries its source, year and verification level; a park may set its own time limits
(:class:`Schedule`) but never a resolution time above ``max_resolve_days``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from openeip.core.catalogues._table import read_table
from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _

__all__ = ["Rule", "Schedule", "default_schedule", "rules"]

_FILE = "community/grievance_rules.csv"
_KEYS = ("acknowledge_days", "resolve_days", "max_resolve_days", "confirm_days",
         "suppression_threshold", "recurring_cases_for_action")


@dataclass(frozen=True, slots=True)
class Rule:
    key: str
    value: int
    unit: str
    counts_from: str
    source: str
    year: int
    verification: str


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """Every setting of the grievance mechanism, keyed by name, with where it comes from."""
    table = read_table(_FILE)
    found: dict[str, Rule] = {}
    for line, row in table.numbered():
        try:
            value, year = int(row["value"]), int(row["year"])
        except (TypeError, ValueError):
            raise table.error(line, "value and year must be whole numbers") from None
        if value < 1:
            raise table.error(line, "value must be at least 1")
        found[row["key"]] = Rule(row["key"], value, row["unit"], row["counts_from"],
                                 row["source"], year, row["verification"])
    missing = [key for key in _KEYS if key not in found]
    if missing:
        raise table.error(None, "missing rows {}".format(", ".join(missing)))
    return found


@dataclass(frozen=True, slots=True)
class Schedule:
    """A park's time limits in days: acknowledge after receipt, resolve after receipt (and again
    after each escalation or appeal), confirm or appeal after a resolution."""

    acknowledge_days: int
    resolve_days: int
    confirm_days: int

    def __post_init__(self) -> None:
        cap = rules()["max_resolve_days"].value
        for name in ("acknowledge_days", "resolve_days", "confirm_days"):
            if getattr(self, name) < 1:
                raise DomainError(_("A time limit must be at least 1 day."), name)
        if self.resolve_days > cap:
            raise DomainError(_("A grievance must be resolved within at most {cap} days; "
                                "{days} is too long.").format(cap=cap, days=self.resolve_days),
                              "resolve_days")
        if self.acknowledge_days > self.resolve_days:
            raise DomainError(_("The time to acknowledge ({ack} days) cannot exceed the time to "
                                "resolve ({resolve} days).").format(
                                    ack=self.acknowledge_days, resolve=self.resolve_days),
                              "acknowledge_days")


def default_schedule() -> Schedule:
    """The time limits of the data file (used when a park has set none)."""
    table = rules()
    return Schedule(table["acknowledge_days"].value, table["resolve_days"].value,
                    table["confirm_days"].value)
