"""Forms of the RECP pages. Each error names its field; checks the services make (baseline with
data, savings that match a flow, finance rules) come back as errors on the field they name."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from openeip.core import domain
from openeip.core.errors import DomainError
from openeip.web.base.forms import choice_field, cleaned_dict
from openeip.web.recp.models import Assessment, FocusArea, GwpChoice
from openeip.web.recp.services import periods
from openeip.web.recp.views.indicators import period_label
from openeip.web.registry.models import Company

#: how many saving rows the option form offers (empty ones are ignored)
SAVING_ROWS = 4
#: a service's field "savings[2].quantity" -> (row 2, "quantity")
_SAVING_FIELD = re.compile(r"^savings\[(\d+)\](?:\.(\w+))?")


def add_domain_error(form: forms.Form, error: DomainError, rename: dict[str, str]) -> None:
    """Show a service's DomainError on the form field it names (``rename`` maps service field
    names to form field names); on the whole form when it names no field of the form."""
    field = rename.get(error.field or "", error.field)
    form.add_error(field if field in form.fields else None, str(error))


class AssessmentForm(forms.ModelForm):
    baseline = forms.ChoiceField(
        label=_("Baseline period"), required=False,
        help_text=_("The year (or month) savings and changes are measured against; only "
                    "periods with data are offered."))
    focus_areas = forms.MultipleChoiceField(
        label=_("Focus areas"), required=False, choices=FocusArea.choices,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Assessment
        fields = ["title", "kind", "scope", "boundary", "team", "gwp_set"]
        widgets = {"scope": forms.Textarea(attrs={"rows": 3}),
                   "boundary": forms.Textarea(attrs={"rows": 2}),
                   "team": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.company = company
        choice_field(self, "baseline").choices = [("", _("— none yet —"))] + [
            (label, label) for label in periods.periods_with_data(company)]
        self.fields["gwp_set"].help_text = _("The set of global warming potentials that weighs "
                                             "methane and nitrous oxide; always named.")
        choice_field(self, "gwp_set").choices = GwpChoice.choices

    def clean_baseline(self) -> Any:
        label = self.cleaned_data.get("baseline") or ""
        if not label:
            return None
        try:
            return periods.period_with_data(self.company, domain.ReportingPeriod.parse(label),
                                            "baseline")
        except DomainError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_focus_areas(self) -> list[str]:
        chosen = self.cleaned_data.get("focus_areas") or []
        return [code for code in FocusArea.values if code in chosen]

    def save(self, commit: bool = True) -> Assessment:
        assessment = super().save(commit=False)
        assessment.company = self.company
        assessment.baseline_period = self.cleaned_data.get("baseline")
        assessment.focus_areas = self.cleaned_data.get("focus_areas", [])
        if commit:
            assessment.save()
        return assessment


class OptionForm(forms.Form):
    """An option's inputs: the consultant's own option, or the inputs of a library one."""

    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    title_vi = forms.CharField(label=_("Title (Vietnamese)"), max_length=300, required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    investment_vnd = forms.DecimalField(
        label=_("Investment (VND)"), min_value=Decimal(0), max_digits=22, decimal_places=2,
        initial=Decimal(0))
    lifetime_years = forms.IntegerField(
        label=_("Lifetime (years)"), initial=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)])
    discount_rate_percent = forms.DecimalField(
        label=_("Discount rate (% per year)"), initial=Decimal(10), max_digits=6,
        decimal_places=2, min_value=Decimal(0), max_value=Decimal(100),
        # xgettext:no-python-format
        help_text=_("The company's borrowing rate or cost of capital; 10 % is a common "
                    "starting point in Vietnam, to be replaced by the company's own."))
    extra_om_vnd = forms.DecimalField(
        label=_("Extra operation and maintenance (VND/year)"), min_value=Decimal(0),
        max_digits=22, decimal_places=2, initial=Decimal(0))

    def __init__(self, *args: Any, categories: list[tuple[str, str]], own: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.own = own
        choice_field(self, "category").choices = [("", "—")] + categories
        if not own:  # a library option keeps the library's title, category and description
            for name in ("title_en", "title_vi", "category", "description"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        cleaned = cleaned_dict(super().clean())
        if self.own and not (cleaned.get("title_en") or cleaned.get("title_vi")):
            self.add_error("title_en", _("Give the option a title in English or Vietnamese."))
        if self.own and not cleaned.get("category"):
            self.add_error("category", _("Choose the category the option belongs to."))
        return cleaned


class SavingForm(forms.Form):
    """One resource the option saves per year: a flow of the company, how much, in what unit."""

    description = forms.ChoiceField(label=_("Flow saved"), required=False)
    quantity = forms.FloatField(
        label=_("Saved per year"), required=False,
        help_text=_("Negative when the option uses more of it (the biomass of a fuel switch)."))
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False)

    def __init__(self, *args: Any, flows: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "description").choices = [("", "—")] + [(name, name) for name in flows]

    def clean(self) -> dict[str, Any]:
        cleaned = cleaned_dict(super().clean())
        filled = [name for name in ("description", "quantity", "unit")
                  if cleaned.get(name) not in (None, "")]
        if filled and len(filled) < 3:
            for name in ("description", "quantity", "unit"):
                if name not in filled and name not in self.errors:
                    self.add_error(name, _("Give the flow, the quantity and its unit together, "
                                           "or leave all three empty."))
        return cleaned

    def entry(self) -> dict[str, Any] | None:
        """The saving as the option stores it; None for an empty row."""
        if not self.cleaned_data.get("description"):
            return None
        return {"description": self.cleaned_data["description"],
                "quantity": self.cleaned_data["quantity"], "unit": self.cleaned_data["unit"]}


def saving_forms(data: Any, flows: list[str], initial: list[dict[str, Any]]) -> list[SavingForm]:
    """SAVING_ROWS rows (more when the option already has more), prefixed saving-0 … saving-n."""
    count = max(SAVING_ROWS, len(initial) + 1)
    return [SavingForm(data, flows=flows, prefix="saving-{}".format(index),
                       initial=initial[index] if index < len(initial) else None)
            for index in range(count)]


def place_saving_error(error: DomainError, rows: list[SavingForm],
                       entries: list[int]) -> bool:
    """Put a service error about ``savings[i].part`` on the row it came from; ``entries`` maps
    the stored saving index to the form row. False when the error is not about a saving."""
    match = _SAVING_FIELD.match(error.field or "")
    if not match:
        return False
    index = int(match.group(1))
    if index >= len(entries):
        return False
    part = match.group(2) if match.group(2) in ("description", "quantity", "unit") else "quantity"
    rows[entries[index]].add_error(part, str(error))
    return True


class TransitionForm(forms.Form):
    status = forms.CharField(max_length=20)


class VerifyForm(forms.Form):
    before = forms.ChoiceField(label=_("Period before"))
    after = forms.ChoiceField(label=_("Period after"))

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(label, label) for label in periods.periods_with_data(company)]
        choice_field(self, "before").choices = choices
        choice_field(self, "after").choices = choices


class DashboardForm(forms.Form):
    """What the indicator dashboard shows; a bad value is named and the default used instead."""

    gwp = forms.ChoiceField(label=_("GWP set"), choices=GwpChoice.choices, required=False)
    granularity = forms.ChoiceField(
        label=_("Periods"), required=False,
        choices=[("month", _("months")), ("year", _("years"))])
    form = forms.ChoiceField(
        label=_("Ratio"), required=False,
        choices=[("intensity", _("intensity (use per output)")),
                 ("productivity", _("productivity (output per use)"))])
    denominator = forms.ChoiceField(label=_("Output"), required=False)
    period = forms.ChoiceField(label=_("Period shown"), required=False)
    baseline = forms.ChoiceField(label=_("Baseline period"), required=False)

    def __init__(self, data: Any, *, periods: list[str],
                 denominators: list[tuple[str, str]]) -> None:
        super().__init__(data)
        months = [label for label in periods if "-" in label]
        granularity = (data or {}).get("granularity")
        if granularity not in ("month", "year"):
            granularity = "month" if months else "year"
        shown = [label for label in periods if ("-" in label) == (granularity == "month")]
        choices = [(label, period_label(label)) for label in shown]
        choice_field(self, "period").choices = [("", _("— latest —")), *choices]
        choice_field(self, "baseline").choices = [("", _("— none —")), *choices]
        choice_field(self, "denominator").choices = denominators
        # no GWP set asked for: the park's, else the platform's (company_recp decides)
        self.defaults = {"gwp": "", "granularity": granularity, "form": "intensity",
                         "denominator": denominators[0][0] if denominators else "",
                         "period": shown[-1] if shown else "",
                         "baseline": shown[0] if len(shown) > 1 else ""}

    def choice(self, name: str) -> str:
        """The value asked for if it is valid, else the default (the error names the field)."""
        if self.is_bound:
            self.is_valid()  # cleaned_data keeps the fields that are valid
            value = self.cleaned_data.get(name)
            # an empty baseline is a choice ("none"); other empty fields take their default
            if value or (name == "baseline" and name in self.cleaned_data and name in self.data):
                return str(value or "")
        return str(self.defaults[name])
