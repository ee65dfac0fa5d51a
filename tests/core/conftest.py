"""Fixtures shared by the engine tests."""

from __future__ import annotations

import pytest

from openeip.core.symbiosis import match


@pytest.fixture
def pruned_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """The matcher's pruned search whatever the run's size: a small run otherwise scores every
    pair (``match.EVERY_PAIR_MAX_PAIRS``), and a test comparing the search with scoring every
    pair would compare that with itself."""
    monkeypatch.setattr(match, "EVERY_PAIR_MAX_PAIRS", 0)
