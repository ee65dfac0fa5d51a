"""Login throttling on every path that checks a password, API tokens that expire and die with
the password, consultants' grants limited to their days.

Ten wrong passwords for one account (from any addresses), or from one address (for any
accounts), lock it for AXES_COOLOFF_TIME on /accounts/login/, /admin/login/ and /api/token/
alike; the right password is then refused too (429) until the lock lapses.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from openeip.web.registry.models import ConsultantGrant
from tests.conftest import PASSWORD

LIMIT = 10


def _form_login(path):
    def attempt(username, password, address="10.0.0.1"):
        client = Client(REMOTE_ADDR=address)
        response = client.post(path, {"username": username, "password": password,
                                      "next": "/"})
        signed_in = "_auth_user_id" in client.session
        return response.status_code, signed_in
    return attempt


def _token_login(username, password, address="10.0.0.1"):
    response = APIClient(REMOTE_ADDR=address).post(
        "/api/token/", {"username": username, "password": password})
    return response.status_code, response.status_code == 200 and "token" in response.json()


PATHS = {
    "accounts": _form_login("/accounts/login/"),
    "admin": _form_login("/admin/login/"),
    "api-token": _token_login,
}


@pytest.mark.parametrize("path", sorted(PATHS))
def test_ten_wrong_passwords_lock_the_account_on_every_path(world, path):
    attempt = PATHS[path]
    for number in range(LIMIT - 1):
        status, signed_in = attempt("admin", "wrong", "10.0.1.{}".format(number))
        assert not signed_in and status != 429
    status, signed_in = attempt("admin", "wrong", "10.0.1.99")
    assert status == 429 and not signed_in
    # the right password, from an address never seen, is refused while the lock lasts
    status, signed_in = attempt("admin", PASSWORD, "10.0.2.1")
    assert status == 429 and not signed_in


@pytest.mark.parametrize("path", sorted(PATHS))
def test_nine_wrong_passwords_do_not_lock(world, path):
    attempt = PATHS[path]
    for _number in range(LIMIT - 1):
        attempt("admin", "wrong")
    assert attempt("admin", PASSWORD)[1]


@pytest.mark.parametrize("path", sorted(PATHS))
def test_ten_failures_from_one_address_lock_that_address_for_every_account(world, path):
    attempt = PATHS[path]
    for number in range(LIMIT):
        attempt("nobody-{}".format(number), "wrong", "10.0.3.3")
    assert attempt("admin", PASSWORD, "10.0.3.3") == (429, False)
    assert attempt("admin", PASSWORD, "10.0.3.4")[1]   # the account itself is not locked


def test_the_lock_lapses_after_the_cool_off(world, settings):
    from axes.models import AccessAttempt

    attempt = PATHS["accounts"]
    for _number in range(LIMIT):
        attempt("admin", "wrong")
    assert attempt("admin", PASSWORD) == (429, False)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(
            minutes=1))
    assert attempt("admin", PASSWORD)[1]


def test_the_lockout_page_is_translated(world):
    for _number in range(LIMIT):
        Client(REMOTE_ADDR="10.0.4.4").post("/accounts/login/",
                                            {"username": "admin", "password": "wrong"})
    response = Client(REMOTE_ADDR="10.0.4.4", HTTP_ACCEPT_LANGUAGE="vi").post(
        "/accounts/login/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()


# --- API tokens --------------------------------------------------------------------------------

def _token(username="company_user"):
    response = APIClient().post("/api/token/", {"username": username, "password": PASSWORD})
    assert response.status_code == 200
    return response.json()["token"]


def _me(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + key)
    return client.get("/api/me/").status_code


def test_a_token_expires_after_its_lifetime_and_a_new_one_is_handed_out(world, settings):
    key = _token()
    assert _me(key) == 200
    Token.objects.filter(key=key).update(
        created=timezone.now() - settings.API_TOKEN_LIFETIME - datetime.timedelta(seconds=1))
    assert _me(key) == 401
    fresh = _token()
    assert fresh != key and _me(fresh) == 200


def test_the_token_lifetime_is_configurable(world, settings):
    settings.API_TOKEN_LIFETIME = datetime.timedelta(hours=1)
    key = _token()
    Token.objects.filter(key=key).update(created=timezone.now() - datetime.timedelta(hours=2))
    assert _me(key) == 401


def test_a_password_change_revokes_the_tokens(world):
    key = _token()
    client = Client()
    client.force_login(world.users["company_user"])
    response = client.post("/accounts/password_change/", {
        "old_password": PASSWORD, "new_password1": "a-new-long-passphrase-1",
        "new_password2": "a-new-long-passphrase-1"})
    assert response.status_code == 302
    assert _me(key) == 401 and not Token.objects.filter(user=world.users["company_user"])


def test_a_password_reset_revokes_the_tokens(world):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = world.users["company_user"]
    key = _token()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    client = Client()
    start = client.get("/accounts/reset/{}/{}/".format(uid, default_token_generator.make_token(
        user)))
    assert start.status_code == 302   # to the set-password form, the token kept in the session
    done = client.post(start["Location"], {"new_password1": "a-new-long-passphrase-2",
                                           "new_password2": "a-new-long-passphrase-2"})
    assert done.status_code == 302
    assert _me(key) == 401


def test_saving_a_user_without_a_new_password_keeps_the_tokens(world):
    key = _token()
    user = world.users["company_user"]
    user.first_name = "Lan"
    user.save()
    assert _me(key) == 200


# --- consultants' grants -------------------------------------------------------------------------

def test_a_grant_is_in_force_from_its_first_to_its_last_day(world):
    grant = ConsultantGrant.objects.get(consultant=world.users["consultant"])
    grant.starts_on, grant.ends_on = datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
    grant.save()
    in_force = ConsultantGrant.objects.active
    assert not in_force(datetime.date(2026, 2, 28)).filter(pk=grant.pk).exists()
    assert in_force(datetime.date(2026, 3, 1)).filter(pk=grant.pk).exists()
    assert in_force(datetime.date(2026, 3, 31)).filter(pk=grant.pk).exists()
    assert not in_force(datetime.date(2026, 4, 1)).filter(pk=grant.pk).exists()
    assert grant.days_left(datetime.date(2026, 3, 31)) == 1
    assert grant.expiring(datetime.date(2026, 3, 2)) and not grant.expiring(
        datetime.date(2026, 4, 1))


@pytest.mark.parametrize(("persona", "companies"), [
    ("consultant", ["A1"]), ("consultant_expired", []), ("consultant_not_started", []),
    ("consultant_revoked", []),
])
def test_only_a_grant_in_force_reaches_the_company(world, api, persona, companies):
    from openeip.web.registry.models import Company

    user = world.users[persona]
    assert list(Company.objects.for_user(user).values_list("code", flat=True)) == companies
    me = api(persona).get("/api/me/").json()
    assert [g["company"]["code"] for g in me["grants"]] == companies
    assert api(persona).get("/api/companies/{}/".format(world.a1.pk)).status_code == (
        200 if companies else 404)


def test_a_grant_cannot_end_before_it_starts(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultantGrant.objects.create(company=world.a1, consultant=world.users["consultant"],
                                       starts_on=datetime.date(2026, 5, 2),
                                       ends_on=datetime.date(2026, 5, 1))
