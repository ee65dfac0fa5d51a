"""The EIP pages, asked by every persona: only a park's managers and the admin see a park's
assessment; editions are open to every signed-in user; only staff import an edition."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from openeip.web.eip.models import (
    Evidence,
    ImportedEdition,
    ParkAssessment,
    ParkProfile,
    PlanAction,
)
from openeip.web.eip.services.assessment import add_evidence, assess_park
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db
VN82, VN35, INTL = "vn-decree-82-2018", "vn-decree-35-2022", "intl-eip-framework-2.0"
MANAGES_ALPHA = {"admin", "park_manager"}
SIGNED_IN = set(PERSONAS) - {"anonymous"}
PARK_PAGES = ["", "enterprises/", "{e}/", "{e}/criteria/", "{e}/gaps/", "{e}/history/",
              "{e}/evidence/", "{e}/actions/", "{e}/roadmap/"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _denied(persona: str) -> set[int]:
    return {302} if persona == "anonymous" else {404}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", PARK_PAGES)
def test_a_parks_assessment_pages_are_for_its_managers_only(world, client_as, persona, page):
    response = client_as(persona).get("/parks/alpha/eip/" + page.format(e=VN35))
    if persona in MANAGES_ALPHA:
        assert response.status_code == 200
    else:
        assert response.status_code in _denied(persona)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", ["/eip/", "/eip/editions/{}/".format(INTL)])
def test_editions_are_open_to_every_signed_in_user(world, client_as, persona, url):
    response = client_as(persona).get(url)
    assert response.status_code == (302 if persona == "anonymous" else 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_import_an_edition(world, client_as, persona):
    response = client_as(persona).get("/eip/editions/import/")
    expected = 200 if persona == "admin" else 302 if persona == "anonymous" else 403
    assert response.status_code == expected


def test_an_unknown_edition_is_404(world, client_as):
    assert client_as("admin").get("/parks/alpha/eip/no-such-edition/").status_code == 404
    assert client_as("admin").get("/eip/editions/no-such-edition/").status_code == 404


def test_the_overview_shows_compliance_chart_and_table_and_the_unverified_notice(
        world, client_as):
    assess_park(world.alpha, INTL, as_of=dt.date(2025, 1, 31))
    body = client_as("park_manager").get("/parks/alpha/eip/{}/".format(INTL)).content.decode()
    assert 'data-chart-config="eip-radar-config"' in body
    assert 'id="eip-radar-config"' in body
    assert "Compliance by category" in body and "UNIDO 50-park average" in body
    assert "Check before certification" in body
    assert "prerequisites not all met" in body
    assert "34 %" in body                                           # UNIDO environmental average


def test_the_overview_is_computed_when_nothing_is_saved_yet(world, client_as):
    body = client_as("admin").get("/parks/alpha/eip/{}/".format(VN82)).content.decode()
    assert "No saved assessment yet" in body
    assert ParkAssessment.objects.count() == 0


def test_the_criteria_table_has_traffic_lights_and_verification_badges(world, client_as):
    add_evidence(world.alpha, VN82, "VN82-1", value_bool=True)
    body = client_as("park_manager").get("/parks/alpha/eip/{}/criteria/".format(VN82)).content
    body = body.decode()
    assert 'class="status status-met"' in body                      # VN82-1 evidenced
    assert 'class="status status-unknown"' in body
    assert 'class="badge badge-secondary"' in body
    intl = client_as("park_manager").get("/parks/alpha/eip/{}/criteria/".format(INTL))
    assert 'class="badge badge-unverified"' in intl.content.decode()
    only_met = client_as("park_manager").get(
        "/parks/alpha/eip/{}/criteria/?status=met".format(VN82)).content.decode()
    assert "VN82-1" in only_met and "VN82-2</strong>" not in only_met


def test_the_gaps_page_lists_prerequisites_first_then_the_largest_gap(world, client_as):
    body = client_as("admin").get("/parks/alpha/eip/{}/gaps/".format(VN82)).content.decode()
    ids = re.findall(r'<tr id="c-([^"]+)"', body)
    assert ids[:2] == ["VN82-1", "VN82-2"]                          # prerequisites first
    assert "VN82-4" not in ids or ids.index("VN82-4") > 1


def test_a_manager_adds_evidence_with_a_file_and_may_download_it(world, client_as):
    client = client_as("park_manager")
    response = client.post("/parks/alpha/eip/{}/evidence/".format(VN82), {
        "criterion_id": "VN82-1", "value_bool": "yes", "note": "Inspection record 2024",
        "as_of": timezone.localdate().isoformat(),
        "file": SimpleUploadedFile("inspection.txt", b"no violations"),
    })
    assert response.status_code == 302
    row = Evidence.objects.get()
    assert row.value_bool is True and row.entered_by == world.users["park_manager"]
    download = client.get("/parks/alpha/eip/evidence/{}/file/".format(row.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == \
        b"no violations"


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - MANAGES_ALPHA))
def test_nobody_else_downloads_the_evidence_file_or_adds_evidence(world, client_as, persona):
    row = add_evidence(world.alpha, VN82, "VN82-1", value_bool=True,
                       file=SimpleUploadedFile("x.txt", b"secret"))
    client = client_as(persona)
    assert client.get("/parks/alpha/eip/evidence/{}/file/".format(row.pk)).status_code in \
        _denied(persona)
    response = client.post("/parks/alpha/eip/{}/evidence/".format(VN82), {
        "criterion_id": "VN82-2", "value_bool": "yes", "as_of": "2025-01-01"})
    assert response.status_code in _denied(persona)
    assert Evidence.objects.count() == 1


def test_bad_evidence_is_shown_on_the_form_and_not_saved(world, client_as):
    response = client_as("admin").post("/parks/alpha/eip/{}/evidence/".format(VN82), {
        "criterion_id": "VN82-5b", "value_number": "130", "as_of": "2025-01-01"})
    assert response.status_code == 400
    assert "between 0 and 100" in response.content.decode()
    assert Evidence.objects.count() == 0


def test_assess_now_saves_the_result_in_the_history(world, client_as):
    client = client_as("park_manager")
    response = client.post("/parks/alpha/eip/{}/assess/".format(VN82), {"target_year": ""})
    assert response.status_code == 302
    assert ParkAssessment.objects.filter(park=world.alpha, edition_id=VN82).count() == 1
    body = client.get("/parks/alpha/eip/{}/history/".format(VN82)).content.decode()
    assert "Saved assessments" in body
    assert client_as("company_user").post(
        "/parks/alpha/eip/{}/assess/".format(VN82)).status_code == 404
    assert ParkAssessment.objects.count() == 1


def test_the_plan_is_built_then_an_action_is_given_an_owner_and_a_deadline(world, client_as):
    client = client_as("park_manager")
    assert client.post("/parks/alpha/eip/{}/actions/refresh/".format(VN35)).status_code == 302
    action = PlanAction.objects.filter(park=world.alpha, edition_id=VN35).first()
    assert action is not None
    prefix = "a{}-".format(action.pk)
    response = client.post("/parks/alpha/eip/{}/actions/{}/".format(VN35, action.pk), {
        prefix + "status": "in_progress", prefix + "owner": "Environment office",
        prefix + "deadline": "2027-06-30"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.owner, action.deadline) == (
        "in_progress", "Environment office", dt.date(2027, 6, 30))
    assert "Environment office" in client.get(
        "/parks/alpha/eip/{}/actions/".format(VN35)).content.decode()
    other = client_as("other_company_user").post(
        "/parks/alpha/eip/{}/actions/{}/".format(VN35, action.pk), {prefix + "status": "done"})
    assert other.status_code == 404


def test_the_park_profile_makes_new_park_criteria_apply(world, client_as):
    client = client_as("admin")
    response = client.post("/parks/alpha/eip/{}/profile/".format(VN35),
                           {"new_eip": "on", "established": "2021-03-01"})
    assert response.status_code == 302
    profile = ParkProfile.objects.get(park=world.alpha)
    assert profile.new_eip and profile.established == dt.date(2021, 3, 1)
    body = client.get("/parks/alpha/eip/{}/roadmap/".format(VN35)).content.decode()
    assert "2029" in body                                           # 2021 + 8 years


def test_staff_import_an_edition_and_problems_are_listed(world, client_as, tmp_path):
    from tests.web.eip.test_eip_assessment import _custom_yaml

    client = client_as("admin")
    response = client.post("/eip/editions/import/", {
        "file": SimpleUploadedFile("targets.yaml", _custom_yaml("alpha-targets"))})
    assert response.status_code == 302 and ImportedEdition.objects.count() == 1
    assert client.get("/eip/editions/alpha-targets/").status_code == 200
    again = client.post("/eip/editions/import/", {
        "file": SimpleUploadedFile("v.yaml", _custom_yaml("vn-decree-82-2018"))})
    assert again.status_code == 400 and "shipped" in again.content.decode()
    assert ImportedEdition.objects.count() == 1
    assert client_as("park_manager").post("/eip/editions/import/", {
        "file": SimpleUploadedFile("t.yaml", _custom_yaml("other-1"))}).status_code == 403


def test_pages_speak_vietnamese(world, client_as):
    client = client_as("admin")
    client.cookies["django_language"] = "vi"
    body = client.get("/parks/alpha/eip/{}/criteria/".format(VN35),
                      HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Chủ đầu tư hạ tầng khu công nghiệp" in body             # the criterion's text_vi
    client.cookies["django_language"] = "en"


def test_value_number_evidence_shows_in_the_list(world, client_as):
    add_evidence(world.alpha, VN82, "VN82-5b", value_number=Decimal("12.5"))
    body = client_as("admin").get("/parks/alpha/eip/{}/evidence/".format(VN82)).content.decode()
    assert "12.5" in body


def test_the_eco_enterprise_page_lists_each_firm_with_its_items(world, client_as):
    body = client_as("park_manager").get("/parks/alpha/eip/enterprises/?year=2024")
    text = body.content.decode()
    assert "Company A1" in text and "Company A2" in text and "Company B1" not in text
    assert "status-not_met" in text                                 # no RECP option implemented


def test_the_pages_link_the_dossier_and_the_annual_report(world, client_as):
    client = client_as("admin")
    overview = client.get("/parks/alpha/eip/{}/".format(VN35)).content.decode()
    assert "/parks/alpha/eip/{}/dossier.pdf?lang=vi".format(VN35) in overview
    landing = client.get("/parks/alpha/eip/").content.decode()
    assert "/parks/alpha/eip/annual-report.pdf?lang=vi" in landing


def test_the_landing_shows_the_reports_and_firms_section_in_the_page_not_in_the_title(
        world, client_as):
    body = client_as("park_manager").get("/parks/alpha/eip/").content.decode()
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    main = body[body.index("<main"):body.index("</main>")]
    assert "<" not in title and "Reports and firms" not in title
    assert 'href="/parks/alpha/eip/enterprises/"' in main
    assert 'href="/parks/alpha/eip/annual-report.pdf?lang=vi"' in main
    assert 'href="/parks/alpha/eip/annual-report.xlsx"' in main


def test_an_evidence_file_of_an_unexpected_type_is_refused(world, client_as):
    response = client_as("admin").post("/parks/alpha/eip/{}/evidence/".format(VN82), {
        "criterion_id": "VN82-1", "value_bool": "yes", "as_of": "2025-01-01",
        "file": SimpleUploadedFile("run.exe", b"MZ")})
    assert response.status_code == 400
    assert Evidence.objects.count() == 0


def test_the_history_draws_a_chart_once_there_are_two_assessments(world, client_as):
    assess_park(world.alpha, VN82, as_of=dt.date(2024, 12, 31))
    add_evidence(world.alpha, VN82, "VN82-1", value_bool=True, as_of=dt.date(2025, 1, 5))
    assess_park(world.alpha, VN82, as_of=dt.date(2025, 6, 30))
    body = client_as("admin").get("/parks/alpha/eip/{}/history/".format(VN82)).content.decode()
    assert 'id="eip-history-config"' in body and "31 Dec 2024" in body


@pytest.mark.parametrize("fmt", ["yaml", "xlsx"])
def test_an_edition_downloads_in_the_import_format_and_imports_again_under_a_new_id(
        world, client_as, fmt):
    import io

    import yaml
    from openpyxl import load_workbook

    client = client_as("admin")
    response = client.get("/eip/editions/{}/edition.{}".format(VN82, fmt))
    assert response.status_code == 200
    assert 'filename="{}.{}"'.format(VN82, fmt) in response["Content-Disposition"]
    if fmt == "yaml":
        data = yaml.safe_load(response.content)
        data["id"] = "vn82-adapted"
        content = yaml.safe_dump(data, allow_unicode=True).encode()
    else:
        book = load_workbook(io.BytesIO(response.content))
        sheet = book["Edition"]
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == "id":
                row[1].value = "vn82-adapted"
        stream = io.BytesIO()
        book.save(stream)
        content = stream.getvalue()
    imported = client.post("/eip/editions/import/", {
        "file": SimpleUploadedFile("adapted." + fmt, content)})
    assert imported.status_code == 302, imported.content.decode()[:2000]
    assert ImportedEdition.objects.get().edition_id == "vn82-adapted"
    from django.test import Client

    assert Client().get("/eip/editions/{}/edition.{}".format(VN82, fmt)).status_code == 302
