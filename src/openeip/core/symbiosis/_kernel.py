r"""The inner loop of the pruned search (``_search.py``) compiled (numba), for large runs.

For each *item* — one stream of a block and a range of partners on the other side, as
``_search._round`` and ``_search._seed`` find them — every pair is bounded and, when its bound
reaches a threshold, scored in full: the same arithmetic as ``_search._bound_and_score``
(itself :func:`scoring.score_pairs` with the parts added in another order), in one pass and
without an array per step. A run of a million streams bounds some 600 million pairs; as numpy
arrays each pair passed through about twenty whole-array steps, and the search took most of
the command's time (1M survey rows: 121 of 205 s, 7 Dec 2026).

The results are those of the numpy path up to the last bit of the sines (numpy may take its
own vectorised sine, the kernel the C library's): the tests compare the two paths' candidates
and scores (``tests/core/test_symbiosis_search_national.py``). It is compiled on its first
call in a process (about 2 s) and the machine code is kept beside this file
(``__pycache__``, numba's cache), so later processes load it.
"""

from __future__ import annotations

import math
from typing import Any

import numba
import numpy as np

from openeip.core.symbiosis.geo import EARTH_RADIUS_KM
from openeip.core.symbiosis.scoring import FloatArray, IntArray


@numba.njit(nogil=True, cache=True, error_model="numpy")
def bound_and_score(first: IntArray, length: IntArray, own_stream: IntArray, near: FloatArray,
                    other_members: IntArray, own_is_supply: bool, claim: bool,
                    block: tuple[Any, ...], own: tuple[Any, ...], other: tuple[Any, ...],
                    common: tuple[Any, ...]) -> tuple[IntArray, IntArray, FloatArray, int, int]:
    """The pairs (own_stream[i], other_members[first[i] + j]), j < length[i], that pass: in
    the block's quantity band, bound at or above the claiming side's threshold (with
    ``claim``: the supply's when ``own_is_supply``, else the demand's and not the supply's;
    without: every pair, as the seeds take them), the hard conditions, and a threshold of
    either side. ``near[i]``: the distance part the bound takes for reaches above
    SHORT_REACH_KM. ``own``: the columns of the own side's streams (by stream position);
    ``other``: those of the other side, in the order of ``other_members`` (read one after
    the other: gathered at random they cost a cache miss each, most of the loop's time).
    The tuples are laid out by ``_search._compiled_batches`` (``block``, ``common``) and
    ``_search._kernel_columns`` (``own``, ``other``; the threshold last). Returns
    (supply positions, demand positions, scores, pairs of the block's rule, pairs that passed
    the bound)."""
    (rule, owns_all, ratio, band_lo, band_hi, fit_all, quality, reach, short_reach, hard_km,
     min_temp) = block
    rule_table, fit_table, popcount, weights, storable, road_factor, same_park_km = common
    w_fit, w_distance, w_quantity, w_timing, w_quality, total = (
        weights[0], weights[1], weights[2], weights[3], weights[4], weights[5])
    has_placed = len(own[8]) > 0 and len(other[8]) > 0
    total_pairs = 0
    for i in range(len(first)):
        total_pairs += length[i]
    out_s = np.empty(total_pairs, dtype=np.int64)
    out_d = np.empty(total_pairs, dtype=np.int64)
    out_score = np.empty(total_pairs, dtype=np.float64)
    owned = 0
    passed = 0
    found = 0
    for i in range(len(first)):
        o = own_stream[i]
        a = (own[0][o], own[1][o], own[2][o], own[3][o], own[4][o], own[5][o], own[6][o],
             own[7][o], own[8][o] if has_placed else False, own[9][o], own[10][o], own[11][o],
             own[12][o])
        near_part = near[i]
        for k in range(first[i], first[i] + length[i]):
            b = (other[0][k], other[1][k], other[2][k], other[3][k], other[4][k], other[5][k],
                 other[6][k], other[7][k], other[8][k] if has_placed else False, other[9][k],
                 other[10][k], other[11][k], other[12][k])
            sv, dv = (a, b) if own_is_supply else (b, a)
            (s_cls, s_qty, s_months, s_scale, s_flags, s_phi, s_lam, s_cos, s_placed, s_park,
             s_company, s_temp, s_thr) = sv
            (d_cls, d_qty, d_months, d_scale, _flags, d_phi, d_lam, d_cos, d_placed, d_park,
             d_company, _temp, d_thr) = dv
            if not owns_all and rule_table[s_cls, d_cls] != rule:
                continue
            owned += 1
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
                continue
            timing = popcount[s_months & d_months] / popcount[s_months | d_months]
            fit = fit_all if fit_all == fit_all else fit_table[s_cls, d_cls]
            fit = fit * s_scale * d_scale
            rest = (w_fit * fit + w_quality * quality[s_flags] + w_quantity * qty
                    + w_timing * timing) / total
            score = 0.0
            road = 0.0
            if short_reach:          # the distance decides: the bound takes it exactly
                road = _road(s_phi, s_lam, s_cos, s_placed, s_park, d_phi, d_lam, d_cos,
                             d_placed, d_park, road_factor, same_park_km)
                score = rest + w_distance * _distance_part(road, reach) / total
                bound = score
            else:
                bound = rest + w_distance * near_part / total
            for_supply = bound >= s_thr
            if claim:
                if own_is_supply:
                    if not for_supply:
                        continue
                elif for_supply or not bound >= d_thr:
                    continue
            passed += 1
            if not short_reach:
                road = _road(s_phi, s_lam, s_cos, s_placed, s_park, d_phi, d_lam, d_cos,
                             d_placed, d_park, road_factor, same_park_km)
                score = rest + w_distance * _distance_part(road, reach) / total
            # the hard conditions (scoring.hard_conditions)
            if s_company == d_company and s_company >= 0:
                continue
            if road > hard_km or s_temp < min_temp:
                continue
            if (s_months & d_months) == 0 and not storable[s_cls]:
                continue
            if not (score >= s_thr or score >= d_thr):
                continue
            other_stream = other_members[k]
            out_s[found] = o if own_is_supply else other_stream
            out_d[found] = other_stream if own_is_supply else o
            out_score[found] = score
            found += 1
    return out_s[:found], out_d[:found], out_score[:found], owned, passed


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
