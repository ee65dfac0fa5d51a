"""Sharing an asset's cost: the manager's form and comparison, and each tenant's report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from openeip.core.errors import IntakeError
from openeip.web.services.forms import AllocationForm
from openeip.web.services.models import AllocationMethod, CostAllocation
from openeip.web.services.services import access
from openeip.web.services.services.allocations import (
    allocate_asset,
    coalition_rows,
    explanation,
    participant_labels,
    relabelled_csv,
    shared_or_alone,
)

METHODS = [m.value for m in AllocationMethod]


def _template_csv(asset: Any) -> str:
    codes = list(asset.connections.order_by("company__code")
                 .values_list("company__code", flat=True))
    lines = ["members,cost_vnd"] + ["{},".format(code) for code in codes]
    if len(codes) > 1:
        lines.append("{},".format("+".join(codes)))
    return "\n".join(lines)


@login_required
def asset_allocate(request: HttpRequest, pk: int) -> HttpResponse:
    asset = get_object_or_404(access.managed_assets(request.user).select_related("park"), pk=pk)
    form = AllocationForm(request.POST or None, initial={"coalitions": _template_csv(asset)})
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = allocate_asset(asset, year=data["year"], csv_text=data["coalitions"],
                                 method=data["method"], user=request.user, note=data["note"])
        except IntakeError as error:
            problems = error.problems
        else:
            messages.success(request, _("Cost shared by the three methods; each tenant can "
                                        "read its report."))
            return redirect("services:allocation", pk=row.pk)
    return render(request, "services/allocate.html", {
        "asset": asset, "park": asset.park, "form": form, "problems": problems})


@login_required
def allocation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = get_object_or_404(CostAllocation.objects.for_user(request.user)
                                   .select_related("asset__park"), pk=pk)
    by_company: dict[int, dict[str, Any]] = {}
    for share in allocation.shares.select_related("company"):
        row = by_company.setdefault(share.company_id, {
            "company": share.company, "alone": share.stand_alone_vnd, "methods": {}})
        row["methods"][share.method] = share
    rows = []
    for row in by_company.values():
        row["cells"] = [row["methods"].get(m) for m in METHODS]
        rows.append(row)
    labels = participant_labels(allocation, None)
    return render(request, "services/allocation.html", {
        "allocation": allocation, "asset": allocation.asset, "park": allocation.asset.park,
        "rows": rows, "methods": [(m, AllocationMethod(m).label) for m in METHODS],
        "results": allocation.results, "coalitions": coalition_rows(allocation, labels),
        "blocking": [(AllocationMethod(m).label, allocation.results.get(m, {}).get(
            "blocking", [])) for m in METHODS if m in allocation.results]})


@login_required
def tenant_report(request: HttpRequest, pk: int, company: int) -> HttpResponse:
    allocation, tenant = access.allocation_for_tenant(request.user, pk, company)
    labels = participant_labels(allocation, tenant)
    shares = {s.method: s for s in allocation.shares.filter(company=tenant)}
    return render(request, "services/tenant_report.html", {
        "allocation": allocation, "asset": allocation.asset, "tenant": tenant,
        "applied": shares.get(allocation.method),
        "shares": [(AllocationMethod(m).label, shares.get(m)) for m in METHODS],
        "coalitions": coalition_rows(allocation, labels),
        "others": sum(1 for label in labels.values() if label != tenant.code),
        "explain": explanation(allocation, tenant),
        "comparison": shared_or_alone(allocation, tenant),
        "has_load_column": "load" in allocation.coalitions_csv.splitlines()[0]})


@login_required
def tenant_csv(request: HttpRequest, pk: int, company: int) -> HttpResponse:
    allocation, tenant = access.allocation_for_tenant(request.user, pk, company)
    text = relabelled_csv(allocation, participant_labels(allocation, tenant))
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="coalitions-{}-{}.csv"'.format(
        allocation.pk, tenant.pk)
    return response
