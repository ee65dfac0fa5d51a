"""The pruned search on a national-style file (bench/national_streams.py: free text, mixed
units, streams without quantity, months or coordinates — many equal scores) returns exactly
what scoring every pair returns: the same candidates with the same ranks, ties included,
since equal scores rank by the partner's place in the file, whatever order the search
found them in (seeds, rounds, threads) — and whether the pairs are bounded and scored in
numpy or in the compiled loop of large runs (``_kernel.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from bench.national_streams import write_streams

from openeip.core.symbiosis import _search
from openeip.core.symbiosis.match import all_pairs_baseline, match_table
from openeip.core.symbiosis.model import Scope
from openeip.core.symbiosis.streams_file import read_streams_csv

# the search itself, not the every-pair scoring of small runs (this file is one)
pytestmark = pytest.mark.usefixtures("pruned_search")


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list]:
    path: Path = tmp_path_factory.mktemp("national") / "streams.csv"
    write_streams(path, 1500, seed=5, parks=8)
    streams = read_streams_csv(path.read_bytes(), path.name, skip_invalid=True)
    return list(streams.supplies().values()), list(streams.demands().values())


@pytest.fixture(scope="module")
def every_pair(national) -> Callable[[Scope, int], Any]:
    """The every-pair table of the national file per (scope, k), made once for the module (it
    does not depend on what the tests change in the search)."""
    made: dict[tuple[Scope, int], Any] = {}

    def table(scope: Scope, top_k: int) -> Any:
        if (scope, top_k) not in made:
            made[(scope, top_k)] = all_pairs_baseline(*national, top_k=top_k, scope=scope)
        return made[(scope, top_k)]
    return table


@pytest.fixture(scope="module")
def survey_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list, Any]:
    """The third generator's file (streams without quantity, 15 %; without coordinates, 12 %,
    most placed at their park's location; outside parks; dense parks): its supplies, demands
    and every-pair table at k = 5."""
    from bench.survey_streams import write_streams as survey

    path = tmp_path_factory.mktemp("survey") / "survey.csv"
    survey(path, 2500, seed=13)
    streams = read_streams_csv(path.read_bytes(), path.name, skip_invalid=True)
    supplies, demands = list(streams.supplies().values()), list(streams.demands().values())
    return supplies, demands, all_pairs_baseline(supplies, demands, top_k=5)


@pytest.fixture(params=[False, True], ids=["numpy", "compiled"])
def compiled(request, monkeypatch) -> bool:
    """The pairs bounded and scored in numpy, or in the compiled loop of large runs."""
    monkeypatch.setattr(_search, "COMPILED_MIN_STREAMS", 0 if request.param else 10**12)
    return bool(request.param)


def _rows(table) -> list[tuple[int, int, int, int, int]]:
    return sorted(zip(table.supply_index.tolist(), table.demand_index.tolist(),
                      table.rule_index.tolist(), table.rank_for_supply.tolist(),
                      table.rank_for_demand.tolist(), strict=True))


@pytest.mark.parametrize(("scope", "top_k"), [(Scope.REGION, 10), (Scope.PARK, 3),
                                              (Scope.CROSS_PARK, 5)])
@pytest.mark.parametrize("small_block", [0, 250_000])
def test_the_search_equals_every_pair_ties_included(national, every_pair, scope, top_k,
                                                    small_block, monkeypatch):
    monkeypatch.setattr(_search, "SMALL_BLOCK_PAIRS", small_block)
    supplies, demands = national
    fast = match_table(supplies, demands, top_k=top_k, scope=scope)
    slow = every_pair(scope, top_k)
    assert len(fast) > 600
    assert _rows(fast) == _rows(slow)
    # the search adds the parts in another order: the same score to the last bits
    assert np.sort(fast.score) == pytest.approx(np.sort(slow.score), abs=1e-12)
    assert fast.stats["pairs_scored"] < slow.stats["pairs_scored"] / 3


def test_the_compiled_loop_equals_every_pair(national, every_pair, monkeypatch):
    monkeypatch.setattr(_search, "COMPILED_MIN_STREAMS", 0)
    monkeypatch.setattr(_search, "SMALL_BLOCK_PAIRS", 0)
    supplies, demands = national
    fast = match_table(supplies, demands, top_k=10)
    slow = every_pair(Scope.REGION, 10)
    assert _rows(fast) == _rows(slow)
    assert np.sort(fast.score) == pytest.approx(np.sort(slow.score), abs=1e-12)


def test_threads_and_small_chunks_change_nothing(national, monkeypatch):
    supplies, demands = national
    monkeypatch.setattr(_search, "SMALL_BLOCK_PAIRS", 0)
    one = match_table(supplies, demands, top_k=5)
    monkeypatch.setattr(_search, "PARALLEL_MIN_STREAMS", 0)
    monkeypatch.setattr(_search, "CHUNK_PAIRS", 5_000)
    assert _rows(match_table(supplies, demands, top_k=5)) == _rows(one)


def test_forked_workers_change_nothing(national, compiled, monkeypatch):
    """Seeds and rounds on two forked workers, reading each band's thresholds from shared
    memory, small blocks handed over together: the same rows, in the same order."""
    supplies, demands = national
    monkeypatch.setattr(_search, "SMALL_BLOCK_PAIRS", 2_000)
    one = match_table(supplies, demands, top_k=5)
    monkeypatch.setattr(_search, "PARALLEL_MIN_STREAMS", 0)
    forked = match_table(supplies, demands, top_k=5, processes=2)
    assert _rows(forked) == _rows(one)
    assert forked.supply_index.tolist() == one.supply_index.tolist()
    assert forked.score.tolist() == one.score.tolist()
    # the workers pruned with the same thresholds (the rows alone would not show it: a
    # threshold only saves work)
    for count in ("pairs_bounded", "pairs_scored", "pairs_pooled"):
        assert forked.stats[count] == one.stats[count]


def test_the_search_equals_every_pair_on_a_survey_file(survey_file, compiled):
    """The third generator's file (``survey_file``)."""
    supplies, demands, slow = survey_file
    assert sum(s.quantity is None for s in supplies) > 100
    fast = match_table(supplies, demands, top_k=5)
    assert len(fast) > 1000 and _rows(fast) == _rows(slow)


def test_reductions_while_seeding_and_searching_change_nothing(survey_file, monkeypatch):
    """A national run reduces its pool while the seeds are still coming (a pair seeded from
    both sides must count once) and inside bands (equal scores go by the partner's place), and
    cuts each batch to its streams' k best before pooling it."""
    from openeip.core.symbiosis import _pool

    supplies, demands, slow = survey_file
    monkeypatch.setattr(_pool, "POOL_LIMIT", 300)
    monkeypatch.setattr(_search, "SMALL_BLOCK_PAIRS", 0)
    monkeypatch.setattr(_search, "LOCAL_BEST_MIN_PAIRS", 0)
    fast = match_table(supplies, demands, top_k=5)
    assert len(fast) > 1000 and _rows(fast) == _rows(slow)
