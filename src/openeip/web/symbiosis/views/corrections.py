"""Classification corrections for the platform's curators: every company's and park's
correction, and the button that makes one shared knowledge for every firm (audited)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core.errors import DomainError
from openeip.web.base.labels import current_language
from openeip.web.symbiosis.models import ClassificationCorrection
from openeip.web.symbiosis.services.classes import may_promote, promote
from openeip.web.symbiosis.services.presenting import class_name

MAX_LISTED = 500


def _curator(request: HttpRequest) -> None:
    if not may_promote(request.user):
        raise PermissionDenied


@login_required
def corrections(request: HttpRequest) -> HttpResponse:
    _curator(request)
    language = current_language()
    rows = (ClassificationCorrection.objects.select_related("company", "park", "corrected_by",
                                                            "promoted_by")
            .order_by("company_id", "park_id", "normalised_text")[:MAX_LISTED])
    return render(request, "symbiosis/corrections.html", {
        "rows": [{"correction": c, "class_name": class_name(c.resource_class, language)}
                 for c in rows],
        "max_listed": MAX_LISTED,
    })


@login_required
@require_POST
def correction_promote(request: HttpRequest, pk: int) -> HttpResponse:
    _curator(request)
    correction = get_object_or_404(ClassificationCorrection, pk=pk)
    try:
        promote(correction, request.user, "web")
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("“{text}” is now {name} for every firm.").format(
            text=correction.normalised_text,
            name=class_name(correction.resource_class, current_language())))
    return redirect("symbiosis:corrections")
