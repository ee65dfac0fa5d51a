"""A park's EIP pages that read an assessment: landing, overview, criteria, gaps, history."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core.eip.model import Edition
from openeip.core.errors import DomainError
from openeip.web.eip.services import assessment as service
from openeip.web.eip.services import reporting
from openeip.web.eip.services.comparison import unido_averages, unido_country_overall
from openeip.web.eip.services.editions import all_editions
from openeip.web.eip.services.supporting import support_notes
from openeip.web.eip.views import present
from openeip.web.eip.views._access import edition_or_404, visible_park
from openeip.web.registry.models import Park


def _current(request: HttpRequest, park: Park, edition: Edition) -> dict[str, Any]:
    """The assessment of the reporting year (``?year=``, else the default by coverage),
    computed now by the same service as the dossier and the CLI, and the latest saved one
    beside it (named when its year or figure differs)."""
    text = request.GET.get("year", "")
    run = service.run_assessment(park, edition.id, year=int(text) if text.isdigit() and
                                 1990 <= int(text) <= timezone.localdate().year else None)
    saved = service.latest_assessment(park, edition.id)
    saved_pct = None
    differs = False
    if saved is not None:
        raw = (saved.result.get("overall") or {}).get("compliance_pct")
        saved_pct = Decimal(raw) if raw is not None else None
        differs = (service.saved_year(saved) != run.reporting.year
                   or saved_pct != run.result.overall.compliance_pct)
    return {"result": run.result, "saved": saved, "reporting": run.reporting,
            "support": support_notes(edition, run.indicator_values),
            "reporting_text": run.reporting.describe(), "saved_pct": saved_pct,
            "saved_year": service.saved_year(saved) if saved else None, "saved_differs": differs,
            "years": sorted(reporting.park_coverage(park).values(), key=lambda c: -c.year)}


def _context(request: HttpRequest, park: Park, edition: Edition, tab: str,
             **extra: Any) -> dict[str, Any]:
    return {"park": park, "edition": edition, "tab": tab,
            "edition_title": present.bilingual(edition, "title"),
            "edition_notes": present.bilingual(edition, "notes"),
            "may_change": Park.objects.for_user(request.user, "change").filter(
                pk=park.pk).exists(),
            "unverified": present.unverified_count(edition), **extra}


@login_required
def park_editions(request: HttpRequest, slug: str) -> HttpResponse:
    """The park's standing under every edition: its latest saved compliance, if any."""
    park = visible_park(request, slug)
    items = []
    for edition in all_editions():
        saved = service.latest_assessment(park, edition.id)
        overall = saved.result["overall"] if saved else None
        items.append({
            "edition": edition, "title": present.bilingual(edition, "title"),
            "status": present.edition_status(edition),
            "saved": saved,
            "pct": Decimal(overall["compliance_pct"]) if overall and overall["compliance_pct"]
            else None,
            "prerequisites_met": saved.result["prerequisites_met"] if saved else None,
        })
    return render(request, "eip/park_editions.html", {"park": park, "items": items})


@login_required
def overview(request: HttpRequest, slug: str, edition: str) -> HttpResponse:
    park = visible_park(request, slug)
    chosen = edition_or_404(edition)
    current = _current(request, park, chosen)
    result = current["result"]
    unido = unido_averages()
    scores = present.score_rows(result, chosen, unido)
    others = service.other_parks(park, chosen.id, request.user)
    names = present.category_names(chosen)
    category_codes = [row["code"] for row in scores if not row["overall"]]
    for other in others:
        other["category_pcts"] = [other["categories"].get(code) for code in category_codes]
    return render(request, "eip/overview.html", _context(
        request, park, chosen, "overview", **current, scores=scores,
        subcategories=present.subcategory_rows(result, chosen),
        radar=present.radar_config(scores), counts=present.status_counts(result),
        unido=unido, unido_countries=unido_country_overall(), others=others,
        category_codes=category_codes,
        category_names=[names.get(code, code) for code in category_codes],
        prerequisites=[row for row in present.rows(result, chosen) if row["prerequisite"]]))


@login_required
def criteria(request: HttpRequest, slug: str, edition: str) -> HttpResponse:
    park = visible_park(request, slug)
    chosen = edition_or_404(edition)
    current = _current(request, park, chosen)
    items = present.rows(current["result"], chosen, current["support"])
    status = request.GET.get("status", "")
    if status in {item["status"] for item in items}:
        items = [item for item in items if item["status"] == status]
    return render(request, "eip/criteria.html", _context(
        request, park, chosen, "criteria", **current, rows=items,
        status=status, statuses=list(present.STATUS_LABELS.items())))


def _gap_order(row: dict[str, Any]) -> tuple[int, int, float]:
    size = row["gap_number"]
    return (0 if row["prerequisite"] else 1, 0 if row["status"] == "not_met" else 1,
            -float(abs(size)) if size is not None else 0.0)


@login_required
def gaps(request: HttpRequest, slug: str, edition: str) -> HttpResponse:
    """Criteria not met or without data: prerequisites first, then the largest gaps."""
    park = visible_park(request, slug)
    chosen = edition_or_404(edition)
    current = _current(request, park, chosen)
    items = [row for row in present.rows(current["result"], chosen, current["support"])
             if row["status"] in ("not_met", "unknown")]
    items.sort(key=_gap_order)
    return render(request, "eip/gaps.html", _context(
        request, park, chosen, "gaps", **current, rows=items))


@login_required
def history(request: HttpRequest, slug: str, edition: str) -> HttpResponse:
    park = visible_park(request, slug)
    chosen = edition_or_404(edition)
    items = service.history(park, chosen.id)
    names = present.category_names(chosen)
    codes = [category.code for category in present.top_categories(chosen)]
    for item in items:
        item["category_pcts"] = [item["categories"].get(code) for code in codes]
    category_names = [names[code] for code in codes]
    return render(request, "eip/history.html", _context(
        request, park, chosen, "history", items=list(reversed(items)),
        category_names=category_names,
        chart=present.history_chart(items, category_names) if len(items) > 1 else None))


@login_required
@require_POST
def run_assessment(request: HttpRequest, slug: str, edition: str) -> HttpResponse:
    """Assess the park now and keep the result in its history (park managers and admin)."""
    park = visible_park(request, slug, "change")
    chosen = edition_or_404(edition)
    target = request.POST.get("target_year", "").strip()
    try:
        target_year = int(target) if target else None
        year_text = request.POST.get("year", "").strip()
        service.assess_park(park, chosen.id, target_year=target_year, user=request.user,
                            year=int(year_text) if year_text else None)
    except ValueError:
        messages.error(request, _("The target year must be a year such as 2030."))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Assessment saved."))
    return redirect("eip:overview", slug=park.slug, edition=chosen.id)
