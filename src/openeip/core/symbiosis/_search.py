r"""The pruned top-k search behind :func:`openeip.core.symbiosis.match.match` (numpy, no objects).

Vocabulary: a **block** is one rule with the supplies and demands of the classes it was chosen
for; a **group** is the streams of one park (or one 0.5° cell when they name no park) with a
centroid and radius; the **pool** holds scored pairs and each stream's current k-th best score
(its *threshold*; −∞ until it has k candidates).

Every pair skipped is skipped because an upper bound of its score is below the thresholds of
BOTH its streams, and a threshold is always the k-th best score of k real, distinct candidates
of that stream — so a skipped pair can enter neither top-k and the result equals scoring every
compatible pair (up to ties). Steps:

1. **Seeds.** In each block, a stream is scored against the ``2·SEED_WINDOW`` partners of its
   own group whose quantities are nearest to its own (until it has ``SEED_MULT·k`` seeds).
   The k-th best of these real scores start the thresholds (seeds are not pooled; the full
   pass scores them again).
2. **Rounds by distance** (``ROUND_EDGES_KM``), each split into **quantity bands**
   (``QUANTITY_BANDS``, best fits first). In a round, the group pairs of a block whose lowest
   possible road distance falls in it are searched from both sides. For a stream still open
   (threshold below the round's best possible score), the quantity fit a partner needs to
   reach its threshold — with the distance part at the group pair's lowest distance, timing
   and quality at 1 and the block's best class fit — is turned into a range of partner
   log-quantities, since quantity_fit ≥ q > 0.5 ⟺ n/o ∈ [2q − 1, 1/(2q − 1)]; the partners
   are found by binary search in the other side's (group, log quantity) order. Each pair gets
   the bound with its exact quantity and timing parts; a pair is claimed by its supply when
   the bound reaches the supply's threshold, else by its demand when it reaches the
   demand's — so none is scored twice. Claimed pairs are scored in full (haversine, hard
   conditions) and pooled.
3. After each band the pool keeps the union of the top-k per supply and per demand, and the
   thresholds rise.

Thresholds are compared less ``TOLERANCE`` (1e-9): a bound and a score add the same parts in
different orders. Small blocks (``SMALL_BLOCK_PAIRS``) are searched in one round and band. Runs of
``PROCESS_MIN_STREAMS`` streams or more search the blocks on ``WORKERS`` forked processes against
thresholds fixed for the band (shared memory); results are pooled in block order, so the outcome
is the same as in one process.
"""

from __future__ import annotations

import mmap
import multiprocessing
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

import numpy as np

from openeip.core.symbiosis.factors import BenefitFactors, ClassTree
from openeip.core.symbiosis.geo import haversine_km_array
from openeip.core.symbiosis.model import Scope, SynergyRule
from openeip.core.symbiosis.scoring import (
    FloatArray,
    IntArray,
    RuleColumns,
    StreamArrays,
    distance_part,
    distance_value,
    hard_conditions,
    quality_part,
    quantity_and_timing,
    road_distance,
    score_bound,
    score_pairs,
)

ROUND_EDGES_KM = (2.0, 10.0, 30.0, 100.0, np.inf)   # upper edges of the rounds (road km)
CHUNK_PAIRS = 2_000_000                            # stream pairs expanded at once
POOL_LIMIT = 6_000_000                             # pool size that triggers a reduction
SEED_WINDOW = 6                                    # seeds per stream and block: 2 × this
SEED_MULT = 1                                      # seed a stream until it has this × k seeds
CELL_DEGREES = 0.5
SMALL_BLOCK_PAIRS = 250_000                        # blocks searched in one round and band
SHORT_REACH_KM = 30.0                              # bound with the exact distance below this
WORKERS = 2                                        # processes searching blocks (large runs)
PROCESS_MIN_STREAMS = 200_000                      # smaller runs stay in one process
REDUCE_GROWTH = 1.1                                # re-rank the pool when it grew this much
QUANTITY_BANDS = ((0.8, 2.0), (-np.inf, 0.8))      # quantity_fit bands, best first
TOLERANCE = 1e-9                                   # score rounding allowed for in the bounds


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
    return Groups(inverse[:n], inverse[n:], group_park, low)


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


_UNKNOWN_KEY = 500.0
_SLOT = 1000.0


def _log_key(quantity: FloatArray) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        logged = np.clip(np.log(quantity), -400.0, 400.0)
    return np.where(np.isnan(logged), _UNKNOWN_KEY, logged)


