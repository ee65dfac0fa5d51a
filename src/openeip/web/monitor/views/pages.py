"""Monitor pages: a park's and a company's meters, a meter's page (series, CUSUM, quality
flags, baselines, adjustments, targets) and the readings upload. Rows come from
``for_user`` only: a meter one may not see is a 404."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openeip.core import monitor
from openeip.core.errors import DomainError, IntakeError
from openeip.web.base.access import owner_of
from openeip.web.base.labels import current_language
from openeip.web.monitor.models import (
    DRIVER_RESOURCES,
    Baseline,
    ExchangeMeter,
    Meter,
    NonRoutineAdjustment,
    OptionVerification,
    Target,
)
from openeip.web.monitor.services import analysis, baselines, presenting
from openeip.web.monitor.services.readings import import_file
from openeip.web.registry.models import AuditEntry, Company, Park
from openeip.web.registry.services import audit
from openeip.web.symbiosis.services.presenting import class_name

INTERVALS = (("month", gettext_lazy("month")), ("day", gettext_lazy("day")),
             ("hour", gettext_lazy("hour")))


def _meter(request: HttpRequest, pk: int, action: str = "view") -> Meter:
    rows = Meter.objects.for_user(request.user, action).select_related("park", "company")
    return get_object_or_404(rows, pk=pk)


def _meter_and_rights(request: HttpRequest, pk: int) -> Meter:
    """The meter with ``may_change`` (the meter), ``manages_park`` (its park) and whether it
    has targets and exchange links, asked in the same query."""
    user = request.user
    rows = Meter.objects.for_user(user).select_related("park", "company").annotate(
        manages_park=Exists(Park.objects.for_user(user, "change").filter(
            pk=OuterRef("park_id"))),
        has_targets=Exists(Target.objects.filter(meter=OuterRef("pk"))),
        has_exchanges=Exists(ExchangeMeter.objects.filter(meter=OuterRef("pk"))))
    if not owner_of(Meter).implies("view", "change"):
        rows = rows.annotate(may_change=Exists(Meter.objects.for_user(user, "change").filter(
            pk=OuterRef("pk"))))
    meter = get_object_or_404(rows, pk=pk)
    if not hasattr(meter, "may_change"):
        meter.may_change = True      # seen, so changeable: the same people may do both
    return meter


@login_required
def park_meters(request: HttpRequest, slug: str) -> HttpResponse:
    park = get_object_or_404(Park.objects.for_user(request.user), slug=slug)
    meters = Meter.objects.for_user(request.user).filter(park=park).select_related("company")
    return render(request, "monitor/meters.html", {
        "park": park, "owner_name": park.name, "rows": presenting.meter_rows(meters),
        "show_company": True})


@login_required
def company_meters(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(Company.objects.for_user(request.user).select_related("park"),
                                pk=pk)
    meters = Meter.objects.for_user(request.user).filter(company=company)
    return render(request, "monitor/meters.html", {
        "park": company.park, "company": company, "owner_name": company.name,
        "rows": presenting.meter_rows(meters), "show_company": False})


class PeriodForm(forms.Form):
    interval = forms.ChoiceField(label=gettext_lazy("by"), choices=INTERVALS, required=False)
    start = forms.DateField(label=gettext_lazy("from"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("to"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end comes before the start."))
        return data


class BaselineForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("baseline from"),
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("baseline to"),
                          widget=forms.DateInput(attrs={"type": "date"}))
    interval = forms.ChoiceField(label=gettext_lazy("by"), choices=INTERVALS)
    drivers = forms.ModelMultipleChoiceField(label=gettext_lazy("drivers"),
                                             queryset=Meter.objects.none(), required=False,
                                             widget=forms.CheckboxSelectMultiple)
    change_point = forms.ModelChoiceField(
        label=gettext_lazy("also change-point models over"), queryset=Meter.objects.none(),
        required=False, help_text=gettext_lazy(
            "A temperature meter: 3PH, 3PC, 4P and 5P models over it are tried beside the "
            "regressions (ASHRAE Guideline 14)."))

    def __init__(self, *args: Any, meter: Meter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        drivers = self.fields["drivers"]
        assert isinstance(drivers, forms.ModelMultipleChoiceField)
        drivers.queryset = _driver_choices(meter)
        change_point = self.fields["change_point"]
        assert isinstance(change_point, forms.ModelChoiceField)
        change_point.queryset = _driver_choices(meter).filter(resource="temperature")
        if not change_point.queryset.exists():  # no temperature meter in the park: nothing to offer
            del self.fields["change_point"]


def _driver_choices(meter: Meter) -> Any:
    rows = Meter.objects.filter(park=meter.park, resource__in=DRIVER_RESOURCES)
    return rows.filter(company=meter.company) | rows.filter(company__isnull=True)


class AdjustmentForm(forms.ModelForm):
    class Meta:
        model = NonRoutineAdjustment
        fields = ["start", "end", "quantity", "note", "evidence"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}),
                   "end": forms.DateInput(attrs={"type": "date"}),
                   "note": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end comes before the start."))
        return data


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["interval", "limit", "per_driver", "starts_on", "ends_on", "note"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"}),
                   "ends_on": forms.DateInput(attrs={"type": "date"}),
                   "interval": forms.Select(choices=INTERVALS[:2]),
                   "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, meter: Meter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        per_driver = self.fields["per_driver"]
        assert isinstance(per_driver, forms.ModelChoiceField)
        per_driver.queryset = _driver_choices(meter)


#: Keys carry the meter's version (services.versions), so this only bounds how long unused
#: entries linger.
BODY_CACHE_SECONDS = 3600


@login_required
def meter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A meter's page: the period, series, quality, baselines, verifications and adjustments
    are one cached body (the same for everyone who may see the meter, keyed by its version
    and the request's period and language); targets, exchanges and actions are drawn fresh."""
    meter = _meter_and_rights(request, pk)
    language = current_language()
    key = "monitor-meter-body:{}:{}".format(meter.pk, hashlib.sha256(repr((
        presenting.page_fields(meter), sorted(request.GET.lists()), language,
        timezone.get_current_timezone_name(), monitor.settings_fingerprint())
    ).encode()).hexdigest())
    body = cache.get(key)
    if body is None:
        body = _body(request, meter, language)
        cache.set(key, body, timeout=BODY_CACHE_SECONDS)
    page, html, problem = body
    page.meter = meter
    if problem:
        messages.error(request, problem)
    return render(request, "monitor/meter.html", {
        "park": meter.park, "company": meter.company, "meter": meter, "page": page,
        "body": html,
        "targets": presenting.target_views(meter, language)
        if getattr(meter, "has_targets", False) else [],
        "exchanges": [(link, class_name(link.opportunity.resource_class, language))
                      for link in ExchangeMeter.objects.filter(meter=meter).select_related(
                          "opportunity")] if getattr(meter, "has_exchanges", False) else [],
        "manages_park": getattr(meter, "manages_park", False),
        "may_change": getattr(meter, "may_change", False),
    })


