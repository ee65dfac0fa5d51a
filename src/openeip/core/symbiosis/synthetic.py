"""A synthetic national set of symbiosis streams, for benchmarks and demonstrations (FICTIONAL).

``synthetic_streams(rows, parks, seed=…)`` draws ``rows`` supply and demand streams of firms in
``parks`` parks, deterministically from ``seed`` (numpy's PCG64):

* **Parks** sit around the provinces of ``data/synthetic_provinces.csv`` (taken in turn), each
  moved by up to ±0.25° so that parks of one province are a few to ~40 km apart; **firms**
  (one per ``streams_per_firm`` rows on average) lie within ±0.01° (about 1 km) of their park.
* **Classes** follow the knowledge base: a supply is drawn from the leaf classes that some
  synergy rule can take as a supply, a demand from those some rule can serve, each leaf
  weighted by the number of rules that reach it (so common exchanges are common).
* **Descriptions** are the class's names and synonyms in English and Vietnamese, as the
  classifier would read them; the class drawn is kept in ``Stream.resource_class``.
* **Quantities** per year are log-normal around a median per base unit (t: 300, m3: 20,000,
  MWh: 2,000; σ = 1.2), illustrative orders of magnitude for firms in Vietnamese parks, not
  measurements. Steam is given 180 °C, heat and hot water 50–130 °C. One stream in ten runs
  only six consecutive months.

Nothing here describes a real firm; never use the figures as benchmarks of real parks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Protocol

import numpy as np

from openeip.core.catalogues import read_table
from openeip.core.domain import Direction
from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _
from openeip.core.symbiosis.model import Form, ResourceClass, Stream, SynergyRule

__all__ = ["synthetic_streams"]

_MEDIAN_PER_YEAR = {"t": 300.0, "m3": 20_000.0, "MWh": 2_000.0}
_SIGMA = 1.2
_PARK_SPREAD_DEG = 0.25
_FIRM_SPREAD_DEG = 0.01


class _Taxonomy(Protocol):
    @property
    def classes(self) -> Mapping[str, ResourceClass]: ...

    def descendants(self, code: str) -> frozenset[str]: ...


class _RuleBook(Protocol):
    @property
    def rules(self) -> tuple[SynergyRule, ...]: ...


@dataclass(frozen=True, slots=True)
class _Pool:
    """Leaf classes one direction can draw, their weights and their descriptions."""

    codes: tuple[str, ...]
    weights: np.ndarray
    texts: tuple[tuple[str, ...], ...]


@cache
def _province_points() -> tuple[tuple[float, float], ...]:
    return tuple((float(row["latitude"]), float(row["longitude"]))
                 for row in read_table("synthetic_provinces.csv").rows)


def _is_leaf(code: str, taxonomy: _Taxonomy) -> bool:
    return taxonomy.descendants(code) == frozenset({code})


def _descriptions(resource: ResourceClass) -> tuple[str, ...]:
    texts = [resource.name_en, resource.name_vi, *resource.synonyms_en, *resource.synonyms_vi]
    return tuple(dict.fromkeys(text for text in texts if text))


def _pool(rule_classes: Iterable[str], taxonomy: _Taxonomy) -> _Pool:
    counts: dict[str, int] = {}
    for code in rule_classes:
        for leaf in taxonomy.descendants(code):
            if _is_leaf(leaf, taxonomy):
                counts[leaf] = counts.get(leaf, 0) + 1
    codes = tuple(sorted(counts))
    weights = np.array([counts[code] for code in codes], dtype=np.float64)
    return _Pool(codes, weights / weights.sum(),
                 tuple(_descriptions(taxonomy.classes[code]) for code in codes))


def _temperature(resource: ResourceClass, draw: float) -> float | None:
    if resource.form is Form.STEAM:
        return 180.0
    if resource.form is Form.HEAT:
        return round(50.0 + 80.0 * draw)
    return None


def synthetic_streams(rows: int, parks: int, *, seed: int = 2024,
                      streams_per_firm: float = 6.0, taxonomy: _Taxonomy | None = None,
                      rules: _RuleBook | None = None) -> list[Stream]:
    """``rows`` fictional streams (half supplies, half demands) over ``parks`` parks."""
    if rows < 2 or parks < 1:
        raise DomainError(_("A synthetic set needs at least 2 streams and 1 park."), "rows")
    if taxonomy is None or rules is None:
        from openeip.core.symbiosis.rules import load_rules
        from openeip.core.symbiosis.taxonomy import load_taxonomy

        taxonomy = taxonomy or load_taxonomy()
        rules = rules or load_rules()
    pools = {Direction.SUPPLY: _pool((r.supply_class for r in rules.rules), taxonomy),
             Direction.DEMAND: _pool((r.demand_class for r in rules.rules), taxonomy)}
    rng = np.random.default_rng(seed)
    provinces = np.array(_province_points())
    park_points = (provinces[np.arange(parks) % len(provinces)]
                   + rng.uniform(-_PARK_SPREAD_DEG, _PARK_SPREAD_DEG, (parks, 2)))
    firms = max(parks, int(rows / streams_per_firm))
    firm_park = np.concatenate([np.arange(parks), rng.integers(0, parks, firms - parks)])
    firm_points = (park_points[firm_park]
                   + rng.uniform(-_FIRM_SPREAD_DEG, _FIRM_SPREAD_DEG, (firms, 2)))
    firm_of_row = rng.integers(0, firms, rows)
    is_supply = np.arange(rows) % 2 == 0
    draws = rng.random((rows, 4))
    seasonal = draws[:, 2] < 0.1
    start_month = (draws[:, 3] * 12).astype(np.int64)
    noise = rng.standard_normal(rows)
    class_index = np.empty(rows, dtype=np.int64)
    for direction, mask in ((Direction.SUPPLY, is_supply), (Direction.DEMAND, ~is_supply)):
        pool = pools[direction]
        class_index[mask] = rng.choice(len(pool.codes), int(mask.sum()), p=pool.weights)
    latitudes = firm_points[firm_of_row, 0].round(5).tolist()
    longitudes = firm_points[firm_of_row, 1].round(5).tolist()
    streams = []
    for row in range(rows):
        direction = Direction.SUPPLY if is_supply[row] else Direction.DEMAND
        pool = pools[direction]
        code = pool.codes[class_index[row]]
        resource = taxonomy.classes[code]
        texts = pool.texts[class_index[row]]
        firm = int(firm_of_row[row])
        months = (frozenset((int(start_month[row]) + k) % 12 + 1 for k in range(6))
                  if seasonal[row] else frozenset())
        streams.append(Stream(
            id="S{:07d}".format(row + 1), company="F{:06d}".format(firm + 1),
            direction=direction, description=texts[int(draws[row, 0] * len(texts))],
            resource_class=code, park="P{:03d}".format(int(firm_park[firm]) + 1),
            quantity=round(float(_MEDIAN_PER_YEAR[resource.base_unit]
                                 * np.exp(_SIGMA * noise[row])), 1),
            unit=resource.base_unit, latitude=latitudes[row], longitude=longitudes[row],
            hazardous=resource.hazardous, temperature_c=_temperature(resource, draws[row, 1]),
            months=months))
    return streams