def _side(members: IntArray, group_of: IntArray, quantity: FloatArray) -> _Side:
    """``quantity`` in the block's demand units (supplies: offered = quantity × ratio)."""
    own = _log_key(quantity[members])
    order = np.lexsort((own, group_of[members]))
    members, own = members[order], own[order]
    groups, starts, counts = np.unique(group_of[members], return_index=True, return_counts=True)
    slot = np.repeat(np.arange(len(groups)), counts)
    known = np.add.reduceat((own < _UNKNOWN_KEY).astype(np.int64), starts)
    return _Side(members, slot * _SLOT + own, groups, starts, counts, known)


# --------------------------------------------------------------------------- pool
@dataclass
class Pool:
    top_k: int
    n_supply: int
    n_demand: int
    s: list[IntArray] = field(default_factory=list)
    d: list[IntArray] = field(default_factory=list)
    r: list[IntArray] = field(default_factory=list)
    score: list[FloatArray] = field(default_factory=list)
    size: int = 0
    scored: int = 0
    limit: int = POOL_LIMIT
    reduced_size: int = 0
    accepted: int = 0

    def __post_init__(self) -> None:
        self.thr_s = np.full(self.n_supply, -np.inf)
        self.thr_d = np.full(self.n_demand, -np.inf)

    def add(self, s: IntArray, d: IntArray, r: IntArray, score: FloatArray) -> None:
        # a pair below the k-th best of both its streams can enter neither top-k
        useful = (score >= self.thr_s[s] - TOLERANCE) | (score >= self.thr_d[d] - TOLERANCE)
        if not useful.all():
            s, d, r, score = s[useful], d[useful], r[useful], score[useful]
        self.accepted += len(s)
        self.s.append(s)
        self.d.append(d)
        self.r.append(r)
        self.score.append(score)
        self.size += len(s)
        if self.size > self.limit:
            self.reduce()
            self.limit = max(POOL_LIMIT, 3 * self.size)

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
        rank_s, thr_s = ranks(s, score, self.top_k, self.n_supply)
        rank_d, thr_d = ranks(d, score, self.top_k, self.n_demand)
        self.thr_s = np.maximum(self.thr_s, thr_s)
        self.thr_d = np.maximum(self.thr_d, thr_d)
        keep = (rank_s > 0) | (rank_d > 0)
        self.s, self.d, self.r, self.score = [s[keep]], [d[keep]], [r[keep]], [score[keep]]
        self.size = self.reduced_size = int(keep.sum())
        return rank_s[keep], rank_d[keep]


def ranks(key: IntArray, score: FloatArray, k: int, n: int) -> tuple[IntArray, FloatArray]:
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


def score_and_add(st: Setup, pool: Pool, s: IntArray, d: IntArray, r: IntArray) -> None:
    fit = st.choice.class_fit[st.sup.cls[s], st.dem.cls[d]]
    scored = score_pairs(st.sup, st.dem, s, d, r, fit, st.cols)
    pool.scored += len(s)
    keep = scored.keep
    pool.add(s[keep], d[keep], r[keep], scored.score)


# --------------------------------------------------------------------------- expansion
def _ranges(first: IntArray, length: IntArray) -> Iterator[tuple[IntArray, IntArray]]:
    """(item, first[item] + j) for every j < length[item], in chunks of about CHUNK_PAIRS."""
    nonzero = np.flatnonzero(length > 0)
    ends = np.cumsum(length[nonzero])
    begin = 0
    while begin < len(nonzero):
        base = ends[begin - 1] if begin else 0
        end = max(int(np.searchsorted(ends, base + CHUNK_PAIRS, side="right")), begin + 1)
        part = nonzero[begin:end]
        size = length[part]
        item = np.repeat(part, size)
        offset = np.arange(int(size.sum())) - np.repeat(np.cumsum(size) - size, size)
        yield item, first[item] + offset
        begin = end


# --------------------------------------------------------------------------- blocks
@dataclass(frozen=True, slots=True)
class _Block:
    rule: int
    sup: _Side
    dem: _Side
    low: FloatArray          # [supply slot, demand slot] lowest road km
    allowed: Any             # [supply slot, demand slot] within reach and scope
    reach: float
    fit_max: float


