"""The park's handlers, the company concerned and the API; escalation with a frozen clock."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.management import call_command

from openeip.web.community.models import Escalation, Grievance
from openeip.web.community.services import workflow
from openeip.web.community.services.escalation import escalate_overdue
from tests.web.community.helpers import COMPLAINANT, PHONE, T0, a1_case

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def test_the_park_manager_sees_the_case_and_who_complained(world, client_as):
    grievance = a1_case(world)
    client = client_as("park_manager")
    listing = client.get("/parks/alpha/grievances/?show=all")
    assert listing.status_code == 200 and "#{}".format(grievance.pk) in listing.content.decode()
    page = client.get("/parks/alpha/grievances/{}/".format(grievance.pk))
    assert COMPLAINANT in page.content.decode() and PHONE in page.content.decode()
    assert grievance.code not in page.content.decode()


def test_worker_grievances_are_listed_apart(world, client_as):
    community = a1_case(world)
    worker = a1_case(world, kind="worker", category="labour")
    client = client_as("park_manager")
    first = client.get("/parks/alpha/grievances/").content.decode()
    second = client.get("/parks/alpha/grievances/?kind=worker").content.decode()
    assert "#{}<".format(community.pk) in first and "#{}<".format(worker.pk) not in first
    assert "#{}<".format(worker.pk) in second and "#{}<".format(community.pk) not in second


def test_the_company_answers_without_learning_who_complained(world, client_as):
    grievance = a1_case(world)
    client = client_as("company_user")
    url = "/companies/{}/grievances/{}/".format(world.a1.pk, grievance.pk)
    page = client.get(url).content.decode()
    assert "Solvent odour at night" in page
    for secret in (COMPLAINANT, PHONE, grievance.code, "every night near gate 2"):
        assert secret not in page
    response = client.post(url, {"text": "We will fit a carbon filter."})
    assert response.status_code == 302
    assert grievance.answers.get().text == "We will fit a carbon filter."
    manager_page = client_as("park_manager").get(
        "/parks/alpha/grievances/{}/".format(grievance.pk)).content.decode()
    assert "carbon filter" in manager_page


def test_a_case_not_shared_is_not_shown_to_the_company(world, client_as):
    grievance = a1_case(world, shared=False)
    client = client_as("company_user")
    assert client.get("/companies/{}/grievances/{}/".format(
        world.a1.pk, grievance.pk)).status_code == 404
    assert "#{}".format(grievance.pk) not in client.get(
        "/companies/{}/grievances/".format(world.a1.pk)).content.decode()


def test_company_members_and_others_never_see_grievances_through_the_api(world, api):
    grievance = a1_case(world)
    assert api("anonymous").get("/api/grievances/").status_code == 401
    for persona in ("company_user", "other_company_user", "consultant"):
        response = api(persona).get("/api/grievances/")
        assert response.status_code == 200 and response.json()["count"] == 0
        assert api(persona).get("/api/grievances/{}/".format(grievance.pk)).status_code == 404
    listed = api("park_manager").get("/api/grievances/").json()
    assert listed["count"] == 1
    body = str(listed)
    assert COMPLAINANT not in body and PHONE not in body and grievance.code not in body


def test_the_workflow_refuses_a_skipped_step_and_a_resolution_without_text(world):
    from openeip.core.errors import DomainError

    grievance = a1_case(world)
    manager = world.users["park_manager"]
    with pytest.raises(DomainError):
        workflow.transition(grievance, "resolved", manager, resolution="x")
    workflow.transition(grievance, "acknowledged", manager)
    workflow.transition(grievance, "investigating", manager)
    with pytest.raises(DomainError) as raised:
        workflow.transition(grievance, "resolved", manager)
    assert raised.value.field == "resolution"
    with pytest.raises(DomainError):
        workflow.transition(grievance, "appealed", manager)  # only the complainant appeals


def test_a_missed_deadline_escalates_to_the_board_then_the_province(world):
    grievance = a1_case(world)                        # received T0, acknowledge within 10 days
    assert escalate_overdue(now=T0 + 10 * DAY) == []  # due exactly now: not yet missed
    first = escalate_overdue(now=T0 + 11 * DAY)
    assert [(row.from_level, row.to_level) for row in first] == [(0, 1)]
    grievance.refresh_from_db()
    assert grievance.level == 1 and grievance.due_at == T0 + 11 * DAY + 30 * DAY
    assert escalate_overdue(now=T0 + 40 * DAY) == []
    second = escalate_overdue(now=T0 + 42 * DAY)
    assert [(row.from_level, row.to_level) for row in second] == [(1, 2)]
    assert escalate_overdue(now=T0 + 400 * DAY) == []  # the province is the last level
    assert Escalation.objects.filter(grievance=grievance).count() == 2


def test_a_resolved_case_waiting_for_the_complainant_does_not_escalate(world):
    grievance = a1_case(world)
    manager = world.users["park_manager"]
    for stage in ("acknowledged", "investigating"):
        workflow.transition(grievance, stage, manager, now=T0 + DAY)
    workflow.transition(grievance, "resolved", manager, resolution="Done.", now=T0 + 2 * DAY)
    assert escalate_overdue(now=T0 + 100 * DAY) == []
    grievance.refresh_from_db()
    assert grievance.resolved_in_time is True


def test_the_command_escalates_on_the_frozen_clock(world, capsys):
    a1_case(world)
    with mock.patch("django.utils.timezone.now", return_value=T0 + 11 * DAY):
        call_command("escalate_grievances")
    assert "1 escalated" in capsys.readouterr().out
    assert Grievance.objects.get().level == 1


def test_the_deadline_cannot_exceed_thirty_days(world, client_as):
    client = client_as("park_manager")
    response = client.post("/parks/alpha/grievances/settings/", {
        "acknowledge_days": 5, "resolve_days": 45, "confirm_days": 10})
    assert response.status_code == 200 and "resolve_days" in str(response.context["form"].errors)
    response = client.post("/parks/alpha/grievances/settings/", {
        "acknowledge_days": 5, "resolve_days": 20, "confirm_days": 10})
    assert response.status_code == 302
    grievance = a1_case(world)
    assert grievance.due_at == T0 + 5 * DAY


def test_staff_enter_a_hotline_complaint(world, client_as):
    response = client_as("park_manager").post("/parks/alpha/grievances/new/", {
        "kind": "worker", "category": "safety", "severity": "high", "channel": "hotline",
        "description": "No guard on the press.", "company": world.a1.pk, "name": "Lê C"})
    assert response.status_code == 302
    grievance = Grievance.objects.get()
    assert (grievance.channel, grievance.company, grievance.created_by) == (
        "hotline", world.a1, world.users["park_manager"])


def test_grievances_feed_the_eip_indicator(world):
    from openeip.web.eip.services.indicators import gather_inputs

    assert gather_inputs(world.alpha, 2026).grievances_closed is None   # none recorded
    grievance = a1_case(world)
    manager = world.users["park_manager"]
    workflow.transition(grievance, "acknowledged", manager, now=T0 + DAY)
    workflow.transition(grievance, "investigating", manager, now=T0 + DAY)
    workflow.transition(grievance, "resolved", manager, resolution="ok", now=T0 + 40 * DAY)
    late = gather_inputs(world.alpha, 2026)
    assert (late.grievances_closed, late.grievances_closed_in_time) == (1, 0)


def test_the_hotspot_map_and_trends_are_for_handlers(world, client_as):
    a1_case(world)
    geo = client_as("park_manager").get("/parks/alpha/grievances/map.geojson").json()
    assert [f["geometry"]["coordinates"] for f in geo["features"]
            if f["properties"]["role"] == "tenant"] == [[106.85, 10.95]]
    assert client_as("company_user").get("/parks/alpha/grievances/map.geojson").status_code \
        == 404
    assert client_as("park_manager").get("/parks/alpha/grievances/trends/").status_code == 200


def test_sharing_a_case_tells_the_company_by_mail_without_its_content(world, client_as,
                                                                      mailoutbox):
    grievance = a1_case(world, shared=False)
    response = client_as("park_manager").post(
        "/parks/alpha/grievances/{}/".format(grievance.pk), {
            "company": world.a1.pk, "category": "odour", "severity": "high",
            "kind": "community", "summary_for_company": "Odour near gate 2.", "share": "on"})
    assert response.status_code == 302
    grievance.refresh_from_db()
    assert grievance.shared_at is not None
    assert [m.to for m in mailoutbox] == [["company_user@example.org"]]
    body = mailoutbox[0].body
    assert "/companies/{}/grievances/{}/".format(world.a1.pk, grievance.pk) in body
    assert COMPLAINANT not in body and "Odour" not in body and grievance.code not in body


@pytest.mark.parametrize(("persona", "status"), [
    ("park_manager", 302), ("admin", 302), ("company_user", 404), ("trainer", 404),
    ("anonymous", 302)])
def test_recurring_complaints_become_plan_actions(world, client_as, persona, status):
    from django.utils import timezone

    from openeip.web.eip.models import PlanAction

    for _ in range(3):
        a1_case(world, category="odour", received_at=timezone.now() - 5 * DAY)
    a1_case(world, category="noise", received_at=timezone.now() - 5 * DAY)
    a1_case(world, category="dust", received_at=timezone.now() - 400 * DAY)  # too old
    client = client_as(persona)
    response = client.post("/parks/alpha/grievances/plan/", {"edition": "vn-decree-35-2022"})
    assert response.status_code == status
    actions = PlanAction.objects.filter(park=world.alpha, source="community")
    if persona in ("park_manager", "admin"):
        assert [(a.ref[:17], a.owner) for a in actions] == [
            ("grievances-odour-", "park management board")]
        assert "(3 cases in 12 months)" in actions.get().title_en
        client.post("/parks/alpha/grievances/plan/", {"edition": "vn-decree-35-2022"})
        assert actions.count() == 1                                  # once
    else:
        assert not actions.exists()
