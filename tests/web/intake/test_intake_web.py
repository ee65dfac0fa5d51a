"""Importing through the upload page and the API: who may, what they see, what gets written.

The world (tests/conftest.py) holds park alpha with companies A1 and A2, park beta with B1, each
with 1 product and 3 flows for January 2024.
"""

from __future__ import annotations

import io
import re
import time

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from rest_framework.authtoken.models import Token

from openeip.web.intake.models import ImportJob
from openeip.web.intake.services.imports import start_import
from openeip.web.registry.models import Company, Product, ResourceFlow
from tests.conftest import PERSONAS

HEADERS = {
    "Park": ["slug", "name_en", "name_vi", "province", "area_ha", "operator"],
    "Companies": ["code", "name_en", "name_vi", "vsic_code", "employees", "ownership"],
    "Products": ["company_code", "period", "name", "quantity", "unit", "sales_value_vnd"],
    "Flows": ["company_code", "period", "direction", "kind", "description", "quantity", "unit",
              "cost_vnd", "fate", "source"],
}
A3 = ["A3", "Company A3", "Công ty A3", "1313", 40, "private_domestic"]
A3_PRODUCT = ["A3", "2024-02", "Yarn", 5, "t", 100000000]
A3_ENERGY = ["A3", "2024-02", "input", "energy", "Grid electricity", 800, "kWh", 1600000, None,
             "grid"]
A3_SLUDGE = ["A3", "2024-02", "output", "waste", "Sludge", 1, "t", None, "landfill", None]


def workbook(park=(), companies=(), products=(), flows=()) -> bytes:
    """An interchange workbook: the four sheets, a header row of column keys, then ``rows``."""
    book = Workbook()
    book.remove(book.active)
    for sheet, rows in (("Park", park), ("Companies", companies), ("Products", products),
                        ("Flows", flows)):
        worksheet = book.create_sheet(sheet)
        worksheet.append(HEADERS[sheet])
        for row in rows:
            worksheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def a3_workbook(**changes) -> bytes:
    """New company A3 with one product and two flows; ``changes`` replace whole sheets."""
    sheets = {"companies": [A3], "products": [A3_PRODUCT], "flows": [A3_ENERGY, A3_SLUDGE]}
    sheets.update(changes)
    return workbook(**sheets)


