"""The pool of scored pairs behind the pruned search (``_search.py``), and its top-k ranking.

The pool holds scored (supply, demand, rule, score) pairs and each stream's *threshold*: the
k-th best score of k real, distinct candidates of that stream (−∞ until it has k). A pair
below the thresholds of both its streams can enter neither top-k and is dropped.

Ranking sorts one 63-bit integer per pair: the stream's position above 31 bits of
quantised score (best first). While searching (:meth:`Pool.reduce`) only each stream's k-th
best value is needed, so the integers themselves are sorted (a vectorised sort, several
times faster than sorting their indices), only those of pairs at or above the stream's
threshold; the pairs tied at the k-th value are then sorted by the partner's place in the
file, as the final ranks order them, so each stream keeps exactly k (a national file has
many equal scores: without this the pool held three times the pairs it needed). The final
ranks (:meth:`Pool.ranked`) sort the indices, stably, once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from openeip.core.symbiosis.scoring import BoolArray, FloatArray, IntArray

# pool size that triggers a reduction, then it may grow to POOL_GROWTH times what the
# reduction kept: a reduction inside a band only saves memory (the band's thresholds are
# fixed), so they are rare (1M survey rows: 35 reductions, 52 s → 13, 18 s; 2.7 → 2.9 GiB)
POOL_LIMIT = 12_000_000
POOL_GROWTH = 3.0
TOLERANCE = 1e-9                                   # score rounding allowed for in the bounds
_SCORE_BITS = 30
_SCALE = float(1 << _SCORE_BITS)
_LOW_BITS = _SCORE_BITS + 1

# runs independent calls, possibly at the same time (the search's threads); results in order
Runner = Callable[[Callable[..., Any], Iterable[tuple[Any, ...]]], Iterator[Any]]


def serial(function: Callable[..., Any], calls: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
    return (function(*args) for args in calls)


class Ranked(NamedTuple):
    """The final candidates: every supply's and every demand's top-k, as columns."""

    s: IntArray                # supply position
    d: IntArray                # demand position
    r: IntArray                # rule
    score: FloatArray
    rank_s: IntArray           # rank among the supply's candidates, 0 outside its top-k
    rank_d: IntArray


def quantised(score: FloatArray) -> IntArray:
    """Scores as integers, best first: round((1 − score) · 2^30)."""
    return np.rint((1.0 - np.clip(score, 0.0, 1.0)) * _SCALE).astype(np.int64)


def _floor_q(floor: FloatArray) -> IntArray:
    """A floor (less TOLERANCE) as a quantised limit, one step up: no score at or above the
    floor is left out; −∞ lets everything through (2^30 + 1)."""
    return (np.floor((1.0 - np.clip(floor - TOLERANCE, 0.0, 1.0)) * _SCALE) + 1
            ).astype(np.int64)


def _starts(values: IntArray) -> IntArray:
    """Where each run of equal values of ``values`` (sorted) begins."""
    first = np.ones(len(values), dtype=np.bool_)
    first[1:] = values[1:] != values[:-1]
    return np.flatnonzero(first)


def _positions(group: IntArray) -> IntArray:
    """0, 1, 2… within each run of equal values of ``group`` (sorted)."""
    starts = _starts(group)
    return np.arange(len(group)) - np.repeat(starts, np.diff(np.append(starts, len(group))))


def _k_by_partner(group: IntArray, n_groups: int, packed: IntArray, bound: IntArray, k: int,
                  full: BoolArray, partner: IntArray) -> BoolArray:
    """The entries at or below their group's ``bound`` (its k-th value where the group is
    ``full``), the ties at that value cut by ``partner`` to what k leaves room for."""
    keep: BoolArray = packed <= bound
    tied = np.flatnonzero(full[group] & (packed == bound))
    if len(tied):
        room = k - np.bincount(group[packed < bound], minlength=n_groups)
        by_partner = tied[np.argsort((group[tied] << 32) | partner[tied], kind="stable")]
        sorted_group = group[by_partner]
        keep[by_partner[_positions(sorted_group) >= room[sorted_group]]] = False
    return keep


def kth_best(key: IntArray, q: IntArray, k: int, floor: FloatArray,
             partner: IntArray) -> tuple[BoolArray, FloatArray]:
    """Each key's threshold, raised from ``floor`` to its k-th best score (quantised ``q``,
    see :func:`quantised`; rounded down), and which entries are among its k best (every
    entry of a key with fewer than k that reaches its floor).

    Entries tied at the k-th value go by ``partner`` (the other stream's place in the file),
    as :func:`ranks` orders them, so a key keeps exactly k. A later entry at the threshold
    with a better partner still enters (a threshold admits scores equal to it) and the next
    reduction decides again."""
    n = len(floor)
    floor_q = _floor_q(floor)
    # an entry below its key's floor is kept by this side in no case, and cannot raise the
    # key's threshold (the k-th best would then lie below the floor, which stays): only the
    # others are sorted
    candidate = np.flatnonzero(q <= floor_q[key])
    own = key[candidate]
    packed = (own << _LOW_BITS) | q[candidate]
    ordered = np.sort(packed)
    counts = np.bincount(own, minlength=n)
    full = counts >= k
    kth_at = (np.cumsum(counts) - counts)[full] + k - 1
    limit = (np.arange(n, dtype=np.int64) << _LOW_BITS) | floor_q
    kth = ordered[kth_at]
    limit[full] = kth
    threshold = floor.copy()
    # quantised to the nearest 2^-30: one step lower is never above the true k-th score
    kth_score = 1.0 - ((kth & ((1 << _LOW_BITS) - 1)) + 1) / _SCALE
    threshold[full] = np.maximum(threshold[full], kth_score)
    keep = np.zeros(len(key), dtype=np.bool_)
    keep[candidate[_k_by_partner(own, n, packed, limit[own], k, full, partner[candidate])]] = True
    return keep, threshold


def within_k_best(key: IntArray, q: IntArray, k: int, floor: FloatArray,
                  partner: IntArray) -> BoolArray:
    """Which entries are among the k best of their key (ties by ``partner``) within these
    entries and reach the key's ``floor``, as :func:`kth_best` keeps them, without arrays as
    long as the streams. A pair in its stream's top-k over all pairs is in it over any subset
    that holds it: a batch can drop the others before they reach the pool."""
    candidate = np.flatnonzero(q <= _floor_q(floor[key]))
    packed = (key[candidate] << _LOW_BITS) | q[candidate]
    ordered = np.sort(packed)
    sorted_key = ordered >> _LOW_BITS
    starts = _starts(sorted_key)
    full = np.diff(np.append(starts, len(ordered))) >= k
    group = np.searchsorted(sorted_key[starts], key[candidate])
    # each key's limit: its k-th value, or (fewer than k) the largest value it can take
    limit = np.where(full, ordered[np.minimum(starts + k - 1, len(ordered) - 1)],
                     (sorted_key[starts] << _LOW_BITS) | ((1 << _LOW_BITS) - 1))
    keep = np.zeros(len(key), dtype=np.bool_)
    keep[candidate[_k_by_partner(group, len(starts), packed, limit[group], k, full,
                                 partner[candidate])]] = True
    return keep


def best_of_readings(found: Ranked, listed: tuple[IntArray, IntArray],
                     stream: tuple[IntArray, IntArray], k: int, run: Runner = serial
                     ) -> Ranked:
    """Candidates of streams read more than once, merged. ``listed`` maps the supply and
    demand positions to their places in the lists searched, where further readings follow
    their stream; ``stream`` maps those places to the streams' places in the file. Each pair
    of streams keeps its best row (equal scores: the supply's earlier reading, then the
    demand's: the result does not depend on the order of ``found``), then each stream its k
    best partners, ranked and ordered as :meth:`Pool.ranked` ranks and orders them."""
    at_s, at_d = listed[0][found.s], listed[1][found.d]
    of_s, of_d = stream[0][at_s], stream[1][at_d]
    q = quantised(found.score)
    # a further reading's place repeats its stream's: only rows touching a stream read more
    # than once can repeat a pair, and only those are sorted
    twice_s = np.bincount(stream[0], minlength=int(stream[0].max(initial=-1)) + 1) > 1
    twice_d = np.bincount(stream[1], minlength=int(stream[1].max(initial=-1)) + 1) > 1
    touched = np.flatnonzero(twice_s[of_s] | twice_d[of_d])
    pair = of_s[touched] * (int(of_d.max(initial=0)) + 1) + of_d[touched]
    # equal scores: the earlier reading of the supply, then of the demand
    tie = ((q[touched] << 4) | (_reading(stream[0])[at_s[touched]] << 2)
           | _reading(stream[1])[at_d[touched]])
    order = np.lexsort((tie, pair))
    repeated = np.zeros(len(order), dtype=np.bool_)
    repeated[1:] = pair[order][1:] == pair[order][:-1]
    best = np.ones(len(q), dtype=np.bool_)
    best[touched[order[repeated]]] = False
    best_rows = np.flatnonzero(best)
    of_s, of_d, q = of_s[best_rows], of_d[best_rows], q[best_rows]
    (rank_s, by_supply), (rank_d, _order) = run(ranks, ((of_s, q, k, of_d),
                                                        (of_d, q, k, of_s)))
    kept = by_supply[(rank_s[by_supply] > 0) | (rank_d[by_supply] > 0)]
    rows = best_rows[kept]
    return Ranked(found.s[rows], found.d[rows], found.r[rows], found.score[rows],
                  rank_s[kept], rank_d[kept])


def _reading(stream: IntArray) -> IntArray:
    """Each place's reading of its stream in the list searched, where further readings follow
    their stream: 0 the stream itself, 1 its next reading … (at most 3)."""
    reading: IntArray = np.minimum(_positions(stream), 3)
    return reading


def _take(array: IntArray | FloatArray, mask: BoolArray) -> IntArray | FloatArray:
    return array[mask]


def useful(s: IntArray, d: IntArray, score: FloatArray, thr_s: FloatArray,
           thr_d: FloatArray) -> BoolArray:
    """Pairs that reach the threshold of their supply or of their demand: the others can
    enter neither top-k."""
    result: BoolArray = (score >= thr_s[s]) | (score >= thr_d[d])
    return result


def ranks(key: IntArray, q: IntArray, k: int, partner: IntArray | None = None
          ) -> tuple[IntArray, IntArray]:
    """1-based rank of each entry among entries of the same key (best ``q``, the
    :func:`quantised` score, first; ties by ``partner``, the other stream's place in the
    file, then in entry order), 0 beyond ``k``; and the entries' order by (key, rank).

    Ties go by the partner, not by the order the search found the pairs in: the result then
    does not depend on how the search was run (threads, seeds, rounds)."""
    packed = (key << _LOW_BITS) | q
    order = (np.argsort(packed, kind="stable") if partner is None
             else np.lexsort((partner, packed)))
    position = _positions(key[order])
    rank = np.zeros(len(order), dtype=np.int64)
    inside = position < k
    rank[order[inside]] = position[inside] + 1
    return rank, order


@dataclass
class Pool:
    """Scored pairs and each stream's threshold. ``supply_key`` and ``demand_key`` give the
    streams' places in the file: equal scores rank by the partner's place, in the reductions
    as in the final ranks. A pair must be pooled once."""

    top_k: int
    n_supply: int
    n_demand: int
    supply_key: IntArray
    demand_key: IntArray
    s: list[IntArray] = field(default_factory=list)
    d: list[IntArray] = field(default_factory=list)
    r: list[IntArray] = field(default_factory=list)
    score: list[FloatArray] = field(default_factory=list)
    q: list[IntArray] = field(default_factory=list)     # the scores, quantised
    size: int = 0
    scored: int = 0
    limit: int = field(default_factory=lambda: POOL_LIMIT)    # read when the pool is made
    reduced_size: int = 0
    accepted: int = 0

    def __post_init__(self) -> None:
        self.thr_s = np.full(self.n_supply, -np.inf)
        self.thr_d = np.full(self.n_demand, -np.inf)

    def add(self, s: IntArray, d: IntArray, r: IntArray, score: FloatArray,
            q: IntArray | None = None) -> None:
        """Pool scored pairs (``q``: the :func:`quantised` scores, computed when not given).
        Pairs below both their streams' thresholds are dropped at the next reduction; the
        search adds only pairs that reach a threshold (:func:`useful`)."""
        self.accepted += len(s)
        self.s.append(s)
        self.d.append(d)
        self.r.append(r)
        self.score.append(score)
        self.q.append(quantised(score) if q is None else q)
        self.size += len(s)
        if self.size > self.limit:
            self.reduce()
            self.limit = max(POOL_LIMIT, int(POOL_GROWTH * self.size))

    def arrays(self) -> tuple[IntArray, IntArray, IntArray, FloatArray, IntArray]:
        """Supply, demand, rule, score and quantised score of every pair pooled."""
        if not self.s:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty, np.zeros(0), empty
        if len(self.s) > 1:
            self.s, self.d, self.r, self.q = ([np.concatenate(parts)] for parts in (
                self.s, self.d, self.r, self.q))
            self.score = [np.concatenate(self.score)]
        return self.s[0], self.d[0], self.r[0], self.score[0], self.q[0]

    def reduce(self, run: Runner = serial) -> None:
        """Keep the pairs within the k best of their supply or of their demand (ties by the
        partner's place) that no threshold excludes; raise the thresholds."""
        s, d, r, score, q = self.arrays()
        (keep_s, self.thr_s), (keep_d, self.thr_d) = run(kth_best, (
            (s, q, self.top_k, self.thr_s, self.demand_key[d]),
            (d, q, self.top_k, self.thr_d, self.supply_key[s])))
        keep = keep_s | keep_d
        self.s, self.d, self.r, self.score, self.q = ([part] for part in run(_take, (
            (part, keep) for part in (s, d, r, score, q))))
        self.size = self.reduced_size = len(self.s[0])

    def forget_pairs(self) -> None:
        """Drop every pair and keep the thresholds (each is the k-th best score of k real
        candidates, which a search that scores every pair reaching a threshold finds
        again)."""
        self.s, self.d, self.r, self.score, self.q = [], [], [], [], []
        self.size = self.reduced_size = 0

    def kept(self, run: Runner = serial) -> Ranked:
        """The union of every supply's and every demand's top-k, unranked (ranks 0): after a
        reduction the pool holds exactly that (ties cut by the partner as the ranks cut
        them)."""
        self.reduce(run)
        s, d, r, score, _q = self.arrays()
        unranked = np.zeros(len(s), dtype=np.int64)
        return Ranked(s, d, r, score, unranked, unranked)

    def ranked(self, run: Runner = serial) -> Ranked:
        """The union of every supply's and every demand's top-k, ordered by (``supply_key``
        of the supply, rank for the supply) — the ranks do not depend on that order; equal
        scores rank by the partner's key (its place in the file)."""
        self.reduce(run)
        s, d, r, score, q = self.arrays()
        (rank_s, order), (rank_d, _order) = run(ranks, (
            (self.supply_key[s], q, self.top_k, self.demand_key[d]),
            (d, q, self.top_k, self.supply_key[s])))
        order = order[(rank_s[order] > 0) | (rank_d[order] > 0)]
        return Ranked(s[order], d[order], r[order], score[order], rank_s[order], rank_d[order])
