"""Fuels from words on the import page: the descriptions' fuel codes are offered, never applied
until the user accepts them; accepting imports the same file again with those codes.

A3 burns 2 t of 'Than cám 4a' in February and 3 t in March, and 1,000 L of 'Dầu DO' in
February, with no fuel code (the Flows sheet of tests/web/test_intake_web.py has no
classification_code column). By hand: 5 t × 26.7 MJ/kg = 133,500 MJ = 37.083 MWh of anthracite;
1 m³ × 840 kg/m³ × 43.0 MJ/kg = 36,120 MJ = 10.033 MWh of diesel.
"""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from openeip.web.intake.models import ImportJob
from openeip.web.registry.models import ResourceFlow
from tests.conftest import PERSONAS
from tests.web.intake.test_intake_web import A3, upload, workbook
from tests.web.intake.test_intake_web import text as tagless

COAL_FEB = ["A3", "2024-02", "input", "energy", "Than cám 4a", 2, "t", None, None, "supplier"]
COAL_MAR = ["A3", "2024-03", "input", "energy", "Than cám 4a", 3, "t", None, None, "supplier"]
OIL_FEB = ["A3", "2024-02", "input", "energy", "Dầu DO", 1000, "L", None, None, "supplier"]
FUELS = workbook(companies=[A3], flows=[COAL_FEB, COAL_MAR, OIL_FEB])
SUGGESTED = [
    {"description": "Than cám 4a", "code": "anthracite", "word": "than cám", "rows": 2},
    {"description": "Dầu DO", "code": "diesel", "word": "dầu do", "rows": 1},
]


def text(response) -> str:
    """What a person reads: no tags, entities decoded ('&#x27;' is an apostrophe)."""
    return html.unescape(tagless(response))


def _accept_url(job: ImportJob) -> str:
    return reverse("intake:job-accept-fuels", args=[job.pk])


@pytest.fixture
def failed(client_as, world):
    response = upload(client_as("park_manager"), FUELS)
    return response, ImportJob.objects.get()


def test_the_import_fails_offering_the_fuels_the_descriptions_name(failed):
    response, job = failed
    assert job.status == ImportJob.Status.FAILED
    assert job.result == {"suggested_fuels": SUGGESTED}
    assert [p["suggestion"] for p in job.problems] == [
        {"column": "classification_code", "value": "anthracite", "word": "than cám"},
        {"column": "classification_code", "value": "anthracite", "word": "than cám"},
        {"column": "classification_code", "value": "diesel", "word": "dầu do"}]
    page = text(response)
    assert ("Fuel code missing; the description 'Than cám 4a' suggests 'anthracite' "
            "(Anthracite), from the word 'than cám'.") in page
    assert "Than cám 4a anthracite (Anthracite) ‘than cám’ 2" in page
    assert "Dầu DO diesel (Gas/diesel oil (DO)) ‘dầu do’ 1" in page
    assert 'action="{}"'.format(_accept_url(job)) in response.content.decode()
    assert not ResourceFlow.objects.filter(company__code="A3").exists()  # never silently


def test_accepting_imports_the_file_again_with_the_suggested_codes(client_as, failed):
    _response, job = failed
    response = client_as("park_manager").post(_accept_url(job))

    again = ImportJob.objects.exclude(pk=job.pk).get()
    assert response.status_code == 302 and response["Location"] == again.get_absolute_url()
    assert again.accept_suggested_fuels and again.status == ImportJob.Status.SUCCEEDED
    assert again.result["accepted_fuels"] == SUGGESTED
    flows = ResourceFlow.objects.filter(company__code="A3")
    assert sorted(flows.values_list("classification_code", flat=True)) == [
        "anthracite", "anthracite", "diesel"]
    page = text(client_as("park_manager").get(again.get_absolute_url()))
    assert "Fuel codes taken from the descriptions, as you accepted" in page
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED  # the first job stays as it was


def test_the_accepted_fuels_give_the_energy_by_hand(client_as, failed):
    client_as("park_manager").post(_accept_url(failed[1]))
    total: dict[str, float] = {}
    for flow in ResourceFlow.objects.filter(company__code="A3"):
        assert flow.base_unit == "MWh"
        total[flow.description] = total.get(flow.description, 0) + flow.base_quantity
    assert total == {"Than cám 4a": pytest.approx(133_500 / 3_600),
                     "Dầu DO": pytest.approx(36_120 / 3_600)}


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - {"admin", "park_manager", "anonymous"}))
def test_only_those_who_see_the_job_may_accept(client_as, failed, persona):
    _response, job = failed
    response = client_as(persona).post(_accept_url(job))
    assert response.status_code == 404
    assert ImportJob.objects.count() == 1


def test_an_anonymous_visitor_is_sent_to_log_in_and_a_get_is_refused(client_as, failed):
    _response, job = failed
    client = client_as("park_manager")
    assert client.get(_accept_url(job)).status_code == 405
    client.logout()
    assert client.post(_accept_url(job))["Location"].startswith("/accounts/login/")
    assert ImportJob.objects.count() == 1


def test_a_job_without_suggestions_is_not_run_again(client_as, world):
    bad = ["A3", "2024-02", "input", "energy", "Nhiên liệu", 2, "t", None, None, "supplier"]
    upload(client_as("park_manager"), workbook(companies=[A3], flows=[bad]))
    job = ImportJob.objects.get()
    assert job.result == {}
    response = client_as("park_manager").post(_accept_url(job))
    assert response["Location"] == job.get_absolute_url()
    assert ImportJob.objects.count() == 1


def test_the_suggestions_are_told_in_vietnamese(client_as, world):
    client = client_as("park_manager")
    client.cookies["django_language"] = "vi"
    response = upload(client, FUELS)
    page = text(response)
    assert ("Thiếu mã nhiên liệu; mô tả 'Than cám 4a' gợi ý 'anthracite' (Than antraxit), theo "
            "từ 'than cám'.") in page
    assert "Mã nhiên liệu do mô tả gợi ý" in page
    assert "Chấp nhận nhiên liệu được gợi ý và nhập lại" in page
