"""The park's handlers (its managers, the platform admin): the case list (community and worker
grievances apart), staff entry, a case with its workflow, trends and hotspots, settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openeip.core.community import Schedule, is_overdue, rules
from openeip.core.errors import DomainError
from openeip.web.community.forms import HandlingForm, SettingsForm, StaffGrievanceForm, StageForm
from openeip.web.community.models import (
    Category,
    Channel,
    Grievance,
    GrievanceSettings,
    Kind,
    Level,
    Severity,
    Stage,
)
from openeip.web.community.services import workflow
from openeip.web.community.services.intake import file_grievance
from openeip.web.community.services.plan import propose_plan_actions, recurring_categories
from openeip.web.community.services.schedule import clock_of, refresh_due, schedule_for
from openeip.web.community.services.statistics import hotspots, trends
from openeip.web.community.views._common import handled_park
from openeip.web.eip.services.editions import all_editions
from openeip.web.registry.models import AuditEntry, CompanyMembership
from openeip.web.registry.services import audit
from openeip.web.registry.views.maps import GEOJSON, boundary_feature

VERIFICATION = {"unverified": gettext_lazy("unverified"),
                "platform": gettext_lazy("OpenEIP's choice"),
                "secondary": gettext_lazy("secondary source"),
                "primary": gettext_lazy("checked against the official text")}
VIA = {"web": gettext_lazy("web page"), "public": gettext_lazy("the complainant"),
       "task": gettext_lazy("scheduled escalation"), "api": gettext_lazy("API"),
       "cli": gettext_lazy("command line")}
#: the choices that name a changed field's values in the history
VALUE_LABELS: dict[str, Any] = {"stage": Stage, "kind": Kind, "category": Category,
                                "channel": Channel, "level": Level, "severity": Severity}


def _value(field: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    choices = VALUE_LABELS.get(field)
    if choices is not None:
        try:
            return str(choices(int(value) if field == "level" else value).label)
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def _field(name: str) -> str:
    try:
        return str(Grievance._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    except FieldDoesNotExist:
        return {"shared": str(_("shared with the company")),
                "company_answer": str(_("company answer"))}.get(name, name)


def history_lines(entries: Any) -> list[dict[str, Any]]:
    """The case's audit entries in words (field names and values in the reader's language)."""
    return [{"at": entry.at, "who": entry.user.get_username() if entry.user else
             str(VIA.get(entry.via, entry.via)), "action": entry.get_action_display(),
             "changes": ["{}: {} → {}".format(_field(name), _value(name, change[0]),
                                              _value(name, change[1]))
                         for name, change in entry.changes.items()
                         if isinstance(change, list) and len(change) == 2]}
            for entry in entries]


def tell_company(request: HttpRequest, grievance: Grievance) -> None:
    """E-mail the members of the company a case was shared with (in Vietnamese): the link to
    the case, nothing of its content."""
    emails = [email for email in CompanyMembership.objects.filter(
        company=grievance.company).values_list("user__email", flat=True) if email]
    if not emails:
        return
    url = request.build_absolute_uri(reverse("community:company-grievance", args=[
        grievance.company_id, grievance.pk]))
    with translation.override("vi"):
        send_mail(_("A grievance concerning your company"),
                  _("The park's handlers shared grievance #{id} with {company} so that it can "
                    "answer: {url}").format(
                      id=grievance.pk, company=grievance.company.code if grievance.company else "",
                                            url=url),
                  settings.DEFAULT_FROM_EMAIL, emails, fail_silently=True)


@login_required
def park_grievances(request: HttpRequest, slug: str) -> HttpResponse:
    park = handled_park(request, slug)
    kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else Kind.COMMUNITY
    rows = (Grievance.objects.for_user(request.user).filter(park=park, kind=kind)
            .select_related("company"))
    show = request.GET.get("show", "open")
    if show == "open":
        rows = rows.exclude(stage=Stage.CLOSED)
    now = timezone.now()
    schedule = schedule_for(park)
    items = [{"row": row, "overdue": is_overdue(clock_of(row), schedule, now)} for row in rows]
    counts = {code: Grievance.objects.filter(park=park, kind=code).exclude(
        stage=Stage.CLOSED).count() for code in Kind.values}
    return render(request, "community/park_grievances.html", {
        "park": park, "items": items, "kind": kind, "kinds": Kind.choices, "show": show,
        "open_counts": counts})


@login_required
def grievance_new(request: HttpRequest, slug: str) -> HttpResponse:
    park = handled_park(request, slug)
    form = StaffGrievanceForm(request.POST or None, park=park)
    if request.method == "POST" and form.is_valid():
        try:
            grievance = file_grievance(
                form.case(), form.identity(), user=request.user,
                channel=form.cleaned_data["channel"],
                received_at=form.cleaned_data.get("received_on"))
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Grievance #{id} recorded; its tracking code is {code}: "
                                        "give it to the complainant.").format(
                                            id=grievance.pk, code=grievance.code))
            return redirect("community:grievance-detail", slug=park.slug, pk=grievance.pk)
    return render(request, "community/grievance_new.html", {"park": park, "form": form})


def _case(request: HttpRequest, slug: str, pk: int) -> Grievance:
    park = handled_park(request, slug)
    return get_object_or_404(Grievance.objects.for_user(request.user).select_related(
        "park", "company"), park=park, pk=pk)


@login_required
def grievance_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    grievance = _case(request, slug, pk)
    form = HandlingForm(request.POST or None, instance=grievance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            before = {name: getattr(Grievance.objects.get(pk=pk), name)
                      for name in form.Meta.fields}
            row = form.save(commit=False)
            share = form.cleaned_data["share"]
            newly_shared = share and row.shared_at is None
            if newly_shared:
                row.shared_at = timezone.now()
            elif not share:
                row.shared_at = None
            row.save()
            changes = {name: [str(before[name]) if before[name] is not None else None,
                              str(getattr(row, name)) if getattr(row, name) is not None
                              else None]
                       for name in form.Meta.fields if before[name] != getattr(row, name)
                       and name != "summary_for_company"}
            changes["shared"] = [None, share]
            workflow.audit_grievance(row, request.user, "web", AuditEntry.Action.UPDATE,
                                     changes)
        if newly_shared:
            tell_company(request, row)
        messages.success(request, _("Saved."))
        return redirect("community:grievance-detail", slug=slug, pk=pk)
    complainant = getattr(grievance, "complainant", None) if not grievance.anonymous else None
    history = AuditEntry.objects.filter(object_type="grievance",
                                        object_key=workflow.describe(grievance))
    return render(request, "community/grievance_detail.html", {
        "park": grievance.park, "grievance": grievance, "form": form,
        "complainant": complainant, "next_stages": [
            (stage, Stage(stage).label) for stage in workflow.allowed_next(grievance.stage)
            if stage != Stage.APPEALED],
        "overdue": is_overdue(clock_of(grievance), schedule_for(grievance.park),
                              timezone.now()),
        "escalations": grievance.escalations.all(), "answers": grievance.answers.all(),
        "history": history_lines(history)})


@login_required
@require_POST
def grievance_stage(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    grievance = _case(request, slug, pk)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            workflow.transition(grievance, form.cleaned_data["stage"], request.user,
                                resolution=form.cleaned_data["resolution"])
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The grievance is now {stage}.").format(
                stage=Stage(grievance.stage).label))
    return redirect("community:grievance-detail", slug=slug, pk=pk)


@login_required
def grievance_trends(request: HttpRequest, slug: str) -> HttpResponse:
    park = handled_park(request, slug)
    data = trends(park)
    rows = [(Category(code).label, values, sum(values))
            for code, values in data["series"].items()]
    vi = translation.get_language() == "vi"
    return render(request, "community/trends.html", {
        "park": park, "months": data["months"], "rows": rows,
        "recurring": [(Category(code).label, n) for code, n in recurring_categories(park)],
        "threshold": rules()["recurring_cases_for_action"].value,
        "editions": [(item.id, item.title_vi if vi else item.title_en)
                     for item in all_editions()]})


@login_required
@require_POST
def grievance_plan(request: HttpRequest, slug: str) -> HttpResponse:
    """Recurring categories become actions of the park's plan under the chosen edition."""
    park = handled_park(request, slug)
    edition = request.POST.get("edition", "")
    if edition not in {item.id for item in all_editions()}:
        messages.error(request, _("Choose an edition of the plan."))
    else:
        made = propose_plan_actions(park, edition, request.user)
        messages.success(request, _("{n} actions added to the EIP plan.").format(n=len(made)))
    return redirect("community:grievance-trends", slug=slug)


