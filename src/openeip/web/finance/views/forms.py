"""Forms of the finance pages; an error the core model finds comes back on the field it names."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from openeip.core.finance.lines import fact_catalogue
from openeip.core.finance.lines.screening import screening_questions
from openeip.web.finance.models import FinanceProject, LenderInstitution
from openeip.web.finance.services.lines import all_lines
from openeip.web.recp.models import AssessmentOption
from openeip.web.registry.models import Company
from openeip.web.symbiosis.models import Opportunity

#: facts a person states (the rest are computed from the project, the register and RECP data)
STATED_YES_NO = ("is_sme", "qualifies_for_bank_loan", "technology_change",
                 "environmental_licence", "appendix_i_project_type", "taxonomy_confirmed",
                 "vepf_lending_subject", "environmental_risk_screened")
STATED_SHARES = ("vietnamese_ownership_share", "loan_to_collateral")
_TRI = [("", _("not known")), ("yes", _("yes")), ("no", _("no"))]


class ProjectForm(forms.ModelForm):
    class Meta:
        model = FinanceProject
        fields = ["title", "technology", "line_id", "options", "exchanges", "investment_vnd",
                  "annual_savings_vnd", "om_vnd_per_yr", "lifetime_years", "depreciation_years",
                  "discount_rate", "loan_share", "loan_rate", "loan_years", "grace_years",
                  "repayment", "tax_rate", "inflation", "guarantee_share", "guarantee_fee_rate",
                  "grant_vnd"]
        widgets = {"technology": forms.Textarea(attrs={"rows": 3}),
                   "options": forms.CheckboxSelectMultiple,
                   "exchanges": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, company: Company, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.company = company
        self.fields["line_id"] = forms.ChoiceField(
            label=_("Finance line"), required=False,
            choices=[("", "–")] + [(line.id, line.title(language))
                                   for line in all_lines().values()])
        cast(forms.ModelMultipleChoiceField, self.fields["options"]).queryset = (
            AssessmentOption.objects.filter(assessment__company=company))
        cast(forms.ModelMultipleChoiceField, self.fields["exchanges"]).queryset = (
            Opportunity.objects.filter(supply__company=company)
            | Opportunity.objects.filter(demand__company=company)).distinct()
        for name in ("discount_rate", "loan_share", "loan_rate", "tax_rate", "inflation",
                     "guarantee_share", "guarantee_fee_rate"):
            self.fields[name].help_text = _("A fraction: 0.10 for 10 %.")
        catalogue = fact_catalogue()
        stated = (self.instance.facts or {}) if self.instance else {}
        for key in STATED_YES_NO:
            self.fields["fact_" + key] = forms.ChoiceField(
                label=catalogue[key].label()[language], choices=_TRI, required=False,
                initial=_tri(stated.get(key)), help_text=catalogue[key].evidence()[language])
        for key in STATED_SHARES:
            self.fields["fact_" + key] = forms.DecimalField(
                label=catalogue[key].label()[language], required=False, min_value=0,
                max_value=1, initial=_value(stated.get(key)),
                help_text=catalogue[key].evidence()[language])
        for question in screening_questions():
            self.fields["risk_" + question.id] = forms.ChoiceField(
                label=question.question(language), choices=_TRI, required=False,
                initial=_tri(stated.get("risk_" + question.id)))

    def stated_facts(self) -> dict[str, Any]:
        facts: dict[str, Any] = {}
        for key in STATED_YES_NO:
            answer = self.cleaned_data.get("fact_" + key)
            if answer:
                facts[key] = {"value": answer == "yes"}
        for key in STATED_SHARES:
            value = self.cleaned_data.get("fact_" + key)
            if value is not None:
                facts[key] = {"value": float(value)}
        for question in screening_questions():
            answer = self.cleaned_data.get("risk_" + question.id)
            if answer:
                facts["risk_" + question.id] = {"value": answer}
        return facts


def _value(stated: Any) -> Any:
    return stated.get("value") if isinstance(stated, dict) else stated


def _tri(stated: Any) -> str:
    value = _value(stated)
    if value is True or value == "yes":
        return "yes"
    if value is False or value == "no":
        return "no"
    return ""


class ShareForm(forms.Form):
    institution = forms.ModelChoiceField(queryset=LenderInstitution.objects.all(),
                                         label=_("Lender"))


class EvidenceForm(forms.Form):
    fact = forms.ChoiceField(label=_("Fact it proves"))
    file = forms.FileField(label=_("File"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["fact"]).choices = [(f.id, f.label()[language])
                                       for f in fact_catalogue().values()]


class LineImportForm(forms.Form):
    file = forms.FileField(label=_("Finance line file (.yaml or .xlsx)"))
