from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest


def form_errors(request: HttpRequest, form: Any) -> None:
    messages.error(request, "; ".join(
        "{}: {}".format(form.fields[name].label if name in form.fields else "", " ".join(errors))
        for name, errors in form.errors.items()))
