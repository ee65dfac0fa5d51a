"""The pool of the pruned search: each stream's k-th best, the final ranks, the threads."""

from __future__ import annotations

import numpy as np
import pytest

from openeip.core.symbiosis import _search
from openeip.core.symbiosis._pool import Pool, kth_best, quantised, ranks, within_k_best
from openeip.core.symbiosis.match import match_table
from tests.core.symbiosis_match_fixtures import FACTORS, RULES, TAXONOMY, random_streams

KW = {"taxonomy": TAXONOMY, "rules": RULES, "factors": FACTORS}


def test_kth_best_keeps_each_keys_k_best_and_rounds_the_threshold_down():
    key = np.array([0, 0, 0, 1, 1, 2, 0, 1, 3, 3])
    score = np.array([0.5, 0.9, 0.7, 0.3, 0.6, 0.8, 0.7, 0.6, 0.2, 0.4])
    floor = np.array([-np.inf, -np.inf, -np.inf, 0.3])
    keep, threshold = kth_best(key, quantised(score), 2, floor, np.arange(10))
    # key 0: 0.9, 0.7, 0.7, 0.5 -> 2nd best 0.7: of the tie, the first partner (entry 2) kept
    # key 1: 0.6, 0.6, 0.3 -> 2nd best 0.6; key 2 has one entry (kept, no threshold)
    # key 3: 0.4, 0.2 -> 2nd best 0.2 is below its floor 0.3: the floor stays, 0.2 dropped
    assert keep.tolist() == [False, True, True, False, True, True, False, True, False, True]
    assert threshold[0] == pytest.approx(0.7, abs=2e-9) and threshold[0] <= 0.7
    assert threshold[1] == pytest.approx(0.6, abs=2e-9) and threshold[1] <= 0.6
    assert threshold[2:].tolist() == [-np.inf, 0.3]


def test_kth_best_breaks_ties_at_the_kth_value_by_the_partner_as_the_ranks_do():
    key = np.array([0, 0, 0, 0, 1, 1, 1])
    score = np.array([0.7, 0.9, 0.7, 0.7, 0.5, 0.5, 0.2])
    partner = np.array([30, 10, 5, 20, 8, 3, 1])
    keep, threshold = kth_best(key, quantised(score), 2, np.full(2, -np.inf), partner)
    # key 0: 0.9, then three at 0.7: room for one, partner 5; key 1: two at 0.5, both kept
    assert keep.tolist() == [False, True, True, False, True, True, False]
    assert threshold.tolist() == pytest.approx([0.7, 0.5], abs=2e-9)
    rank, _order = ranks(key, quantised(score), 2, partner)
    assert (rank > 0).tolist() == keep.tolist()


def test_a_batch_keeps_what_the_pool_would_keep_of_it_without_arrays_per_stream():
    key = np.array([7, 7, 7, 7, 900, 900, 900, 3])
    score = np.array([0.7, 0.9, 0.7, 0.7, 0.5, 0.5, 0.2, 0.1])
    partner = np.array([30, 10, 5, 20, 8, 3, 1, 4])
    floor = np.full(1000, -np.inf)
    floor[3] = 0.2                      # key 3's only entry is below its floor
    keep = within_k_best(key, quantised(score), 2, floor, partner)
    assert keep.tolist() == [False, True, True, False, True, True, False, False]
    dense, _threshold = kth_best(key, quantised(score), 2, floor, partner)
    assert keep.tolist() == dense.tolist()


def test_ranks_count_from_one_per_key_best_first_ties_in_entry_order():
    key = np.array([1, 0, 1, 1, 0])
    score = np.array([0.2, 0.5, 0.9, 0.2, 0.4])
    rank, order = ranks(key, quantised(score), 2)
    # key 0: 0.5 (1), 0.4 (2); key 1: 0.9 (1), 0.2 first in entry order (2), 0.2 (beyond k)
    assert rank.tolist() == [2, 1, 1, 0, 2]
    assert order.tolist() == [1, 4, 2, 0, 3]


def test_the_pool_keeps_the_union_of_both_sides_top_k_and_ranks_it():
    pool = Pool(1, 2, 2, np.array([1, 0]), np.arange(2))     # supply 1 is listed first
    pool.add(np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]), np.array([7, 7, 7, 7]),
             np.array([0.9, 0.8, 0.7, 0.1]))
    found = pool.ranked()
    # supply 0's best is (0, 0); supply 1's is (1, 0); demand 1's best is (0, 1)
    assert list(zip(found.s.tolist(), found.d.tolist(), strict=True)) == [(1, 0), (0, 0),
                                                                           (0, 1)]
    assert found.rank_s.tolist() == [1, 1, 0]
    assert found.rank_d.tolist() == [0, 1, 1]
    assert found.score.tolist() == [0.7, 0.9, 0.8]
    assert pool.thr_s.tolist() == pytest.approx([0.9, 0.7], abs=2e-9)


def test_the_threaded_search_returns_exactly_what_one_thread_returns(monkeypatch,
                                                                     pruned_search):
    supplies, demands = random_streams(5, 400)
    monkeypatch.setattr(_search, "SMALL_BLOCK_PAIRS", 0)
    one = match_table(supplies, demands, top_k=4, **KW)
    monkeypatch.setattr(_search, "PARALLEL_MIN_STREAMS", 0)
    monkeypatch.setattr(_search, "CHUNK_PAIRS", 500)      # many batches per block
    threaded = match_table(supplies, demands, top_k=4, **KW)
    assert len(one) > 100
    for name in ("supply_index", "demand_index", "rule_index", "score", "rank_for_supply",
                 "rank_for_demand"):
        assert getattr(threaded, name).tolist() == getattr(one, name).tolist(), name
