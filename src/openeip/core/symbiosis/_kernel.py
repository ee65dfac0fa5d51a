r"""The inner loops of the pruned search (``_search.py``) compiled (numba), for large runs.

:func:`round_scored` searches one block in one distance round as ``_search._round`` does in
numpy — the pairs of groups in the round, the streams of each whose threshold they can
reach, the partners whose quantity fit can reach it (binary search) — and bounds and scores
each pair (:func:`_pair`: the arithmetic of ``_search._bound_and_score``, itself
:func:`scoring.score_pairs` with the parts added in another order) in one pass, without an
array per step; each stream's threshold rises to its k-th best found so far in the block,
where numpy keeps the thresholds of the round. :func:`bound_and_score` does the second half
for pairs listed beforehand (the seeds). A run of a million streams bounds some 600 million
pairs; as numpy arrays each pair passed through about twenty whole-array steps (1M survey
rows: the search 121 of 205 s, 7 Dec 2026), and with the pairs alone compiled the numpy steps
that listed them were still most of
the search (100k survey rows in one process: 5.5 of 9.2 s, 7 Dec 2026).

The results are those of the numpy path up to the last bit of the sines (numpy may take its
own vectorised sine, the kernel the C library's): the tests compare the two paths' candidates
and scores (``tests/core/test_symbiosis_search_national.py``). It is compiled on its first
call in a process (a few seconds) and the machine code is kept beside this file
(``__pycache__``, numba's cache), so later processes load it.
"""

from __future__ import annotations

import math
from typing import Any

import numba
import numpy as np

from openeip.core.symbiosis.geo import EARTH_RADIUS_KM
from openeip.core.symbiosis.scoring import FloatArray, IntArray

# how far a pair gets (:func:`_pair`): not the block's rule, its rule, bound and claimed, found
NONE, OWNED, PASSED, FOUND = 0, 1, 2, 3


@numba.njit(nogil=True, cache=True, error_model="numpy")
def bound_and_score(first: IntArray, length: IntArray, own_stream: IntArray, near: FloatArray,
                    other_members: IntArray, own_is_supply: bool,
                    block: tuple[Any, ...], own: tuple[Any, ...], other: tuple[Any, ...],
                    common: tuple[Any, ...]) -> tuple[IntArray, IntArray, FloatArray, int, int]:
    """The pairs (own_stream[i], other_members[first[i] + j]), j < length[i], that pass
    (:func:`_pair`, not claimed: every pair in the band, as the seeds take them).
    ``near[i]``: the distance part the bound takes for reaches above SHORT_REACH_KM.
    ``own``: the columns of the own side's streams (by stream position); ``other``: those of
    the other side, in the order of ``other_members`` (read one after the other: gathered at
    random they cost a cache miss each). The tuples are laid out by
    ``_search._kernel_block`` (``block``, ``common``) and ``_search._kernel_columns``
    (``own``, ``other``; the threshold last). Returns (supply positions, demand positions,
    scores, pairs of the block's rule, pairs that passed the bound)."""
    total_pairs = 0
    for i in range(len(first)):
        total_pairs += length[i]
    out_s = np.empty(total_pairs, dtype=np.int64)
    out_d = np.empty(total_pairs, dtype=np.int64)
    out_score = np.empty(total_pairs, dtype=np.float64)
    owned = passed = found = 0
    has_placed = len(own[8]) > 0 and len(other[8]) > 0
    for i in range(len(first)):
        o = own_stream[i]
        a = _values(own, o, has_placed)
        for k in range(first[i], first[i] + length[i]):
            status, score = _pair(a, k, own_is_supply, False, near[i], -np.inf, -np.inf,
                                  block, other, has_placed, common)
            owned += status >= OWNED
            passed += status >= PASSED
            if status == FOUND:
                m = other_members[k]
                out_s[found], out_d[found] = (o, m) if own_is_supply else (m, o)
                out_score[found] = score
                found += 1
    return out_s[:found], out_d[:found], out_score[:found], owned, passed


