r"""Sums by month and by year, where a year is whole only when all its months are there.

A value :math:`v_g(y, m)` of a group :math:`g` (an indicator, or a product output) is the sum of
the records of month :math:`m`; a year's value is

.. math::

    v_g(y) = a_g(y) + \sum_{m=1}^{12} v_g(y, m)

where :math:`a_g(y)` adds up the records made for the whole year. When some but not all months
of a year hold records, the year has no value: its missing months are reported instead, because
adding up the months that are there would count the missing ones as zero.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from openeip.core.domain import ReportingPeriod
from openeip.core.i18n import gettext as _
from openeip.core.units import Quantity

MONTHS = tuple(range(1, 13))


class Gap(StrEnum):
    """Why an amount has no value."""

    NONE = ""
    NOT_RECORDED = "not_recorded"  # nothing of this group in the period
    MONTHS_MISSING = "months_missing"  # a year with some months and not others
    SALES_MISSING = "sales_missing"  # a product of the period has no sales value
    NOT_GIVEN = "not_given"  # the caller gave no data for it (GHG)


@dataclass(frozen=True, slots=True)
class Amount:
    """The value of one group in one period, in ``unit``; ``base`` is None when there is a gap."""

    base: float | None
    unit: str
    gap: Gap = Gap.NONE
    missing_months: tuple[int, ...] = ()
    #: names the gap refers to, such as products without a sales value
    names: tuple[str, ...] = ()

    @property
    def quantity(self) -> Any:
        return None if self.base is None else Quantity(self.base, self.unit)

    def message(self) -> str:
        """Why there is no value, in the current language ('' when there is one)."""
        if self.gap is Gap.NOT_RECORDED:
            return _("Nothing is recorded for this period.")
        if self.gap is Gap.MONTHS_MISSING:
            return _("Months without records: {months}; the year is not added up.").format(
                months=", ".join(str(month) for month in self.missing_months))
        if self.gap is Gap.SALES_MISSING:
            return _("No sales value is recorded for: {names}.").format(
                names=", ".join(self.names))
        if self.gap is Gap.NOT_GIVEN:
            return _("No figures were given for this period.")
        return ""


class PeriodSums:
    """Records added up per (group, year, month); month None holds the records of a whole year."""

    def __init__(self) -> None:
        self._sums: dict[tuple[Hashable, int, int | None], float] = {}
        self._months: dict[tuple[Hashable, int], set[int]] = {}

    def add(self, group: Hashable, period: ReportingPeriod, value: float) -> None:
        key = (group, period.year, period.month)
        self._sums[key] = self._sums.get(key, 0.0) + value
        if period.month is not None:
            self._months.setdefault((group, period.year), set()).add(period.month)

    def has(self, group: Hashable, period: ReportingPeriod) -> bool:
        if period.month is not None:
            return (group, period.year, period.month) in self._sums
        return (group, period.year, None) in self._sums or (group, period.year) in self._months

    def amount(self, group: Hashable, period: ReportingPeriod, unit: str,
               scale: float = 1.0) -> Amount:
        """The group's amount in ``period``, multiplied by ``scale`` (base → ``unit``)."""
        if period.month is not None:
            value = self._sums.get((group, period.year, period.month))
            if value is None:
                return Amount(None, unit, Gap.NOT_RECORDED, (period.month,))
            return Amount(value * scale, unit)
        months = self._months.get((group, period.year), set())
        whole_year = self._sums.get((group, period.year, None))
        if months and len(months) < len(MONTHS):
            missing = tuple(month for month in MONTHS if month not in months)
            return Amount(None, unit, Gap.MONTHS_MISSING, missing)
        if not months and whole_year is None:
            return Amount(None, unit, Gap.NOT_RECORDED)
        total = (whole_year or 0.0) + sum(
            self._sums[(group, period.year, month)] for month in sorted(months))
        return Amount(total * scale, unit)
