"""The order opportunities are listed in: those worth pursuing first, by score; those whose
estimated net benefit is negative after them, apart.

The matcher's score measures how well an offer fits a need, not whether the exchange pays, so a
well-fitting exchange that costs more than it saves (transport and treatment above the avoided
purchase and disposal) would otherwise top the list as an ordinary "identified" opportunity.
Negative ones come in two groups: those with a money term left unpriced (the estimate counts the
costs but not every saving, so a price may still turn it positive) before those priced in full
(at the estimated prices, they lose money).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

#: benefit groups, in listing order
PAYS, UNPRICED_LOSS, LOSS = "pays", "unpriced_loss", "loss"
GROUP_ORDER = {PAYS: 0, UNPRICED_LOSS: 1, LOSS: 2}


def benefit_group(benefit: dict[str, Any] | None) -> str:
    """The group of one stored benefit (the same rule as :func:`ranked`, for presenting)."""
    net = (benefit or {}).get("net_vnd")
    if net is None or float(net) >= 0:
        return PAYS
    return UNPRICED_LOSS if (benefit or {}).get("unpriced") else LOSS


def ranked(rows: Any) -> Any:
    """``rows`` (opportunities) in listing order: group, then best score, then id."""
    net = Cast(KT("benefit__net_vnd"), FloatField())
    # A stored list of unpriced terms reads back as its JSON text; "[]" or nothing: all priced.
    unpriced = ~Q(unpriced_terms="[]") & Q(unpriced_terms__isnull=False)
    return rows.alias(net=net, unpriced_terms=KT("benefit__unpriced")).alias(
        benefit_order=Case(
            When(Q(net__lt=0) & unpriced, then=Value(GROUP_ORDER[UNPRICED_LOSS])),
            When(net__lt=0, then=Value(GROUP_ORDER[LOSS])),
            default=Value(GROUP_ORDER[PAYS]), output_field=IntegerField()),
    ).order_by("benefit_order", F("score").desc(), "pk")