@numba.njit(nogil=True, cache=True, error_model="numpy")
def round_scored(round_of: Any, rounds: tuple[int, int], sup_side: tuple[Any, ...],
                 dem_side: tuple[Any, ...], places: tuple[Any, ...], bounds: tuple[Any, ...],
                 block: tuple[Any, ...], sup: tuple[Any, ...], dem: tuple[Any, ...],
                 common: tuple[Any, ...], top_k: int
                 ) -> tuple[IntArray, IntArray, FloatArray, int, int]:
    """One block's pairs in the rounds ``rounds`` (first, last) that pass (:func:`_pair`,
    claimed), as ``_search._round`` finds them in numpy, without an array per step: from each
    side (:func:`_side_scored`), for each allowed pair of groups in those rounds, the side's
    open streams of that group whose threshold the pair of groups can reach, each against the
    partners of the other group whose quantity fit can reach it (binary search in the group's
    log quantities) and those of unknown quantity when the fit of one (0.5) can.

    ``sup_side``/``dem_side``: a ``_search._Side``'s (members, key, groups, starts, counts,
    known); ``places``: (lowest road km between groups, which groups have coordinates (empty:
    all), each group's park, the neutral distance); ``bounds``: (the round's best possible
    score, the block's best class fit, prefix slack, slack, the quantity key's slot and
    unknown value, the score tolerance); ``sup``/``dem``: every stream's columns
    (``_search._kernel_columns``); ``top_k``: the k of each stream's k best, whose k-th
    found in the block raises its threshold (:func:`_side_scored`). Returns (supply
    positions, demand positions, scores, pairs of the block's rule, pairs that passed the
    bound)."""
    opens = (_open_streams(sup_side, sup[12], bounds[0]),
             _open_streams(dem_side, dem[12], bounds[0]))
    sides = (sup_side, dem_side)
    # the columns in the sides' order: a group's streams are read one after the other
    columns = (_gathered(sup, sup_side[0]), _gathered(dem, dem_side[0]))
    # the supplies' side visits the supply groups with a stream open, against every demand
    # group; the demands' side every supply group, against the demand groups with one open
    rows = (opens[0][3] <= bounds[0] + bounds[2], np.ones(len(sup_side[2]), dtype=np.bool_))
    visited = (np.arange(len(dem_side[2])), np.flatnonzero(opens[1][3] <= bounds[0] + bounds[2]))
    # each stream's k best scores found in this block so far, best first (−∞: none yet)
    tops = (np.full((len(sup_side[0]), top_k), -np.inf),
            np.full((len(dem_side[0]), top_k), -np.inf))
    none: Any = np.int64(0)     # not the literal 0: one compiled version for both calls
    found = (np.empty(1024, dtype=np.int64), np.empty(1024, dtype=np.int64),
             np.empty(1024), none, none, none)
    for side in range(2):
        found = _side_scored(side == 0, rows[side], visited[side], round_of, rounds,
                             sides[side], sides[1 - side], opens[side], columns[side],
                             columns[1 - side], tops[side], tops[1 - side], places, bounds,
                             block, common, found)
    out_s, out_d, out_score, n, owned, passed = found
    return out_s[:n], out_d[:n], out_score[:n], owned, passed


@numba.njit(inline="always", cache=True)
def _keep_best(top: FloatArray, i: int, score: float) -> None:
    """``score`` into row ``i`` of ``top`` (each row its k best, best first) if it is one."""
    j = top.shape[1] - 1
    if not score > top[i, j]:
        return
    while j > 0 and top[i, j - 1] < score:
        top[i, j] = top[i, j - 1]
        j -= 1
    top[i, j] = score


@numba.njit(cache=True)
def _open_streams(side: tuple[Any, ...], thr: FloatArray, best: float
                  ) -> tuple[IntArray, FloatArray, IntArray, FloatArray]:
    """A side's streams whose threshold is at most ``best`` (open), by group: (their places
    in the side, their thresholds, where each group's begin, each group's lowest threshold
    over all its streams)."""
    members, _key, groups, starts, counts, _known = side
    at = np.empty(len(members), dtype=np.int64)
    values = np.empty(len(members))
    first = np.empty(len(groups) + 1, dtype=np.int64)
    lowest = np.full(len(groups), np.inf)
    n = 0
    for g in range(len(groups)):
        first[g] = n
        for p in range(starts[g], starts[g] + counts[g]):
            t = thr[members[p]]
            lowest[g] = min(lowest[g], t)
            if t <= best:
                at[n], values[n] = p, t
                n += 1
    first[len(groups)] = n
    return at, values, first, lowest


