r"""The pruned top-k search behind :func:`openeip.core.symbiosis.match.match` (numpy, no objects).

Vocabulary: a **block** is one rule with the supplies and demands of the classes it was chosen
for; a **group** is the streams of one park (or one 0.5° cell when they name no park) with a
centroid and radius; the **pool** holds scored pairs and each stream's current k-th best score
(its *threshold*; −∞ until it has k candidates).

Every pair skipped is skipped because an upper bound of its score is below the thresholds of
BOTH its streams, and a threshold is always the k-th best score of k real, distinct candidates
of that stream — so a skipped pair can enter neither top-k and the result equals scoring every
compatible pair (up to ties). Steps:

1. **Rounds by distance** (``ROUND_EDGES_KM``), each split into **quantity bands**
   (``QUANTITY_BANDS``, best fits first; one band, ``COMPILED_BANDS``, in the compiled loop of
   large runs). In a round, the group pairs of a block whose lowest
   possible road distance falls in it are searched from both sides (largest blocks first).
   For a stream still open (threshold below the round's best possible score), the quantity
   fit a partner needs to reach its threshold — with the distance part at the group pair's
   lowest distance, timing and quality at 1 and the block's best class fit — is turned into a
   range of partner log-quantities, since quantity_fit ≥ q > 0.5 ⟺ n/o ∈ [2q − 1,
   1/(2q − 1)]; the partners are found by binary search in the other side's (group, log
   quantity) order. Before that, whole pairs of groups, and the streams of a group whose
   threshold is above the pair's best bound, are left out without a look at each pair of
   streams, and so is a stream against a group with no partner in its quantity range. Each
   pair gets the bound with its exact quantity and timing parts; a pair is claimed by its
   supply when the bound reaches the supply's threshold, else by its demand
   when it reaches the demand's — so none is scored twice. Claimed pairs are scored in full
   (haversine, hard conditions) and pooled. The first band starts with no threshold: it
   scores every pair of close streams whose quantities fit well, which sets the thresholds
   for the rest.
2. After each band the pool (``_pool.py``) keeps the k best per supply and per demand, and
   the thresholds rise.

Before the first round, **seeds** (:func:`_seed`) give the thresholds a start: every stream
of a block is scored against the k streams of the other side in its own group whose quantity
is nearest its own. Seeds are real, distinct candidates, so the thresholds stay valid; the
pool then forgets the seeded pairs (the rounds find again those that reach a threshold).
Without seeds the first band scored every close pair of a dense park, and the work grew with
the square of the streams per park. Where a group has no
coordinates, the distance part is known exactly (SAME_PARK_KM in one park, else the neutral
value, which the curve gives at reach / 4): such pairs are searched in the round of that
*effective* distance (:func:`_lows`) and bounded with it, not all in the first round with a
distance of 0.

Thresholds are compared less ``TOLERANCE`` (1e-9): a bound and a score add the same parts in
different orders. Small blocks (``SMALL_BLOCK_PAIRS``) are searched in the first round and
band. Runs of ``PARALLEL_MIN_STREAMS`` streams or more build the blocks, search them and rank
on ``WORKERS`` threads (numpy releases the GIL in its array work) against thresholds fixed for
the band; results are pooled in block order, so the outcome is the same as in one thread. Given
``processes`` (the CLI gives its cores), runs up to ``PROCESSES_MAX_STREAMS`` streams seed and
search the blocks on forked workers instead, which read each band's thresholds from shared
memory (:func:`_blocks_searched`): the same pairs, pooled in the same order. Runs of
``COMPILED_MIN_STREAMS`` streams or more do each block's round — the steps of 1. for every
pair of groups, stream and partner — in one compiled pass (``_kernel.round_scored``) and
score the seeds in a compiled loop too. It also raises each stream's threshold to its k-th
best found so far in the block, so it scores fewer pairs; the candidates are the same.
"""

from __future__ import annotations

import mmap
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from openeip.core.forked import forked_map
from openeip.core.symbiosis._pool import (
    TOLERANCE,
    Pool,
    Ranked,
    Runner,
    quantised,
    serial,
    useful,
    within_k_best,
)
from openeip.core.symbiosis.factors import BenefitFactors, ClassTree
from openeip.core.symbiosis.geo import haversine_km_array
from openeip.core.symbiosis.model import Scope, SynergyRule
from openeip.core.symbiosis.scoring import (
    PARTS,
    POPCOUNT,
    SAME_PARK_KM,
    FloatArray,
    IntArray,
    PairScores,
    RuleColumns,
    StreamArrays,
    class_fit,
    distance_part,
    distance_value,
    hard_conditions,
    hazardous,
    quality_value,
    quantity_and_timing,
    road_distance,
    score_bound,
    score_pairs,
)

ROUND_EDGES_KM = (2.0, 10.0, 30.0, 100.0, np.inf)   # upper edges of the rounds (road km)
CHUNK_PAIRS = 2_000_000                            # stream pairs expanded at once
CELL_DEGREES = 0.1
SMALL_BLOCK_PAIRS = 20_000                         # blocks searched in the first round
SHORT_REACH_KM = 30.0                              # bound with the exact distance below this
WORKERS = 2                                        # threads searching blocks (large runs)
PARALLEL_MIN_STREAMS = 50_000                      # smaller runs stay in one thread
# forked workers (``search(processes=…)``) up to this many streams, threads above: survey
# files, 2 cores, 7 Dec 2026: 100k rows' search 9.0 s on two threads, 5.7 s on two workers;
# 1M rows' 84 s on threads, 90 s on workers (large arrays release the GIL; 50M pooled pairs
# would cross the pipes); the bound between them is not measured: 300k–700k may go either way
PROCESSES_MAX_STREAMS = 500_000
QUANTITY_BANDS = ((0.8, 2.0), (-np.inf, 0.8))      # quantity_fit bands, best first
# the compiled loop's: one band. Its pairs are cheap and the numpy work per band is not (300k
# survey rows, search on two workers, three runs each interleaved, 7 Dec 2026: 24.0 s on two
# bands, 20.3 s on one, 15 % more pairs bounded, the same candidates)
COMPILED_BANDS = ((-np.inf, 2.0),)
REDUCE_GROWTH = 1.1                                # re-rank the pool when it grew this much
# a batch of more pairs is cut to its streams' k best before it is pooled (a performance
# threshold, not tuned: other values were not measured; the result is the same either way)
LOCAL_BEST_MIN_PAIRS = 2_000
# runs of this many streams or more search their rounds in the compiled loop (``_kernel.py``);
# smaller ones stay in numpy, without the compiler to load. Survey rows, match_table on two
# workers, two runs each interleaved, 7 Dec 2026: 10k rows 1.40/1.56 s compiled (numba loaded
# from its cache) against 1.50/1.44 s in numpy; 30k rows 3.30/3.28 s against 4.39/5.99 s
COMPILED_MIN_STREAMS = 20_000


