"""Optional second factor (TOTP, django-otp) for admins and park managers.

* :func:`enrol` (``/accounts/two-factor/``): a new secret shown as a QR code and as text; the
  first code from the authenticator app confirms it. Turning it off needs a current code.
* :class:`RequireSecondFactor` (middleware): a signed-in user with a confirmed device whose
  session has not passed the second step is sent to :func:`verify` from every page — the
  admin's included — and answered 403 under /api/ (session requests); only the verify page,
  logging out, static files and the language switch stay open.
* ``POST /api/token/`` asks such a user for ``otp_token`` as well (see ``api.tokens``).

Wrong codes are slowed down by django-otp's throttling (each failure doubles the wait) and a code
is never accepted twice.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openeip.web.registry.account_flags import account_flags

OPEN_PATHS = ("/accounts/two-factor/verify/", "/accounts/logout/", "/static/", "/i18n/",
              "/admin/logout/")


def may_enrol(user: Any) -> bool:
    from openeip.web.registry.models import ParkManager

    return bool(user.is_authenticated and (
        user.is_superuser or user.is_staff
        or ParkManager.objects.filter(user=user).exists()))


def confirmed_device(user: Any) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def check_code(user: Any, code: str) -> bool:
    """Is ``code`` a valid, unused code of the user's confirmed device?"""
    device = confirmed_device(user)
    return bool(device is not None and device.verify_token((code or "").strip()))


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Six-digit code"), max_length=8,
                           widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                         "autocomplete": "one-time-code"}))


def _next(request: HttpRequest) -> str:
    asked = request.POST.get("next") or request.GET.get("next") or ""
    if asked.startswith("/") and url_has_allowed_host_and_scheme(
            asked, allowed_hosts={request.get_host()}):
        return asked
    return reverse("home")


def _qr_svg(url: str) -> str:
    import segno

    return str(segno.make(url, error="m").svg_inline(scale=4, dark="#1b1b1b"))


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    from base64 import b32encode

    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not may_enrol(request.user):
        raise PermissionDenied
    user: Any = request.user
    form = CodeForm(request.POST or None)
    device = confirmed_device(user)
    if device is not None:
        if request.method == "POST" and form.is_valid():
            if device.verify_token(form.cleaned_data["code"].strip()):
                TOTPDevice.objects.filter(user=user).delete()
                request.session.pop("otp_device_id", None)
                return redirect("two_factor")
            form.add_error("code", _("That code is not valid; try the current one."))
        return render(request, "registration/two_factor.html", {"enabled": True, "form": form})
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if pending is None:
        pending = TOTPDevice.objects.create(user=user, name="OpenEIP", confirmed=False)
    if request.method == "POST" and form.is_valid():
        if pending.verify_token(form.cleaned_data["code"].strip()):
            pending.confirmed = True
            pending.save(update_fields=["confirmed"])
            otp_login(request, pending)
            return redirect("two_factor")
        form.add_error("code", _("That code is not valid; check the phone's clock and try the "
                                 "current code."))
    return render(request, "registration/two_factor.html", {
        "enabled": False, "form": form,
        "secret": b32encode(pending.bin_key).decode(),
        "qr": mark_safe(_qr_svg(pending.config_url)),  # noqa: S308 — SVG made by segno
    })


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    from django_otp import login as otp_login

    device = confirmed_device(request.user)
    if device is None or request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("That code is not valid; try the current one."))
    return render(request, "registration/two_factor_verify.html",
                  {"form": form, "next": _next(request)})


class RequireSecondFactor:
    """After django_otp's OTPMiddleware: no page for a session that still owes its code."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and not user.is_verified()
                and not request.path.startswith(OPEN_PATHS)
                and account_flags(request)["two_factor"]):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("Enter your second-factor code first.")},
                                    status=403)
            return redirect("{}?next={}".format(reverse("two_factor_verify"),
                                                request.get_full_path()))
        response: HttpResponse = self.get_response(request)
        return response
