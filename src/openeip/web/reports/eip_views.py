"""EIP report downloads of a park, for its managers and the platform admin:

* ``/parks/<slug>/eip/<edition>/dossier.pdf`` and ``.xlsx`` — the certification dossier
  (``?as_of=YYYY-MM-DD``, default today; ``?target_year=`` adds the intended values);
* ``/parks/<slug>/eip/annual-report.pdf`` and ``.xlsx`` — the annual report (``?year=``, the
  current year by default);

each with ``?lang=vi|en`` (default: the page's language). Access is decided by
``Park.objects.for_user`` alone: a user who may not see the park's aggregate data gets 404,
whether it exists or not; an anonymous visitor is sent to the login page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.core.i18n import LANGUAGES
from openeip.core.i18n import language as core_language
from openeip.web.eip.services.dossier import build_annual, build_dossier
from openeip.web.eip.services.reporting import reporting_year
from openeip.web.registry.models import Park
from openeip.web.reports.eip_annual import annual_filename, annual_pdf, annual_xlsx
from openeip.web.reports.eip_content import EipDossier
from openeip.web.reports.eip_dossier import dossier_filename, dossier_pdf
from openeip.web.reports.eip_workbook import dossier_xlsx

__all__ = ["CONTENT_TYPES", "annual_report", "dossier"]

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_DOSSIER: dict[str, Callable[[EipDossier, str], bytes]] = {"pdf": dossier_pdf,
                                                            "xlsx": dossier_xlsx}
_ANNUAL: dict[str, Callable[[EipDossier, str], bytes]] = {"pdf": annual_pdf,
                                                           "xlsx": annual_xlsx}


def _language(request: HttpRequest) -> str | None:
    language = request.GET.get("lang") or (get_language() or "en").split("-")[0]
    return language if language in LANGUAGES else None


def _bad_language(request: HttpRequest) -> HttpResponse:
    return HttpResponseBadRequest(_("Unknown report language '{code}'; use vi or en.")
                                  .format(code=request.GET.get("lang", "")))


def _download(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = '{}; filename="{}"'.format(disposition, filename)
    return response


def _dates(request: HttpRequest) -> tuple[dt.date | None, int | None, str]:
    """(as of, target year, the problem with them or '')."""
    today = timezone.localdate()
    as_of, target_year = None, None
    text = request.GET.get("as_of") or ""
    if text:
        try:
            as_of = dt.date.fromisoformat(text)
        except ValueError:
            return None, None, _("'{value}' is not a date: give as_of as YYYY-MM-DD.").format(
                value=text)
        if as_of > today:
            return None, None, _("The assessment date {date} is in the future.").format(
                date=text)
    text = request.GET.get("target_year") or ""
    if text:
        if not text.isdigit() or int(text) < today.year:
            return None, None, _("The target year '{year}' must be {first} or later.").format(
                year=text, first=today.year)
        target_year = int(text)
    return as_of, target_year, ""


@login_required
def dossier(request: HttpRequest, slug: str, edition: str, fmt: str) -> HttpResponse:
    park = get_object_or_404(Park.objects.for_user(request.user), slug=slug)
    language = _language(request)
    if language is None:
        return _bad_language(request)
    as_of, target_year, problem = _dates(request)
    year_text = request.GET.get("year") or ""
    if year_text and not (year_text.isdigit()
                          and 1990 <= int(year_text) <= timezone.localdate().year):
        problem = _("Year '{year}' cannot be reported: give a year from 1990 to {last}.").format(
            year=year_text, last=timezone.localdate().year)
    if problem:
        return HttpResponseBadRequest(problem)
    with translation.override(language), core_language(language):
        try:
            content = build_dossier(park, edition, language, user=request.user, as_of=as_of,
                                    target_year=target_year,
                                    year=int(year_text) if year_text else None)
        except DomainError:
            raise Http404(edition) from None
    return _download(_DOSSIER[fmt](content, language), fmt,
                     dossier_filename(content, language, fmt))


@login_required
def annual_report(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    park = get_object_or_404(Park.objects.for_user(request.user), slug=slug)
    language = _language(request)
    if language is None:
        return _bad_language(request)
    this_year = timezone.localdate().year
    # no year asked: the park's reporting year (the latest whose coverage passes), not this one
    text = request.GET.get("year") or str(reporting_year(park).year)
    if not text.isdigit() or not 1990 <= int(text) <= this_year:
        return HttpResponseBadRequest(_("Year '{year}' cannot be reported: give a year from "
                                        "1990 to {last}.").format(year=text, last=this_year))
    with translation.override(language), core_language(language):
        content = build_annual(park, int(text), language, user=request.user)
    return _download(_ANNUAL[fmt](content, language), fmt,
                     annual_filename(content, language, fmt))