@dataclass(frozen=True, slots=True)
class Choice:
    rule: IntArray          # [supply class, demand class] -> rule index, -1 none
    class_fit: FloatArray   # [supply class, demand class] -> class_fit value


@dataclass(frozen=True, slots=True)
class Groups:
    of_supply: IntArray
    of_demand: IntArray
    park: IntArray          # park code of each group, -1 for cells / no park
    min_road: FloatArray    # [group, group] lowest possible road km (0 when unknown)
    located: Any = None     # per group: its streams have coordinates (None: all have)


@dataclass(frozen=True, slots=True)
class Setup:
    """Everything one search reads; streams already in (group, class) order."""

    codes: tuple[str, ...]
    rules: tuple[SynergyRule, ...]
    sup: StreamArrays
    dem: StreamArrays
    choice: Choice
    cols: RuleColumns
    groups: Groups
    taxonomy: ClassTree
    factors: BenefitFactors
    weights: Mapping[str, float]
    # per supply: 1 when its temperature is unknown, + 2 when it or its class is hazardous
    sup_flags: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


# --------------------------------------------------------------------------- space
def _group_keys(arr: StreamArrays) -> IntArray:
    has_xy = ~np.isnan(arr.lat) & ~np.isnan(arr.lon)
    cell_lat = np.floor(np.nan_to_num(arr.lat) / CELL_DEGREES).astype(np.int64) + 1000
    cell_lon = np.floor(np.nan_to_num(arr.lon) / CELL_DEGREES).astype(np.int64) + 1000
    cell = (cell_lat * 4000 + cell_lon) * 2 + has_xy
    by_park = arr.park * 2 + has_xy
    # park groups are non-negative, cells negative: the two never collide
    keys: IntArray = np.where(arr.park >= 0, by_park, -1 - cell)
    return keys


def spatial_groups(sup: StreamArrays, dem: StreamArrays, road_factor: float) -> Groups:
    """Groups of both sides, with the lowest possible road distance between every two."""
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
    return Groups(inverse[:n], inverse[n:], group_park, low, counts > 0)


def _scope_mask(scope: Scope, park_s: IntArray, park_d: IntArray) -> Any:
    same = (park_s[:, None] == park_d[None, :]) & (park_s[:, None] >= 0)
    if scope is Scope.PARK:
        return same
    if scope is Scope.CROSS_PARK:
        return ~same
    return np.ones(same.shape, dtype=np.bool_)


@dataclass(frozen=True, slots=True)
class _Side:
    """One side of a block: its streams sorted by (group, quantity key)."""

    members: IntArray       # stream positions
    key: FloatArray         # slot × 1000 + log quantity (clipped to ±400; unknown = 500)
    groups: IntArray        # distinct groups, ascending; a group's *slot* is its index here
    starts: IntArray        # first index of each group in ``members``
    counts: IntArray
    known: IntArray         # members of each group with a known quantity (they come first)
    lowest: FloatArray      # each group's lowest and highest known log quantity (±inf: none)
    highest: FloatArray


_UNKNOWN_KEY = 500.0
_SLACK = 1e-12            # float noise allowed for when an item is skipped (below TOLERANCE)
_SLOT = 1000.0
_PREFIX_SLACK = 1e-6      # above TOLERANCE and the float spacing of group × 4 + threshold


def _log_key(quantity: FloatArray) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        logged = np.clip(np.log(quantity), -400.0, 400.0)
    return np.where(np.isnan(logged), _UNKNOWN_KEY, logged)


def _side(members: IntArray, group_of: IntArray, quantity: FloatArray) -> _Side:
    """``quantity``: each member's, in the block's demand units (supplies: offered =
    quantity × ratio)."""
    own = _log_key(quantity)
    order = np.lexsort((own, group_of[members]))
    members, own = members[order], own[order]
    groups, starts, counts = np.unique(group_of[members], return_index=True, return_counts=True)
    slot = np.repeat(np.arange(len(groups)), counts)
    known = np.add.reduceat((own < _UNKNOWN_KEY).astype(np.int64), starts)
    lowest = np.where(known > 0, own[starts], np.inf)
    highest = np.where(known > 0, own[np.maximum(starts + known - 1, 0)], -np.inf)
    return _Side(members, slot * _SLOT + own, groups, starts, counts, known, lowest, highest)


def pair_scores(st: Setup, s: IntArray, d: IntArray, r: IntArray) -> PairScores:
    """The pairs (s[i], d[i]) under rules r[i] scored in full (:func:`scoring.score_pairs`),
    with their class fit (:func:`scoring.class_fit`: lowered for a further reading)."""
    return score_pairs(st.sup, st.dem, s, d, r,
                       class_fit(st.choice.class_fit, st.sup, st.dem, s, d), st.cols)


def score_and_add(st: Setup, pool: Pool, s: IntArray, d: IntArray, r: IntArray) -> None:
    scored = pair_scores(st, s, d, r)
    pool.scored += len(s)
    s, d, r = s[scored.keep], d[scored.keep], r[scored.keep]
    ok = useful(s, d, scored.score, pool.thr_s - TOLERANCE, pool.thr_d - TOLERANCE)
    pool.add(s[ok], d[ok], r[ok], scored.score[ok])