@numba.njit(nogil=True, cache=True, error_model="numpy")
def _side_scored(own_is_supply: bool, rows: Any, columns: IntArray, round_of: Any,
                 rounds: tuple[int, int], own_side: tuple[Any, ...],
                 other_side: tuple[Any, ...], open_streams: tuple[Any, ...],
                 own_columns: tuple[Any, ...], other_columns: tuple[Any, ...],
                 own_top: FloatArray, other_top: FloatArray, places: tuple[Any, ...],
                 bounds: tuple[Any, ...], block: tuple[Any, ...], common: tuple[Any, ...],
                 found: tuple[Any, ...]) -> tuple[Any, ...]:
    """:func:`round_scored` from one side (the supplies' when ``own_is_supply``): the pairs
    of groups (supply slot a, demand slot b) in the rounds, a in ``rows`` and b in
    ``columns``, each open stream of the own group against its partners. ``own_top`` and
    ``other_top``: each stream's k best scores found in the block so far (by place in its
    side), kept up to date: they raise the own stream's threshold as the block is searched
    (:func:`_pair`). The supplies' side goes first and claims by the thresholds it was given,
    so the demands' side, which claims what the supplies' did not, can search with its own
    raised ones. ``found``: (supply positions, demand positions, scores, how many, pairs
    bounded, pairs passed), returned with this side's pairs added."""
    first_round, last_round = rounds
    min_road, located, park, neutral_km = places
    best, fit_max, prefix_slack, slack, slot_width, unknown_key, tolerance = bounds
    band_lo, band_hi, reach = block[3], block[4], block[7]
    weights, same_park_km = common[3], common[6]
    w_fit, w_distance, w_quantity, w_timing, w_quality, total = (
        weights[0], weights[1], weights[2], weights[3], weights[4], weights[5])
    last = own_top.shape[1] - 1
    members, key, _groups, _starts, _counts, _known = own_side
    o_members, o_key, _o_groups, o_starts, o_counts, o_known = other_side
    at, values, open_first, lowest = open_streams
    sup_groups, dem_groups = (own_side[2], other_side[2]) if own_is_supply else (
        other_side[2], own_side[2])
    has_located = len(located) > 0
    has_placed = len(own_columns[8]) > 0 and len(other_columns[8]) > 0
    out_s, out_d, out_score, n, owned, passed = found
    for a in range(len(sup_groups)):
        if not rows[a]:
            continue
        for column in columns:
            b = int(column)
            r = round_of[a, b]
            if r < first_round or r > last_round:
                continue
            g, t = (a, b) if own_is_supply else (b, a)
            ga, gb = sup_groups[a], dem_groups[b]
            low = min_road[ga, gb]
            if has_located and not (located[ga] and located[gb]):
                low = same_park_km if park[ga] == park[gb] and park[ga] >= 0 else neutral_km
            near = 1.0 / (1.0 + low / (reach / 4.0))
            base = (w_fit * fit_max + w_distance * near + w_quality) / total
            reachable = base + (w_quantity * min(band_hi, 1.0) + w_timing) / total
            if not lowest[g] <= reachable + prefix_slack:
                continue
            first_known = o_starts[t]
            end_known = first_known + o_known[t]
            end_all = first_known + o_counts[t]
            for i in range(open_first[g], open_first[g + 1]):
                threshold = values[i]
                p = at[i]
                if not own_is_supply:
                    # the demands claim only below the supplies' thresholds: what the block
                    # already found for this demand is all that can raise its own
                    threshold = max(threshold, own_top[p, last] - tolerance)
                if threshold > reachable + prefix_slack:
                    continue
                if w_quantity > 0:
                    q_min = ((threshold - base) * total - w_timing) / w_quantity
                else:
                    q_min = -np.inf if (threshold - base) * total <= w_timing else np.inf
                q_min = max(q_min, band_lo)
                if not (q_min < band_hi + slack and q_min <= 1.0 + slack):
                    continue
                own_key = key[p] - g * slot_width
                lo, hi = -450.0, 450.0
                if q_min > 0.5 and -400.0 < own_key < unknown_key:
                    delta = -math.log(max(2 * q_min - 1, 1e-300)) + 1e-9
                    lo, hi = own_key - delta, own_key + delta
                begin = end = first_known
                if not (q_min > 1.0 or (own_key >= unknown_key and q_min > 0.5 + slack)):
                    begin = _first_above(o_key, first_known, end_known, t * slot_width + lo,
                                         False)
                    end = _first_above(o_key, begin, end_known, t * slot_width + hi, True)
                # the partners of known quantity in range, then those of unknown quantity
                # when a fit of 0.5 can reach the threshold
                in_range = end - begin
                unknown = end_all - end_known if q_min <= 0.5 else 0
                own_values = _values(own_columns, p, has_placed)
                for j in range(in_range + unknown):
                    k = begin + j if j < in_range else end_known + j - in_range
                    status, score = _pair(own_values, k, own_is_supply, True, near,
                                          own_top[p, last] - tolerance,
                                          other_top[k, last] - tolerance, block,
                                          other_columns, has_placed, common)
                    owned += status >= OWNED
                    passed += status >= PASSED
                    if status == FOUND:
                        if n == len(out_s):
                            out_s = np.concatenate((out_s, np.empty_like(out_s)))
                            out_d = np.concatenate((out_d, np.empty_like(out_d)))
                            out_score = np.concatenate((out_score, np.empty_like(out_score)))
                        o, m = members[p], o_members[k]
                        out_s[n], out_d[n] = (o, m) if own_is_supply else (m, o)
                        out_score[n] = score
                        n += 1
                        _keep_best(own_top, p, score)
                        _keep_best(other_top, k, score)
    return out_s, out_d, out_score, n, owned, passed


