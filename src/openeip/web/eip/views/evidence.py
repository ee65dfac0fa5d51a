"""Evidence of a park for the criteria of an edition: list, form with file upload, download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.web.eip.models import Evidence
from openeip.web.eip.services.assessment import add_evidence
from openeip.web.eip.views import present
from openeip.web.eip.views._access import edition_or_404, visible_park
from openeip.web.eip.views.forms import EvidenceForm
from openeip.web.eip.views.overview import _context


@login_required
def evidence(request: HttpRequest, slug: str, edition: str) -> HttpResponse:
    """GET: the evidence recorded and the form; POST: add one piece (park managers, admin)."""
    park = visible_park(request, slug, "change" if request.method == "POST" else "view")
    chosen = edition_or_404(edition)
    initial = {"criterion_id": request.GET.get("criterion", "")}
    form = EvidenceForm(chosen, request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            add_evidence(park, chosen.id, data["criterion_id"], value_bool=form.bool_value(),
                         value_number=data["value_number"], note=data["note"],
                         file=data["file"], as_of=data["as_of"],
                         target_year=data["target_year"], user=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("Evidence for {id} saved.").format(
                id=data["criterion_id"]))
            return redirect("eip:evidence", slug=park.slug, edition=chosen.id)
    texts = {criterion.id: present.bilingual(criterion, "text") for criterion in chosen.criteria}
    rows = list(Evidence.objects.for_user(request.user).filter(
        park=park, edition_id=chosen.id).select_related("entered_by"))
    for row in rows:
        row.criterion_text = texts.get(row.criterion_id, "")
    return render(request, "eip/evidence.html", _context(
        request, park, chosen, "evidence", form=form, rows=rows),
        status=400 if form.errors else 200)


@login_required
def evidence_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """The file of one piece of evidence, only for those who may see the park's evidence."""
    park = visible_park(request, slug)
    row = get_object_or_404(Evidence.objects.for_user(request.user).filter(park=park), pk=pk)
    if not row.file:
        raise Http404("no file")
    return FileResponse(row.file.open("rb"), as_attachment=True,
                        filename=row.file.name.rsplit("/", 1)[-1])


