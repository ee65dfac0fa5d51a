"""UNIDO 50-park averages (v1 framework), as published."""

from __future__ import annotations

from decimal import Decimal as D

from openeip.core.eip.benchmarks import category_averages, unido_benchmarks


def test_category_averages_as_published() -> None:
    assert category_averages() == {"ENV": D(34), "SOC": D(44), "PM": D(55), "ECO": D(72)}


def test_country_averages_and_labels() -> None:
    countries = {b.country: b.value_pct for b in unido_benchmarks()
                 if b.metric == "current_compliance" and b.country != "all"}
    assert countries == {"Viet Nam": D(63), "Colombia": D(68), "Indonesia": D(67)}
    assert {(b.framework, b.verification) for b in unido_benchmarks()} == {
        ("intl-eip-framework-1.0", "secondary")}
