"""Community dialogue: meetings, commitments that become EIP plan actions, follow-up; and the
POST-only routes of the community app asked by every persona."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from openeip.web.community.models import Attachment, Commitment, Meeting
from openeip.web.eip.models import PlanAction
from tests.conftest import PERSONAS
from tests.web.community.helpers import a1_case

pytestmark = pytest.mark.django_db
EDITION = "vn-decree-35-2022"


@pytest.fixture
def meeting(world):
    row = Meeting.objects.create(park=world.alpha, date=dt.date(2026, 4, 10),
                                 title="Đối thoại quý II", participants={"residents": 25,
                                                                         "firms": 6},
                                 women=14, minutes="Người dân phản ánh mùi.")
    Commitment.objects.create(meeting=row, text_vi="Lắp quan trắc mùi tại cổng 2",
                              text_en="Install odour monitoring at gate 2", owner="operator JSC",
                              due=dt.date(2026, 10, 1))
    return row


def test_a_manager_records_a_meeting_with_participants_by_group(world, client_as):
    client = client_as("park_manager")
    response = client.post("/parks/alpha/dialogue/", {
        "date": "2026-05-02", "title": "Community meeting", "place": "Hamlet 3 hall",
        "women": 9, "minutes": "Noise at night.", "group_residents": 20, "group_workers": 4})
    assert response.status_code == 302
    row = Meeting.objects.get()
    assert row.participants == {"residents": 20, "workers": 4} and row.participant_total == 24
    too_many = client.post("/parks/alpha/dialogue/", {
        "date": "2026-05-02", "title": "x", "women": 30, "group_residents": 2})
    assert too_many.status_code == 200 and Meeting.objects.count() == 1


def test_a_commitment_becomes_a_plan_action_and_is_followed_up(world, client_as, meeting):
    client = client_as("park_manager")
    commitment = meeting.commitments.get()
    base = "/parks/alpha/dialogue/{}/commitments/{}/".format(meeting.pk, commitment.pk)
    assert client.post(base + "plan/", {"edition": EDITION}).status_code == 302
    commitment.refresh_from_db()
    action = commitment.plan_action
    assert (action.source, action.title_vi, action.deadline, action.status, action.park) == (
        "community", "Lắp quan trắc mùi tại cổng 2", dt.date(2026, 10, 1), "planned",
        world.alpha)
    client.post(base + "plan/", {"edition": EDITION})     # once only
    assert PlanAction.objects.filter(source="community").count() == 1
    client.post(base + "follow-up/", {"c{}-date".format(commitment.pk): "2026-06-01",
                                      "c{}-note".format(commitment.pk): "Sensor ordered.",
                                      "c{}-status".format(commitment.pk): "in_progress"})
    action.refresh_from_db()
    commitment.refresh_from_db()
    assert commitment.status == "in_progress" and action.status == "in_progress"
    page = client.get("/parks/alpha/dialogue/{}/".format(meeting.pk)).content.decode()
    assert "Sensor ordered." in page


def test_refreshing_the_plan_keeps_the_commitments_action(world, meeting):
    from openeip.web.community.services.dialogue import make_plan_action
    from openeip.web.eip.services.plan import refresh_plan

    action = make_plan_action(meeting.commitments.get(), EDITION, world.users["park_manager"])
    refresh_plan(world.alpha, EDITION)
    assert PlanAction.objects.filter(pk=action.pk).exists()


def test_the_dialogue_api_is_for_the_parks_managers(world, api, meeting):
    assert api("anonymous").get("/api/dialogues/").status_code == 401
    assert api("company_user").get("/api/dialogues/").json()["count"] == 0
    body = api("park_manager").get("/api/dialogues/").json()
    assert body["results"][0]["participants"] == {"residents": 25, "firms": 6}
    assert body["results"][0]["commitments"][0]["owner"] == "operator JSC"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_post_only_routes_answer_only_the_parks_handlers(world, client_as, meeting, persona,
                                                             settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    grievance = a1_case(world)
    commitment = meeting.commitments.get()
    attachment = Attachment.objects.create(meeting=meeting, title="Biên bản",
                                           file=ContentFile(b"minutes", name="minutes.txt"))
    client = client_as(persona)
    meeting_url = "/parks/alpha/dialogue/{}/".format(meeting.pk)
    asks = [
        ("/parks/alpha/grievances/{}/stage/".format(grievance.pk), {"stage": "acknowledged"}),
        (meeting_url + "commitments/", {"text_vi": "Tưới đường", "owner": "operator",
                                        "due": "2026-12-01"}),
        (meeting_url + "commitments/{}/plan/".format(commitment.pk), {"edition": EDITION}),
        (meeting_url + "commitments/{}/follow-up/".format(commitment.pk), {
            "c{}-date".format(commitment.pk): "2026-06-01",
            "c{}-note".format(commitment.pk): "ok", "c{}-status".format(commitment.pk): "done"}),
        (meeting_url + "attachments/", {"title": "x", "file": ContentFile(b"y", name="y.txt")}),
    ]
    entitled = persona in {"admin", "park_manager"}
    for url, data in asks:
        response = client.post(url, data)
        expected = {302} if entitled else ({302} if persona == "anonymous" else {404})
        assert response.status_code in expected, (url, response.status_code)
        if persona == "anonymous":
            assert "/accounts/login/" in response["Location"]
    download = client.get(meeting_url + "attachments/{}/".format(attachment.pk))
    assert download.status_code == (200 if entitled else 302 if persona == "anonymous"
                                    else 404)
    grievance.refresh_from_db()
    assert (grievance.stage == "acknowledged") == entitled
    assert (Commitment.objects.count() == 2) == entitled
    assert (Attachment.objects.count() == 2) == entitled
