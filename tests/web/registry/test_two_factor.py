"""The optional second factor (TOTP) of admins and park managers: enrolment, the second step at
every sign-in path, and its refusal of wrong or replayed codes."""

from __future__ import annotations

import re
import time
from base64 import b32decode

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from tests.conftest import PASSWORD


def _code(key: bytes, steps_ahead: int = 0) -> str:
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return "{:06d}".format(totp.token())


@pytest.fixture
def enrolled(world):
    """park_manager with a confirmed device (its key returned)."""
    device = TOTPDevice.objects.create(user=world.users["park_manager"], name="test",
                                       confirmed=True)
    world.key = device.bin_key
    return world


def _signed_in(username):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize(("persona", "status"), [
    ("admin", 200), ("park_manager", 200), ("company_user", 403), ("consultant", 403)])
def test_admins_and_park_managers_may_enrol(world, client_as, persona, status):
    assert client_as(persona).get("/accounts/two-factor/").status_code == status


def test_enrolment_shows_a_qr_code_and_the_key_and_the_first_code_confirms_it(world):
    client = _signed_in("park_manager")
    page = client.get("/accounts/two-factor/").content.decode()
    assert "<svg" in page
    secret = re.search(r"<code>([A-Z2-7=]+)</code>", page).group(1)
    key = b32decode(secret)
    wrong = client.post("/accounts/two-factor/", {"code": "000000"})
    assert "not valid" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    client.post("/accounts/two-factor/", {"code": _code(key)})
    device = TOTPDevice.objects.get(user=world.users["park_manager"])
    assert device.confirmed
    # the session that enrolled counts as verified: no second step asked of it
    assert client.get("/parks/alpha/").status_code == 200


def test_a_password_alone_no_longer_opens_a_page(enrolled):
    client = _signed_in("park_manager")
    response = client.get("/parks/alpha/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/verify/?next=/parks/alpha/"
    assert client.get("/api/me/").status_code == 403   # a session request to the API
    wrong = client.post("/accounts/two-factor/verify/", {"code": "123456",
                                                         "next": "/parks/alpha/"})
    assert wrong.status_code == 200 and client.get("/parks/alpha/").status_code == 302
    # throttling: after a failure the device refuses even the right code for a moment
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    right = client.post("/accounts/two-factor/verify/", {"code": _code(enrolled.key),
                                                         "next": "/parks/alpha/"})
    assert right["Location"] == "/parks/alpha/"
    assert client.get("/parks/alpha/").status_code == 200


def test_the_admin_login_asks_for_the_second_step_too(enrolled):
    from openeip.web.registry.models import ParkManager

    user = enrolled.users["park_manager"]
    user.is_staff = True
    user.save()
    assert ParkManager.objects.filter(user=user).exists()
    client = Client()
    client.post("/admin/login/", {"username": "park_manager", "password": PASSWORD,
                                  "next": "/admin/"})
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(
        "/accounts/two-factor/verify/")


def test_a_code_is_not_accepted_twice(enrolled):
    code = _code(enrolled.key)
    first = _signed_in("park_manager")
    assert first.post("/accounts/two-factor/verify/", {"code": code})["Location"] == "/"
    second = _signed_in("park_manager")
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert second.post("/accounts/two-factor/verify/", {"code": code}).status_code == 200


def test_an_api_token_needs_the_code_as_well(enrolled):
    client = APIClient()
    without = client.post("/api/token/", {"username": "park_manager", "password": PASSWORD})
    assert without.status_code == 400 and "otp_token" in without.json()
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    with_code = client.post("/api/token/", {"username": "park_manager", "password": PASSWORD,
                                            "otp_token": _code(enrolled.key)})
    assert with_code.status_code == 200 and with_code.json()["token"]


def test_turning_it_off_needs_a_current_code(enrolled):
    client = _signed_in("park_manager")
    client.post("/accounts/two-factor/verify/", {"code": _code(enrolled.key)})
    client.post("/accounts/two-factor/", {"code": "000000"})
    assert TOTPDevice.objects.filter(confirmed=True).exists()
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    client.post("/accounts/two-factor/", {"code": _code(enrolled.key, steps_ahead=1)})
    assert not TOTPDevice.objects.exists()
    assert _signed_in("park_manager").get("/parks/alpha/").status_code == 200


def test_users_without_a_device_are_never_asked(world):
    assert _signed_in("company_user").get("/companies/").status_code == 200
