"""What a synthetic company is like: its size, its efficiency, its boiler fuel, its gaps.

A :class:`CompanyPlan` is drawn once per company; the monthly rows are then derived from it, so a
plant keeps the same character (an efficient dyer stays efficient) across all its months.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from openeip.core.domain import Company, Location
from openeip.core.synthetic._profiles import FlowProfile, SectorProfile

__all__ = ["Bounds", "CompanyPlan", "PlannedFlow", "ascii_name", "plan_company"]

#: ways a company's reporting can be incomplete (drawn for a few companies only)
GAP_PATTERNS = ("late_start", "gap", "lagging", "meter_outage")


@dataclass(frozen=True, slots=True)
class Bounds:
    """The rectangle (in degrees) inside which a park's plants stand."""

    south: float
    west: float
    north: float
    east: float


@dataclass(frozen=True, slots=True)
class PlannedFlow:
    profile: FlowProfile
    intensity: float
    fate: str


@dataclass(frozen=True, slots=True)
class CompanyPlan:
    company: Company
    sector: SectorProfile
    output: float
    price_vnd: float
    flows: tuple[PlannedFlow, ...]
    reported: frozenset[int]
    meter_gaps: frozenset[int]
    gap_pattern: str


def ascii_name(text: str) -> str:
    """'Sông Xanh' → 'Song Xanh' (đ has no decomposition, so it is mapped by hand)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if unicodedata.category(char) != "Mn")


def _weighted(rng: random.Random, pairs: list[tuple[str, float]] | tuple[tuple[str, float], ...]
              ) -> str:
    return rng.choices([name for name, _ in pairs], [weight for _, weight in pairs])[0]


def _chosen_flows(sector: SectorProfile, efficiency: float, rng: random.Random
                  ) -> tuple[PlannedFlow, ...]:
    chosen_options = {_weighted(rng, pairs) for pairs in sector.options().values()}
    planned = []
    for flow in sector.flows:
        if flow.option:
            if flow.option not in chosen_options:
                continue
        elif flow.share is not None and rng.random() >= flow.share:
            continue
        # each flow sits near the plant's overall efficiency, with a little independent spread
        position = min(1.0, max(0.0, efficiency + rng.gauss(0, 0.1)))
        intensity = flow.low + (flow.high - flow.low) * position
        fate = rng.choice(flow.fates) if flow.fates else ""
        planned.append(PlannedFlow(flow, intensity, fate))
    return tuple(planned)


def _reporting(months: int, pattern: str, rng: random.Random
               ) -> tuple[frozenset[int], frozenset[int]]:
    """Months reported and months whose water meter failed, for a gap pattern."""
    everything = frozenset(range(months))
    if pattern == "late_start" and months >= 4:
        return frozenset(range(min(rng.randint(3, 9), months - 1), months)), frozenset()
    if pattern == "gap" and months >= 5:
        length = rng.randint(2, min(4, months - 3))
        start = rng.randint(1, months - length - 1)
        return everything - set(range(start, start + length)), frozenset()
    if pattern == "lagging" and months >= 2:
        return frozenset(range(months - min(rng.randint(1, 3), months - 1))), frozenset()
    if pattern == "meter_outage" and months >= 3:
        length = rng.randint(2, min(3, months - 1))
        start = rng.randint(0, months - length)
        return everything, frozenset(range(start, start + length))
    return everything, frozenset()


def plan_company(*, sector: SectorProfile, code: str, stem: str, park_slug: str, bounds: Bounds,
                 months: int, gap_pattern: str, rng: random.Random) -> CompanyPlan:
    """Draw one plant of ``sector``; ``gap_pattern`` is '' or one of :data:`GAP_PATTERNS`."""
    # more small plants than large ones: output is log-spread between the profile's bounds
    size = rng.random() ** 1.5
    product = sector.product
    output = product.low * (product.high / product.low) ** size
    low, high = sector.employees
    employees = max(5, round((low + (high - low) * size) * rng.uniform(0.85, 1.15)))
    company = Company(
        code=code,
        name_en="{} {}".format(ascii_name(stem), sector.name_en),
        name_vi="{} {}".format(sector.name_vi, stem),
        vsic_code=sector.vsic_code,
        employees=employees,
        ownership=_weighted(rng, sector.ownership),
        location=Location(round(rng.uniform(bounds.south, bounds.north), 5),
                          round(rng.uniform(bounds.west, bounds.east), 5)),
        park_slug=park_slug,
    )
    efficiency = rng.betavariate(2, 2)
    flows = _chosen_flows(sector, efficiency, rng)
    reported, meter_gaps = _reporting(months, gap_pattern, rng)
    return CompanyPlan(
        company=company, sector=sector, output=output,
        price_vnd=product.price_vnd * rng.uniform(0.9, 1.1), flows=flows,
        reported=reported, meter_gaps=meter_gaps, gap_pattern=gap_pattern,
    )