def _body(request: HttpRequest, meter: Meter, language: str
          ) -> tuple[presenting.MeterPage, str, str]:
    """The page's cached body, its data and the problem of the period asked ("" if none)."""
    period = PeriodForm(request.GET or None)
    interval, first, last = "month", None, None
    if period.is_valid():
        interval = period.cleaned_data.get("interval") or "month"
        first, last = period.cleaned_data.get("start"), period.cleaned_data.get("end")
    if interval == "hour" and not (first and last and (last - first).days <= 62):
        # hourly views are capped to two months so the page stays quick
        span = presenting.span_of(meter)
        if span is not None:
            last = last or span[1]
            first = max(first or span[0], last - dt.timedelta(days=30))
    problem = ""
    try:
        page = presenting.meter_page(meter, interval, first, last, language)
    except DomainError as error:
        problem = str(error)
        page = presenting.meter_page(meter, "month", None, None, language)
    html = render_to_string("monitor/partials/meter_body.html", {
        "meter": meter, "page": page, "period_form": period,
        "baselines": presenting.baseline_rows(
            Baseline.objects.filter(meter=meter).order_by("-created_at")[:10]),
        "adjustments": list(NonRoutineAdjustment.objects.filter(meter=meter)),
        "verifications": list(OptionVerification.objects.filter(meter=meter).select_related(
            "option"))})
    return page, html, problem


