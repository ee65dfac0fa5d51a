r"""Matching supplies to demands: candidates by class compatibility, pruned by distance, top-k.

Method (all pairs only for small runs: see step 3):

1. **Rules per class pair.** For every supply class present and every rule whose supply class
   is that class or one of its ancestors, the demand classes present under the rule's demand
   class are reachable. Each (supply class, demand class) pair keeps ONE rule: the most specific
   (fewest levels between the streams' classes and the classes the rule names; then fewer on
   the supply side; then the first in the rule book). Rules become *blocks*: the supplies and
   demands of the classes the rule was chosen for.
2. **Space.** Streams are grouped by park (streams with no park by 0.5° cell); each group has a
   centroid and a radius. The lowest possible road distance between two groups is
   :math:`f_{road}\,\max(0, d_{centroids} - r_1 - r_2)` (0 when either has no coordinates).
   Group pairs farther than the carrier's hard maximum, or outside the scope (same park only / other
   parks only / everything), are never expanded.
3. **Bounded search** (``_search.py``): pairs are visited by rounds of increasing distance
   and bands of decreasing quantity fit; a pair is scored only when an upper bound of its
   score reaches the current k-th best score of its supply or of its demand — otherwise it
   can enter neither top-k. The result equals scoring every compatible pair
   (:func:`all_pairs_baseline`) up to ties; the tests check it. A small run
   (:data:`EVERY_PAIR_MAX_PAIRS`) scores every pair instead: the same rows, without the
   search's fixed cost of blocks, groups and rounds.
4. **Scores** (``scoring.py``): hard conditions, then five visible parts. Candidate objects,
   notes and benefits (``benefits.py``) are built only for the final top-k.

``rank_for_supply`` is the candidate's rank among its supply's candidates (1 = best) when it
is in that supply's top-k, else 0; ``rank_for_demand`` likewise. A candidate is kept when
either rank is set. Matched quantity: :math:`\min(q_s, q_t/\rho)` supply units; the known side
when only one is known (a note says so); ``None`` (and no benefit) when neither is.
Pairs of the same company are never candidates (that is in-house reuse, not symbiosis).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

import numpy as np

from openeip.core import formatting
from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language as use_language
from openeip.core.symbiosis._pool import Pool, Ranked, best_of_readings
from openeip.core.symbiosis._search import (
    CHUNK_PAIRS,
    Choice,
    Setup,
    pair_scores,
    permuted_setup,
    runner,
    score_and_add,
    search,
    spatial_groups,
)
from openeip.core.symbiosis.benefits import DISPOSAL, PURCHASE, UnitBenefit, unit_benefit
from openeip.core.symbiosis.factors import BenefitFactors, ClassTree, hard_max_km, load_factors
from openeip.core.symbiosis.model import (
    Candidate,
    Scope,
    ScorePart,
    Stream,
    SynergyRule,
)
from openeip.core.symbiosis.rules import direct_reuse_rules, is_direct_reuse
from openeip.core.symbiosis.scoring import (
    FROM_PARK,
    NON_STORABLE,
    SAME_PARK,
    UNKNOWN_VALUE,
    FloatArray,
    IntArray,
    PairScores,
    RuleColumns,
    checked_weights,
    is_weak,
    place_in_parks,
    stream_arrays,
    weak_below,
)

__all__ = ["MatchTable", "all_pairs_baseline", "match", "match_table"]

_LEVEL_PENALTY = 0.1
_ENGINEERING_FACTOR = 0.9
#: runs of at most this many (supply, demand) pairs, further readings counted, score every
#: pair (:func:`all_pairs_baseline`'s way, in numpy chunks) instead of the pruned search: the
#: same rows (tests/core/test_symbiosis_match.py), without its fixed cost. Survey files in one
#: process, 7 Dec 2026 (search / every pair): a held-out part of 180 streams 0.30 / 0.01 s;
#: 2,000 rows (1M pairs) 0.39 / 0.09 s; 5,000 rows (6M) 0.72 / 0.41 s; 8,000 rows (15M)
#: 1.1-1.3 / 1.1 s; 10,000 rows (23M) 1.3 / 1.4-1.6 s
EVERY_PAIR_MAX_PAIRS = 5_000_000


class RuleSource(Protocol):
    @property
    def rules(self) -> tuple[SynergyRule, ...]: ...


# --------------------------------------------------------------------------- rule choice
def _cover(code: str, present: frozenset[str], taxonomy: ClassTree,
           direct: bool) -> list[tuple[str, int]]:
    """The stream classes present that a rule side naming ``code`` covers, each with the
    number of levels between it and ``code``: ``code`` itself and the groups above it (a
    stream described only by its group, "fuels", "ashes", "steam"); for a rule of the file
    also the classes below it (the rule names a group). A direct-reuse rule never reaches
    below its class: low-pressure steam does not serve a need for high-pressure steam."""
    out = [(above, level) for level, above in enumerate(taxonomy.ancestors(code))
           if above in present]
    if not direct:
        out.extend((below, taxonomy.ancestors(below).index(code))
                   for below in sorted(present & taxonomy.descendants(code)) if below != code)
    return out


def _choose_rules(rules: Sequence[SynergyRule], taxonomy: ClassTree, codes: Sequence[str],
                  supply_classes: IntArray, demand_classes: IntArray) -> Choice:
    index = {code: i for i, code in enumerate(codes)}
    present_supply = frozenset(codes[c] for c in supply_classes.tolist())
    present_demand = frozenset(codes[c] for c in demand_classes.tolist())
    covers: dict[tuple[str, bool, bool], list[tuple[str, int]]] = {}

    def cover(code: str, present: frozenset[str], direct: bool, side: bool
              ) -> list[tuple[str, int]]:
        key = (code, direct, side)
        if key not in covers:
            covers[key] = _cover(code, present, taxonomy, direct)
        return covers[key]

    n = len(codes)
    chosen = np.full((n, n), -1, dtype=np.int64)
    fit = np.zeros((n, n), dtype=np.float64)
    best: dict[tuple[int, int], tuple[int, int, int]] = {}
    for position, rule in enumerate(rules):
        direct = is_direct_reuse(rule)
        supply_side = cover(rule.supply_class, present_supply, direct, True)
        if not supply_side:
            continue
        demand_side = cover(rule.demand_class, present_demand, direct, False)
        for a_code, level_a in supply_side:
            a = index[a_code]
            for b_code, level_b in demand_side:
                key = (level_a + level_b, level_a, position)
                pair = (a, index[b_code])
                if pair not in best or key < best[pair]:
                    best[pair] = key
    for (a, b), (levels, _level_a, position) in best.items():
        chosen[a, b] = position
        evidence = 1.0 if rules[position].evidence == "cited" else _ENGINEERING_FACTOR
        fit[a, b] = max(0.5, 1.0 - _LEVEL_PENALTY * levels) * evidence
    return Choice(chosen, fit)


def _rule_columns(rules: Sequence[SynergyRule], taxonomy: ClassTree, codes: Sequence[str],
                  road_factor: float, weights: Mapping[str, float]) -> RuleColumns:
    classes = [taxonomy.classes[c] for c in codes]
    return RuleColumns(
        reach_km=np.array([r.max_distance_km for r in rules], dtype=np.float64),
        hard_km=np.array([hard_max_km(taxonomy.classes[r.supply_class], r.max_distance_km)
                          for r in rules], dtype=np.float64),
        min_temp=np.array([np.nan if r.min_temperature_c is None else r.min_temperature_c
                           for r in rules], dtype=np.float64),
        ratio=np.array([r.substitution_ratio for r in rules], dtype=np.float64),
        permit=np.array([r.requires_permit for r in rules], dtype=np.bool_),
        class_storable=np.array([c.form not in NON_STORABLE for c in classes], dtype=np.bool_),
        class_hazardous=np.array([c.hazardous for c in classes], dtype=np.bool_),
        road_factor=road_factor,
        weights=weights,
    )


# --------------------------------------------------------------------------- table
# a rule, the two classes, and whether each side is a further reading, and one of its sector
_NoteKey = tuple[int, str, str, bool, bool, bool, bool]


@dataclass
class MatchTable:
    """The final candidates as columns; :meth:`candidates` builds the objects.

    ``score`` is each candidate's score; ``scores`` (every part, the distance, how it is
    known) is computed on first use from the same scorer, like the objects."""

    supplies: Sequence[Stream]
    demands: Sequence[Stream]
    rules: Sequence[SynergyRule]
    taxonomy: ClassTree
    factors: BenefitFactors
    weights: Mapping[str, float]
    supply_index: IntArray
    demand_index: IntArray
    rule_index: IntArray
    score: FloatArray
    rank_for_supply: IntArray
    rank_for_demand: IntArray
    stats: dict[str, Any]
    setup: Setup                              # the search's columns (stream positions)
    positions: tuple[IntArray, IntArray]      # supply and demand positions in ``setup``
    # each row's supply and demand as the caller listed them: ``supplies`` and ``demands``
    # above also hold the further readings (Stream.also_read_as), each after its stream
    supply_stream: IntArray
    demand_stream: IntArray

    def __len__(self) -> int:
        return len(self.supply_index)

    @cached_property
    def scores(self) -> PairScores:
        s, d = self.positions
        return pair_scores(self.setup, s, d, self.rule_index)

    def candidates(self, language: str = "en", rows: IntArray | None = None
                   ) -> list[Candidate]:
        """The candidate objects of every row, or of the rows ``rows`` (positions, in that
        order): a park's refresh builds only those touching the park."""
        sc = self.scores
        arrays = (
            self.supply_index, self.demand_index, self.rule_index, sc.distance_km, sc.basis,
            sc.class_fit, sc.distance, sc.quantity_fit, sc.timing, sc.quality, sc.score,
            self.rank_for_supply, self.rank_for_demand)
        columns = [(array if rows is None else array[rows]).tolist() for array in arrays]
        class_notes: dict[_NoteKey, str] = {}
        with use_language(language):
            return [self._candidate(row, language, class_notes) for row in zip(*columns,
                                                                               strict=True)]

    def _candidate(self, row: tuple[Any, ...], language: str,
                   class_notes: dict[_NoteKey, str]) -> Candidate:
        (supply_at, demand_at, rule_at, distance, basis, fit, near, qty_fit, timing,
         quality, score, rank_s, rank_d) = row
        supply = self.supplies[supply_at]
        demand = self.demands[demand_at]
        rule = self.rules[rule_at]
        known = distance == distance                  # NaN is unknown
        quantity, quantity_note = _matched(supply, demand, rule)
        per_unit = self._unit_benefit(supply.resource_class, demand.resource_class, rule_at)
        gain = None if quantity is None else per_unit.at(quantity, distance if known else None)
        key = (rule_at, supply.resource_class, demand.resource_class, supply.further_reading,
               demand.further_reading, supply.sector_reading, demand.sector_reading)
        if key not in class_notes:
            class_notes[key] = "; ".join(filter(None, (
                _class_note(rule, supply, demand, self.taxonomy, language),
                _price_note(rule, supply, demand, per_unit.unpriced, self.taxonomy, language))))
        w = self.weights
        parts = (
            ScorePart("class_fit", w["class_fit"], fit, class_notes[key]),
            ScorePart("distance", w["distance"], near,
                      _distance_note(distance, basis, self.factors.road_factor)),
            ScorePart("quantity_fit", w["quantity_fit"], qty_fit,
                      quantity_note or _quantity_note(supply, demand, rule)),
            ScorePart("timing", w["timing"], timing, _timing_note(supply, demand)),
            ScorePart("quality", w["quality"], quality,
                      _quality_note(supply, rule, self.taxonomy)),
        )
        return Candidate(
            supply_id=supply.id, demand_id=demand.id, rule_code=rule.code,
            resource_class=supply.resource_class,
            use=rule.use_vi if language == "vi" and rule.use_vi else rule.use_en,
            distance_km=distance if known else None,
            matched_quantity=quantity,
            unit=self.taxonomy.classes[supply.resource_class].base_unit,
            score=score, parts=parts, benefit=gain,
            rank_for_supply=rank_s, rank_for_demand=rank_d, language=language,
            weak_below=weak_below() if is_weak(score) else None,
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
    neutral = formatting.number(UNKNOWN_VALUE)
    if supply.quantity is not None and demand.quantity is not None:
        return min(supply.quantity, demand.quantity / ratio), ""
    if supply.quantity is not None:
        return supply.quantity, _("quantity unknown for the need: neutral value {value}; all "
                                  "of the supply is assumed taken").format(value=neutral)
    if demand.quantity is not None:
        return demand.quantity / ratio, _("quantity unknown for the offer: neutral value "
                                          "{value}; the whole need is assumed met").format(
            value=neutral)
    return None, _("quantity unknown on both sides: neutral value {value}").format(
        value=neutral)


# --------------------------------------------------------------------------- notes
def share_text(value: float, language: str | None = None) -> str:
    """A share in a note, in whole percent: "< 1 %" for a share above 0 that would round to
    0 ("covers 0 % of the need" was read as covering nothing)."""
    if value > 0 and round(100 * value) == 0:
        return "< " + formatting.percent(1, 0, language)
    return formatting.percent(100 * value, 0, language)


def _class_note(rule: SynergyRule, supply: Stream, demand: Stream, taxonomy: ClassTree,
                language: str) -> str:
    evidence = _("cited") if rule.evidence == "cited" else _("engineering practice")
    supply_name = taxonomy.classes[supply.resource_class].name(language)
    demand_name = taxonomy.classes[demand.resource_class].name(language)
    if is_direct_reuse(rule):
        note = _("direct reuse: the same resource on both sides ({supply} → {demand}), "
                 "substitution 1:1").format(supply=supply_name, demand=demand_name)
    else:
        note = _("rule {code} ({evidence}): {supply} → {demand}").format(
            code=rule.code, evidence=evidence, supply=supply_name, demand=demand_name)
    vague = []
    for stream, named in ((supply, rule.supply_class), (demand, rule.demand_class)):
        if stream.resource_class != named and stream.resource_class in taxonomy.ancestors(named):
            vague.append(_("{side} described only as the group {group}: class fit "
                           "lowered").format(
                side=_("offer") if stream is supply else _("need"),
                group=taxonomy.classes[stream.resource_class].name(language)))
    further = [(_("{side} also read as {resource}, a class typical of its firm's sector (its "
                  "words say little); class fit lowered") if stream.sector_reading else
                _("{side} also read as {resource}, a class its description fits less well "
                  "than its first; class fit lowered")).format(
                     side=_("offer") if stream is supply else _("need"),
                     resource=taxonomy.classes[stream.resource_class].name(language))
               for stream in (supply, demand) if stream.further_reading]
    return "; ".join([note, *vague, *further])


def _price_note(rule: SynergyRule, supply: Stream, demand: Stream, unpriced: tuple[str, ...],
                taxonomy: ClassTree, language: str) -> str:
    """Which money terms of the benefit no factor prices (so they count as 0)."""
    notes = []
    if PURCHASE in unpriced:
        notes.append(_("virgin-input price unknown for {demand}: avoided purchase not "
                       "counted").format(demand=taxonomy.classes[demand.resource_class]
                                         .name(language)))
    if DISPOSAL in unpriced:
        from openeip.core.catalogues import fates

        label = fates().get(rule.avoided_fate)
        notes.append(_("disposal fee unknown for {supply} ({fate}): avoided disposal not "
                       "counted").format(
            supply=taxonomy.classes[supply.resource_class].name(language),
            fate=label.text(language).lower() if label else rule.avoided_fate))
    return "; ".join(notes)


def _distance_note(distance: float, basis: int, road_factor: float) -> str:
    if math.isnan(distance):
        return _("distance unknown (no coordinates): neutral value")
    if basis == SAME_PARK:
        return _("same park without coordinates: {km} km assumed").format(
            km=formatting.number(distance))
    if basis == FROM_PARK:
        return _("about {km} km by road from the park's location (no coordinates of the "
                 "firm; straight line × {factor})").format(
            km=formatting.fixed(distance, 1), factor=formatting.number(road_factor))
    return _("{km} km by road (straight line × {factor})").format(
        km=formatting.fixed(distance, 1), factor=formatting.number(road_factor))


def _quantity_note(supply: Stream, demand: Stream, rule: SynergyRule) -> str:
    assert supply.quantity is not None and demand.quantity is not None
    offered = supply.quantity * rule.substitution_ratio
    if offered <= 0 or demand.quantity <= 0:
        return _("a quantity is zero")
    taken = min(offered, demand.quantity)
    return _("places {placed} of the supply and covers {covered} of the need").format(
        placed=share_text(taken / offered), covered=share_text(taken / demand.quantity))


def _timing_note(supply: Stream, demand: Stream) -> str:
    if not supply.months and not demand.months:
        return _("timing unknown on both sides (no months given): all year assumed")
    unknown = ""
    if not supply.months or not demand.months:
        unknown = _("timing unknown for the offer (no months given): all year assumed") if (
            not supply.months) else _("timing unknown for the need (no months given): all "
                                      "year assumed")
    months_s = supply.months or frozenset(range(1, 13))
    months_d = demand.months or frozenset(range(1, 13))
    common = len(months_s & months_d)
    if common == 0:
        return _("no month in common: the supply must be stored")
    overlap = _("{common} month(s) in common out of {either}").format(
        common=common, either=len(months_s | months_d))
    return "; ".join(filter(None, (unknown, overlap)))


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


def _setup(supplies: Sequence[Stream], demands: Sequence[Stream], top_k: int,
           taxonomy: ClassTree | None, rules: RuleSource | Sequence[SynergyRule] | None,
           factors: BenefitFactors | None, weights: Mapping[str, float] | None) -> Setup:
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
    named = {rule.code for rule in rule_list}
    rule_list += tuple(r for r in direct_reuse_rules(taxonomy) if r.code not in named)
    factors = factors or load_factors()
    checked = checked_weights(weights)
    codes = tuple(taxonomy.classes)
    index = {code: i for i, code in enumerate(codes)}
    parks: dict[str, int] = {}
    companies: dict[str, int] = {}
    sup, dem = place_in_parks(stream_arrays(supplies, index, parks, companies),
                              stream_arrays(demands, index, parks, companies))
    choice = _choose_rules(rule_list, taxonomy, codes, np.unique(sup.cls[sup.cls >= 0]),
                           np.unique(dem.cls[dem.cls >= 0]))
    cols = _rule_columns(rule_list, taxonomy, codes, factors.road_factor, checked)
    return permuted_setup(Setup(codes, rule_list, sup, dem, choice, cols,
                                spatial_groups(sup, dem, factors.road_factor), taxonomy,
                                factors, checked))


def _table(st: Setup, found: Ranked, supplies: Sequence[Stream], demands: Sequence[Stream],
           stats: dict[str, Any], stream_s: IntArray, stream_d: IntArray) -> MatchTable:
    stats["candidates"] = len(found.s)
    supply_index, demand_index = st.sup.origin[found.s], st.dem.origin[found.d]
    return MatchTable(supplies, demands, st.rules, st.taxonomy, st.factors, st.weights,
                      supply_index, demand_index, found.r, found.score, found.rank_s,
                      found.rank_d, stats, st, (found.s, found.d), stream_s[supply_index],
                      stream_d[demand_index])


def _with_further_readings(streams: Sequence[Stream]) -> tuple[Sequence[Stream], IntArray]:
    """The streams, each followed by its further readings, and the index of each one's
    stream in ``streams``."""
    stream = np.arange(len(streams), dtype=np.int64)
    if not any(s.also_read_as is not None for s in streams):
        return streams, stream
    listed: list[Stream] = []
    counts: list[int] = []
    for first in streams:
        before = len(listed)
        reading: Stream | None = first
        while reading is not None:
            listed.append(reading)
            reading = reading.also_read_as
        counts.append(len(listed) - before)
    return listed, np.repeat(stream, np.array(counts, dtype=np.int64))


def match_table(supplies: Sequence[Stream], demands: Sequence[Stream], *, top_k: int = 10,
                scope: Scope = Scope.REGION, taxonomy: ClassTree | None = None,
                rules: RuleSource | Sequence[SynergyRule] | None = None,
                factors: BenefitFactors | None = None,
                weights: Mapping[str, float] | None = None, processes: int = 1) -> MatchTable:
    """The top-k candidates as columns (for large runs: objects are built on demand).
    ``processes``: forked workers for the search of a large run (``_search.search``)."""
    def find(st: Setup, ranked: bool) -> tuple[Ranked, dict[str, Any]]:
        if len(st.sup.cls) * len(st.dem.cls) <= EVERY_PAIR_MAX_PAIRS:
            return _every_pair(st, top_k, Scope(scope), ranked)
        return search(st, top_k, Scope(scope), ranked, processes)

    return _found_table(supplies, demands, top_k, find, taxonomy, rules, factors, weights)


def _found_table(supplies: Sequence[Stream], demands: Sequence[Stream], top_k: int,
                 find: Callable[[Setup, bool], tuple[Ranked, dict[str, Any]]],
                 taxonomy: ClassTree | None, rules: RuleSource | Sequence[SynergyRule] | None,
                 factors: BenefitFactors | None, weights: Mapping[str, float] | None
                 ) -> MatchTable:
    """The table of what ``find`` finds (ranked, or not when it will be ranked again) among
    the streams and their further readings."""
    started = time.perf_counter()
    listed_s, stream_s = _with_further_readings(supplies)
    listed_d, stream_d = _with_further_readings(demands)
    st = _setup(listed_s, listed_d, top_k, taxonomy, rules, factors, weights)
    read_again = len(listed_s) > len(supplies) or len(listed_d) > len(demands)
    found, stats = find(st, not read_again)
    if read_again:
        # each reading found its own k best: a stream keeps the k best of their union, one
        # row per partner (its best reading)
        with runner(len(listed_s) + len(listed_d)) as run:
            found = best_of_readings(found, (st.sup.origin, st.dem.origin),
                                     (stream_s, stream_d), top_k, run)
    table = _table(st, found, listed_s, listed_d, stats, stream_s, stream_d)
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
    return _found_table(supplies, demands, top_k,
                        lambda st, ranked: _every_pair(st, top_k, scope, ranked),
                        taxonomy, rules, factors, weights)


def _every_pair(st: Setup, top_k: int, scope: Scope, ranked: bool
                ) -> tuple[Ranked, dict[str, Any]]:
    pool = Pool(top_k, len(st.sup.cls), len(st.dem.cls), st.sup.origin, st.dem.origin)
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
        score_and_add(st, pool, s[ok], d[ok], rule[ok])
    return (pool.ranked() if ranked else pool.kept()), {"pairs_scored": len(st.sup.cls) * n_dem}

