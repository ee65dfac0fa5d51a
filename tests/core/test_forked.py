"""Ordered maps over forked workers: the same results, in the same order, as in one process."""

from __future__ import annotations

import os

from openeip.core.forked import cores, forked_map


def _scaled(state: dict[str, int], item: int) -> tuple[int, int]:
    return item * state["factor"], os.getpid()


def test_results_come_in_the_order_of_the_items_and_from_other_processes():
    state = {"factor": 3}          # reaches the workers through the fork, never pickled
    with forked_map(_scaled, state, workers=2) as run:
        found = list(run(range(50)))
    assert [value for value, _pid in found] == [3 * i for i in range(50)]
    assert os.getpid() not in {pid for _value, pid in found}


def test_one_worker_runs_here():
    with forked_map(_scaled, {"factor": 2}, workers=1) as run:
        found = list(run([1, 2]))
    assert found == [(2, os.getpid()), (4, os.getpid())]
    assert cores() >= 1
