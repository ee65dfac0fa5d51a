"""Small typed helpers for Django forms shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's choice field ``name`` (to set its choices at run time), checked to be one."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError("{} is not a choice field".format(name))
    return field


def error_text(form: forms.BaseForm) -> str:
    """A form's errors in one line: 'field: message message; field: …'."""
    return "; ".join("{}: {}".format(field, " ".join(str(e) for e in errors))
                     for field, errors in form.errors.items())


def cleaned_dict(data: dict[str, Any] | None) -> dict[str, Any]:
    """``super().clean()``'s result, which the stubs allow to be None, as a dict."""
    return data if data is not None else {}


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's model choice field ``name`` (to narrow its rows at run time)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError("{} is not a model choice field".format(name))
    return field