# --------------------------------------------------------------------------- expansion
def _parts(length: IntArray) -> Iterator[IntArray]:
    """The items of nonzero ``length``, in runs of about CHUNK_PAIRS pairs (one item at least)."""
    nonzero = np.flatnonzero(length > 0)
    ends = np.cumsum(length[nonzero])
    begin = 0
    while begin < len(nonzero):
        base = ends[begin - 1] if begin else 0
        end = max(int(np.searchsorted(ends, base + CHUNK_PAIRS, side="right")), begin + 1)
        yield nonzero[begin:end]
        begin = end


def _ranges(first: IntArray, length: IntArray) -> Iterator[tuple[IntArray, IntArray]]:
    """(item, first[item] + j) for every j < length[item], in chunks of about CHUNK_PAIRS."""
    for part in _parts(length):
        size = length[part]
        item = np.repeat(part, size)
        offset = np.arange(int(size.sum())) - np.repeat(np.cumsum(size) - size, size)
        yield item, first[item] + offset


# --------------------------------------------------------------------------- blocks
@dataclass(frozen=True, slots=True)
class _Block:
    rule: int
    sup: _Side
    dem: _Side
    round_of: Any            # [supply slot, demand slot] its round (int8), -1 when out of
                             # reach or scope
    round_counts: IntArray   # allowed (supply slot, demand slot) pairs in each round
    reach: float
    fit_max: float
    fit_all: float           # the class fit of every pair, NaN when it differs between them
    quality: FloatArray      # the quality part by ``Setup.sup_flags``
    owns_all: bool           # every class pair of its streams has this rule

    @property
    def allowed(self) -> Any:
        return self.round_of >= 0

    @property
    def pairs(self) -> int:
        return len(self.sup.members) * len(self.dem.members)


def _by_class(cls: IntArray, n_classes: int) -> list[IntArray]:
    order = np.argsort(cls, kind="stable")
    bounds = np.searchsorted(cls[order], np.arange(n_classes + 1))
    return [order[bounds[c]:bounds[c + 1]] for c in range(n_classes)]


def _blocks(st: Setup, scope: Scope, run: Runner) -> list[_Block]:
    """The blocks, largest first (a worker idle at the end of a round waits less)."""
    n = len(st.codes)
    sup_by_class = _by_class(np.where(st.sup.cls >= 0, st.sup.cls, n), n + 1)
    dem_by_class = _by_class(np.where(st.dem.cls >= 0, st.dem.cls, n), n + 1)
    rules = np.unique(st.choice.rule[st.choice.rule >= 0]).tolist()
    blocks = [block for block in run(_block, ((st, scope, rule, sup_by_class, dem_by_class)
                                              for rule in rules)) if block is not None]
    blocks.sort(key=lambda block: -block.pairs)
    return blocks


def _block(st: Setup, scope: Scope, rule: int, sup_by_class: list[IntArray],
           dem_by_class: list[IntArray]) -> _Block | None:
    choice, groups = st.choice, st.groups
    a_classes, b_classes = (np.unique(c) for c in np.nonzero(choice.rule == rule))
    sup_members = np.concatenate([sup_by_class[a] for a in a_classes])
    dem_members = np.concatenate([dem_by_class[b] for b in b_classes])
    if not len(sup_members) or not len(dem_members):
        return None
    sup_side = _side(sup_members, groups.of_supply, st.sup.qty[sup_members] * st.cols.ratio[rule])
    dem_side = _side(dem_members, groups.of_demand, st.dem.qty[dem_members])
    low, effective = _lows(st, rule, sup_side.groups, dem_side.groups)
    reach = float(st.cols.reach_km[rule])
    allowed = (low <= float(st.cols.hard_km[rule])) & _scope_mask(
        scope, groups.park[sup_side.groups], groups.park[dem_side.groups])
    # the round of each pair of groups, one byte each: the pairs of a round are listed again
    # when it comes (_round_pairs); with reaches of hundreds of km, keeping the lists for
    # every block would cost gigabytes
    round_of = np.where(allowed, np.searchsorted(np.asarray(ROUND_EDGES_KM), effective),
                        -1).astype(np.int8)
    round_counts = np.bincount(round_of[allowed], minlength=len(ROUND_EDGES_KM))
    fits = choice.class_fit[choice.rule == rule]
    owns_all = bool((choice.rule[np.ix_(a_classes, b_classes)] == rule).all())
    return _Block(rule, sup_side, dem_side, round_of, round_counts, reach, float(fits.max()),
                  float(fits[0]) if (fits == fits[0]).all() else np.nan,
                  _quality_by_flags(st, rule), owns_all)


def _round_pairs(st: Setup, block: _Block, rounds: list[int], rows: Any, columns: Any
                 ) -> tuple[IntArray, IntArray, FloatArray]:
    """The allowed (supply slot, demand slot) group pairs whose lowest road distance falls in
    the rounds ``rounds`` — round r: (ROUND_EDGES_KM[r − 1], ROUND_EDGES_KM[r]] — round by
    round, row-major within a round, with that distance; only the pairs whose supply slot is
    in ``rows`` or whose demand slot is in ``columns`` (booleans)."""
    parts = []
    either = None if rows.all() or columns.all() else rows[:, None] | columns[None, :]
    for r in rounds:
        in_round = block.round_of == r
        gi, gj = np.nonzero(in_round if either is None else in_round & either)
        _low, low = _lows(st, block.rule, block.sup.groups[gi], block.dem.groups[gj], False)
        parts.append((gi, gj, low))
    if len(parts) == 1:
        return parts[0]
    return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]))


