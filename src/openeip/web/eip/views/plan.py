"""A park's EIP action plan (prioritised actions with owners, deadlines, status) and roadmap."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openeip.core.errors import DomainError
from openeip.web.base.forms import error_text
from openeip.web.base.labels import cost_class_label
from openeip.web.base.templatetags.openeip_format import num
from openeip.web.eip.models import ParkProfile, PlanAction
from openeip.web.eip.services import plan as service
from openeip.web.eip.views._access import edition_or_404, visible_park
from openeip.web.eip.views.forms import ActionForm, ProfileForm
from openeip.web.eip.views.overview import _context

BASIS_LABELS = {
    "library": gettext_lazy("designed for it"),
    "yes_no": gettext_lazy("answers it"),
    "effect": gettext_lazy("share of the gap closed"),
    "unsized": gettext_lazy("effect unknown"),
}


def _parts_text(parts: dict[str, Any]) -> str:
    """The priority score's parts in words: points per criterion, the cost divisor."""
    if not parts:
        return ""
    closes = "; ".join(
        _("{id}: {points} points ({basis})").format(
            id=item["id"], points=num(item["points"]), basis=BASIS_LABELS.get(item["basis"],
                                                                          item["basis"]))
        for item in parts.get("criteria", []))
    return _("{closes} — {points} points ÷ {divisor} (cost {cost}) = {score}").format(
        closes=closes, points=num(parts.get("points")), divisor=num(parts.get("divisor")),
        cost=cost_class_label(parts.get("cost_class") or ""), score=num(parts.get("score")))


@login_required
def actions(request: HttpRequest, slug: str, edition: str) -> HttpResponse:
    park = visible_park(request, slug)
    chosen = edition_or_404(edition)
    rows = PlanAction.objects.for_user(request.user).filter(park=park, edition_id=chosen.id)
    items = [{"row": row, "form": ActionForm(instance=row, prefix="a{}".format(row.pk)),
              "parts": _parts_text(row.parts),
              "role": service.OWNER_LABELS.get(row.owner, "")} for row in rows]
    return render(request, "eip/actions.html", _context(
        request, park, chosen, "actions", items=items))


@login_required
@require_POST
def refresh_actions(request: HttpRequest, slug: str, edition: str) -> HttpResponse:
    """Build or refresh the plan from the latest assessment (park managers and admin)."""
    park = visible_park(request, slug, "change")
    chosen = edition_or_404(edition)
    try:
        made = service.refresh_plan(park, chosen.id, user=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Plan refreshed: {count} actions.").format(count=len(made)))
    return redirect("eip:actions", slug=park.slug, edition=chosen.id)


@login_required
@require_POST
def update_action(request: HttpRequest, slug: str, edition: str, pk: int) -> HttpResponse:
    park = visible_park(request, slug, "change")
    chosen = edition_or_404(edition)
    row = get_object_or_404(PlanAction.objects.for_user(request.user, "change").filter(
        park=park, edition_id=chosen.id), pk=pk)
    form = ActionForm(request.POST, instance=row, prefix="a{}".format(row.pk))
    if form.is_valid():
        try:
            service.update_action(PlanAction.objects.get(pk=row.pk), form.cleaned_data,
                                  request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Action saved."))
    else:
        messages.error(request, error_text(form))
    return redirect("eip:actions", slug=park.slug, edition=chosen.id)


@login_required
def roadmap(request: HttpRequest, slug: str, edition: str) -> HttpResponse:
    park = visible_park(request, slug)
    chosen = edition_or_404(edition)
    profile = ParkProfile.objects.for_user(request.user).filter(park=park).first()
    form = ProfileForm(initial={"new_eip": profile.new_eip if profile else False,
                                "established": profile.established if profile else None})
    plan = service.park_roadmap(park, chosen.id)
    return render(request, "eip/roadmap.html", _context(
        request, park, chosen, "roadmap", plan=plan, profile=profile, form=form))


@login_required
@require_POST
def save_profile(request: HttpRequest, slug: str, edition: str) -> HttpResponse:
    park = visible_park(request, slug, "change")
    chosen = edition_or_404(edition)
    form = ProfileForm(request.POST)
    if form.is_valid():
        ParkProfile.objects.update_or_create(park=park, defaults={
            "new_eip": form.cleaned_data["new_eip"],
            "established": form.cleaned_data["established"]})
        messages.success(request, _("Park profile saved."))
    else:
        messages.error(request, _("The establishment date is not a date."))
    return redirect("eip:roadmap", slug=park.slug, edition=chosen.id)


__all__ = ["actions", "refresh_actions", "roadmap", "save_profile", "update_action"]
