r"""Matching supplies to demands: candidates by class compatibility, pruned by distance, top-k.

Method (never all pairs):

1. **Rules per class pair.** For every supply class present and every rule whose supply class
   is that class or one of its ancestors, the demand classes present under the rule's demand
   class are reachable. Each (supply class, demand class) pair keeps ONE rule: the most specific
   (fewest levels between the streams' classes and the classes the rule names; then fewer on
   the supply side; then the first in the rule book). Rules become *blocks*: the supplies and
   demands of the classes the rule was chosen for.
2. **Space.** Streams are grouped by park (streams with no park by 0.5° cell); each group has a
   centroid and a radius. The lowest possible road distance between two groups is
   :math:`f_{road}\,\max(0, d_{centroids} - r_1 - r_2)` (0 when either has no coordinates).
   Group pairs farther than the rule's reach, or outside the scope (same park only / other
   parks only / everything), are never expanded.
3. **Rounds by distance.** Group pairs are expanded into stream pairs in rounds of increasing
   lowest distance (``ROUND_EDGES_KM``). Before a pair is scored, its score bound at that
   distance (:func:`openeip.core.symbiosis.scoring.score_bound`) is compared with the current
   k-th best score of its supply and of its demand: when neither could improve, the pair is
   skipped — it can enter neither top-k. After each round the pool keeps only the union of
   the top-k per supply and per demand and the thresholds rise. The result equals scoring
   every compatible pair (:func:`all_pairs_baseline`) up to ties.
4. **Scores** (``scoring.py``): hard conditions, then five visible parts. Candidate objects,
   notes and benefits (``benefits.py``) are built only for the final top-k.

``rank_for_supply`` is the candidate's rank among its supply's candidates (1 = best) when it
is in that supply's top-k, else 0; ``rank_for_demand`` likewise. A candidate is kept when
either rank is set. Matched quantity: :math:`\min(q_s, q_t/\rho)` supply units; the known side
when only one is known (a note says so); ``None`` (and no benefit) when neither is.
Pairs of the same company are never candidates (that is in-house reuse, not symbiosis).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language as use_language
from openeip.core.symbiosis.benefits import UnitBenefit, unit_benefit
from openeip.core.symbiosis.factors import BenefitFactors, ClassTree, load_factors
from openeip.core.symbiosis.geo import haversine_km_array
from openeip.core.symbiosis.model import (
    Candidate,
    Scope,
    ScorePart,
    Stream,
    SynergyRule,
)
from openeip.core.symbiosis.scoring import (
    NON_STORABLE,
    FloatArray,
    IntArray,
    PairScores,
    RuleColumns,
    StreamArrays,
    checked_weights,
    score_bound,
    score_pairs,
    stream_arrays,
)

__all__ = ["MatchTable", "all_pairs_baseline", "match", "match_table"]

ROUND_EDGES_KM = (2.0, 10.0, 30.0, 100.0, np.inf)   # upper edges of the rounds (road km)
CHUNK_PAIRS = 2_000_000                            # stream pairs expanded at once
POOL_LIMIT = 6_000_000                             # pool size that triggers a reduction
_CELL_DEGREES = 0.5
_LEVEL_PENALTY = 0.1
_ENGINEERING_FACTOR = 0.9


class RuleSource(Protocol):
    @property
    def rules(self) -> tuple[SynergyRule, ...]: ...


# --------------------------------------------------------------------------- rule choice
@dataclass(frozen=True, slots=True)
class _Choice:
    rule: IntArray          # [supply class, demand class] -> rule index, -1 none
    class_fit: FloatArray   # [supply class, demand class] -> class_fit value


def _choose_rules(rules: Sequence[SynergyRule], taxonomy: ClassTree, codes: Sequence[str],
                  supply_classes: IntArray, demand_classes: IntArray) -> _Choice:
    index = {code: i for i, code in enumerate(codes)}
    present_demand = {codes[c] for c in demand_classes.tolist()}
    by_supply: dict[str, list[int]] = defaultdict(list)
    for position, rule in enumerate(rules):
        by_supply[rule.supply_class].append(position)
    under: dict[str, list[str]] = {}
    n = len(codes)
    chosen = np.full((n, n), -1, dtype=np.int64)
    fit = np.zeros((n, n), dtype=np.float64)
    best: dict[tuple[int, int], tuple[int, int, int]] = {}
    for a in supply_classes.tolist():
        for level_a, ancestor in enumerate(taxonomy.ancestors(codes[a])):
            for position in by_supply.get(ancestor, ()):
                target = rules[position].demand_class
                if target not in under:
                    under[target] = sorted(present_demand & taxonomy.descendants(target))
                for b_code in under[target]:
                    level_b = taxonomy.ancestors(b_code).index(target)
                    key = (level_a + level_b, level_a, position)
                    pair = (a, index[b_code])
                    if pair not in best or key < best[pair]:
                        best[pair] = key
    for (a, b), (levels, _level_a, position) in best.items():
        chosen[a, b] = position
        evidence = 1.0 if rules[position].evidence == "cited" else _ENGINEERING_FACTOR
        fit[a, b] = max(0.5, 1.0 - _LEVEL_PENALTY * levels) * evidence
    return _Choice(chosen, fit)


def _rule_columns(rules: Sequence[SynergyRule], taxonomy: ClassTree, codes: Sequence[str],
                  road_factor: float, weights: Mapping[str, float]) -> RuleColumns:
    classes = [taxonomy.classes[c] for c in codes]
    return RuleColumns(
        reach_km=np.array([r.max_distance_km for r in rules], dtype=np.float64),
        min_temp=np.array([np.nan if r.min_temperature_c is None else r.min_temperature_c
                           for r in rules], dtype=np.float64),
        ratio=np.array([r.substitution_ratio for r in rules], dtype=np.float64),
        permit=np.array([r.requires_permit for r in rules], dtype=np.bool_),
        class_storable=np.array([c.form not in NON_STORABLE for c in classes], dtype=np.bool_),
        class_hazardous=np.array([c.hazardous for c in classes], dtype=np.bool_),
        road_factor=road_factor,
        weights=weights,
    )


# --------------------------------------------------------------------------- space
@dataclass(frozen=True, slots=True)
class _Groups:
    of_supply: IntArray
    of_demand: IntArray
    park: IntArray          # park code of each group, -1 for cells / no park
    min_road: FloatArray    # [group, group] lowest possible road km (0 when unknown)


def _group_keys(arr: StreamArrays) -> IntArray:
    has_xy = ~np.isnan(arr.lat) & ~np.isnan(arr.lon)
    cell_lat = np.floor(np.nan_to_num(arr.lat) / _CELL_DEGREES).astype(np.int64) + 1000
    cell_lon = np.floor(np.nan_to_num(arr.lon) / _CELL_DEGREES).astype(np.int64) + 1000
    cell = (cell_lat * 4000 + cell_lon) * 2 + has_xy
    by_park = arr.park * 2 + has_xy
    # park groups are non-negative, cells negative: the two never collide
    keys: IntArray = np.where(arr.park >= 0, by_park, -1 - cell)
    return keys


def _groups(sup: StreamArrays, dem: StreamArrays, road_factor: float) -> _Groups:
    keys = np.concatenate([_group_keys(sup), _group_keys(dem)])
    unique, inverse = np.unique(keys, return_inverse=True)
    n = len(sup.lat)
    lat = np.concatenate([sup.lat, dem.lat])
    lon = np.concatenate([sup.lon, dem.lon])
    park = np.concatenate([sup.park, dem.park])
    has_xy = ~np.isnan(lat) & ~np.isnan(lon)
    g = len(unique)
    counts = np.bincount(inverse[has_xy], minlength=g).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        c_lat = np.bincount(inverse[has_xy], weights=lat[has_xy], minlength=g) / counts
        c_lon = np.bincount(inverse[has_xy], weights=lon[has_xy], minlength=g) / counts
    spread = haversine_km_array(lat, lon, c_lat[inverse], c_lon[inverse])
    radius = np.zeros(g)
    np.maximum.at(radius, inverse[has_xy], spread[has_xy])
    group_park = np.full(g, -1, dtype=np.int64)
    group_park[inverse] = park
    between = haversine_km_array(c_lat[:, None], c_lon[:, None], c_lat[None, :], c_lon[None, :])
    low = np.maximum(0.0, between - radius[:, None] - radius[None, :]) * road_factor
    low = np.nan_to_num(low, nan=0.0)
    return _Groups(inverse[:n], inverse[n:], group_park, low)


@dataclass(frozen=True, slots=True)
class _Side:
    members: IntArray       # stream indices sorted by group
    groups: IntArray        # distinct groups, ascending
    starts: IntArray        # first position of each group in ``members``
    counts: IntArray


def _side(members: IntArray, group_of: IntArray) -> _Side:
    order = np.argsort(group_of[members], kind="stable")
    members = members[order]
    groups, starts, counts = np.unique(group_of[members], return_index=True, return_counts=True)
    return _Side(members, groups, starts, counts)


# --------------------------------------------------------------------------- pool
@dataclass
class _Pool:
    top_k: int
    n_supply: int
    n_demand: int
    s: list[IntArray] = field(default_factory=list)
    d: list[IntArray] = field(default_factory=list)
    r: list[IntArray] = field(default_factory=list)
    score: list[FloatArray] = field(default_factory=list)
    size: int = 0
    scored: int = 0

    def __post_init__(self) -> None:
        self.thr_s = np.full(self.n_supply, -np.inf)
        self.thr_d = np.full(self.n_demand, -np.inf)

    def add(self, s: IntArray, d: IntArray, r: IntArray, score: FloatArray) -> None:
        self.s.append(s)
        self.d.append(d)
        self.r.append(r)
        self.score.append(score)
        self.size += len(s)
        if self.size > POOL_LIMIT:
            self.reduce()

    def arrays(self) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
        if not self.s:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty, np.zeros(0)
        return (np.concatenate(self.s), np.concatenate(self.d), np.concatenate(self.r),
                np.concatenate(self.score))

    def reduce(self) -> tuple[IntArray, IntArray]:
        """Keep the union of the top-k per supply and per demand; raise the thresholds.

        Returns the 1-based ranks (0 = outside that side's top-k) of the pairs kept."""
        s, d, r, score = self.arrays()
        rank_s, self.thr_s = _ranks(s, score, self.top_k, self.n_supply)
        rank_d, self.thr_d = _ranks(d, score, self.top_k, self.n_demand)
        keep = (rank_s > 0) | (rank_d > 0)
        self.s, self.d, self.r, self.score = [s[keep]], [d[keep]], [r[keep]], [score[keep]]
        self.size = int(keep.sum())
        return rank_s[keep], rank_d[keep]


def _ranks(key: IntArray, score: FloatArray, k: int, n: int) -> tuple[IntArray, FloatArray]:
    """1-based rank of each entry among entries of the same key (best score first), 0 beyond
    ``k``; and each key's k-th best score (-inf when it has fewer than k)."""
    quantised = np.round((1.0 - np.clip(score, 0.0, 1.0)) * (1 << 30)).astype(np.int64)
    order = np.argsort((key << 31) | quantised, kind="stable")
    sorted_key = key[order]
    first = np.ones(len(order), dtype=np.bool_)
    first[1:] = sorted_key[1:] != sorted_key[:-1]
    starts = np.flatnonzero(first)
    run = np.repeat(starts, np.diff(np.append(starts, len(order))))
    position = np.arange(len(order)) - run
    rank = np.zeros(len(order), dtype=np.int64)
    inside = position < k
    rank[order[inside]] = position[inside] + 1
    threshold = np.full(n, -np.inf)
    at_k = position == k - 1
    threshold[sorted_key[at_k]] = score[order[at_k]]
    return rank, threshold


# --------------------------------------------------------------------------- expansion
def _expand(sup_side: _Side, dem_side: _Side, gi: IntArray, gj: IntArray
            ) -> Iterator[tuple[IntArray, IntArray, IntArray]]:
    """Stream pairs of group pairs (gi[p], gj[p]) in chunks: (supply, demand, pair index)."""
    ns = sup_side.counts[gi]
    nd = dem_side.counts[gj]
    sizes = ns * nd
    ends = np.cumsum(sizes)
    begin = 0
    while begin < len(gi):
        base = ends[begin - 1] if begin else 0
        end = int(np.searchsorted(ends, base + CHUNK_PAIRS, side="right"))
        end = max(end, begin + 1)
        part = np.arange(begin, end)
        size = sizes[part]
        pair = np.repeat(part, size)
        offset = np.arange(int(size.sum())) - np.repeat(np.cumsum(size) - size, size)
        width = nd[pair]
        s = sup_side.members[sup_side.starts[gi[pair]] + offset // width]
        d = dem_side.members[dem_side.starts[gj[pair]] + offset % width]
        yield s, d, pair
        begin = end


# --------------------------------------------------------------------------- table
@dataclass
class MatchTable:
    """The final candidates as columns; :meth:`candidates` builds the objects."""

    supplies: Sequence[Stream]
    demands: Sequence[Stream]
    rules: Sequence[SynergyRule]
    taxonomy: ClassTree
    factors: BenefitFactors
    weights: Mapping[str, float]
    supply_index: IntArray
    demand_index: IntArray
    rule_index: IntArray
    scores: PairScores
    rank_for_supply: IntArray
    rank_for_demand: IntArray
    stats: dict[str, Any]

    def __len__(self) -> int:
        return len(self.supply_index)

    def candidates(self, language: str = "en") -> list[Candidate]:
        with use_language(language):
            return [self._candidate(i, language) for i in range(len(self))]

    def _candidate(self, i: int, language: str) -> Candidate:
        supply = self.supplies[int(self.supply_index[i])]
        demand = self.demands[int(self.demand_index[i])]
        rule = self.rules[int(self.rule_index[i])]
        sc = self.scores
        distance = float(sc.distance_km[i])
        known = not np.isnan(distance)
        quantity, quantity_note = _matched(supply, demand, rule)
        per_unit = self._unit_benefit(supply.resource_class, demand.resource_class,
                                      int(self.rule_index[i]))
        gain = None if quantity is None else per_unit.at(quantity, distance if known else None)
        w = self.weights
        parts = (
            ScorePart("class_fit", w["class_fit"], float(sc.class_fit[i]),
                      _class_note(rule, supply, demand, self.taxonomy, language)),
            ScorePart("distance", w["distance"], float(sc.distance[i]),
                      _distance_note(distance, bool(sc.assumed[i]), self.factors.road_factor)),
            ScorePart("quantity_fit", w["quantity_fit"], float(sc.quantity_fit[i]),
                      quantity_note or _quantity_note(supply, demand, rule)),
            ScorePart("timing", w["timing"], float(sc.timing[i]), _timing_note(supply, demand)),
            ScorePart("quality", w["quality"], float(sc.quality[i]),
                      _quality_note(supply, rule, self.taxonomy)),
        )
        return Candidate(
            supply_id=supply.id, demand_id=demand.id, rule_code=rule.code,
            resource_class=supply.resource_class,
            use=rule.use_vi if language == "vi" and rule.use_vi else rule.use_en,
            distance_km=distance if known else None,
            matched_quantity=quantity,
            unit=self.taxonomy.classes[supply.resource_class].base_unit,
            score=float(sc.score[i]), parts=parts, benefit=gain,
            rank_for_supply=int(self.rank_for_supply[i]),
            rank_for_demand=int(self.rank_for_demand[i]),
        )

    def _unit_benefit(self, supply_class: str, demand_class: str, rule: int) -> UnitBenefit:
        cache: dict[tuple[str, str, int], UnitBenefit] = self.stats.setdefault("_benefits", {})
        key = (supply_class, demand_class, rule)
        if key not in cache:
            cache[key] = unit_benefit(supply_class, demand_class, self.rules[rule],
                                      self.factors, self.taxonomy)
        return cache[key]


def _matched(supply: Stream, demand: Stream, rule: SynergyRule) -> tuple[float | None, str]:
    ratio = rule.substitution_ratio
    if supply.quantity is not None and demand.quantity is not None:
        return min(supply.quantity, demand.quantity / ratio), ""
    if supply.quantity is not None:
        return supply.quantity, _("the need is not quantified: all of the supply is assumed "
                                  "taken")
    if demand.quantity is not None:
        return demand.quantity / ratio, _("the supply is not quantified: the whole need is "
                                          "assumed met")
    return None, _("neither quantity is known")


# --------------------------------------------------------------------------- notes
def _share(value: float) -> str:
    return "{:.0f} %".format(100 * value)


def _class_note(rule: SynergyRule, supply: Stream, demand: Stream, taxonomy: ClassTree,
                language: str) -> str:
    evidence = _("cited") if rule.evidence == "cited" else _("engineering practice")
    return _("rule {code} ({evidence}): {supply} → {demand}").format(
        code=rule.code, evidence=evidence,
        supply=taxonomy.classes[supply.resource_class].name(language),
        demand=taxonomy.classes[demand.resource_class].name(language))


def _distance_note(distance: float, assumed: bool, road_factor: float) -> str:
    if np.isnan(distance):
        return _("distance unknown (no coordinates): neutral value")
    if assumed:
        return _("same park without coordinates: {km} km assumed").format(
            km="{:g}".format(distance))
    return _("{km} km by road (straight line × {factor})").format(
        km="{:.1f}".format(distance), factor="{:g}".format(road_factor))


def _quantity_note(supply: Stream, demand: Stream, rule: SynergyRule) -> str:
    assert supply.quantity is not None and demand.quantity is not None
    offered = supply.quantity * rule.substitution_ratio
    if offered <= 0 or demand.quantity <= 0:
        return _("a quantity is zero")
    taken = min(offered, demand.quantity)
    return _("places {placed} of the supply and covers {covered} of the need").format(
        placed=_share(taken / offered), covered=_share(taken / demand.quantity))


def _timing_note(supply: Stream, demand: Stream) -> str:
    if not supply.months and not demand.months:
        return _("both all year")
    months_s = supply.months or frozenset(range(1, 13))
    months_d = demand.months or frozenset(range(1, 13))
    common = len(months_s & months_d)
    if common == 0:
        return _("no month in common: the supply must be stored")
    return _("{common} month(s) in common out of {either}").format(
        common=common, either=len(months_s | months_d))


def _quality_note(supply: Stream, rule: SynergyRule, taxonomy: ClassTree) -> str:
    notes = []
    if rule.min_temperature_c is not None:
        if supply.temperature_c is None:
            notes.append(_("temperature unknown; the rule needs at least {minimum} °C").format(
                minimum="{:g}".format(rule.min_temperature_c)))
        else:
            notes.append(_("{temperature} °C meets the minimum of {minimum} °C").format(
                temperature="{:g}".format(supply.temperature_c),
                minimum="{:g}".format(rule.min_temperature_c)))
    if (supply.hazardous or rule.requires_permit
            or taxonomy.classes[supply.resource_class].hazardous):
        notes.append(_("hazardous: the receiver needs a hazardous-waste permit"))
    return "; ".join(notes)


# --------------------------------------------------------------------------- engine
@dataclass(frozen=True, slots=True)
class _Setup:
    codes: tuple[str, ...]
    rules: tuple[SynergyRule, ...]
    sup: StreamArrays
    dem: StreamArrays
    choice: _Choice
    cols: RuleColumns
    taxonomy: ClassTree
    factors: BenefitFactors
    weights: Mapping[str, float]


def _setup(supplies: Sequence[Stream], demands: Sequence[Stream], top_k: int,
           taxonomy: ClassTree | None, rules: RuleSource | Sequence[SynergyRule] | None,
           factors: BenefitFactors | None, weights: Mapping[str, float] | None) -> _Setup:
    if top_k < 1:
        raise DomainError(_("top_k must be at least 1, not {value}.").format(value=top_k),
                          "top_k")
    from openeip.core.symbiosis.rules import load_rules
    from openeip.core.symbiosis.taxonomy import Taxonomy, load_taxonomy
    if taxonomy is None:
        taxonomy = load_taxonomy()
    if rules is None:
        rules = load_rules(taxonomy if isinstance(taxonomy, Taxonomy) else None)
    rule_list = tuple(rules.rules) if hasattr(rules, "rules") else tuple(rules)
    factors = factors or load_factors()
    checked = checked_weights(weights)
    codes = tuple(taxonomy.classes)
    index = {code: i for i, code in enumerate(codes)}
    parks: dict[str, int] = {}
    companies: dict[str, int] = {}
    sup = stream_arrays(supplies, index, parks, companies)
    dem = stream_arrays(demands, index, parks, companies)
    choice = _choose_rules(rule_list, taxonomy, codes, np.unique(sup.cls[sup.cls >= 0]),
                           np.unique(dem.cls[dem.cls >= 0]))
    cols = _rule_columns(rule_list, taxonomy, codes, factors.road_factor, checked)
    return _Setup(codes, rule_list, sup, dem, choice, cols, taxonomy, factors, checked)


def _scope_mask(scope: Scope, park_s: IntArray, park_d: IntArray) -> Any:
    same = (park_s[:, None] == park_d[None, :]) & (park_s[:, None] >= 0)
    if scope is Scope.PARK:
        return same
    if scope is Scope.CROSS_PARK:
        return ~same
    return np.ones(same.shape, dtype=np.bool_)


def _score_and_add(st: _Setup, pool: _Pool, s: IntArray, d: IntArray, r: IntArray) -> None:
    fit = st.choice.class_fit[st.sup.cls[s], st.dem.cls[d]]
    scored = score_pairs(st.sup, st.dem, s, d, r, fit, st.cols)
    pool.scored += len(s)
    keep = scored.keep
    pool.add(s[keep], d[keep], r[keep], scored.score)


def _by_class(cls: IntArray, n_classes: int) -> list[IntArray]:
    order = np.argsort(cls, kind="stable")
    bounds = np.searchsorted(cls[order], np.arange(n_classes + 1))
    return [order[bounds[c]:bounds[c + 1]] for c in range(n_classes)]


def _run(st: _Setup, top_k: int, scope: Scope) -> tuple[_Pool, dict[str, Any]]:
    started = time.perf_counter()
    sup, dem, choice = st.sup, st.dem, st.choice
    pool = _Pool(top_k, len(sup.cls), len(dem.cls))
    groups = _groups(sup, dem, st.cols.road_factor)
    n = len(st.codes)
    sup_by_class = _by_class(np.where(sup.cls >= 0, sup.cls, n), n + 1)
    dem_by_class = _by_class(np.where(dem.cls >= 0, dem.cls, n), n + 1)
    blocks = []
    for rule in np.unique(choice.rule[choice.rule >= 0]).tolist():
        a_classes, b_classes = np.nonzero(choice.rule == rule)
        sup_members = np.concatenate([sup_by_class[a] for a in np.unique(a_classes)])
        dem_members = np.concatenate([dem_by_class[b] for b in np.unique(b_classes)])
        sup_side = _side(sup_members, groups.of_supply)
        dem_side = _side(dem_members, groups.of_demand)
        low = groups.min_road[np.ix_(sup_side.groups, dem_side.groups)]
        reach = float(st.cols.reach_km[rule])
        allowed = (low <= reach) & _scope_mask(scope, groups.park[sup_side.groups],
                                               groups.park[dem_side.groups])
        fit_max = float(choice.class_fit[choice.rule == rule].max())
        blocks.append((rule, sup_side, dem_side, low, allowed, reach, fit_max))
    lower = 0.0
    rounds = []
    for upper in ROUND_EDGES_KM:
        for rule, sup_side, dem_side, low, allowed, reach, fit_max in blocks:
            in_round = allowed & (low <= upper) & ((low > lower) if lower > 0 else True)
            gi, gj = np.nonzero(in_round)
            if not len(gi):
                continue
            bound = score_bound(st.weights, fit_max, low[gi, gj], reach)
            min_s = np.minimum.reduceat(pool.thr_s[sup_side.members], sup_side.starts)
            min_d = np.minimum.reduceat(pool.thr_d[dem_side.members], dem_side.starts)
            useful = (bound > min_s[gi]) | (bound > min_d[gj])
            gi, gj, bound = gi[useful], gj[useful], bound[useful]
            for s, d, pair in _expand(sup_side, dem_side, gi, gj):
                b = bound[pair]
                ok = ((b > pool.thr_s[s]) | (b > pool.thr_d[d])) & (
                    choice.rule[sup.cls[s], dem.cls[d]] == rule)
                s, d = s[ok], d[ok]
                _score_and_add(st, pool, s, d, np.full(len(s), rule, dtype=np.int64))
        pool.reduce()
        rounds.append({"upper_km": upper, "scored": pool.scored, "pool": pool.size})
        lower = upper
    stats = {"pairs_scored": pool.scored, "rounds": rounds, "blocks": len(blocks),
             "groups": int(groups.min_road.shape[0]),
             "search_seconds": time.perf_counter() - started}
    return pool, stats


def _table(st: _Setup, pool: _Pool, supplies: Sequence[Stream], demands: Sequence[Stream],
           stats: dict[str, Any]) -> MatchTable:
    rank_s, rank_d = pool.reduce()
    s, d, r, score = pool.arrays()
    order = np.lexsort((-score, s))
    s, d, r, rank_s, rank_d = s[order], d[order], r[order], rank_s[order], rank_d[order]
    fit = st.choice.class_fit[st.sup.cls[s], st.dem.cls[d]]
    scores = score_pairs(st.sup, st.dem, s, d, r, fit, st.cols)
    stats["candidates"] = len(s)
    return MatchTable(supplies, demands, st.rules, st.taxonomy, st.factors, st.weights,
                      s, d, r, scores, rank_s, rank_d, stats)


def match_table(supplies: Sequence[Stream], demands: Sequence[Stream], *, top_k: int = 10,
                scope: Scope = Scope.REGION, taxonomy: ClassTree | None = None,
                rules: RuleSource | Sequence[SynergyRule] | None = None,
                factors: BenefitFactors | None = None,
                weights: Mapping[str, float] | None = None) -> MatchTable:
    """The top-k candidates as columns (for large runs: objects are built on demand)."""
    started = time.perf_counter()
    st = _setup(supplies, demands, top_k, taxonomy, rules, factors, weights)
    pool, stats = _run(st, top_k, Scope(scope))
    table = _table(st, pool, supplies, demands, stats)
    stats["seconds"] = time.perf_counter() - started
    return table


def match(supplies: Sequence[Stream], demands: Sequence[Stream], *, top_k: int = 10,
          scope: Scope = Scope.REGION, taxonomy: ClassTree | None = None,
          rules: RuleSource | Sequence[SynergyRule] | None = None,
          factors: BenefitFactors | None = None, weights: Mapping[str, float] | None = None,
          language: str = "en") -> list[Candidate]:
    """Candidates kept in the top-k of their supply or of their demand, best first per supply.

    See the module docstring for the method; ``scoring.py`` for the score and ``benefits.py``
    for the benefit of each candidate.
    """
    return match_table(supplies, demands, top_k=top_k, scope=scope, taxonomy=taxonomy,
                       rules=rules, factors=factors, weights=weights).candidates(language)


def all_pairs_baseline(supplies: Sequence[Stream], demands: Sequence[Stream], *,
                       top_k: int = 10, scope: Scope = Scope.REGION,
                       taxonomy: ClassTree | None = None,
                       rules: RuleSource | Sequence[SynergyRule] | None = None,
                       factors: BenefitFactors | None = None,
                       weights: Mapping[str, float] | None = None) -> MatchTable:
    """Score EVERY supply–demand pair with the same scorer, then keep the same top-k.

    The reference the benchmark compares :func:`match_table` with (same result up to ties,
    without class blocks, spatial groups or bounds)."""
    started = time.perf_counter()
    st = _setup(supplies, demands, top_k, taxonomy, rules, factors, weights)
    pool = _Pool(top_k, len(st.sup.cls), len(st.dem.cls))
    n_dem = len(st.dem.cls)
    rows = max(1, CHUNK_PAIRS // max(n_dem, 1))
    for begin in range(0, len(st.sup.cls), rows):
        s = np.repeat(np.arange(begin, min(begin + rows, len(st.sup.cls))), n_dem)
        d = np.tile(np.arange(n_dem), len(s) // max(n_dem, 1))
        known = (st.sup.cls[s] >= 0) & (st.dem.cls[d] >= 0)
        rule = np.full(len(s), -1, dtype=np.int64)
        rule[known] = st.choice.rule[st.sup.cls[s[known]], st.dem.cls[d[known]]]
        same = (st.sup.park[s] == st.dem.park[d]) & (st.sup.park[s] >= 0)
        in_scope = (same if scope is Scope.PARK else ~same if scope is Scope.CROSS_PARK
                    else np.ones(len(s), dtype=np.bool_))
        ok = (rule >= 0) & in_scope
        _score_and_add(st, pool, s[ok], d[ok], rule[ok])
    stats: dict[str, Any] = {"pairs_scored": len(st.sup.cls) * n_dem}
    table = _table(st, pool, supplies, demands, stats)
    stats["seconds"] = time.perf_counter() - started
    return table

