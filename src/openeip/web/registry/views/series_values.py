"""Values set for a year of a series (grid factor, tariffs, water price): list, add, change,
remove. Platform admins manage the platform's values and every park's; a park's managers their
park's. Everyone else gets 403 (the list) or 404 (a value they may not see)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openeip.core.catalogues.series import SERIES, SERIES_UNITS
from openeip.core.errors import DomainError
from openeip.web.base.forms import choice_field
from openeip.web.registry.models import AuditEntry, Park, SeriesValue
from openeip.web.registry.services import series_values


class SeriesValueForm(forms.Form):
    series = forms.ChoiceField(label=gettext_lazy("Series"))
    year = forms.IntegerField(label=gettext_lazy("Year of the data"))
    value = forms.DecimalField(label=gettext_lazy("Value"), max_digits=18, decimal_places=6)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=300)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)
    park = forms.ChoiceField(label=gettext_lazy("For"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "series").choices = [
            (code, "{} ({})".format(_(name), SERIES_UNITS[code])) for code, name in SERIES.items()]
        parks = Park.objects.for_user(user, "change").order_by("slug")
        choices = [("", _("the whole platform"))] if user.is_superuser else []
        choice_field(self, "park").choices = choices + [(park.slug, park.name) for park in parks]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["park"] = Park.objects.get(slug=data["park"]) if data["park"] else None
        return data


def _manages_something(user: Any) -> bool:
    return bool(user.is_superuser or Park.objects.for_user(user, "change").exists())


def _saved(request: HttpRequest, form: SeriesValueForm, instance: SeriesValue | None) -> bool:
    if not form.is_valid():
        return False
    try:
        series_values.save(request.user, "web", form.values(), instance)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        return False
    messages.success(request, _("The value is saved; the figures that use it are computed "
                                "again."))
    return True


@login_required
def series_value_list(request: HttpRequest) -> HttpResponse:
    if not _manages_something(request.user):
        raise PermissionDenied
    form = SeriesValueForm(request.POST or None, user=request.user)
    if request.method == "POST" and _saved(request, form, None):
        return redirect("registry:series-values")
    rows = SeriesValue.objects.for_user(request.user).select_related(
        "park", "created_by", "updated_by")
    history = (AuditEntry.objects.filter(object_type="series_value")
               .select_related("user")[:20] if request.user.is_superuser else [])
    return render(request, "registry/series_values.html",
                  {"rows": rows, "form": form, "history": history, "units": SERIES_UNITS})


@login_required
def series_value_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(SeriesValue.objects.for_user(request.user, "change"), pk=pk)
    if request.method == "POST" and "delete" in request.POST:
        series_values.remove(request.user, "web", row)
        messages.success(request, _("The value is removed."))
        return redirect("registry:series-values")
    initial = {"series": row.series, "year": row.year, "value": row.value,
               "source": row.source, "note": row.note, "park": row.park.slug if row.park else ""}
    form = SeriesValueForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and _saved(request, form, row):
        return redirect("registry:series-values")
    return render(request, "registry/series_value_detail.html", {"row": row, "form": form})
