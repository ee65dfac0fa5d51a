"""The reporting year: stated, or the latest year whose coverage passes the thresholds.

Park of 43 firms that all reported every month of 2024; three of them add January–March 2025:
2025 has 3/43 = 6.98 % of the firms and 9/36 = 25 % of their months, so 2024 stays the default.
"""

from __future__ import annotations

import pytest

from openeip.core.eip.reporting_year import (
    CoverageThresholds,
    YearCoverage,
    choose_reporting_year,
    coverage_thresholds,
    year_coverage,
)
from openeip.core.errors import DomainError
from openeip.core.i18n import language


def park_months() -> dict[tuple[str, int], list[int]]:
    months = {("F{}".format(n), 2024): list(range(1, 13)) for n in range(43)}
    months.update({("F{}".format(n), 2025): [1, 2, 3] for n in range(3)})
    return months


def test_coverage_counts_firms_and_their_months_and_a_yearly_row_as_twelve():
    coverage = year_coverage({("A", 2024): [0], ("B", 2024): [1, 2, 3], ("A", 2025): [1]}, 4)
    assert coverage[2024] == YearCoverage(2024, 2, 4, 15)
    assert coverage[2024].firm_share_pct == 50.0
    assert coverage[2024].month_share_pct == pytest.approx(62.5)   # 15 / 24
    assert coverage[2025].partial


def test_three_firms_with_three_months_of_2025_leave_2024_the_default_and_say_so():
    chosen = choose_reporting_year(year_coverage(park_months(), 43), up_to=2026)
    assert (chosen.year, chosen.stated, chosen.partial) == (2024, False, False)
    assert [item.year for item in chosen.skipped] == [2025]
    assert chosen.skipped[0].firm_share_pct == pytest.approx(300 / 43)
    assert chosen.skipped[0].month_share_pct == 25.0
    with language("en"):
        text = chosen.describe()
    assert text == ("Reporting year 2024 (the latest year whose data are complete enough): 43 of "
                    "43 firms reporting, 100 % of their months. 2025 is not used by default: "
                    "only 3 of 43 firms reporting, 25 % of their months.")


def test_a_stated_year_is_used_as_stated_and_labelled_partial():
    chosen = choose_reporting_year(year_coverage(park_months(), 43), stated=2025)
    assert (chosen.year, chosen.stated, chosen.partial) == (2025, True, True)
    with language("vi"):
        assert "2025" in chosen.describe() and "Reporting year" not in chosen.describe()


def test_when_no_year_passes_the_latest_with_data_is_used_labelled_partial():
    coverage = year_coverage({("A", 2024): [1]}, 2)
    chosen = choose_reporting_year(coverage, thresholds=CoverageThresholds(75, 75))
    assert (chosen.year, chosen.partial) == (2024, True)
    assert choose_reporting_year({}) is None


def test_the_thresholds_are_the_documented_settings():
    assert coverage_thresholds() == CoverageThresholds(75.0, 75.0)


def test_a_stated_year_outside_the_calendar_is_refused():
    from openeip.core.eip.reporting_year import check_stated_year

    with pytest.raises(DomainError, match="1990"):
        check_stated_year(2031, 2026)