def _back(meter: Meter) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("monitor:meter", args=[meter.pk]))


def _form_page(request: HttpRequest, meter: Meter, form: forms.BaseForm, heading: str,
               action: str, submit: str) -> HttpResponse:
    """One of the meter's editing forms on a page of its own (bound: with its errors)."""
    return render(request, "monitor/meter_form.html", {
        "park": meter.park, "company": meter.company, "meter": meter, "form": form,
        "heading": heading, "action": reverse(action, args=[meter.pk]), "submit": submit})


@login_required
def meter_baseline(request: HttpRequest, pk: int) -> HttpResponse:
    meter = _meter(request, pk, "change")
    form = BaselineForm(request.POST or None, meter=meter)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            fit = analysis.fit_baseline(meter, data["start"], data["end"],
                                        list(data["drivers"]), data["interval"],
                                        data.get("change_point"))
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            baselines.store(fit, request.user)
            messages.success(request, fit.selection.explanation)
            return HttpResponseRedirect(reverse("monitor:meter", args=[meter.pk])
                                        + "?interval=" + data["interval"])
    return _form_page(request, meter, form, _("Fit a baseline"), "monitor:meter-baseline",
                      _("Fit and save"))


@login_required
def meter_adjustment(request: HttpRequest, pk: int) -> HttpResponse:
    meter = _meter(request, pk, "change")
    form = AdjustmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = form.save(commit=False)
        row.meter, row.created_by = meter, request.user
        row.save()
        audit.entry(user=request.user, via="web", action=AuditEntry.Action.CREATE,
                    company=meter.company, object_type="meter_adjustment",
                    object_key="{} {} #{}".format(meter.park.slug, meter.code, row.pk),
                    changes={"quantity": [None, row.quantity], "note": [None, row.note],
                             "evidence": [None, row.evidence],
                             "period": [None, [str(row.start), str(row.end)]]}).save()
        messages.success(request, _("Adjustment saved."))
        return _back(meter)
    return _form_page(request, meter, form, _("Add a non-routine adjustment"),
                      "monitor:meter-adjustment", _("Save"))


@login_required
def meter_target(request: HttpRequest, pk: int) -> HttpResponse:
    meter = _meter(request, pk, "change")
    form = TargetForm(request.POST or None, meter=meter)
    if request.method == "POST" and form.is_valid():
        row = form.save(commit=False)
        row.meter = meter
        row.save()
        audit.entry(user=request.user, via="web", action=AuditEntry.Action.CREATE,
                    company=meter.company, object_type="meter_target",
                    object_key="{} {} #{}".format(meter.park.slug, meter.code, row.pk),
                    changes={"limit": [None, row.limit],
                             "starts_on": [None, str(row.starts_on)]}).save()
        messages.success(request, _("Target saved."))
        return _back(meter)
    return _form_page(request, meter, form, _("Set a target"), "monitor:meter-target",
                      _("Save"))


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Readings file (CSV or XLSX)"))


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[Any] = []
    result = None
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        limit = getattr(settings, "OPENEIP_MONITOR_UPLOAD_MB", 50) * 1024 * 1024
        if uploaded.size > limit:
            problems = [_("The file is larger than {mb} MB; split it or use `openeip monitor "
                          "import`.").format(mb=limit // (1024 * 1024))]
        else:
            meters = Meter.objects.for_user(request.user, "change").select_related(
                "park", "company")
            try:
                result = import_file(uploaded.read(), uploaded.name, meters, request.user,
                                     via="web")
            except IntakeError as error:
                problems = [str(p) for p in error.problems]
            except (UnicodeDecodeError, ValueError, OSError):
                problems = [_("The file could not be read as CSV (UTF-8) or XLSX.")]
    return render(request, "monitor/upload.html", {"form": form, "problems": problems,
                                                   "result": result})
