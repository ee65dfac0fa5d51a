"""A person without an account files a grievance and follows it by its code alone."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from openeip.web.community.models import Complainant, Grievance, Stage
from openeip.web.registry.models import AuditEntry
from tests.web.community.helpers import COMPLAINANT, a1_case

pytestmark = pytest.mark.django_db


def _form(world, **extra):
    return {"park": world.alpha.pk, "kind": "community", "category": "noise",
            "severity": "medium", "description": "Loud compressors after 22:00.",
            "company_named": "the dyeing mill", "location": "Hamlet 3", "name": "Trần Văn B",
            "phone": "0987 000 111", **extra}


def _file(client, world, **extra):
    response = client.post("/grievance/", _form(world, **extra))
    assert response.status_code == 302, response.content[:2000]
    page = client.get(response["Location"])
    code = re.search(rb'<p class="tracking-code"><strong>([0-9A-Z]+)</strong>', page.content)
    return page, code.group(1).decode()


def test_the_public_form_speaks_vietnamese_first(world):
    response = Client().get("/grievance/")
    assert response.status_code == 200
    assert b'<html lang="vi">' in response.content
    english = Client()
    english.cookies["django_language"] = "en"
    assert b'<html lang="en">' in english.get("/grievance/").content


def test_anyone_files_a_grievance_and_follows_it_by_its_code(world):
    client = Client()
    page, code = _file(client, world)
    grievance = Grievance.objects.get(code=code)
    assert len(code) == 16 and grievance.stage == Stage.RECEIVED
    assert grievance.due_at == grievance.received_at + __import__("datetime").timedelta(days=10)
    assert Complainant.objects.get(grievance=grievance).name == "Trần Văn B"
    # the code is shown once: the page does not show it again
    assert client.get("/grievance/filed/").status_code == 302
    followed = Client().post("/grievance/follow/", {"code": code.lower()[:4] + "-" + code[4:]})
    assert followed.status_code == 200
    assert b"Loud compressors" not in followed.content       # only the status
    assert b"Tr\xe1\xba\xa7n" not in followed.content        # nor who complained
    assert "dl" in followed.content.decode()


def test_an_unknown_code_reveals_nothing(world):
    response = Client().post("/grievance/follow/", {"code": "ABCDEFGHJKMNPQRS"})
    assert response.status_code == 200
    assert b"<dl>" not in response.content


def test_an_anonymous_grievance_keeps_no_identity(world):
    _page, code = _file(Client(), world, anonymous="on")
    grievance = Grievance.objects.get(code=code)
    assert grievance.anonymous and not Complainant.objects.filter(grievance=grievance).exists()


def test_the_form_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/grievance/", _form(world)).status_code == 403


def test_a_robot_filling_the_hidden_field_files_nothing(world):
    response = Client().post("/grievance/", _form(world, website="http://spam"))
    assert response.status_code == 200 and not Grievance.objects.exists()


def test_an_address_sending_too_many_is_told_to_wait(world):
    client = Client()
    for _ in range(10):
        assert client.post("/grievance/", _form(world)).status_code == 302
    assert client.post("/grievance/", _form(world)).status_code == 429
    assert Grievance.objects.count() == 10


def test_the_complainant_confirms_or_appeals_a_resolution(world):
    from openeip.web.community.services import workflow

    grievance = a1_case(world)
    manager = world.users["park_manager"]
    for stage in ("acknowledged", "investigating"):
        workflow.transition(grievance, stage, manager)
    workflow.transition(grievance, "resolved", manager, resolution="Filter fitted.")
    response = Client().post("/grievance/follow/", {"code": grievance.code, "answer": "appeal"})
    assert response.status_code == 200
    grievance.refresh_from_db()
    assert (grievance.stage, grievance.level) == ("appealed", 1)
    assert grievance.escalations.get().reason == "appeal"
    workflow.transition(grievance, "investigating", manager)
    workflow.transition(grievance, "resolved", manager, resolution="Stack raised.")
    Client().post("/grievance/follow/", {"code": grievance.code, "answer": "confirm"})
    grievance.refresh_from_db()
    assert grievance.stage == "closed" and grievance.confirmed_by_complainant


def test_the_audit_trail_never_holds_the_code_or_the_identity(world):
    grievance = a1_case(world)
    text = str(list(AuditEntry.objects.values_list("object_key", "changes", "company_id")))
    assert grievance.code not in text and COMPLAINANT not in text
    assert AuditEntry.objects.filter(object_type="grievance", company__isnull=False).count() == 0


def test_public_statistics_hide_small_counts(world):
    for _ in range(7):
        a1_case(world, category="odour", received_at=__import__("django.utils.timezone",
                                                                fromlist=["now"]).now())
    for _ in range(2):
        a1_case(world, category="noise",
                received_at=__import__("django.utils.timezone", fromlist=["now"]).now())
    response = Client().get("/grievance/statistics/?lang=en")
    body = response.content.decode()
    assert response.status_code == 200 and "Park alpha" in body
    # noise (2) hidden, and odour (7) with it: with the total (9) shown it would give noise away
    assert '<th scope="row">noise</th><td class="n">–</td>' in body
    assert '<th scope="row">odour</th><td class="n">–</td>' in body
    assert '<th scope="row">dust</th><td class="n">0</td>' in body
    assert "Company A1" not in body and "Gate 2" not in body
