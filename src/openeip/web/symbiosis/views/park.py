"""A park's symbiosis: its opportunities ranked by score, pipeline counts, the year's realised
totals, and a button that runs the matcher again (for the park's managers)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core import formatting
from openeip.core.errors import DomainError
from openeip.web.base.labels import current_language
from openeip.web.registry.models import Park
from openeip.web.symbiosis.models import ExchangeRecord, Opportunity, OpportunityStatus
from openeip.web.symbiosis.services import park_totals
from openeip.web.symbiosis.services.matching import touching
from openeip.web.symbiosis.services.presenting import present_many, with_sides
from openeip.web.symbiosis.services.ranking import ranked
from openeip.web.symbiosis.views._access import visible_park

PAGE_SIZE = 50


def park_opportunities(request: HttpRequest, park: Any) -> Any:
    return Opportunity.objects.for_user(request.user).filter(touching(park))


def totals_year(request: HttpRequest, park: Any) -> int:
    """?year=…, else the latest year with a realised quantity, else this year."""
    asked = request.GET.get("year", "")
    if asked.isdigit() and 1990 <= int(asked) <= 2100:
        return int(asked)
    latest = (ExchangeRecord.objects.filter(touching(park, "opportunity__"))
              .order_by("-year").values_list("year", flat=True).first())
    return int(latest) if latest else datetime.date.today().year


class CountedPaginator(Paginator):
    """A paginator told its row count (already known from the status counts), so it does not
    count the rows again."""

    def __init__(self, object_list: Any, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


@login_required
def park_symbiosis(request: HttpRequest, slug: str) -> HttpResponse:
    park = visible_park(request, slug)
    rows = park_opportunities(request, park)
    by_status = {status: (n, chosen) for status, n, chosen in rows.values("status").annotate(
        n=Count("pk"), chosen=Count("pk", filter=Q(selected=True)))
        .values_list("status", "n", "chosen")}
    counts = {status: n for status, (n, _chosen) in by_status.items()}
    status = request.GET.get("status", "")
    network_only = request.GET.get("network") == "1"
    shown = rows.filter(status=status) if status in OpportunityStatus.values else rows
    if network_only:
        shown = shown.filter(selected=True)
    shown_count = sum(pair[1 if network_only else 0] for code, pair in by_status.items()
                      if code == status or status not in OpportunityStatus.values)
    page = CountedPaginator(with_sides(ranked(shown)), PAGE_SIZE,
                            shown_count).get_page(request.GET.get("page"))
    year = totals_year(request, park)
    return render(request, "symbiosis/park.html", {
        "park": park, "tab": "ranking", "page": page,
        "opportunities": present_many(page.object_list, request.user, current_language()),
        "statuses": [(code, label, counts.get(code, 0)) for code, label
                     in OpportunityStatus.choices],
        "status": status, "network_only": network_only,
        "total": sum(counts.values()),
        "selected_total": sum(chosen for _n, chosen in by_status.values()),
        "year": year, "totals": park_totals(park, year),
        "series_notices": _grid_notices(park),
    })


def _grid_notices(park: Park) -> list[str]:
    """The benefits value grid electricity with the grid factor of the park's factor year
    (core series policy): say which year's factor that is when the series has none for it."""
    from openeip.web.symbiosis.services.matching import benefit_factors

    return [notice.message() for notice in benefit_factors(park).notices]


@login_required
@require_POST
def park_refresh(request: HttpRequest, slug: str) -> HttpResponse:
    """Build every tenant's streams from its flows, then match and optimise the park again."""
    from openeip.web.symbiosis.services.tasks import refresh_park

    park = visible_park(request, slug)
    try:
        outcome = refresh_park(park)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("symbiosis:park", slug=park.slug)
    if outcome.get("queued"):
        messages.info(request, _("The park is being matched in the background; reload this "
                                 "page in a few minutes."))
    else:
        messages.success(request, _(
            "Matched again: {candidates} opportunities ({created} new), {selected} in the "
            "optimal network, in {seconds} s.").format(
                candidates=outcome["candidates"], created=outcome["created"],
                selected=outcome["selected"], seconds=formatting.number(outcome["total_seconds"])))
    return redirect("symbiosis:park", slug=park.slug)
