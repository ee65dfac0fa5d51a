"""Forms of the registry pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openeip.core import catalogues
from openeip.web.base.forms import choice_field
from openeip.web.base.labels import kind_label


class FlowFilterForm(forms.Form):
    """Narrow a company's flow table to one kind and/or one reporting period."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    period = forms.ChoiceField(label=_("Period"), required=False)

    def __init__(self, data: Any, periods: list[tuple[int, str]]) -> None:
        super().__init__(data)
        choice_field(self, "kind").choices = [("", _("All kinds"))] + [
            (code, kind_label(code)) for code in catalogues.flow_kinds()]
        choice_field(self, "period").choices = [("", _("All periods"))] + [
            (str(pk), label) for pk, label in periods]

    def filters(self) -> dict[str, Any]:
        """Query filters for the valid choices; an invalid form filters nothing."""
        if not self.is_valid():
            return {}
        chosen = {"kind": self.cleaned_data["kind"], "period_id": self.cleaned_data["period"]}
        return {name: value for name, value in chosen.items() if value}
