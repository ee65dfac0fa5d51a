"""A firm's offers and needs with their classes, and the exchanges proposed to it, explained."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core.errors import DomainError
from openeip.core.formatting import sort_key
from openeip.core.synthetic import flow_name
from openeip.web.base.access import may
from openeip.web.base.labels import current_language
from openeip.web.symbiosis.models import Opportunity, Stream
from openeip.web.symbiosis.services.presenting import class_name, present_many, with_sides
from openeip.web.symbiosis.services.ranking import ranked
from openeip.web.symbiosis.views._access import visible_company

#: a firm's matches listed on its page, best first (the API pages through all of them)
MAX_MATCHES = 100


def class_choices(language: str) -> list[tuple[str, str]]:
    """(code, name) of every leaf class, for the correction field's suggestions."""
    from openeip.core.symbiosis.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    return sorted(((code, taxonomy.classes[code].name(language)) for code in taxonomy.leaves()),
                  key=lambda item: sort_key(item[1], language))


def _stream_rows(streams: list[Stream], language: str) -> list[dict[str, Any]]:
    return [{"stream": s, "class_name": class_name(s.resource_class, language),
             "alternatives": [(code, class_name(code, language), confidence)
                              for code, confidence in (s.alternatives or [])],
             "sector_classes": [class_name(code, language) for code in (s.sector_classes or [])]}
            for s in streams]


@login_required
def company_symbiosis(request: HttpRequest, pk: int) -> HttpResponse:
    company = visible_company(request, pk)
    language = current_language()
    streams = list(Stream.objects.for_user(request.user).filter(company=company)
                   .order_by("-active", "direction", "description"))
    matches = with_sides(ranked(Opportunity.objects.for_user(request.user).filter(
        Q(supply__company=company) | Q(demand__company=company))))
    return render(request, "symbiosis/company.html", {
        "company": company,
        "offers": _stream_rows([s for s in streams if s.direction == "supply"], language),
        "needs": _stream_rows([s for s in streams if s.direction == "demand"], language),
        "matches": present_many(matches[:MAX_MATCHES], request.user, language),
        "match_total": matches.count(), "max_matches": MAX_MATCHES,
        "classes": class_choices(language) if streams else [],
        "may_change": may(request.user, "change", company),
    })


@login_required
@require_POST
def company_streams_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    from openeip.web.symbiosis.services.streams import streams_from_flows

    company = visible_company(request, pk, "change")
    found = streams_from_flows(company)
    messages.success(request, _("{count} offers and needs built from the company's flows.")
                     .format(count=len(found)))
    return redirect("symbiosis:company", pk=company.pk)


@login_required
@require_POST
def stream_class(request: HttpRequest, pk: int, stream: int) -> HttpResponse:
    """Confirm the stream's class (same code) or correct it (another code)."""
    from openeip.web.symbiosis.services.classes import set_class

    company = visible_company(request, pk, "change")
    record = get_object_or_404(Stream.objects.for_user(request.user, "change")
                               .filter(company=company).select_related("company"), pk=stream)
    code = request.POST.get("resource_class", "").strip().split(" ")[0]
    try:
        set_class(record, code, request.user, "web")
    except DomainError as error:
        messages.error(request, str(error))
    else:
        language = current_language()
        # a demo stream's name in the reader's language, as the page shows it
        messages.success(request, _("“{description}” is now {name} (confirmed).").format(
            description=flow_name(record.description, language),
            name=class_name(code, language)))
    return redirect("symbiosis:company", pk=company.pk)