def upload(client, content: bytes, park: str = "alpha", name: str = "data.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from openeip.web.registry.models import Park

    return client.post(reverse("intake:upload"), {
        "park": Park.objects.get(slug=park).pk,
        "file": SimpleUploadedFile(name, content),
    })


@pytest.fixture
def concurrent_db(transactional_db):
    """A committed database a worker thread can use while the test reads it.

    The in-memory SQLite test database is shared between threads through SQLite's shared cache,
    whose table locks fail at once ("database table is locked") instead of waiting. Uncommitted
    reads take no table lock, so the test's polling never collides with the worker's writes;
    production's file database (WAL) and PostgreSQL need nothing of the kind.
    """
    from django.db import connection
    from django.db.backends.signals import connection_created

    def relax(sender, connection, **kwargs):
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA read_uncommitted = 1")

    connection_created.connect(relax)
    relax(None, connection)
    try:
        yield
    finally:
        connection_created.disconnect(relax)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA read_uncommitted = 0")


def text(response) -> str:
    """The page's text without tags or repeated spaces, to assert on what a person reads."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


UPLOAD_STATUS = {
    "admin": 200,
    "park_manager": 200,
    "company_user": 200,
    "other_company_user": 200,  # member of B1, so may import into beta
    "consultant": 200,
    "consultant_revoked": 403,
    "consultant_expired": 403,
    "consultant_not_started": 403,
    "consultant_without_grant": 403,
    "lender_officer": 403,
    "anonymous": 302,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_upload_page_is_open_to_those_who_may_import_somewhere(client_as, persona):
    response = client_as(persona).get(reverse("intake:upload"))
    assert response.status_code == UPLOAD_STATUS[persona]


def test_upload_page_offers_only_the_parks_the_user_may_import_into(client_as, world):
    page = client_as("company_user").get(reverse("intake:upload")).content.decode()
    assert 'value="{}"'.format(world.alpha.pk) in page
    assert 'value="{}"'.format(world.beta.pk) not in page


def test_upload_page_links_the_collection_workbook(client_as):
    page = client_as("park_manager").get(reverse("intake:upload")).content.decode()
    assert 'href="{}"'.format(reverse("intake:template")) in page


#: who sees a job the park manager started in alpha
JOB_STATUS = {
    "admin": 200,
    "park_manager": 200,
    "company_user": 404,
    "other_company_user": 404,
    "consultant": 404,
    "consultant_revoked": 404,
    "consultant_expired": 404,
    "consultant_not_started": 404,
    "consultant_without_grant": 404,
    "lender_officer": 404,
    "anonymous": 302,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("view", ["intake:job", "intake:job-status"])
def test_a_job_is_seen_by_its_owner_the_park_managers_and_admins(client_as, world, persona,
                                                                  view):
    job = start_import(world.alpha, world.users["park_manager"], "a3.xlsx", a3_workbook())
    response = client_as(persona).get(reverse(view, args=[job.pk]))
    assert response.status_code == JOB_STATUS[persona]


def test_a_company_users_job_is_seen_by_them_and_their_park_manager_only(client_as, world):
    job = start_import(world.alpha, world.users["company_user"], "a1.xlsx", workbook())
    url = reverse("intake:job", args=[job.pk])
    assert client_as("company_user").get(url).status_code == 200
    assert client_as("consultant").get(url).status_code == 404
    assert client_as("park_manager").get(url).status_code == 200


def test_a_bad_row_shows_its_sheet_row_and_column_and_writes_nothing(client_as, world):
    flows_before = ResourceFlow.objects.count()
    bad_sludge = [*A3_SLUDGE[:5], -1, *A3_SLUDGE[6:]]
    response = upload(client_as("park_manager"), a3_workbook(flows=[A3_ENERGY, bad_sludge]))

    assert response.status_code == 200
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert [(p["sheet"], p["row"], p["column"]) for p in job.problems] == [
        ("Flows", 3, "F (quantity)")]
    assert job.problems[0]["values"]["quantity"] == "-1"
    assert job.problems[0]["values"]["description"] == "Sludge"
    page = text(response)
    assert "Flows 3 F (quantity)" in page
    assert "cannot be negative" in page
    assert "<mark>quantity: -1</mark>" in response.content.decode()
    assert ResourceFlow.objects.count() == flows_before
    assert not Company.objects.filter(code="A3").exists()


def test_a_fixed_file_imports_and_shows_the_counts(client_as, world):
    response = upload(client_as("park_manager"), a3_workbook())

    assert response.status_code == 200
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.SUCCEEDED
    assert job.result == {
        "created": {"parks": 0, "companies": 1, "products": 1, "flows": 2},
        "updated": {"parks": 0, "companies": 0, "products": 0, "flows": 0},
        "unchanged": {"parks": 0, "companies": 0, "products": 0, "flows": 0},
        "company_codes": ["A3"],
    }
    assert 'data-table="flows"' in response.content.decode()
    assert "Resource flows 2 0 0" in text(response)
    assert ResourceFlow.objects.filter(company__code="A3").count() == 2
    assert Product.objects.filter(company__code="A3").count() == 1
    assert world.alpha.get_absolute_url() in response.content.decode()


def test_the_result_links_the_companies_of_the_file_not_the_whole_park(client_as, world):
    a2_water = ["A2", "2024-02", "input", "water", "Well water", 30, "m³", None, None, "on_site"]
    response = upload(client_as("park_manager"), a3_workbook(flows=[A3_ENERGY, a2_water]))

    links = re.findall(r'<a href="/companies/(\d+)/">', response.content.decode())
    a3 = Company.objects.get(code="A3")
    assert links == [str(world.a2.pk), str(a3.pk)]  # A1 is in the park but not in the file


def test_a_file_about_many_companies_links_the_first_ones_and_counts_the_rest(
        client_as, world, monkeypatch):
    monkeypatch.setattr("openeip.web.intake.views.imports.LINKED_COMPANIES", 1)
    a1_water = ["A1", "2024-02", "input", "water", "Well water", 30, "m³", None, None, "on_site"]
    response = upload(client_as("park_manager"), a3_workbook(flows=[A3_ENERGY, a1_water]))

    page = response.content.decode()
    assert re.findall(r'<a href="/companies/(\d+)/">', page) == [str(world.a1.pk)]
    assert "…and 1 more company in this file" in page


def test_uploading_the_same_file_again_leaves_everything_unchanged(client_as):
    client = client_as("park_manager")
    upload(client, a3_workbook())
    response = upload(client, a3_workbook())

    job = ImportJob.objects.order_by("created_at").last()
    assert job.result == {
        "created": {"parks": 0, "companies": 0, "products": 0, "flows": 0},
        "updated": {"parks": 0, "companies": 0, "products": 0, "flows": 0},
        "unchanged": {"parks": 0, "companies": 1, "products": 1, "flows": 2},
        "company_codes": ["A3"],
    }
    assert "Resource flows 0 0 2" in text(response)
    assert ResourceFlow.objects.filter(company__code="A3").count() == 2


def test_a_company_user_imports_their_own_companys_rows(client_as, world):
    own = ["A1", "2024-02", "input", "water", "Well water", 30, "m³", None, None, "on_site"]
    response = upload(client_as("company_user"), workbook(flows=[own]))

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.SUCCEEDED, job.problems
    assert job.result["created"] == {"parks": 0, "companies": 0, "products": 0, "flows": 1}
    assert response.status_code == 200
    # a company user is sent to their company, not to the park dashboard they may not see
    page = response.content.decode()
    assert world.a1.get_absolute_url() in page
    assert world.alpha.get_absolute_url() not in page


def test_a_company_user_cannot_import_rows_of_another_company_of_their_park(client_as, world):
    own = ["A1", "2024-02", "input", "water", "Well water", 30, "m³", None, None, "on_site"]
    other = ["A2", "2024-02", "input", "water", "Well water", 40, "m³", None, None, "on_site"]
    response = upload(client_as("company_user"), workbook(flows=[own, other]))

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert [(p["sheet"], p["row"], p["column"]) for p in job.problems] == [
        ("Flows", 3, "A (company_code)")]
    assert "company 'A2'" in job.problems[0]["message"]
    assert "Flows 3 A (company_code)" in text(response)
    assert not ResourceFlow.objects.filter(description="Well water").exists()


def test_a_company_user_cannot_import_into_a_park_without_their_company(client_as, world):
    response = upload(client_as("company_user"), workbook(), park="beta")

    assert response.status_code == 200  # the form again, with the park refused
    assert "errorlist" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_an_unreadable_file_fails_with_a_problem_naming_the_file(client_as):
    response = upload(client_as("park_manager"), b"not a workbook", name="notes.xlsx")

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert [(p["sheet"], p["row"]) for p in job.problems] == [("notes.xlsx", None)]
    assert "notes.xlsx" in text(response)


def test_a_file_of_another_type_is_refused_by_the_form(client_as):
    response = upload(client_as("park_manager"), b"x", name="data.pdf")

    assert response.status_code == 200
    assert "data.pdf" in text(response)
    assert not ImportJob.objects.exists()


def test_a_waiting_job_shows_a_progress_bar_polled_every_second(client_as, world):
    job = ImportJob.objects.create(park=world.alpha, user=world.users["park_manager"],
                                   filename="big.xlsx", content=b"", rows=5000, background=True)
    page = client_as("park_manager").get(reverse("intake:job", args=[job.pk])).content.decode()

    assert "<progress" in page
    assert 'hx-get="{}"'.format(reverse("intake:job-status", args=[job.pk])) in page
    assert 'hx-trigger="every 1s"' in page


def test_a_running_job_shows_the_rows_written_so_far(client_as, world):
    from openeip.web.intake.services import progress

    job = ImportJob.objects.create(park=world.alpha, user=world.users["park_manager"],
                                   filename="big.xlsx", content=b"", rows=5000, background=True,
                                   status=ImportJob.Status.RUNNING)
    progress.publish(job.pk, 2000, 4998)
    response = client_as("park_manager").get(reverse("intake:job-status", args=[job.pk]))

    assert '<progress id="job-progress" max="4998" value="2000">' in response.content.decode()
    assert "2,000 of 4,998 rows" in text(response)


@pytest.mark.parametrize(("silent_seconds", "status"), [(119, "running"), (121, "failed")])
def test_a_job_whose_worker_vanished_fails_once_it_was_run_the_most_times(
        client_as, world, settings, silent_seconds, status):
    import datetime

    from django.utils import timezone

    settings.JOB_STALE_SECONDS = 120
    settings.JOB_MAX_ATTEMPTS = 3
    now = timezone.now()
    job = ImportJob.objects.create(
        park=world.alpha, user=world.users["park_manager"], filename="big.xlsx", content=b"",
        rows=5000, background=True, status=ImportJob.Status.RUNNING, attempts=3,
        started_at=now - datetime.timedelta(hours=1),
        heartbeat_at=now - datetime.timedelta(seconds=silent_seconds))
    page = client_as("park_manager").get(reverse("intake:job", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == status
    assert "attempt 3 of 3" in text(page)
    if status == "failed":
        assert "stopped before it finished, so nothing was written" in text(page)
        assert job.problem_count == 1


def test_a_large_file_is_imported_in_the_background_and_polled_until_done(
        client_as, world, settings, concurrent_db):
    settings.INLINE_IMPORT_MAX_ROWS = 1
    settings.TASK_QUEUE = "thread"
    client = client_as("park_manager")
    response = upload(client, a3_workbook())

    job = ImportJob.objects.get()
    assert job.background
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:job", args=[job.pk])
    status_url = reverse("intake:job-status", args=[job.pk])
    for _attempt in range(100):
        fragment = client.get(status_url)
        assert fragment.status_code == 200
        if "hx-trigger" not in fragment.content.decode():
            break
        time.sleep(0.1)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED, job.problems
    assert "Resource flows 2 0 0" in text(fragment)
    assert ResourceFlow.objects.filter(company__code="A3").count() == 2


@pytest.mark.parametrize("language, sheet", [("en", "Flows"), ("vi", "Dòng tài nguyên")])
def test_the_template_download_speaks_the_pages_language(client, language, sheet, db):
    client.cookies["django_language"] = language
    response = client.get(reverse("intake:template"))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-{}.xlsx"'.format(language))
    assert sheet in load_workbook(io.BytesIO(response.content), read_only=True).sheetnames


# --- API -------------------------------------------------------------------------------------

def api_client(world, persona):
    from rest_framework.test import APIClient

    client = APIClient()
    if persona != "anonymous":
        token = Token.objects.create(user=world.users[persona])
        client.credentials(HTTP_AUTHORIZATION="Token " + token.key)
    return client


def api_upload(client, content: bytes, park: str = "alpha", name: str = "data.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/api/import/", {"park": park, "file": SimpleUploadedFile(name, content)},
                       format="multipart")


#: POST /api/import/ of A3 (a new company) into alpha, per persona
API_IMPORT_STATUS = {
    "admin": 202,
    "park_manager": 202,
    "company_user": 202,  # accepted, then fails: A3 is not their company
    "other_company_user": 404,
    "consultant": 202,
    "consultant_revoked": 404,
    "consultant_expired": 404,
    "consultant_not_started": 404,
    "consultant_without_grant": 404,
    "lender_officer": 404,
    "anonymous": 401,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_import_follows_the_same_access_rules(world, persona):
    response = api_upload(api_client(world, persona), a3_workbook())
    assert response.status_code == API_IMPORT_STATUS[persona]


def test_api_import_returns_the_job_and_its_status_url(world):
    client = api_client(world, "park_manager")
    response = api_upload(client, a3_workbook())

    job = ImportJob.objects.get()
    assert response.data["id"] == str(job.pk)
    assert response.data["status"] == "succeeded"
    assert response.data["status_url"] == "http://testserver/api/import/{}/".format(job.pk)
    assert response["Location"] == response.data["status_url"]
    assert job.via == "api"
    status = client.get(response.data["status_url"])
    assert status.status_code == 200
    assert status.data["result"]["created"] == {"parks": 0, "companies": 1, "products": 1,
                                                "flows": 2}
    assert status.data["progress"] == {"done": 4, "total": 4}


def test_api_reports_the_problems_of_a_rejected_file(world):
    client = api_client(world, "company_user")
    response = api_upload(client, a3_workbook())

    assert response.data["status"] == "failed"
    assert response.data["problem_count"] == 4
    assert [(p["sheet"], p["row"], p["column"]) for p in response.data["problems"]] == [
        ("Companies", 2, "A (code)"), ("Products", 2, "A (company_code)"),
        ("Flows", 2, "A (company_code)"), ("Flows", 3, "A (company_code)")]


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_job_status_is_seen_by_the_same_people_as_the_job_page(world, persona):
    job = start_import(world.alpha, world.users["park_manager"], "a3.xlsx", a3_workbook())
    response = api_client(world, persona).get("/api/import/{}/".format(job.pk))
    expected = {200: 200, 404: 404, 302: 401}[JOB_STATUS[persona]]
    assert response.status_code == expected


def test_admins_see_import_jobs_in_the_admin_without_changing_them(client_as, world):
    job = start_import(world.alpha, world.users["park_manager"], "a3.xlsx", a3_workbook())
    client = client_as("admin")

    assert client.get(reverse("admin:intake_importjob_changelist")).status_code == 200
    page = client.get(reverse("admin:intake_importjob_change", args=[job.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
