"""What the public may see of the grievances: counts, with small cells suppressed.

Primary suppression: a count ``n`` with ``0 < n < k`` (``k`` = ``suppression_threshold`` of the
rules file, or the caller's) is not shown. Zeros are shown (they point at nobody).

Secondary suppression: in a list whose total is shown, a single hidden cell could be worked
out as total − shown cells, so the smallest other non-zero cell is hidden too. A total below
``k`` is hidden. Only one-dimensional breakdowns are published (see :func:`public_counts`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from openeip.core.community.rules import rules

__all__ = ["PublicCounts", "public_counts", "recurring", "suppress"]


def suppress(counts: Mapping[str, int], threshold: int | None = None) -> dict[str, int | None]:
    """One row of counts with small cells (and the cell that would reveal one) set to None."""
    k = rules()["suppression_threshold"].value if threshold is None else threshold
    for key, value in counts.items():
        if value < 0:
            raise ValueError("count {} is negative".format(key))
    shown: dict[str, int | None] = {key: (None if 0 < value < k else value)
                                    for key, value in counts.items()}
    hidden = [key for key, value in shown.items() if value is None]
    if len(hidden) == 1:
        others = sorted((value, key) for key, value in counts.items()
                        if shown[key] is not None and value > 0)
        if others:
            shown[others[0][1]] = None
    return shown


@dataclass(frozen=True, slots=True)
class PublicCounts:
    """One breakdown (by category, by year …) as the public sees it (None = not shown)."""

    cells: dict[str, int | None]
    total: int | None
    threshold: int

    @property
    def hidden(self) -> bool:
        return self.total is None or any(value is None for value in self.cells.values())


def public_counts(counts: Mapping[str, int], threshold: int | None = None) -> PublicCounts:
    """``counts`` with :func:`suppress` applied and its total, itself hidden below the
    threshold. Breakdowns are published one dimension at a time: a cross-table of two
    dimensions with its margins can give a hidden cell away, one list with its total cannot."""
    k = rules()["suppression_threshold"].value if threshold is None else threshold
    total = sum(counts.values())
    return PublicCounts(suppress(counts, k), None if 0 < total < k else total, k)


def recurring(counts: Mapping[str, int], threshold: int | None = None) -> list[str]:
    """The categories whose count of the last 12 months reaches ``recurring_cases_for_action``
    (or the caller's threshold): each shows a gap for the park's action plan. Most cases
    first, then by name."""
    k = rules()["recurring_cases_for_action"].value if threshold is None else threshold
    return [code for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            if n >= k]
