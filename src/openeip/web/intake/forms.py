"""The upload form: which park, which file."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openeip.web.intake.services import uploads
from openeip.web.intake.services.scope import import_scope, importable_parks
from openeip.web.registry.models import Company, Park

#: the interchange format's file types (docs/interchange-format.md)
ACCEPTED_SUFFIXES = (".xlsx", ".csv", ".json")


class ParkChoiceField(forms.ModelChoiceField):
    def __init__(self, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(queryset=importable_parks(user).order_by("slug"), **kwargs)

    def label_from_instance(self, obj: Park) -> str:
        # A company user sees for which of their companies they may import into this park.
        scope = import_scope(self.user, obj)
        if scope is None:
            return "{} ({})".format(obj.name, obj.slug)
        names = Company.objects.filter(park=obj, code__in=scope).order_by("code")
        return "{} — {}".format(obj.name, ", ".join(company.name for company in names))


class ImportForm(forms.Form):
    park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("Park"))
    file = forms.FileField(
        label=_("File"),
        help_text=_("The filled-in collection workbook (.xlsx), or a CSV or JSON file in the "
                    "same format."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["park"] = ParkChoiceField(user, label=_("Park"), empty_label=None)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError(
                _("'{name}' is not a file OpenEIP reads; upload an .xlsx workbook, a .csv or a "
                  ".json file.").format(name=upload.name))
        if uploads.is_too_large(upload.size):
            raise forms.ValidationError(uploads.too_large_message(upload.name, upload.size))
        return upload
