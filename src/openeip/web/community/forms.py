"""Forms of the grievance mechanism and the dialogue records."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openeip.web.base.forms import choice_field, cleaned_dict, model_choice_field
from openeip.web.community.models import (
    Attachment,
    Commitment,
    Grievance,
    GrievanceSettings,
    Meeting,
    ParticipantGroup,
)
from openeip.web.registry.models import Company, Park

CASE_FIELDS = ["park", "kind", "category", "severity", "description", "company_named",
               "location", "latitude", "longitude", "anonymous"]


class PublicGrievanceForm(forms.ModelForm):
    """What anyone may send, without an account. The identity is optional."""

    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    #: left empty by people; filled by form-filling robots
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={
        "autocomplete": "off", "tabindex": "-1", "class": "visually-hidden"}),
        label=_("Leave this empty"))

    class Meta:
        model = Grievance
        fields = CASE_FIELDS
        labels = {"category": pgettext_lazy("grievance", "kind of problem")}
        widgets = {"description": forms.Textarea(attrs={"rows": 6}),
                   "latitude": forms.NumberInput(attrs={"step": "any"}),
                   "longitude": forms.NumberInput(attrs={"step": "any"})}
        help_texts = {
            "anonymous": _("Tick it to send without your name: keep your tracking code, it is "
                           "the only way to follow the case."),
            "company_named": _("If you know which company it is about."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "park" in self.fields:
            model_choice_field(self, "park").queryset = Park.objects.order_by("name_vi", "name_en")
        self.fields["severity"].required = False

    def clean(self) -> dict[str, Any]:
        data = cleaned_dict(super().clean())
        if data.get("website"):
            raise forms.ValidationError(_("The form could not be sent."))
        if not data.get("severity"):
            data["severity"] = "medium"
        return data

    def case(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in CASE_FIELDS}

    def identity(self) -> dict[str, str]:
        if self.cleaned_data.get("anonymous"):
            return {}
        return {name: self.cleaned_data.get(name) or "" for name in
                ("name", "phone", "email", "address")}


class StaffGrievanceForm(PublicGrievanceForm):
    """A complaint received by phone, on paper or in person, entered by the park's staff."""

    channel = forms.ChoiceField(label=_("Received by"), choices=[
        ("hotline", _("hotline")), ("paper", _("paper form")), ("qr_form", _("QR form")),
        ("in_person", _("in person"))])
    received_on = forms.DateTimeField(label=_("Received on"), required=False,
                                      help_text=_("Leave empty for now."))
    company = forms.ModelChoiceField(label=_("Company concerned"), required=False,
                                     queryset=Company.objects.none())

    class Meta(PublicGrievanceForm.Meta):
        fields = [name for name in CASE_FIELDS if name != "park"]

    def __init__(self, *args: Any, park: Park, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.park = park
        model_choice_field(self, "company").queryset = (
            Company.objects.filter(park=park).order_by("code"))
        del self.fields["website"]

    def clean(self) -> dict[str, Any]:
        data = cleaned_dict(forms.ModelForm.clean(self))
        if not data.get("severity"):
            data["severity"] = "medium"
        return data

    def case(self) -> dict[str, Any]:
        found = {name: self.cleaned_data[name] for name in CASE_FIELDS if name != "park"}
        return {**found, "park": self.park, "company": self.cleaned_data.get("company")}


class FollowForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=40)


class HandlingForm(forms.ModelForm):
    """What the handlers set on a case besides its stage."""

    share = forms.BooleanField(label=_("Share the summary with the company concerned"),
                               required=False)

    class Meta:
        model = Grievance
        fields = ["company", "category", "severity", "kind", "summary_for_company",
                  "retaliation"]
        labels = {"category": pgettext_lazy("grievance", "kind of problem")}
        widgets = {"summary_for_company": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "company").queryset = Company.objects.filter(
            park=self.instance.park).order_by("code")
        self.fields["share"].initial = self.instance.shared_at is not None

    def clean(self) -> dict[str, Any]:
        data = cleaned_dict(super().clean())
        if data.get("share") and not (data.get("company") and
                                      (data.get("summary_for_company") or "").strip()):
            raise forms.ValidationError(_("Choose the company and write the summary it will "
                                          "see before sharing the case."))
        return data


class StageForm(forms.Form):
    stage = forms.CharField(widget=forms.HiddenInput)
    resolution = forms.CharField(label=_("Resolution"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Your answer"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 5}))


class SettingsForm(forms.ModelForm):
    class Meta:
        model = GrievanceSettings
        fields = ["acknowledge_days", "resolve_days", "confirm_days"]


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "title", "place", "women", "minutes"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}),
                   "minutes": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in ParticipantGroup.choices:
            self.fields["group_" + code] = forms.IntegerField(
                label=label, min_value=0, required=False,
                initial=(self.instance.participants or {}).get(code))

    def clean(self) -> dict[str, Any]:
        data = cleaned_dict(super().clean())
        groups = {code: data.get("group_" + code) or 0 for code in ParticipantGroup.values}
        women = data.get("women")
        if women is not None and women > sum(groups.values()):
            self.add_error("women", _("More women than participants."))
        self.instance.participants = {code: n for code, n in groups.items() if n}
        return data


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["text_vi", "text_en", "owner", "due"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"})}


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "file"]


class PlanForm(forms.Form):
    edition = forms.ChoiceField(label=_("Edition of the plan"))

    def __init__(self, *args: Any, editions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "edition").choices = editions


class FollowUpForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("What was done"), max_length=3000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    status = forms.ChoiceField(label=_("Status after"), choices=Commitment.Status.choices)
