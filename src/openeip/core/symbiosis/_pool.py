"""The pool of scored pairs behind the pruned search (``_search.py``), and its top-k ranking.

The pool holds scored (supply, demand, rule, score) pairs and each stream's *threshold*: the
k-th best score of k real, distinct candidates of that stream (−∞ until it has k). A pair
below the thresholds of both its streams can enter neither top-k and is dropped.

Ranking sorts one 63-bit integer per pair: the stream's position above 31 bits of
quantised score (best first). While searching (:meth:`Pool.reduce`) only each stream's k-th
best value is needed, so the integers themselves are sorted (a vectorised sort, several
times faster than sorting their indices); ties at the k-th value keep every tied pair. The
final ranks (:meth:`Pool.ranked`) sort the indices, stably, once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from openeip.core.symbiosis.scoring import BoolArray, FloatArray, IntArray

POOL_LIMIT = 4_000_000                             # pool size that triggers a reduction
POOL_GROWTH = 1.5      # then it may grow to this many times what the reduction kept
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


def kth_best(key: IntArray, q: IntArray, k: int, floor: FloatArray) -> tuple[BoolArray,
                                                                          FloatArray]:
    """Each key's threshold, raised from ``floor`` to its k-th best score (quantised ``q``,
    see :func:`quantised`; rounded down), and which entries reach it (ties kept; every entry
    of a key with fewer than k reaches its floor)."""
    n = len(floor)
    packed = (key << _LOW_BITS) | q
    ordered = np.sort(packed)
    counts = np.bincount(key, minlength=n)
    full = counts >= k
    kth_at = (np.cumsum(counts) - counts)[full] + k - 1
    # the floor (less TOLERANCE) as a quantised limit, one step up: no score at or above the
    # floor is left out; −∞ lets everything through (2^30 + 1)
    floor_q = np.floor((1.0 - np.clip(floor - TOLERANCE, 0.0, 1.0)) * _SCALE) + 1
    limit = (np.arange(n, dtype=np.int64) << _LOW_BITS) | floor_q.astype(np.int64)
    kth = ordered[kth_at]
    limit[full] = np.minimum(limit[full], kth)
    threshold = floor.copy()
    # quantised to the nearest 2^-30: one step lower is never above the true k-th score
    kth_score = 1.0 - ((kth & ((1 << _LOW_BITS) - 1)) + 1) / _SCALE
    threshold[full] = np.maximum(threshold[full], kth_score)
    keep: BoolArray = packed <= limit[key]
    return keep, threshold


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
    sorted_key = key[order]
    first = np.ones(len(order), dtype=np.bool_)
    first[1:] = sorted_key[1:] != sorted_key[:-1]
    starts = np.flatnonzero(first)
    position = np.arange(len(order)) - np.repeat(starts, np.diff(np.append(starts, len(order))))
    rank = np.zeros(len(order), dtype=np.int64)
    inside = position < k
    rank[order[inside]] = position[inside] + 1
    return rank, order


@dataclass
class Pool:
    top_k: int
    n_supply: int
    n_demand: int
    s: list[IntArray] = field(default_factory=list)
    d: list[IntArray] = field(default_factory=list)
    r: list[IntArray] = field(default_factory=list)
    score: list[FloatArray] = field(default_factory=list)
    q: list[IntArray] = field(default_factory=list)     # the scores, quantised
    size: int = 0
    scored: int = 0
    limit: int = POOL_LIMIT
    reduced_size: int = 0
    accepted: int = 0
    repeats: bool = False       # a pair may be pooled twice (seeded, then found again)

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
        """Keep the pairs within the k best of their supply or of their demand (ties kept)
        that no threshold excludes; raise the thresholds."""
        s, d, r, score, q = self.arrays()
        if self.repeats:
            # the same pair counts once (its scores are equal: the same sum, same order)
            _unique, first = np.unique(s * self.n_demand + d, return_index=True)
            if len(first) < len(s):
                first.sort()
                s, d, r, score, q = s[first], d[first], r[first], score[first], q[first]
        (keep_s, self.thr_s), (keep_d, self.thr_d) = run(kth_best, (
            (s, q, self.top_k, self.thr_s), (d, q, self.top_k, self.thr_d)))
        keep = keep_s | keep_d
        self.s, self.d, self.r, self.score, self.q = ([part] for part in run(_take, (
            (part, keep) for part in (s, d, r, score, q))))
        self.size = self.reduced_size = len(self.s[0])

    def ranked(self, supply_key: IntArray, run: Runner = serial,
               demand_key: IntArray | None = None) -> Ranked:
        """The union of every supply's and every demand's top-k, ordered by (``supply_key``
        of the supply, rank for the supply); ``supply_key`` maps supply positions to the
        order wanted (the ranks do not depend on it) and ``demand_key`` demand positions to
        theirs; equal scores rank by the partner's key (its place in the file)."""
        self.reduce(run)
        s, d, r, score, q = self.arrays()
        if demand_key is None:
            demand_key = np.arange(self.n_demand, dtype=np.int64)
        (rank_s, order), (rank_d, _order) = run(ranks, (
            (supply_key[s], q, self.top_k, demand_key[d]),
            (d, q, self.top_k, supply_key[s])))
        order = order[(rank_s[order] > 0) | (rank_d[order] > 0)]
        return Ranked(s[order], d[order], r[order], score[order], rank_s[order], rank_d[order])
