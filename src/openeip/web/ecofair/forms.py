"""Forms of the Eco-Fair pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openeip.web.ecofair.models import (
    Batch,
    BuyerRequest,
    Certificate,
    CertifiedProduct,
    EnquiryKind,
    Showcase,
    TraceStep,
    scheme_choices,
)
from openeip.web.registry.models import Company

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = (".pdf", ".png", ".jpg", ".jpeg")


class ProductForm(forms.ModelForm):
    class Meta:
        model = CertifiedProduct
        fields = ["name_en", "name_vi", "description", "product_group", "unit",
                  "quantity_per_year", "listed", "published"]


class CertificateForm(forms.ModelForm):
    valid_from = forms.DateField(label=_("valid from"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(label=_("valid until"),
                                  widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = Certificate
        fields = ["product", "scheme", "number", "issuer", "scope", "valid_from", "valid_until",
                  "evidence"]

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = CertifiedProduct.objects.filter(  # type: ignore[attr-defined]
            company=company)

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data.get("evidence")
        if upload and hasattr(upload, "size"):
            if upload.size > MAX_EVIDENCE_BYTES:
                raise forms.ValidationError(_("The file is larger than 10 MB."))
            if not upload.name.lower().endswith(EVIDENCE_TYPES):
                raise forms.ValidationError(_("Upload a PDF, PNG or JPEG file."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end of validity is before its start."))
        return data


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(label=_("checked with the issuer"), choices=[
        ("verified", _("verified")), ("revoked", _("revoked")), ("pending", _("not yet verified"))])
    note = forms.CharField(label=_("how it was checked"), max_length=300, required=False)


class RequestForm(forms.ModelForm):
    schemes = forms.MultipleChoiceField(
        label=_("certifications wanted"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=scheme_choices)
    deadline = forms.DateField(label=_("wanted by"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = BuyerRequest
        fields = ["company", "title", "description", "schemes", "quantity", "unit", "deadline"]

    def __init__(self, *args: Any, companies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies  # type: ignore[attr-defined]


class EnquiryForm(forms.Form):
    buyer = forms.ModelChoiceField(label=_("on behalf of"), queryset=Company.objects.none())
    kind = forms.ChoiceField(label=_("kind"), choices=EnquiryKind.choices)
    quantity = forms.FloatField(label=_("quantity"), required=False, min_value=0)
    value_vnd = forms.DecimalField(label=_("indicative value (VND)"), required=False,
                                   min_value=0, decimal_places=0)
    message = forms.CharField(label=_("message"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)


class ShowcaseForm(forms.ModelForm):
    class Meta:
        model = Showcase
        fields = ["published", "intro_en", "intro_vi", "show_services", "show_eip_status"]


class BatchForm(forms.ModelForm):
    produced_on = forms.DateField(label=_("produced on"),
                                  widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = Batch
        fields = ["product", "code", "produced_on", "quantity", "published"]

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = CertifiedProduct.objects.filter(  # type: ignore[attr-defined]
            company=company)


class StepForm(forms.ModelForm):
    on = forms.DateField(label=_("when"), required=False,
                         widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = TraceStep
        fields = ["batch", "position", "role", "actor", "location", "on", "certificate",
                  "certificate_reference"]

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["batch"].queryset = Batch.objects.filter(company=company)  # type: ignore[attr-defined]
        self.fields["certificate"].queryset = Certificate.objects.filter(  # type: ignore[attr-defined]
            company=company)
