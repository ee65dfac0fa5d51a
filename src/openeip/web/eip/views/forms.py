"""Forms of the EIP pages; the services validate the values through core."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openeip.core.eip.model import Edition
from openeip.web.base.forms import choice_field
from openeip.web.eip.models import PlanAction
from openeip.web.eip.views import present

EVIDENCE_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "gif", "webp", "doc", "docx", "xls", "xlsx",
                       "odt", "ods", "csv", "txt", "zip"]
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
YES_NO = [("", _("— (a number instead)")), ("yes", _("yes")), ("no", _("no"))]


class EvidenceForm(forms.Form):
    criterion_id = forms.ChoiceField(label=_("Criterion"))
    value_bool = forms.ChoiceField(label=_("Met (yes/no criteria)"), choices=YES_NO,
                                   required=False)
    value_number = forms.DecimalField(label=_("Value (share or quantity criteria)"),
                                      required=False, max_digits=20, decimal_places=4)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False)
    file = forms.FileField(
        label=_("File (report, permit, photo)"), required=False,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)],
        help_text=_("PDF, image, office document, text or ZIP; at most 20 MB."))
    as_of = forms.DateField(label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}))
    target_year = forms.IntegerField(
        label=_("Target year"), required=False, min_value=1900, max_value=2200,
        help_text=_("Only for an intended value: the year the park means to reach it."))

    def __init__(self, edition: Edition, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "criterion_id").choices = [
            (criterion.id,
             "{} — {}".format(criterion.id, present.bilingual(criterion, "text")[:90]))
            for criterion in edition.criteria
        ]
        self.fields["as_of"].initial = timezone.localdate()

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload

    def bool_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("value_bool") or "")


class ActionForm(forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["status", "owner", "deadline"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}


class ProfileForm(forms.Form):
    new_eip = forms.BooleanField(
        label=_("Built as a new eco-industrial park (Decree 35/2022 Art. 38)"), required=False)
    established = forms.DateField(label=_("Established"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))


class EditionImportForm(forms.Form):
    file = forms.FileField(label=_("Edition file (.yaml or .xlsx)"))
