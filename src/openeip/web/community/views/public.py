"""The public side of the grievance mechanism: file a case without an account, follow it with
its tracking code (its stage only), confirm or appeal a resolution; aggregate statistics."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from openeip.core.community import PublicCounts
from openeip.core.errors import DomainError
from openeip.web.base.ratelimit import over_limit, too_many
from openeip.web.community.forms import FollowForm, PublicGrievanceForm
from openeip.web.community.models import (
    Category,
    Grievance,
    Kind,
    Level,
    Stage,
    normalise_code,
)
from openeip.web.community.services import workflow
from openeip.web.community.services.intake import file_grievance
from openeip.web.community.services.statistics import public_statistics
from openeip.web.community.views._common import (
    FILINGS_PER_HOUR,
    LOOKUPS_PER_HOUR,
    vietnamese_first,
)
from openeip.web.registry.models import Park

SESSION_CODE = "community_new_code"


@never_cache
@require_http_methods(["GET", "POST"])
def grievance_form(request: HttpRequest) -> HttpResponse:
    vietnamese_first(request)
    form = PublicGrievanceForm(request.POST or None)
    if request.method == "POST":
        if over_limit(request, "file", FILINGS_PER_HOUR):
            return too_many(request)
        if form.is_valid():
            try:
                grievance = file_grievance(form.case(), form.identity())
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                request.session[SESSION_CODE] = grievance.code
                return redirect("community:grievance-filed")
    handled = (Park.objects.for_user(request.user, "change").order_by("slug")
               if request.user.is_authenticated else Park.objects.none())
    return render(request, "community/grievance_form.html", {"form": form, "handled": handled})


@never_cache
def grievance_filed(request: HttpRequest) -> HttpResponse:
    """The tracking code, shown once (it is not in the address: nothing to leak in logs)."""
    vietnamese_first(request)
    code = request.session.pop(SESSION_CODE, None)
    if code is None:
        return redirect("community:grievance")
    return render(request, "community/grievance_filed.html", {"code": code})


def _find(code: str) -> Grievance | None:
    cleaned = normalise_code(code)
    if not cleaned:
        return None
    return Grievance.objects.filter(code=cleaned).first()


@never_cache
@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    """Asked with the code (POST: never in the address); answers the stage, the level and the
    date the current step is due — nothing about the case itself."""
    vietnamese_first(request)
    form = FollowForm(request.POST or None)
    case = None
    if request.method == "POST":
        if over_limit(request, "follow", LOOKUPS_PER_HOUR):
            return too_many(request)
        if form.is_valid():
            case = _find(form.cleaned_data["code"])
            if case is None:
                form.add_error("code", _("No grievance has this code. Check it and try again."))
            elif request.POST.get("answer") in ("confirm", "appeal"):
                target = Stage.CLOSED if request.POST["answer"] == "confirm" else Stage.APPEALED
                try:
                    workflow.transition(case, target, None, by_complainant=True)
                except DomainError as error:
                    messages.error(request, str(error))
                else:
                    messages.success(request, _("Thank you: your answer is recorded."))
    status = None
    if case is not None:
        status = {"stage": Stage(case.stage).label, "level": Level(case.level).label,
                  "due": case.due_at, "received": case.received_at,
                  "may_answer": case.stage == Stage.RESOLVED,
                  "code": case.code}
    return render(request, "community/follow.html", {"form": form, "status": status})


STATE_LABELS = {"open": gettext_lazy("open"), "closed": gettext_lazy("closed")}


def _labelled(counts: PublicCounts, labels: Any) -> list[tuple[str, int | None]]:
    if isinstance(labels, dict):
        return [(str(labels[code]), value) for code, value in counts.cells.items()]
    return [(str(labels(code).label), value) for code, value in counts.cells.items()]


def statistics(request: HttpRequest) -> HttpResponse:
    """Each park's cases of a year, by category, kind and state; small counts hidden."""
    vietnamese_first(request)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    parks = []
    for park in Park.objects.order_by("name_vi", "name_en"):
        tables = public_statistics(park, year)
        if tables["state"].total == 0:
            continue
        parks.append({"park": park, "total": tables["state"].total, "tables": [
            (_("By category"), _labelled(tables["category"], Category)),
            (_("By kind"), _labelled(tables["kind"], Kind)),
            (_("By state"), _labelled(tables["state"], STATE_LABELS)),
        ], "threshold": tables["state"].threshold})
    return render(request, "community/statistics.html", {
        "year": year, "parks": parks, "years": range(timezone.localdate().year, 2019, -1)})