def _by_class(cls: IntArray, n_classes: int) -> list[IntArray]:
    order = np.argsort(cls, kind="stable")
    bounds = np.searchsorted(cls[order], np.arange(n_classes + 1))
    return [order[bounds[c]:bounds[c + 1]] for c in range(n_classes)]


def _blocks(st: Setup, scope: Scope) -> list[_Block]:
    sup, dem, choice, groups = st.sup, st.dem, st.choice, st.groups
    n = len(st.codes)
    sup_by_class = _by_class(np.where(sup.cls >= 0, sup.cls, n), n + 1)
    dem_by_class = _by_class(np.where(dem.cls >= 0, dem.cls, n), n + 1)
    blocks = []
    for rule in np.unique(choice.rule[choice.rule >= 0]).tolist():
        a_classes, b_classes = np.nonzero(choice.rule == rule)
        sup_members = np.concatenate([sup_by_class[a] for a in np.unique(a_classes)])
        dem_members = np.concatenate([dem_by_class[b] for b in np.unique(b_classes)])
        if not len(sup_members) or not len(dem_members):
            continue
        sup_side = _side(sup_members, groups.of_supply, sup.qty * st.cols.ratio[rule])
        dem_side = _side(dem_members, groups.of_demand, dem.qty)
        low = groups.min_road[np.ix_(sup_side.groups, dem_side.groups)]
        reach = float(st.cols.reach_km[rule])
        allowed = (low <= reach) & _scope_mask(scope, groups.park[sup_side.groups],
                                               groups.park[dem_side.groups])
        fit_max = float(choice.class_fit[choice.rule == rule].max())
        blocks.append(_Block(rule, sup_side, dem_side, low, allowed, reach, fit_max))
    return blocks


def _pairs_of(st: Setup, block: _Block, own_is_supply: bool, own_pos: IntArray,
              other_pos: IntArray) -> tuple[IntArray, IntArray]:
    """(supply, demand) stream positions of side positions, only pairs the block's rule owns."""
    own = block.sup if own_is_supply else block.dem
    other = block.dem if own_is_supply else block.sup
    a, b = own.members[own_pos], other.members[other_pos]
    s, d = (a, b) if own_is_supply else (b, a)
    ok = st.choice.rule[st.sup.cls[s], st.dem.cls[d]] == block.rule
    return s[ok], d[ok]


# --------------------------------------------------------------------------- seeds
def _seed_pairs(st: Setup, block: _Block, own_is_supply: bool,
                wanted: Any) -> tuple[IntArray, IntArray]:
    """Each wanted stream of one side against the 2·SEED_WINDOW streams of the other side in
    its own group whose quantity keys are nearest to its own: distinct pairs."""
    own = block.sup if own_is_supply else block.dem
    other = block.dem if own_is_supply else block.sup
    _common, i_own, i_other = np.intersect1d(own.groups, other.groups, return_indices=True)
    keep = (block.allowed[i_own, i_other] if own_is_supply
            else block.allowed[i_other, i_own])
    target_of = np.full(len(own.groups), -1)
    target_of[i_own[keep]] = i_other[keep]
    own_slot = np.repeat(np.arange(len(own.groups)), own.counts)
    target = target_of[own_slot]
    chosen = np.flatnonzero((target >= 0) & wanted[own.members])
    target = target[chosen]
    position = np.searchsorted(other.key, target * _SLOT + own.key[chosen] - own_slot[chosen]
                               * _SLOT)
    lo = other.starts[target]
    hi = lo + other.counts[target]
    width = 2 * SEED_WINDOW
    start = np.maximum(lo, np.minimum(position - SEED_WINDOW, hi - width))
    own_parts, other_parts = [], []
    for item, other_pos in _ranges(start, np.minimum(width, hi - start)):
        own_parts.append(chosen[item])
        other_parts.append(other_pos)
    if not own_parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return _pairs_of(st, block, own_is_supply, np.concatenate(own_parts),
                     np.concatenate(other_parts))


def _seed_side(st: Setup, blocks: list[_Block], top_k: int, own_is_supply: bool,
               n: int) -> tuple[FloatArray, int]:
    """Thresholds of one side from the k-th best score among each stream's seed pairs (seeded
    in blocks until it has SEED_MULT × k of them), and how many seed pairs were scored."""
    scored = 0
    seeded = np.zeros(n, dtype=np.int64)
    owners: list[IntArray] = []
    scores: list[FloatArray] = []
    for block in blocks:
        s, d = _seed_pairs(st, block, own_is_supply, seeded < SEED_MULT * top_k)
        fit = st.choice.class_fit[st.sup.cls[s], st.dem.cls[d]]
        result = score_pairs(st.sup, st.dem, s, d, np.full(len(s), block.rule), fit, st.cols)
        scored += len(s)
        owner = (s if own_is_supply else d)[result.keep]
        seeded += np.bincount(owner, minlength=n)
        owners.append(owner)
        scores.append(result.score)
    if not owners:
        return np.full(n, -np.inf), scored
    _rank, thr = ranks(np.concatenate(owners), np.concatenate(scores), top_k, n)
    return thr, scored


