r"""Which year an EIP assessment, dossier or annual report is about: stated, or chosen by coverage.

For each year :math:`y` with data, over the park's :math:`N` firms:

.. math::

    s_{firms}(y) = n_y / N \qquad s_{months}(y) = \frac{\sum_{f} m_{f,y}}{12 \, n_y}

==========  ============================================================  =====
symbol      meaning                                                       unit
==========  ============================================================  =====
N           firms of the park                                             —
n_y         firms with at least one flow in year y                        —
m_{f,y}     months firm f reported in y (12 when it reported the year)    —
==========  ============================================================  =====

The default reporting year is the latest :math:`y` with :math:`s_{firms} \ge \tau_f` and
:math:`s_{months} \ge \tau_m` (``data/eip/reporting_coverage.csv``, assessment settings); a
later year that does not reach them is named as skipped with its coverage. A stated year is used
as stated. A year below 100 % on either share is *partial*, and says so with its coverage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from openeip.core.catalogues.versioned import number, read_versioned
from openeip.core.errors import CatalogueError, DomainError
from openeip.core.i18n import gettext as _

__all__ = ["CoverageThresholds", "ReportingYear", "YearCoverage", "check_stated_year",
           "choose_reporting_year", "coverage_thresholds", "year_coverage"]


@dataclass(frozen=True, slots=True)
class CoverageThresholds:
    """Shares a year needs to be the default reporting year, in percent."""

    firm_share_pct: float
    month_share_pct: float


@lru_cache(maxsize=1)
def coverage_thresholds() -> CoverageThresholds:
    """The shipped settings of ``reporting_coverage.csv``."""
    table = read_versioned("openeip.data.eip", "reporting_coverage.csv")
    found = {row["setting"]: number(row["percent"], "reporting_coverage.csv", row["setting"])
             for row in table.rows}
    if set(found) != {"firm_share", "month_share"}:
        raise CatalogueError("reporting_coverage.csv: needs firm_share and month_share")
    return CoverageThresholds(found["firm_share"], found["month_share"])


@dataclass(frozen=True, slots=True)
class YearCoverage:
    """How much of one year the park's firms reported."""

    year: int
    firms_reporting: int
    firms_total: int
    firm_months: int  # months reported, summed over the reporting firms (a yearly row = 12)

    @property
    def firm_share_pct(self) -> float:
        return 100.0 * self.firms_reporting / self.firms_total if self.firms_total else 0.0

    @property
    def month_share_pct(self) -> float:
        if not self.firms_reporting:
            return 0.0
        return 100.0 * self.firm_months / (12 * self.firms_reporting)

    @property
    def partial(self) -> bool:
        return self.firm_share_pct < 100.0 or self.month_share_pct < 100.0

    def passes(self, thresholds: CoverageThresholds) -> bool:
        return (self.firm_share_pct >= thresholds.firm_share_pct
                and self.month_share_pct >= thresholds.month_share_pct)

    def as_dict(self) -> dict[str, int]:
        return {"year": self.year, "firms_reporting": self.firms_reporting,
                "firms_total": self.firms_total, "firm_months": self.firm_months}

    def describe(self) -> str:
        """'43 of 43 firms, 100 % of their months' in the current language."""
        return _("{firms} of {total} firms reporting, {months} % of their months").format(
            firms=self.firms_reporting, total=self.firms_total,
            months=round(self.month_share_pct))


@dataclass(frozen=True, slots=True)
class ReportingYear:
    """The year used, its coverage, whether it was stated, and later years passed over."""

    year: int
    coverage: YearCoverage
    stated: bool
    skipped: tuple[YearCoverage, ...] = ()

    @property
    def partial(self) -> bool:
        return self.coverage.partial

    def describe(self) -> str:
        """One sentence in the current language: the year, how it was chosen, its coverage."""
        if self.stated:
            text = _("Reporting year {year} (as stated): {coverage}.")
        else:
            text = _("Reporting year {year} (the latest year whose data are complete enough): "
                     "{coverage}.")
        parts = [text.format(year=self.year, coverage=self.coverage.describe())]
        if self.partial:
            parts.append(_("{year} is not complete: its totals hold only the firms and months "
                           "reported.").format(year=self.year))
        for later in self.skipped:
            parts.append(_("{year} is not used by default: only {coverage}.").format(
                year=later.year, coverage=later.describe()))
        return " ".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {"year": self.year, "stated": self.stated, "coverage": self.coverage.as_dict(),
                "skipped": [item.as_dict() for item in self.skipped]}


def year_coverage(months_by_firm_year: Mapping[tuple[str, int], Iterable[int]],
                  firms_total: int) -> dict[int, YearCoverage]:
    """Coverage per year from {(firm, year): months reported} (month 0 = a yearly row)."""
    months: dict[int, list[int]] = {}
    for (_firm, year), reported in months_by_firm_year.items():
        found = set(reported)
        count = 12 if 0 in found else len({m for m in found if 1 <= m <= 12})
        months.setdefault(year, []).append(count)
    return {year: YearCoverage(year, len(counts), firms_total, sum(counts))
            for year, counts in sorted(months.items())}


def choose_reporting_year(coverage: Mapping[int, YearCoverage], *, stated: int | None = None,
                          up_to: int | None = None,
                          thresholds: CoverageThresholds | None = None) -> ReportingYear | None:
    """The stated year, else the latest year up to ``up_to`` that passes the thresholds (else
    the latest year with data, labelled partial); None when the park has no data at all."""
    if stated is not None:
        found = coverage.get(stated) or YearCoverage(stated, 0, _total(coverage), 0)
        return ReportingYear(stated, found, stated=True)
    limits = thresholds or coverage_thresholds()
    years = sorted((y for y in coverage if up_to is None or y <= up_to), reverse=True)
    if not years:
        return None
    for year in years:
        if coverage[year].passes(limits):
            skipped = tuple(coverage[y] for y in years if y > year)
            return ReportingYear(year, coverage[year], stated=False, skipped=skipped)
    return ReportingYear(years[0], coverage[years[0]], stated=False)


def _total(coverage: Mapping[int, YearCoverage]) -> int:
    return max((item.firms_total for item in coverage.values()), default=0)


def check_stated_year(year: int, last: int) -> None:
    """DomainError unless ``year`` lies between 1990 and ``last`` (this year)."""
    if not 1990 <= year <= last:
        raise DomainError(_("Year {year} cannot be reported: give a year from 1990 to "
                            "{last}.").format(year=year, last=last), "year")
