"""Forms of the training pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openeip.web.base.forms import cleaned_dict, model_choice_field
from openeip.web.registry.models import Company
from openeip.web.training.models import Course, Registration, Session


class SessionForm(forms.ModelForm):
    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")
    class Meta:
        model = Session
        fields = ["course", "starts_at", "ends_at", "mode", "venue", "online_url", "capacity"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
                   "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "course").queryset = Course.objects.filter(active=True)

    def clean(self) -> dict[str, Any]:
        data = cleaned_dict(super().clean())
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("A session must end after it starts."))
        if data.get("mode") in ("online", "hybrid") and not data.get("online_url"):
            self.add_error("online_url", _("An online or hybrid session needs its link."))
        return data


class RegistrationForm(forms.ModelForm):
    company = forms.ModelChoiceField(label=_("Company"), queryset=Company.objects.none(),
                                     required=False)

    class Meta:
        model = Registration
        fields = ["name", "email", "gender", "job_title"]

    def __init__(self, *args: Any, companies: Any, company_required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "company").queryset = companies
        self.fields["company"].required = company_required


class CheckinForm(forms.Form):
    email = forms.EmailField(label=_("The e-mail you registered with"))
    online = forms.BooleanField(label=_("I attend online"), required=False)


class QuizForm(forms.Form):
    email = forms.EmailField(label=_("The e-mail you registered with"))

    def __init__(self, *args: Any, questions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for index, question in enumerate(questions):
            self.fields["q{}".format(index)] = forms.TypedChoiceField(
                label=question.text, coerce=int, required=False, widget=forms.RadioSelect,
                choices=list(enumerate(question.choice_labels())))

    def answers(self) -> list[int | None]:
        return [self.cleaned_data.get("q{}".format(index)) if
                self.cleaned_data.get("q{}".format(index)) != "" else None
                for index in range(len(self.questions))]


class FeedbackForm(forms.Form):
    email = forms.EmailField(label=_("The e-mail you registered with"))
    rating = forms.TypedChoiceField(label=_("How useful was the session?"), coerce=int,
                                    widget=forms.RadioSelect, choices=[
                                        (1, _("1 – not useful")), (2, "2"), (3, "3"), (4, "4"),
                                        (5, _("5 – very useful"))])
    comment = forms.CharField(label=_("Comment"), required=False, max_length=3000,
                              widget=forms.Textarea(attrs={"rows": 3}))
