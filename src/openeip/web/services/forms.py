"""Forms of the services pages; every rule that decides a number stays in core."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from openeip.web.services.models import (
    AllocationMethod,
    JointRequest,
    JointStatus,
    RequestStatus,
    SharedAsset,
    UtilisationRecord,
)


class AssetForm(forms.ModelForm):
    class Meta:
        model = SharedAsset
        fields = ["code", "name_en", "name_vi", "asset_type", "capacity", "capacity_unit",
                  "operator", "service_levels", "latitude", "longitude", "published"]


class UtilisationForm(forms.ModelForm):
    period_start = forms.DateField(label=_("month (first day)"),
                                   widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = UtilisationRecord
        fields = ["period_start", "used", "source"]

    def clean_used(self) -> float:
        value = self.cleaned_data["used"]
        if value < 0:
            raise forms.ValidationError(_("A quantity handled is at least 0."))
        return float(value)


class AllocationForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=1990, max_value=2100,
                              initial=lambda: datetime.date.today().year)
    method = forms.ChoiceField(label=_("method applied"), choices=AllocationMethod.choices,
                               initial=AllocationMethod.SHAPLEY)
    coalitions = forms.CharField(
        label=_("coalition costs (CSV)"), widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Columns members,cost_vnd (and optionally load): one row per coalition, "
                    "members by company code joined by '+', every tenant alone and all "
                    "together included; costs in VND per year."))
    note = forms.CharField(label=_("note"), max_length=300, required=False)


class ServiceRequestForm(forms.Form):
    asset = forms.ModelChoiceField(label=_("shared asset"), queryset=SharedAsset.objects.none())
    title = forms.CharField(label=_("request"), max_length=200)
    description = forms.CharField(label=_("details"), widget=forms.Textarea(attrs={"rows": 3}),
                                  required=False)
    deadline = forms.DateField(label=_("deadline"),
                               widget=forms.DateInput(attrs={"type": "date"}))


class RequestStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("new status"), choices=RequestStatus.choices)


class JointRequestForm(forms.ModelForm):
    deadline = forms.DateField(label=_("needs collected until"),
                               widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = JointRequest
        fields = ["title_en", "title_vi", "category", "unit", "description", "deadline"]


class PledgeForm(forms.Form):
    company = forms.ModelChoiceField(label=_("tenant"), queryset=SharedAsset.objects.none())
    quantity = forms.FloatField(label=_("quantity needed"), min_value=0)
    note = forms.CharField(label=_("note"), max_length=300, required=False)


class JointStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=JointStatus.choices)
