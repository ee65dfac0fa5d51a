"""EIP report links of a park, for its managers and the platform admin:

* ``/parks/<slug>/eip/<edition>/dossier.pdf`` and ``.xlsx`` — the certification dossier
  (``?as_of=YYYY-MM-DD``, default today; ``?target_year=`` adds the intended values);
* ``/parks/<slug>/eip/annual-report.pdf`` and ``.xlsx`` — the annual report (``?year=``, the
  current year by default);

each with ``?lang=vi|en`` (default: the page's language). A link checks what it is asked, then
asks for the report (a background job,
:mod:`openeip.web.reports.services.jobs`) and sends the browser
to the job's page: progress, then the download. Access is decided by ``Park.objects.for_user``
alone: a user who may not see the park's aggregate data gets 404, whether it exists or not; an
anonymous visitor is sent to the login page.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openeip.core.i18n import LANGUAGES
from openeip.web.eip.services.editions import edition_ids
from openeip.web.eip.services.reporting import reporting_year
from openeip.web.registry.models import Park
from openeip.web.reports.models import ReportJob
from openeip.web.reports.services.builders import CONTENT_TYPES
from openeip.web.reports.services.jobs import start_report

__all__ = ["CONTENT_TYPES", "annual_report", "dossier"]

def _language(request: HttpRequest) -> str | None:
    language = request.GET.get("lang") or (get_language() or "en").split("-")[0]
    return language if language in LANGUAGES else None


def _bad_language(request: HttpRequest) -> HttpResponse:
    return HttpResponseBadRequest(_("Unknown report language '{code}'; use vi or en.")
                                  .format(code=request.GET.get("lang", "")))


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
    if edition not in edition_ids():
        raise Http404(edition)
    kind = ReportJob.Kind.DOSSIER_PDF if fmt == "pdf" else ReportJob.Kind.DOSSIER_XLSX
    job = start_report(request.user, kind, park=park, language=language, params={
        "edition": edition, "as_of": as_of.isoformat() if as_of else None,
        "target_year": target_year,
        "year": int(year_text) if year_text else None})
    return redirect(job)


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
    kind = ReportJob.Kind.ANNUAL_PDF if fmt == "pdf" else ReportJob.Kind.ANNUAL_XLSX
    job = start_report(request.user, kind, park=park, language=language,
                       params={"year": int(text)})
    return redirect(job)