# --------------------------------------------------------------------------- rounds
def _q_range(own_key: FloatArray, q_min: FloatArray) -> tuple[FloatArray, FloatArray, Any]:
    """Log-quantity interval of partners whose quantity_fit can reach ``q_min`` (a superset),
    and whether partners of unknown quantity (fit 0.5) can.

    quantity_fit = (m/o + m/n)/2 ≥ q > 0.5  ⟺  n/o ∈ [2q − 1, 1/(2q − 1)]."""
    known_own = (own_key < _UNKNOWN_KEY) & (own_key > -400.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        delta = -np.log(np.clip(2 * q_min - 1, 1e-300, None)) + 1e-9
    narrow = known_own & (q_min > 0.5)
    lo = np.where(narrow, own_key - delta, -450.0)
    hi = np.where(narrow, own_key + delta, 450.0)
    lo = np.where(q_min > 1.0, np.inf, lo)            # nothing can reach it
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


Batch = tuple[IntArray, IntArray, IntArray, FloatArray]     # supply, demand, rule, score


def _round(st: Setup, block: _Block, lower: float, upper: float, band: tuple[float, float],
           thr_s: FloatArray, thr_d: FloatArray) -> tuple[int, int, list[Batch]]:
    """Score the pairs of one block in one distance round and quantity band against the
    thresholds ``thr_s``/``thr_d`` (already lowered by TOLERANCE); returns how many pairs were
    bounded and scored and the scored pairs that reach a threshold."""
    batches: list[Batch] = []
    if len(block.sup.members) * len(block.dem.members) <= SMALL_BLOCK_PAIRS:
        # a small block is searched in one go, in the first round and band (the order of the
        # rounds only helps large blocks; the result is the same)
        if lower > 0 or band != QUANTITY_BANDS[0]:
            return 0, 0, batches
        upper, band = np.inf, (-np.inf, np.inf)
    in_round = block.allowed & (block.low <= upper)
    if lower > 0:
        in_round &= block.low > lower
    gi, gj = np.nonzero(in_round)
    if not len(gi):
        return 0, 0, batches
    w = st.weights
    total = sum(w.values())
    near = distance_value(block.low[gi, gj], block.reach)
    # everything but quantity and timing, at the pair of groups' lowest distance
    base = (w["class_fit"] * block.fit_max + w["distance"] * near + w["quality"]) / total
    best = float(score_bound(st.weights, block.fit_max, np.array(lower), block.reach))
    bounded = scored = 0
    for own_is_supply in (True, False):
        own, other = (block.sup, block.dem) if own_is_supply else (block.dem, block.sup)
        g_own, g_other = (gi, gj) if own_is_supply else (gj, gi)
        thr_own = thr_s if own_is_supply else thr_d
        open_idx = np.flatnonzero(thr_own[own.members] <= best)
        if not len(open_idx):
            continue
        open_slot = np.repeat(np.arange(len(own.groups)), own.counts)[open_idx]
        open_count = np.bincount(open_slot, minlength=len(own.groups))
        open_start = np.cumsum(open_count) - open_count
        for pair, at in _ranges(open_start[g_own], open_count[g_own]):
            own_pos = open_idx[at]
            target = g_other[pair]
            # bound ≥ threshold needs quantity_fit ≥ q_min (timing taken at its best, 1)
            thr_here = thr_own[own.members[own_pos]]
            if w["quantity_fit"] > 0:
                q_min = ((thr_here - base[pair]) * total - w["timing"]) / w["quantity_fit"]
            else:
                q_min = np.where((thr_here - base[pair]) * total <= w["timing"], -np.inf,
                                 np.inf)
            lo, hi, unknown_too = _q_range(own.key[own_pos] - g_own[pair] * _SLOT,
                                           np.maximum(q_min, band[0]))
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
                s, d, p = _owned_pairs(st, block, own_is_supply, own_pos[item], other_pos,
                                       pair[item])
                bounded += len(s)
                batch = _bound_and_score(st, block, s, d, base[p], near[p], thr_s, thr_d,
                                         own_is_supply, band)
                scored += batch[4]
                if len(batch[0]):
                    batches.append(batch[:4])
    return bounded, scored, batches


def _owned_pairs(st: Setup, block: _Block, own_is_supply: bool, own_pos: IntArray,
                 other_pos: IntArray, pair: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    own = block.sup if own_is_supply else block.dem
    other = block.dem if own_is_supply else block.sup
    a, b = own.members[own_pos], other.members[other_pos]
    s, d = (a, b) if own_is_supply else (b, a)
    ok = st.choice.rule[st.sup.cls[s], st.dem.cls[d]] == block.rule
    return s[ok], d[ok], pair[ok]


def _bound_and_score(st: Setup, block: _Block, s: IntArray, d: IntArray, base: FloatArray,
                     near: FloatArray, thr_s: FloatArray, thr_d: FloatArray, own_is_supply: bool,
                     band: tuple[float, float]
                     ) -> tuple[IntArray, IntArray, IntArray, FloatArray, int]:
    """Score the pairs of the quantity band whose bound (exact quantity and timing parts)
    reaches a threshold: from the supply's side when it reaches the supply's, from the
    demand's side only when it reaches the demand's but not the supply's — so no pair is
    scored twice. Returns those passing the hard conditions and a threshold, and the count
    scored."""
    w = st.weights
    qty, timing = quantity_and_timing(st.sup, st.dem, s, d, float(st.cols.ratio[block.rule]))
    in_band = (qty >= band[0]) & (qty < band[1])
    s, d, qty, timing = s[in_band], d[in_band], qty[in_band], timing[in_band]
    base, near = base[in_band], near[in_band]
    fit = st.choice.class_fit[st.sup.cls[s], st.dem.cls[d]]
    quality = quality_part(st.sup, s, block.rule, st.cols)
    total = sum(w.values())
    # every part but distance is exact; the distance part is the one at the lowest distance
    # of the pair of groups — except for short reaches, where it decides and is computed
    rest = (w["class_fit"] * fit + w["quality"] * quality + w["quantity_fit"] * qty
               + w["timing"] * timing) / total
    road = None
    if block.reach <= SHORT_REACH_KM:
        road, _assumed = road_distance(st.sup, st.dem, s, d, st.cols.road_factor)
        bound = rest + w["distance"] * distance_part(road, block.reach) / total
    else:
        bound = rest + w["distance"] * near / total
    for_supply = bound >= thr_s[s]
    ok = for_supply if own_is_supply else (bound >= thr_d[d]) & ~for_supply
    s, d, rest = s[ok], d[ok], rest[ok]
    if road is None:
        road, _assumed = road_distance(st.sup, st.dem, s, d, st.cols.road_factor)
    else:
        road = road[ok]
    # the full score (as scoring.score_pairs computes it) of the pairs that pass
    keep = hard_conditions(st.sup, st.dem, s, d, block.rule, road, st.cols)
    s, d = s[keep], d[keep]
    score = rest[keep] + w["distance"] * distance_part(road[keep], block.reach) / total
    useful = (score >= thr_s[s]) | (score >= thr_d[d])
    s, d = s[useful], d[useful]
    rule = np.full(len(s), block.rule, dtype=np.int64)
    return s, d, rule, score[useful], len(ok.nonzero()[0])


RoundResult = tuple[int, int, list[Batch]]
_FORKED: dict[str, Any] = {}          # what forked workers read: set before the fork


def _forked_round(task: tuple[int, float, float, tuple[float, float]]) -> RoundResult:
    index, lower, upper, band = task
    st, blocks, shared, n_supply = (_FORKED["st"], _FORKED["blocks"], _FORKED["shared"],
                                    _FORKED["n_supply"])
    thresholds = np.frombuffer(shared, dtype=np.float64)
    return _round(st, blocks[index], lower, upper, band, thresholds[:n_supply],
                  thresholds[n_supply:])


def _forked_seed(own_is_supply: bool) -> tuple[FloatArray, int]:
    st, blocks, top_k = _FORKED["st"], _FORKED["blocks"], _FORKED["top_k"]
    n = len(st.sup.cls) if own_is_supply else len(st.dem.cls)
    return _seed_side(st, blocks, top_k, own_is_supply, n)


@contextmanager
def _runner(st: Setup, blocks: list[_Block], top_k: int) -> Iterator[Any]:
    """A function running a (round, band) over every block, in block order: on WORKERS
    forked processes for large runs (the threshold arrays shared through anonymous shared
    memory, written only between bands), else in this thread."""
    n_supply, n_demand = len(st.sup.cls), len(st.dem.cls)
    forking = (WORKERS > 1 and n_supply + n_demand >= PROCESS_MIN_STREAMS
               and "fork" in multiprocessing.get_all_start_methods())
    if not forking:
        def serial(lower: float, upper: float, band: tuple[float, float],
                   thr_s: FloatArray, thr_d: FloatArray) -> Iterator[RoundResult]:
            step = partial(_round, st, lower=lower, upper=upper, band=band, thr_s=thr_s,
                           thr_d=thr_d)
            return map(step, blocks)

        def seeds() -> list[tuple[FloatArray, int]]:
            return [_seed_side(st, blocks, top_k, own, n_supply if own else n_demand)
                    for own in (True, False)]
        yield serial, seeds
        return
    shared = mmap.mmap(-1, 8 * (n_supply + n_demand))
    views = [np.frombuffer(shared, dtype=np.float64)]      # released before the close
    _FORKED.update(st=st, blocks=blocks, shared=shared, n_supply=n_supply, top_k=top_k)
    try:
        with multiprocessing.get_context("fork").Pool(WORKERS) as processes:
            def parallel(lower: float, upper: float, band: tuple[float, float],
                         thr_s: FloatArray, thr_d: FloatArray) -> Iterator[RoundResult]:
                views[0][:n_supply] = thr_s
                views[0][n_supply:] = thr_d
                tasks = [(i, lower, upper, band) for i in range(len(blocks))]
                return processes.imap(_forked_round, tasks, chunksize=4)

            def seeds() -> list[tuple[FloatArray, int]]:
                return processes.map(_forked_seed, (True, False))
            yield parallel, seeds
    finally:
        _FORKED.clear()
        views.clear()
        shared.close()


def search(st: Setup, top_k: int, scope: Scope) -> tuple[Pool, dict[str, Any]]:
    """Run the pruned search; the pool holds the union of every stream's top-k.

    Large runs search the blocks on WORKERS forked processes; results are pooled in block
    order, so the outcome does not depend on the processes."""
    started = time.perf_counter()
    pool = Pool(top_k, len(st.sup.cls), len(st.dem.cls))
    blocks = _blocks(st, scope)
    rounds = []
    bounded = 0
    with _runner(st, blocks, top_k) as (run_round, run_seeds):
        sides = run_seeds()
        pool.thr_s, pool.thr_d = sides[0][0], sides[1][0]
        seeded = sides[0][1] + sides[1][1]
        lower = 0.0
        for upper in ROUND_EDGES_KM:
            for band in QUANTITY_BANDS:
                # bounds and scores add the same parts in different orders: allow for rounding
                results = run_round(lower, upper, band, pool.thr_s - TOLERANCE,
                                    pool.thr_d - TOLERANCE)
                for n_bounded, n_scored, batches in results:
                    bounded += n_bounded
                    pool.scored += n_scored
                    for batch in batches:
                        pool.add(*batch)
                if pool.size > REDUCE_GROWTH * pool.reduced_size:
                    pool.reduce()
                rounds.append({"upper_km": upper, "band": band[0], "bounded": bounded,
                               "scored": pool.scored, "pool": pool.size})
            lower = upper
    stats = {"pairs_scored": pool.scored, "seed_pairs_scored": seeded, "pairs_bounded": bounded,
             "pairs_pooled": pool.accepted, "rounds": rounds, "blocks": len(blocks),
             "groups": int(st.groups.min_road.shape[0]),
             "search_seconds": time.perf_counter() - started}
    return pool, stats


def permuted_setup(st: Setup) -> Setup:
    """``st`` with each side's streams sorted by (group, class): pair gathers stay local."""
    order_s = np.lexsort((st.sup.cls, st.groups.of_supply))
    order_d = np.lexsort((st.dem.cls, st.groups.of_demand))
    groups = replace(st.groups, of_supply=st.groups.of_supply[order_s],
                     of_demand=st.groups.of_demand[order_d])
    return replace(st, sup=st.sup.permuted(order_s), dem=st.dem.permuted(order_d),
                   groups=groups)
