"""Small-cell suppression of the public grievance counts (threshold 5 unless given)."""

from __future__ import annotations

import pytest

from openeip.core.community import public_counts, suppress


def test_counts_below_the_threshold_are_hidden_and_zeros_shown():
    assert suppress({"odour": 12, "noise": 3, "dust": 0, "traffic": 8}) == {
        "odour": 12, "noise": None, "dust": 0, "traffic": None}
    # noise (3) alone hidden would be 23 − 12 − 8; the smallest other non-zero (8) goes too


def test_two_small_cells_protect_each_other():
    assert suppress({"a": 2, "b": 4, "c": 9}) == {"a": None, "b": None, "c": 9}


def test_a_table_with_nothing_small_is_shown_whole():
    counts = {"a": 5, "b": 6}
    assert public_counts(counts).cells == counts and public_counts(counts).total == 11


def test_a_small_total_is_hidden():
    shown = public_counts({"open": 3, "closed": 0})
    assert shown.total is None and shown.cells == {"open": None, "closed": 0}
    assert public_counts({"open": 0, "closed": 0}).total == 0


def test_the_threshold_may_be_given():
    assert suppress({"a": 2, "b": 9}, threshold=2) == {"a": 2, "b": 9}


def test_a_negative_count_is_an_error():
    with pytest.raises(ValueError):
        suppress({"a": -1})


def test_recurring_categories_show_a_gap_for_the_plan():
    from openeip.core.community import recurring

    assert recurring({"odour": 5, "noise": 3, "dust": 2, "traffic": 3}) == [
        "odour", "noise", "traffic"]
    assert recurring({"odour": 2}) == []
    assert recurring({"odour": 2}, threshold=2) == ["odour"]
