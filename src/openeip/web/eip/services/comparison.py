"""What a park's compliance is compared with: the UNIDO 50-park averages (v1 framework, read in
a secondary source; core.eip.benchmarks) and other parks on the platform (assessment.other_parks).
"""

from __future__ import annotations

from decimal import Decimal

from openeip.core.eip.benchmarks import category_averages


def unido_averages() -> dict[str, Decimal]:
    """Category code → UNIDO average current compliance (%) over the 50 parks assessed."""
    return category_averages()


def unido_country_overall() -> list[tuple[str, Decimal]]:
    """(country, overall current compliance %) of the countries the UNIDO study names."""
    from openeip.core.eip.benchmarks import unido_benchmarks
    from openeip.core.eip.references import country_name

    return [(country_name(b.country), b.value_pct) for b in unido_benchmarks()
            if b.scope == "overall" and b.metric == "current_compliance" and b.country != "all"]