@numba.njit(cache=True)
def _gathered(columns: tuple[Any, ...], members: IntArray) -> tuple[Any, ...]:
    """``columns`` (``_search._kernel_columns``) of the streams ``members``, in that order."""
    placed = columns[8][members] if len(columns[8]) else columns[8]
    return (columns[0][members], columns[1][members], columns[2][members],
            columns[3][members], columns[4][members], columns[5][members], columns[6][members],
            columns[7][members], placed, columns[9][members], columns[10][members],
            columns[11][members], columns[12][members])


@numba.njit(inline="always", cache=True, error_model="numpy")
def _first_above(keys: FloatArray, begin: int, end: int, value: float, equal_too: bool
                 ) -> int:
    """The first index in [begin, end) of sorted ``keys`` whose key is above ``value`` (at
    or above it without ``equal_too``), ``end`` when none: ``np.searchsorted``, side right
    (``equal_too``) or left."""
    while begin < end:
        middle = (begin + end) // 2
        if keys[middle] < value or (equal_too and keys[middle] == value):
            begin = middle + 1
        else:
            end = middle
    return begin


@numba.njit(inline="always", cache=True, error_model="numpy")
def _values(columns: tuple[Any, ...], i: int, has_placed: bool) -> tuple[Any, ...]:
    """The values of the stream at ``i`` of ``columns`` (``_search._kernel_columns``)."""
    return (columns[0][i], columns[1][i], columns[2][i], columns[3][i], columns[4][i],
            columns[5][i], columns[6][i], columns[7][i],
            columns[8][i] if has_placed else False, columns[9][i], columns[10][i],
            columns[11][i], columns[12][i])