@login_required
def grievance_map(request: HttpRequest, slug: str) -> JsonResponse:
    """The park's boundary and one point per located case (handlers only), in the shape the
    park map's script draws (the case's page as the point's link)."""
    park = handled_park(request, slug)
    features = []
    boundary = boundary_feature(park.boundary)
    if boundary:
        features.append(boundary)
    for feature in hotspots(park):
        props = feature["properties"]
        feature["properties"] = {
            "role": "tenant", "name": "#{} {}".format(props["id"], props["name"]),
            "sector": "", "employees": None,
            "url": "/parks/{}/grievances/{}/".format(park.slug, props["id"])}
        features.append(feature)
    return JsonResponse({"type": "FeatureCollection", "features": features},
                        content_type=GEOJSON)


@login_required
def grievance_settings(request: HttpRequest, slug: str) -> HttpResponse:
    park = handled_park(request, slug)
    current = GrievanceSettings.objects.filter(park=park).first()
    default = schedule_for(park)
    form = SettingsForm(request.POST or None, instance=current or GrievanceSettings(
        park=park, acknowledge_days=default.acknowledge_days,
        resolve_days=default.resolve_days, confirm_days=default.confirm_days))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            Schedule(data["acknowledge_days"], data["resolve_days"], data["confirm_days"])
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            row = form.save()
            for grievance in Grievance.objects.filter(park=park).exclude(stage=Stage.CLOSED):
                refresh_due(grievance, schedule_for(park))
                grievance.save(update_fields=["due_at"])
            audit.entry(user=request.user, via="web", action=AuditEntry.Action.UPDATE,
                        company=None, object_type="grievance_settings",
                        object_key="grievance settings ({})".format(park.slug),
                        changes={name: [None, getattr(row, name)] for name in data}).save()
            messages.success(request, _("Saved: open cases follow the new time limits."))
            return redirect("community:grievance-settings", slug=slug)
    return render(request, "community/settings.html", {
        "park": park, "form": form, "rules": [
            {"rule": rule, "verification": VERIFICATION.get(rule.verification,
                                                            rule.verification)}
            for rule in rules().values()]})

