"""Finance lines: the list, one line with every rule's source and verification level, its
YAML/XLSX download (the template to adapt), and the admins' import page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openeip.core.errors import IntakeError
from openeip.core.finance.lines import fact_catalogue, line_to_data, line_to_yaml
from openeip.core.finance.lines.eligibility import requirement
from openeip.core.finance.lines.workbook import line_workbook
from openeip.web.base.labels import current_language
from openeip.web.finance.services.lines import all_lines, get_line, import_line, is_shipped
from openeip.web.finance.views.forms import LineImportForm


@login_required
def lines(request: HttpRequest) -> HttpResponse:
    language = current_language()
    return render(request, "finance/lines.html", {
        "lines": [(line, line.title(language), line.lender(language), is_shipped(line.id))
                  for line in all_lines().values()]})


def _line(line_id: str) -> Any:
    line = get_line(line_id)
    if line is None:
        raise Http404("no such line")
    return line


@login_required
def line_detail(request: HttpRequest, line_id: str) -> HttpResponse:
    line = _line(line_id)
    language = current_language()
    def source(source_id: str) -> Any:
        return line.source(source_id)

    return render(request, "finance/line.html", {
        "line": line, "title": line.title(language), "lender": line.lender(language),
        "rules": [(rule, requirement(rule), source(rule.source)) for rule in line.rules],
        "terms": [(term, source(term.source)) for term in line.terms],
        "tiers": [(tier, source(tier.source)) for tier in line.refund_tiers],
        "language": language, "facts": fact_catalogue(), "shipped": is_shipped(line.id),
        "notes": line.notes_vi if language == "vi" else line.notes_en})


@login_required
def line_yaml(request: HttpRequest, line_id: str) -> HttpResponse:
    line = _line(line_id)
    response = HttpResponse(line_to_yaml(line), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="{}.yaml"'.format(line.id)
    return response


@login_required
def line_xlsx(request: HttpRequest, line_id: str) -> HttpResponse:
    line = _line(line_id)
    response = HttpResponse(line_workbook(line_to_data(line)), content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = 'attachment; filename="{}.xlsx"'.format(line.id)
    return response


@login_required
def line_import(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise PermissionDenied
    form = LineImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            row = import_line(upload.read(), upload.name, request.user)
        except IntakeError as error:
            problems = error.problems
        else:
            messages.success(request, _("Imported the finance line {id}.").format(id=row.line_id))
            return redirect("finance:line", line_id=row.line_id)
    return render(request, "finance/line_import.html", {"form": form, "problems": problems})