def _lows(st: Setup, rule: int, sup_groups: IntArray, dem_groups: IntArray,
          every: bool = True) -> tuple[FloatArray, FloatArray]:
    """The lowest possible road km between the groups (for the hard limits), and the
    *effective* one the rounds and the bounds use: where a group has no coordinates the
    distance part is known exactly — the park's assumed SAME_PARK_KM inside one park, else
    the neutral value, which the curve gives at reach / 4 — so such pairs are searched in
    the round of that distance, not all in the first (they were: a lowest distance of 0 put
    every stream without coordinates next to every other).

    ``every``: for every supply group and demand group (a matrix), else for the pairs
    (sup_groups[i], dem_groups[i])."""
    g = st.groups
    if every:
        sup_groups, dem_groups = sup_groups[:, None], dem_groups[None, :]
    low = g.min_road[sup_groups, dem_groups]
    if g.located is None:
        return low, low
    unlocated = ~g.located[sup_groups] | ~g.located[dem_groups]
    if not unlocated.any():
        return low, low
    park_s, park_d = g.park[sup_groups], g.park[dem_groups]
    same_park = (park_s == park_d) & (park_s >= 0)
    reach = float(st.cols.reach_km[rule])
    neutral_km = _neutral_km(reach)
    effective = np.where(unlocated, np.where(same_park, SAME_PARK_KM, neutral_km), low)
    return low, effective


def _neutral_km(reach: float) -> float:
    """The distance whose part is the neutral value (a pair without coordinates outside one
    park): reach / 4 on the curve, 0 for an unlimited reach."""
    return reach / 4.0 if np.isfinite(reach) else 0.0


def _quality_by_flags(st: Setup, rule: int) -> FloatArray:
    """The quality part under ``rule`` of a supply with each ``sup_flags`` value."""
    flags = np.arange(4)
    return quality_value((flags & 1) > 0, (flags & 2) > 0, rule, st.cols)


