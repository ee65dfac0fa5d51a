r"""A company's position among peers of its VSIC sector, shown only as safe aggregates.

The caller gathers one figure (the same indicator, form, denominator and period) for the
company and for the OTHER firms of its sector — in its park, or on the whole platform — and gets:

.. math::

    PR = 100 \cdot \frac{B + E/2}{N}

    Q_1,\ \tilde{x},\ Q_3 = \text{quartiles and median of the } N \text{ peer values}

==========  ===========================================================  ==========
symbol      meaning                                                      unit
==========  ===========================================================  ==========
N           other firms with a value (the company itself not counted)    firms
B           peers whose value is below the company's                     firms
E           peers whose value equals the company's                       firms
PR          percentile rank: share of peers below the company (ties       %
            count half); 0 = lowest value, 100 = highest
Q1, Q3      lower and upper quartile of the peers' values                 the figure's
x̃           median of the peers' values                                  the figure's
==========  ===========================================================  ==========

Quartiles interpolate linearly between ranks (Python's ``statistics.quantiles`` with
``method="inclusive"``, Hyndman–Fan type 7, as in numpy's default). Lower is better for use and
intensity, higher for productivity; the caller knows which it asked for.

Confidentiality: nothing is shown — not the percentile, not the median, not the quartiles —
unless at least ``min_peers`` other firms have a value. With fewer, the aggregates give a firm's
figure away (with three peers the median is the middle firm's value and the two quartiles give the
other two exactly), so ``min_peers`` may be raised but never set below :data:`MIN_PEERS`.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pint.errors import DimensionalityError

from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _
from openeip.core.units import Quantity, unit_symbol

__all__ = ["MIN_PEERS", "PeerPosition", "Withheld", "peer_percentiles"]

#: the smallest group of other firms whose aggregates may be shown
MIN_PEERS = 5


class Withheld(StrEnum):
    """Why a peer comparison shows less than everything."""

    NONE = ""
    TOO_FEW_PEERS = "too_few_peers"  # nothing is shown
    NO_OWN_VALUE = "no_own_value"  # the aggregates are shown, the company has no percentile


@dataclass(frozen=True, slots=True)
class PeerPosition:
    peer_count: int
    min_peers: int
    percentile: float | None
    median: Any  # Quantity or None
    lower_quartile: Any
    upper_quartile: Any
    withheld: Withheld = Withheld.NONE

    @property
    def shown(self) -> bool:
        return self.withheld is not Withheld.TOO_FEW_PEERS

    def message(self) -> str:
        """Why something is withheld, in the current language ('' when nothing is)."""
        if self.withheld is Withheld.TOO_FEW_PEERS:
            return _("Only {count} other firms of the sector have this figure; at least "
                     "{minimum} are needed before any comparison is shown, so that no firm's "
                     "figure can be told.").format(count=self.peer_count, minimum=self.min_peers)
        if self.withheld is Withheld.NO_OWN_VALUE:
            return _("The company has no figure for this period, so it has no position among "
                     "its peers.")
        return ""


def _magnitudes(values: list[Any], unit: Any) -> list[float]:
    try:
        return [float(value.to(unit).magnitude) for value in values]
    except (AttributeError, DimensionalityError):
        raise DomainError(
            _("The peers' figures are not all in units comparable with {unit}; compare the "
              "same indicator, form and denominator.").format(unit=unit_symbol(unit)),
            "peers",
        ) from None


def peer_percentiles(value: Any, peers: Iterable[Any],
                     min_peers: int = MIN_PEERS) -> PeerPosition:
    """Where ``value`` (a Quantity, or None) stands among ``peers`` (the other firms' Quantities;
    None for a firm without the figure is skipped)."""
    if min_peers < MIN_PEERS:
        raise DomainError(
            _("At least {minimum} peers are needed to show a comparison; {value} is too few.")
            .format(minimum=MIN_PEERS, value=min_peers),
            "min_peers",
        )
    given = [peer for peer in peers if peer is not None]
    if len(given) < min_peers:
        return PeerPosition(len(given), min_peers, None, None, None, None,
                            Withheld.TOO_FEW_PEERS)
    unit = value.units if value is not None else given[0].units
    numbers = _magnitudes(given, unit)
    lower, median, upper = statistics.quantiles(numbers, n=4, method="inclusive")
    percentile = None
    if value is not None:
        own = _magnitudes([value], unit)[0]
        below = sum(1 for number in numbers if number < own)
        equal = sum(1 for number in numbers if number == own)
        percentile = 100.0 * (below + equal / 2) / len(numbers)
    return PeerPosition(
        len(numbers), min_peers, percentile, Quantity(median, unit), Quantity(lower, unit),
        Quantity(upper, unit), Withheld.NONE if value is not None else Withheld.NO_OWN_VALUE,
    )