@numba.njit(inline="always", cache=True, error_model="numpy")
def _pair(a: tuple[Any, ...], k: int, own_is_supply: bool, claim: bool, near_part: float,
          own_local: float, other_local: float, block: tuple[Any, ...],
          other: tuple[Any, ...], has_placed: bool, common: tuple[Any, ...]
          ) -> tuple[int, float]:
    """How far the pair of an own stream (its values ``a``, :func:`_values`) and the other
    side's stream at ``k`` of ``other`` gets, and its score: OWNED by the block's rule,
    PASSED the quantity band and a bound at or above the claiming side's threshold (with
    ``claim``: the supply's when ``own_is_supply``, else the demand's and not the supply's),
    FOUND when it also passes the hard conditions and reaches a threshold of either side —
    the arithmetic of ``_search._bound_and_score`` (itself :func:`scoring.score_pairs` with
    the parts added in another order). ``own_local``, ``other_local``: each stream's k-th
    best score among the pairs found so far in this block (less the tolerance; −∞ before k),
    which raise its threshold: a claimed pair below the raised thresholds of both its streams
    enters neither top-k."""
    (rule, owns_all, ratio, band_lo, band_hi, fit_all, quality, reach, short_reach, hard_km,
     min_temp) = block
    rule_table, fit_table, popcount, weights, storable, road_factor, same_park_km = common
    b = _values(other, k, has_placed)
    sv, dv = (a, b) if own_is_supply else (b, a)
    (s_cls, s_qty, s_months, s_scale, s_flags, s_phi, s_lam, s_cos, s_placed, s_park,
     s_company, s_temp, s_thr) = sv
    (d_cls, d_qty, d_months, d_scale, _flags, d_phi, d_lam, d_cos, d_placed, d_park,
     d_company, _temp, d_thr) = dv
    if not owns_all and rule_table[s_cls, d_cls] != rule:
        return NONE, 0.0
    # quantity and timing (scoring.quantity_and_timing)
    offered = s_qty * ratio
    matched = offered if offered < d_qty else d_qty
    if offered != offered or d_qty != d_qty:
        qty = 0.5
    elif offered > 0 and d_qty > 0:
        qty = (matched / offered + matched / d_qty) / 2
    else:
        qty = 0.0
    if not (qty >= band_lo and qty < band_hi):
        return OWNED, 0.0
    w_fit, w_distance, w_quantity, w_timing, w_quality, total = (
        weights[0], weights[1], weights[2], weights[3], weights[4], weights[5])
    timing = popcount[s_months & d_months] / popcount[s_months | d_months]
    fit = fit_all if fit_all == fit_all else fit_table[s_cls, d_cls]
    fit = fit * s_scale * d_scale
    rest = (w_fit * fit + w_quality * quality[s_flags] + w_quantity * qty
            + w_timing * timing) / total
    score = 0.0
    road = 0.0
    if short_reach:          # the distance decides: the bound takes it exactly
        road = _road(s_phi, s_lam, s_cos, s_placed, s_park, d_phi, d_lam, d_cos, d_placed,
                     d_park, road_factor, same_park_km)
        score = rest + w_distance * _distance_part(road, reach) / total
        bound = score
    else:
        bound = rest + w_distance * near_part / total
    for_supply = bound >= s_thr
    if claim:
        if own_is_supply:
            if not for_supply:
                return OWNED, 0.0
        elif for_supply or not bound >= d_thr:
            return OWNED, 0.0
    s_local, d_local = (own_local, other_local) if own_is_supply else (other_local, own_local)
    s_thr, d_thr = max(s_thr, s_local), max(d_thr, d_local)
    if not (bound >= s_thr or bound >= d_thr):
        return OWNED, 0.0
    if not short_reach:
        road = _road(s_phi, s_lam, s_cos, s_placed, s_park, d_phi, d_lam, d_cos, d_placed,
                     d_park, road_factor, same_park_km)
        score = rest + w_distance * _distance_part(road, reach) / total
    # the hard conditions (scoring.hard_conditions)
    if s_company == d_company and s_company >= 0:
        return PASSED, 0.0
    if road > hard_km or s_temp < min_temp:
        return PASSED, 0.0
    if (s_months & d_months) == 0 and not storable[s_cls]:
        return PASSED, 0.0
    if not (score >= s_thr or score >= d_thr):
        return PASSED, 0.0
    return FOUND, score


@numba.njit(inline="always", cache=True, error_model="numpy")
def _road(s_phi: float, s_lam: float, s_cos: float, s_placed: bool, s_park: int, d_phi: float,
          d_lam: float, d_cos: float, d_placed: bool, d_park: int, road_factor: float,
          same_park_km: float) -> float:
    """Road km between a supply and a demand, NaN when unknown (scoring.road_distance)."""
    half_phi = math.sin((d_phi - s_phi) / 2)
    half_lam = math.sin((d_lam - s_lam) / 2)
    a = half_phi * half_phi + s_cos * d_cos * (half_lam * half_lam)
    if a > 1.0:
        a = 1.0
    road = 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a)) * road_factor
    if (road != road or s_placed or d_placed) and s_park == d_park and s_park >= 0:
        return same_park_km
    return road


@numba.njit(inline="always", cache=True, error_model="numpy")
def _distance_part(road: float, reach: float) -> float:
    """scoring.distance_part: 1 / (1 + d / (reach / 4)), 0.5 when unknown."""
    if road != road:
        return 0.5
    return 1.0 / (1.0 + road / (reach / 4.0))
