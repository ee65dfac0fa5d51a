"""The editions the platform knows (every signed-in user) and the admin's edition import."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openeip.core.eip.catalogue import indicator_catalogue
from openeip.core.eip.editions import edition_to_yaml, write_edition_template
from openeip.core.eip.references import criterion_reference
from openeip.core.errors import DomainError, IntakeError
from openeip.web.base.labels import current_language
from openeip.web.eip.services.editions import all_editions, import_edition
from openeip.web.eip.views import present
from openeip.web.eip.views._access import edition_or_404, require_staff
from openeip.web.eip.views.forms import EditionImportForm
from openeip.web.registry.models import Park

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def indicator_name(code: str) -> str:
    """The computed indicator a criterion reads, by its name in the page's language."""
    definition = indicator_catalogue().get(code) if code else None
    return definition.name(current_language()) if definition else code


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Editions, and the parks whose assessment this user may open."""
    editions = [{"edition": edition, "title": present.bilingual(edition, "title"),
                 "status": present.edition_status(edition),
                 "unverified": present.unverified_count(edition)} for edition in all_editions()]
    parks = Park.objects.for_user(request.user).order_by("slug")
    return render(request, "eip/index.html", {"editions": editions, "parks": parks})


@login_required
def edition_detail(request: HttpRequest, edition: str) -> HttpResponse:
    """An edition's categories and criteria with their sources and verification."""
    chosen = edition_or_404(edition)
    names = present.category_names(chosen)
    criteria = [{
        "criterion": criterion,
        "text": present.bilingual(criterion, "text"),
        "evidence": present.bilingual(criterion, "evidence"),
        "note": present.bilingual(criterion, "note"),
        "category": names.get(criterion.category, criterion.category),
        "subcategory": names.get(criterion.subcategory, ""),
        "requirement": present.REQUIREMENT_LABELS[criterion.requirement.value],
        "threshold": present.threshold_text(criterion),
        "reference": criterion_reference(criterion.source, criterion.clause),
        "indicator": indicator_name(criterion.indicator),
        "verification_label": present.VERIFICATION_LABELS[criterion.verification.value],
        "verification_hint": present.VERIFICATION_HINTS[criterion.verification.value],
    } for criterion in chosen.criteria]
    return render(request, "eip/edition.html", {
        "edition": chosen, "title": present.bilingual(chosen, "title"),
        "status": present.edition_status(chosen),
        "notes": present.bilingual(chosen, "notes"), "criteria": criteria,
        "unverified": present.unverified_count(chosen)})


@login_required
def edition_import(request: HttpRequest) -> HttpResponse:
    """Staff upload an edition (YAML or XLSX); problems are listed, nothing is saved then."""
    require_staff(request)
    form = EditionImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            stored = import_edition(upload.read(), upload.name, request.user)
        except IntakeError as error:
            problems = [str(problem) for problem in error.problems]
        except DomainError as error:
            problems = [str(error)]
        else:
            messages.success(request, _("Edition {id} imported.").format(id=stored.edition_id))
            return redirect("eip:edition", edition=stored.edition_id)
    return render(request, "eip/edition_import.html", {"form": form, "problems": problems},
                  status=400 if problems or form.errors else 200)


@login_required
def edition_download(request: HttpRequest, edition: str, fmt: str) -> HttpResponse:
    """An edition as YAML or as an XLSX workbook in the import format: the start of an
    adaptation, to be imported again under a new id."""
    chosen = edition_or_404(edition)
    if fmt == "yaml":
        response = HttpResponse(edition_to_yaml(chosen), content_type="application/yaml")
    else:
        stream = io.BytesIO()
        write_edition_template(stream, chosen)
        response = HttpResponse(stream.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="{}.{}"'.format(chosen.id, fmt)
    return response