def _pairs_of(st: Setup, block: _Block, own_is_supply: bool, own_pos: IntArray,
              other_pos: IntArray, along: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """(supply, demand) stream positions of side positions, only the pairs the block's rule
    owns, and ``along`` (one value per pair) for those pairs."""
    own = block.sup if own_is_supply else block.dem
    other = block.dem if own_is_supply else block.sup
    a, b = own.members[own_pos], other.members[other_pos]
    s, d = (a, b) if own_is_supply else (b, a)
    if block.owns_all:
        return s, d, along
    ok = st.choice.rule[st.sup.cls[s], st.dem.cls[d]] == block.rule
    return s[ok], d[ok], along[ok]


# --------------------------------------------------------------------------- rounds
def _q_range(own_key: FloatArray, q_min: FloatArray) -> tuple[FloatArray, FloatArray, Any]:
    """Log-quantity interval of partners whose quantity_fit can reach ``q_min`` (a superset),
    and whether partners of unknown quantity (fit 0.5) can.

    quantity_fit = (m/o + m/n)/2 ≥ q > 0.5  ⟺  n/o ∈ [2q − 1, 1/(2q − 1)]. A stream of unknown
    quantity has the fit 0.5 with every partner: above that, none can reach it."""
    known_own = (own_key < _UNKNOWN_KEY) & (own_key > -400.0)
    unknown_own = own_key >= _UNKNOWN_KEY
    with np.errstate(invalid="ignore", divide="ignore"):
        delta = -np.log(np.clip(2 * q_min - 1, 1e-300, None)) + 1e-9
    narrow = known_own & (q_min > 0.5)
    lo = np.where(narrow, own_key - delta, -450.0)
    hi = np.where(narrow, own_key + delta, 450.0)
    lo = np.where((q_min > 1.0) | (unknown_own & (q_min > 0.5 + _SLACK)), np.inf, lo)
    unknown_too = q_min <= 0.5
    return lo, hi, unknown_too


def _inner(key: FloatArray, own_key: FloatArray, target: IntArray, q_top: float, a: IntArray,
           b: IntArray) -> tuple[IntArray, IntArray]:
    """Within [a, b), the index range of partners whose quantity_fit is surely ≥ ``q_top``
    (to leave out); empty when the band has no top below 1 or the own quantity is unknown."""
    known_own = (own_key < _UNKNOWN_KEY) & (own_key > -400.0)
    if q_top > 1.0 or not known_own.any():
        return b, b
    delta = -np.log(2 * q_top - 1) - 1e-9            # strictly inside: a superset remains
    a_in = np.clip(np.searchsorted(key, target * _SLOT + own_key - delta), a, b)
    b_in = np.clip(np.searchsorted(key, target * _SLOT + own_key + delta, side="right"), a_in,
                   b)
    a_in = np.where(known_own, a_in, b)
    b_in = np.where(known_own, b_in, b)
    return a_in, b_in


Batch = tuple[IntArray, IntArray, IntArray, FloatArray, IntArray]   # as Pool.add takes them


def _rounds_of(block: _Block, index: int, band: tuple[float, float]) -> list[int]:
    """The rounds whose group pairs the block searches in round ``index`` and ``band``: that
    round, or none when it has no pair of groups there; a small block is searched in one go,
    every round and band in the first (the order of the rounds only helps large blocks; the
    result is the same)."""
    if block.pairs <= SMALL_BLOCK_PAIRS:
        # the first band of either list is the one whose top (2.0) is above every fit
        if index > 0 or band[1] <= 1.0:
            return []
        rounds = list(range(len(ROUND_EDGES_KM)))
    else:
        rounds = [index]
    return rounds if block.round_counts[rounds].sum() else []


def _round(st: Setup, block: _Block, index: int, lower: float, band: tuple[float, float],
           thr_s: FloatArray, thr_d: FloatArray, top_k: int) -> tuple[int, int, list[Batch]]:
    """Score the pairs of one block in one distance round and quantity band against the
    thresholds ``thr_s``/``thr_d`` (already lowered by TOLERANCE); returns how many pairs were
    bounded and scored and the scored pairs that reach a threshold."""
    batches: list[Batch] = []
    rounds = _rounds_of(block, index, band)
    if not rounds:
        return 0, 0, batches
    if block.pairs <= SMALL_BLOCK_PAIRS:
        band = (-np.inf, np.inf)
    best = float(score_bound(st.weights, block.fit_max, np.array(lower), block.reach))
    if _compiled(st):
        return _round_compiled(st, block, rounds, best, band, thr_s, thr_d, top_k)
    # each group's lowest threshold: only groups with a stream open in this round take part
    lowest_s = np.minimum.reduceat(thr_s[block.sup.members], block.sup.starts)
    lowest_d = np.minimum.reduceat(thr_d[block.dem.members], block.dem.starts)
    rows, columns = lowest_s <= best + _PREFIX_SLACK, lowest_d <= best + _PREFIX_SLACK
    if not rows.any() and not columns.any():
        return 0, 0, batches
    gi, gj, low = _round_pairs(st, block, rounds, rows, columns)
    w = st.weights
    total = sum(w.values())
    near = distance_value(low, block.reach)
    # everything but quantity and timing, at the pair of groups' lowest distance
    base = (w["class_fit"] * block.fit_max + w["distance"] * near + w["quality"]) / total
    # the best bound a stream can have with a partner in each pair of groups (quantity fit at
    # the band's top, timing 1): a stream whose threshold is above it has nothing to find
    # there (a superset of the items `can` keeps below)
    reachable = base + (w["quantity_fit"] * min(band[1], 1.0) + w["timing"]) / total
    bounded = scored = 0
    for own_is_supply in (True, False):
        own, other = (block.sup, block.dem) if own_is_supply else (block.dem, block.sup)
        thr_own = thr_s if own_is_supply else thr_d
        thr_members = thr_own[own.members]
        open_idx = np.flatnonzero(thr_members <= best)
        if not len(open_idx):
            continue
        # the pairs of groups where the own group's lowest threshold is within reach: in the
        # far rounds most are not, and every pair kept costs several array operations
        lowest = lowest_s if own_is_supply else lowest_d
        g_own, g_other = (gi, gj) if own_is_supply else (gj, gi)
        live = np.flatnonzero(lowest[g_own] <= reachable + _PREFIX_SLACK)
        if not len(live):
            continue
        live_own = g_own[live]
        open_slot = np.repeat(np.arange(len(own.groups)), own.counts)[open_idx]
        open_count = np.bincount(open_slot, minlength=len(own.groups))
        open_start = np.cumsum(open_count) - open_count
        # within each group the open streams by threshold, lowest first: a pair of groups
        # takes only the prefix whose thresholds it can reach
        thr_open = thr_members[open_idx]
        by_threshold = np.lexsort((thr_open, open_slot))
        open_idx = open_idx[by_threshold]
        ranked = open_slot[by_threshold] * 4.0 + np.clip(thr_open[by_threshold], -1.0, 2.0)
        ends = np.searchsorted(ranked, live_own * 4.0 + np.clip(
            reachable[live] + _PREFIX_SLACK, -1.0, 2.0), side="right")
        taken = np.clip(ends - open_start[live_own], 0, open_count[live_own])
        for in_live, at in _ranges(open_start[live_own], taken):
            pair = live[in_live]
            own_pos = open_idx[at]
            target = g_other[pair]
            # bound ≥ threshold needs quantity_fit ≥ q_min (timing taken at its best, 1)
            thr_here = thr_own[own.members[own_pos]]
            if w["quantity_fit"] > 0:
                q_min = ((thr_here - base[pair]) * total - w["timing"]) / w["quantity_fit"]
            else:
                q_min = np.where((thr_here - base[pair]) * total <= w["timing"], -np.inf,
                                 np.inf)
            # only the items whose partners can reach the threshold within this band
            q_min = np.maximum(q_min, band[0])
            can = (q_min < band[1] + _SLACK) & (q_min <= 1.0 + _SLACK)
            if not can.all():
                pair, own_pos, target, q_min = pair[can], own_pos[can], target[can], q_min[can]
                if not len(pair):
                    continue
            lo, hi, unknown_too = _q_range(own.key[own_pos] - g_own[pair] * _SLOT, q_min)
            # only the items with a partner: a known quantity in range or, where an unknown
            # one can reach the threshold, one of unknown quantity (the binary searches below
            # would find nothing for the others)
            found = ((lo <= other.highest[target]) & (hi >= other.lowest[target])
                     | unknown_too & (other.counts[target] > other.known[target]))
            if not found.all():
                pair, own_pos, target, q_min = (pair[found], own_pos[found], target[found],
                                                q_min[found])
                lo, hi, unknown_too = lo[found], hi[found], unknown_too[found]
                if not len(pair):
                    continue
            first_known = other.starts[target]
            end_known = first_known + other.known[target]
            a = np.clip(np.searchsorted(other.key, target * _SLOT + lo), first_known, end_known)
            b = np.clip(np.searchsorted(other.key, target * _SLOT + hi, side="right"), a,
                        end_known)
            b = np.where(np.isinf(lo), a, b)
            # a band below its top leaves out the partners the bands above it took
            a_in, b_in = _inner(other.key, own.key[own_pos] - g_own[pair] * _SLOT, target,
                                band[1], a, b)
            unknown_end = np.where(unknown_too, other.starts[target] + other.counts[target],
                                   end_known)
            first = np.concatenate([a, b_in, end_known])
            length = np.concatenate([a_in - a, b - b_in, unknown_end - end_known])
            for item, other_pos in _ranges(first, length):
                item = item % len(own_pos)
                s, d, p = _pairs_of(st, block, own_is_supply, own_pos[item], other_pos,
                                    pair[item])
                bounded += len(s)
                batch = _bound_and_score(st, block, s, d, near[p], thr_s, thr_d,
                                         own_is_supply, band, top_k)
                scored += batch[5]
                if len(batch[0]):
                    batches.append(batch[:5])
    return bounded, scored, batches


def _compiled(st: Setup) -> bool:
    return len(st.sup.cls) + len(st.dem.cls) >= COMPILED_MIN_STREAMS


def _compiled_batches(st: Setup, block: _Block, first: IntArray, length: IntArray,
                      own_stream: IntArray, near: FloatArray, other: _Side, own_is_supply: bool,
                      thr_s: FloatArray, thr_d: FloatArray, band: tuple[float, float],
                      top_k: int) -> Iterator[tuple[int, int, Batch]]:
    """The seeds' pairs (own_stream[i], other.members[first[i] + j]), j < length[i], scored
    in the compiled loop (``_kernel.bound_and_score``), a chunk at a time: (pairs of the
    block's rule, pairs scored, the batch)."""
    from openeip.core.symbiosis._kernel import bound_and_score

    block_columns, common = _kernel_block(st, block, band)
    sup = _kernel_columns(st.sup, st.sup_flags, thr_s)
    dem = _kernel_columns(st.dem, st.dem.cls, thr_d)
    own, other_all = (sup, dem) if own_is_supply else (dem, sup)
    for part in _parts(length):
        # the other side's columns in the order the loop reads them, only the stretch it
        # reads (placed may be empty)
        begin = int(first[part].min())
        members = other.members[begin:int((first[part] + length[part]).max())]
        in_order = tuple(column[members] if len(column) else column for column in other_all)
        s, d, score, n_bounded, n_scored = bound_and_score(
            first[part] - begin, length[part], own_stream[part], near[part], members,
            own_is_supply, block_columns, own, in_order, common)
        yield n_bounded, n_scored, _batch(st, block, s, d, score, thr_s, thr_d, top_k)


def _round_compiled(st: Setup, block: _Block, rounds: list[int], best: float,
                    band: tuple[float, float], thr_s: FloatArray, thr_d: FloatArray,
                    top_k: int) -> tuple[int, int, list[Batch]]:
    """:func:`_round` in the compiled loop (``_kernel.round_scored``): the same candidates,
    without the arrays of group pairs and items (and fewer pairs scored: the thresholds rise
    inside the block). Its bands have no top below 1 (a band
    below 1 leaves out what the bands above took: ``_inner``, not in the loop)."""
    from openeip.core.symbiosis._kernel import round_scored

    assert band[1] > 1.0, band
    g = st.groups
    located = g.located if g.located is not None else np.zeros(0, dtype=np.bool_)
    neutral_km = _neutral_km(block.reach)
    block_columns, common = _kernel_block(st, block, band)
    s, d, score, n_bounded, n_scored = round_scored(
        block.round_of, (min(rounds), max(rounds)), _side_columns(block.sup),
        _side_columns(block.dem), (g.min_road, located, g.park, neutral_km),
        (best, block.fit_max, _PREFIX_SLACK, _SLACK, _SLOT, _UNKNOWN_KEY, TOLERANCE),
        block_columns, _kernel_columns(st.sup, st.sup_flags, thr_s),
        _kernel_columns(st.dem, st.dem.cls, thr_d), common, top_k)
    batch = _batch(st, block, s, d, score, thr_s, thr_d, top_k)
    return n_bounded, n_scored, [batch] if len(batch[0]) else []


def _side_columns(side: _Side) -> tuple[Any, ...]:
    return side.members, side.key, side.groups, side.starts, side.counts, side.known


def _kernel_block(st: Setup, block: _Block, band: tuple[float, float]
                  ) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The block's and the run's constants as the compiled loop reads them."""
    w = st.weights
    weights = np.array([*(w[part] for part in PARTS), sum(w.values())])
    rule = block.rule
    block_columns = (rule, block.owns_all, float(st.cols.ratio[rule]), float(band[0]),
                     float(band[1]), block.fit_all, block.quality, block.reach,
                     block.reach <= SHORT_REACH_KM, float(st.cols.hard_km[rule]),
                     float(st.cols.min_temp[rule]))
    common = (st.choice.rule, st.choice.class_fit, POPCOUNT, weights, st.cols.class_storable,
              float(st.cols.road_factor), SAME_PARK_KM)
    return block_columns, common


def _kernel_columns(arrays: StreamArrays, flags: IntArray, thresholds: FloatArray
                    ) -> tuple[Any, ...]:
    """One side's columns as the compiled loop reads them (``flags``: the quality flags of
    the supplies; any integer column for the demands)."""
    return (arrays.cls, arrays.qty, arrays.months, arrays.fit_scale, flags, arrays.phi,
            arrays.lam, arrays.cos_phi, arrays.placed, arrays.park, arrays.company, arrays.temp,
            thresholds)


def _bound_and_score(st: Setup, block: _Block, s: IntArray, d: IntArray, near: FloatArray,
                     thr_s: FloatArray, thr_d: FloatArray, own_is_supply: bool,
                     band: tuple[float, float], top_k: int
                     ) -> tuple[IntArray, IntArray, IntArray, FloatArray, IntArray, int]:
    """Score the pairs of the quantity band whose bound (exact quantity and timing parts)
    reaches a threshold: from the supply's side when it reaches the supply's, from the
    demand's side only when it reaches the demand's but not the supply's — so no pair is
    scored twice. Returns those passing the hard conditions and a threshold, and the count
    scored."""
    w = st.weights
    qty, timing = quantity_and_timing(st.sup, st.dem, s, d, float(st.cols.ratio[block.rule]))
    in_band = (qty >= band[0]) & (qty < band[1])
    s, d, qty, timing = s[in_band], d[in_band], qty[in_band], timing[in_band]
    near = near[in_band]
    fit = (block.fit_all * st.sup.fit_scale[s] * st.dem.fit_scale[d]
           if block.fit_all == block.fit_all
           else class_fit(st.choice.class_fit, st.sup, st.dem, s, d))
    quality = block.quality[st.sup_flags[s]]
    total = sum(w.values())
    # every part but distance is exact; the distance part is the one at the lowest distance
    # of the pair of groups — except for short reaches, where it decides and is computed
    rest = (w["class_fit"] * fit + w["quality"] * quality + w["quantity_fit"] * qty
               + w["timing"] * timing) / total
    road = None
    if block.reach <= SHORT_REACH_KM:
        road, _basis = road_distance(st.sup, st.dem, s, d, st.cols.road_factor)
        bound = rest + w["distance"] * distance_part(road, block.reach) / total
    else:
        bound = rest + w["distance"] * near / total
    for_supply = bound >= thr_s[s]
    ok = for_supply if own_is_supply else (bound >= thr_d[d]) & ~for_supply
    s, d, rest = s[ok], d[ok], rest[ok]
    if road is None:
        road, _basis = road_distance(st.sup, st.dem, s, d, st.cols.road_factor)
    else:
        road = road[ok]
    # the full score (as scoring.score_pairs computes it) of the pairs that pass
    keep = hard_conditions(st.sup, st.dem, s, d, block.rule, road, st.cols)
    s, d = s[keep], d[keep]
    score = rest[keep] + w["distance"] * distance_part(road[keep], block.reach) / total
    ok_s_or_d = useful(s, d, score, thr_s, thr_d)
    s, d, score = s[ok_s_or_d], d[ok_s_or_d], score[ok_s_or_d]
    return (*_batch(st, block, s, d, score, thr_s, thr_d, top_k), int(np.count_nonzero(ok)))


def _batch(st: Setup, block: _Block, s: IntArray, d: IntArray, score: FloatArray,
           thr_s: FloatArray, thr_d: FloatArray, top_k: int) -> Batch:
    """Scored pairs that reach a threshold as the pool takes them (quantised scores, the
    block's rule); a large batch cut to the k best of each of its streams first."""
    q = quantised(score)
    if len(s) > LOCAL_BEST_MIN_PAIRS:
        # many pairs of few streams (a dense park): those beyond the k best of both their
        # streams in this batch are beyond them overall (a national run pooled 3.4 times fewer)
        best = (within_k_best(s, q, top_k, thr_s, st.dem.origin[d])
                | within_k_best(d, q, top_k, thr_d, st.sup.origin[s]))
        s, d, score, q = s[best], d[best], score[best], q[best]
    rule = np.full(len(s), block.rule, dtype=np.int64)
    return s, d, rule, score, q


def _seed(st: Setup, block: _Block, partners: int) -> list[Batch]:
    """Seeds for the thresholds: each stream of the block scored against the ``partners``
    streams of the other side in its own group (park or cell) whose quantity is nearest its
    own — close, well-fitting pairs, so the thresholds start near their final values and the
    first round no longer scores every close pair of a dense park. The seeds are real,
    distinct candidates (a pair seeded from both sides is returned once), so the thresholds
    stay valid bounds and the result is unchanged."""
    batches: list[Batch] = []
    none_s = np.full(len(st.sup.cls), -np.inf)
    none_d = np.full(len(st.dem.cls), -np.inf)
    for own_is_supply in (True, False):
        own, other = (block.sup, block.dem) if own_is_supply else (block.dem, block.sup)
        at = np.minimum(np.searchsorted(other.groups, own.groups), len(other.groups) - 1)
        slots = np.arange(len(own.groups))
        ok = other.groups[at] == own.groups
        ok &= block.allowed[slots, at] if own_is_supply else block.allowed[at, slots]
        slot = np.repeat(slots, own.counts)
        own_pos = np.flatnonzero(ok[slot])
        if not len(own_pos):
            continue
        target = at[slot[own_pos]]
        start = other.starts[target]
        end = start + other.counts[target]
        centre = np.searchsorted(other.key, own.key[own_pos] - slot[own_pos] * _SLOT
                                 + target * _SLOT)
        first = np.clip(centre - partners // 2, start, np.maximum(end - partners, start))
        length = np.minimum(partners, end - start)
        if _compiled(st):
            batches.extend(batch for _b, _s, batch in _compiled_batches(
                st, block, first, length, own.members[own_pos], np.zeros(len(own_pos)), other,
                own_is_supply, none_s, none_d, (-np.inf, np.inf), partners)
                if len(batch[0]))
            continue
        for item, other_pos in _ranges(first, length):
            s, d, _p = _pairs_of(st, block, own_is_supply, own_pos[item], other_pos, item)
            zero = np.zeros(len(s))
            batch = _bound_and_score(st, block, s, d, zero, none_s, none_d, True,
                                     (-np.inf, np.inf), partners)
            if len(batch[0]):
                batches.append(batch[:5])
    if len(batches) < 2:
        return batches
    s, d, r, score, q = (np.concatenate(parts) for parts in zip(*batches, strict=True))
    _pairs, first = np.unique(s * len(st.dem.cls) + d, return_index=True)
    first.sort()
    return [(s[first], d[first], r[first], score[first], q[first])]


@contextmanager
def runner(n_streams: int) -> Iterator[Runner]:
    """Runs independent calls: on WORKERS threads for large runs (numpy releases the GIL in
    the array work), else one after the other in this thread; results come in call order,
    so the outcome does not depend on the threads."""
    if WORKERS < 2 or n_streams < PARALLEL_MIN_STREAMS:
        yield serial
        return
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="openeip-match") as executor:
        def parallel(function: Callable[..., Any], calls: Iterable[tuple[Any, ...]]
                     ) -> Iterator[Any]:
            return executor.map(lambda args: function(*args), calls)
        yield parallel


_Rounds = Callable[[int, float, tuple[float, float], FloatArray, FloatArray],
                   Iterable[tuple[int, int, list[Batch]]]]


def _in_worker(state: tuple[Setup, list[_Block], FloatArray, int], item: tuple[Any, ...]
               ) -> list[Any]:
    """Some blocks' seeds (``item`` = (blocks,)) or their round and band (``item`` =
    (blocks, round, lower, band)), in a forked worker: the thresholds are read from the
    memory the parent shares with it."""
    st, blocks, thresholds, top_k = state
    if len(item) == 1:
        return [_seed(st, blocks[b], top_k) for b in item[0]]
    n_s = len(st.sup.cls)
    return [_round(st, blocks[b], item[1], item[2], item[3], thresholds[:n_s],
                   thresholds[n_s:], top_k) for b in item[0]]


def _tasks(blocks: list[_Block], chosen: list[int], processes: int) -> list[tuple[int, ...]]:
    """The chosen blocks (largest first) cut into runs of consecutive blocks, a task each: a
    large block alone, small ones together up to 1/(16 × processes) of the pairs — a task
    handed to a worker costs about half a millisecond, and most blocks take less (16 is not
    tuned: one value, 100k search 7.0 → 5.7 s against one block a task)."""
    share = sum(blocks[b].pairs for b in chosen) / (16 * processes)
    tasks: list[tuple[int, ...]] = []
    run: list[int] = []
    pairs = 0
    for b in chosen:
        run.append(b)
        pairs += blocks[b].pairs
        if pairs >= share:
            tasks.append(tuple(run))
            run, pairs = [], 0
    if run:
        tasks.append(tuple(run))
    return tasks


@contextmanager
def _blocks_searched(st: Setup, blocks: list[_Block], top_k: int, processes: int
                     ) -> Iterator[tuple[Callable[[], Iterable[list[Batch]]], _Rounds, Runner]]:
    """(seeds, rounds, run): the blocks' seeds and one round and band of every block, in block
    order, and a runner for the rest — on threads (:func:`runner`), or with ``processes`` ≥ 2
    the seeds and rounds on forked workers (forked before any thread starts), which keep
    both cores busy where the threads wait for each other (the many small array operations
    of a run of 100k streams hold the GIL: two threads gained 10 %). The workers read the
    band's thresholds from shared memory, written before the band starts and unchanged until
    all its blocks are back."""
    n_s = len(st.sup.cls)
    n_streams = n_s + len(st.dem.cls)
    if processes < 2:
        with runner(n_streams) as run:
            yield ((lambda: run(_seed, ((st, block, top_k) for block in blocks))),
                   (lambda index, lower, band, thr_s, thr_d: (run(_round, (
                       (st, block, index, lower, band, thr_s, thr_d, top_k)
                       for block in blocks if _rounds_of(block, index, band))))), run)
        return
    shared = mmap.mmap(-1, 8 * max(n_s + len(st.dem.cls), 1))
    thresholds = np.frombuffer(shared, dtype=np.float64)
    with (forked_map(_in_worker, (st, blocks, thresholds, top_k), processes) as mapped,
          runner(n_streams) as run):
        def seeds() -> Iterable[list[Batch]]:
            tasks = _tasks(blocks, list(range(len(blocks))), processes)
            return (found for part in mapped((task,) for task in tasks) for found in part)

        def rounds(index: int, lower: float, band: tuple[float, float], thr_s: FloatArray,
                   thr_d: FloatArray) -> Iterable[tuple[int, int, list[Batch]]]:
            thresholds[:n_s], thresholds[n_s:] = thr_s, thr_d
            chosen = [b for b, block in enumerate(blocks) if _rounds_of(block, index, band)]
            tasks = _tasks(blocks, chosen, processes)
            return (found for part in mapped((task, index, lower, band) for task in tasks)
                    for found in part)

        yield seeds, rounds, run


def search(st: Setup, top_k: int, scope: Scope, ranked: bool = True, processes: int = 1
           ) -> tuple[Ranked, dict[str, Any]]:
    """Run the pruned search: the union of every stream's top-k, ranked (``Pool.ranked``) or,
    with ``ranked`` False, unranked (``Pool.kept``). ``processes``: forked workers for the
    seeds and rounds of a large run (the CLI gives its cores; a server process keeps one)."""
    started = time.perf_counter()
    pool = Pool(top_k, len(st.sup.cls), len(st.dem.cls), st.sup.origin, st.dem.origin)
    rounds = []
    bounded = 0
    n_streams = len(st.sup.cls) + len(st.dem.cls)
    if not PARALLEL_MIN_STREAMS <= n_streams <= PROCESSES_MAX_STREAMS:
        processes = 1
    with runner(n_streams) as run:
        blocks = _blocks(st, scope, run)
    with _blocks_searched(st, blocks, top_k, processes) as (seeds, searched, run):
        for batches in seeds():
            for batch in batches:
                pool.scored += len(batch[0])
                pool.add(*batch)
        pool.reduce(run)
        rounds.append({"upper_km": 0.0, "band": "seeds", "bounded": 0,
                       "scored": pool.scored, "pool": pool.size})
        # the rounds find every pair that reaches a threshold, the seeds that matter too:
        # the pool keeps only the thresholds the seeds set
        pool.forget_pairs()
        lower = 0.0
        for index, upper in enumerate(ROUND_EDGES_KM):
            for band in COMPILED_BANDS if _compiled(st) else QUANTITY_BANDS:
                # bounds and scores add the same parts in different orders: allow for rounding
                thr_s, thr_d = pool.thr_s - TOLERANCE, pool.thr_d - TOLERANCE
                for n_bounded, n_scored, batches in searched(index, lower, band, thr_s, thr_d):
                    bounded += n_bounded
                    pool.scored += n_scored
                    for batch in batches:
                        pool.add(*batch)
                if pool.size > REDUCE_GROWTH * pool.reduced_size:
                    pool.reduce(run)
                rounds.append({"upper_km": upper, "band": band[0], "bounded": bounded,
                               "scored": pool.scored, "pool": pool.size})
            lower = upper
        stats = {"pairs_scored": pool.scored,
                 "pairs_bounded": bounded, "pairs_pooled": pool.accepted, "rounds": rounds,
                 "blocks": len(blocks), "groups": int(st.groups.min_road.shape[0]),
                 "search_seconds": time.perf_counter() - started}
        return (pool.ranked(run) if ranked else pool.kept(run)), stats


def permuted_setup(st: Setup) -> Setup:
    """``st`` with each side's streams sorted by (group, class): pair gathers stay local."""
    order_s = np.lexsort((st.sup.cls, st.groups.of_supply))
    order_d = np.lexsort((st.dem.cls, st.groups.of_demand))
    groups = replace(st.groups, of_supply=st.groups.of_supply[order_s],
                     of_demand=st.groups.of_demand[order_d])
    sup = st.sup.permuted(order_s)
    flags = (np.isnan(sup.temp).astype(np.int64)
             + 2 * hazardous(sup, slice(None), st.cols).astype(np.int64))
    return replace(st, sup=sup, dem=st.dem.permuted(order_d), groups=groups, sup_flags=flags)
