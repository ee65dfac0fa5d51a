"""Report jobs: a report link starts a background job whose page shows progress, then the file.

Personas and data from tests/conftest.py. The jobs made here are A1's RECP report (about 5 s)
and alpha's annual workbook; workers are real (the worker function, a thread, a huey consumer).
"""

from __future__ import annotations

import datetime as dt
import time
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from openeip.web.reports.models import ReportJob
from openeip.web.reports.services.jobs import start_report
from openeip.web.reports.services.runner import run_report_job
from tests.conftest import PERSONAS, SEES_A1
from tests.web.intake.test_intake_web import concurrent_db  # noqa: F401  (a fixture)
from tests.web.intake.test_tasks import background, consumer, redis_queue  # noqa: F401  (fixtures)
from tests.web.recp.test_reports_pdf import pdf_text
from tests.web.report_jobs import fetch_report, job_of
from tests.web.report_text import report_text

Status = ReportJob.Status
RECP_A1 = "/companies/{}/recp/report.pdf?lang=en"
ANNUAL = "/parks/alpha/eip/annual-report.xlsx?year=2024&lang=vi"


def _recp_url(world) -> str:
    return RECP_A1.format(world.a1.pk)


def _urls(job: ReportJob) -> list[str]:
    return [reverse(name, args=[job.pk])
            for name in ("reports:job", "reports:job-status", "reports:job-file")]


@pytest.fixture
def ready(world, client_as, report_html):
    """A1's English report, asked for by the company user and made (as its HTML: the thread
    worker's test below makes the one real PDF of this file)."""
    job = job_of(client_as("company_user").get(_recp_url(world)))
    return run_report_job(job.pk)


# --- the link ----------------------------------------------------------------------------------

@pytest.mark.parametrize("persona", sorted(SEES_A1))
def test_the_link_starts_a_job_for_whoever_may_see_the_company(world, client_as, persona):
    job = job_of(client_as(persona).get(_recp_url(world)))
    assert (job.user, job.kind, job.company, job.park) == (
        world.users[persona], ReportJob.Kind.RECP_PDF, world.a1, world.alpha)
    assert (job.status, job.language, job.params) == (Status.PENDING, "en",
                                                      {"assessment": None})


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - SEES_A1 - {"anonymous"}))
def test_the_link_starts_nothing_for_anyone_else(world, client_as, persona):
    assert client_as(persona).get(_recp_url(world)).status_code == 404
    assert not ReportJob.objects.exists()


# --- who sees a job ----------------------------------------------------------------------------

def test_the_asker_sees_the_ready_job_and_downloads_the_file(client_as, ready):
    client = client_as("company_user")
    page, status, download = (client.get(url) for url in _urls(ready))
    assert page.status_code == status.status_code == download.status_code == 200
    assert "The report is ready" in page.content.decode()
    assert "Download recp-report-A1-en.pdf" in page.content.decode()
    assert download["Content-Disposition"] == 'inline; filename="recp-report-A1-en.pdf"'
    assert "Company A1" in report_text(b"".join(download.streaming_content))


def test_nobody_else_sees_the_job_not_even_those_who_see_the_company(client_as, ready):
    # one job for all personas: making it is what takes time
    for persona in sorted(set(PERSONAS) - {"company_user", "anonymous"}):
        client = client_as(persona)
        assert [client.get(url).status_code for url in _urls(ready)] == [404, 404, 404], persona


def test_an_anonymous_visitor_is_sent_to_log_in(client_as, ready):
    client = client_as("anonymous")
    client.logout()  # the client that asked for the report
    for url in _urls(ready):
        assert client.get(url)["Location"].startswith("/accounts/login/")


def test_a_consultant_whose_grant_ends_loses_the_reports_made_before(world, client_as,
                                                                    report_html):
    client = client_as("consultant")
    job = run_report_job(job_of(client.get(_recp_url(world))).pk)
    assert client.get(_urls(job)[2]).status_code == 200
    world.a1.grants.get(consultant=world.users["consultant"]).revoke()
    assert [client.get(url).status_code for url in _urls(job)] == [404, 404, 404]


# --- lifecycle -----------------------------------------------------------------------------------

def test_a_waiting_job_shows_progress_polled_and_refreshed_without_javascript(world, client_as):
    client = client_as("company_user")
    job = job_of(client.get(_recp_url(world)))
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-get="{}"'.format(reverse("reports:job-status", args=[job.pk])) in page
    assert 'hx-trigger="every 1s"' in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert 'value="0"' in page and "Waiting for a worker…" in page


def test_a_running_job_shows_its_step(world, client_as):
    client = client_as("company_user")
    job = job_of(client.get(_recp_url(world)))
    ReportJob.objects.filter(pk=job.pk).update(status=Status.RUNNING, stage="layout",
                                               progress=55, started_at=timezone.now())
    fragment = client.get(_urls(job)[1]).content.decode()
    assert "Laying out the pages…" in fragment and 'value="55"' in fragment


def test_the_made_job_records_its_file_and_steps(settings, ready):
    assert (ready.status, ready.stage, ready.progress) == (Status.SUCCEEDED, "done", 100)
    assert ready.file == "{}.pdf".format(ready.pk) and ready.filename == "recp-report-A1-en.pdf"
    stored = settings.REPORT_DIR / ready.file
    assert "Company A1" in report_text(stored.read_bytes())
    assert stored.stat().st_size == ready.size
    assert ready.started_at <= ready.finished_at
    assert run_report_job(ready.pk).finished_at == ready.finished_at  # a redelivered task


def test_the_annual_workbook_is_a_job_too(client_as):
    response = fetch_report(client_as("park_manager"), ANNUAL)
    assert response["Content-Disposition"] == (
        'attachment; filename="eip-annual-report-alpha-2024-vi.xlsx"')
    assert response.content.startswith(b"PK")


# --- failures ------------------------------------------------------------------------------------

def test_a_report_that_cannot_be_made_says_why_instead_of_running_for_ever(world, client_as):
    client = client_as("park_manager")
    job = job_of(client.get("/parks/alpha/eip/vn-decree-35-2022/dossier.pdf?lang=en"))
    # the edition was removed after the link was followed
    ReportJob.objects.filter(pk=job.pk).update(params={**job.params, "edition": "withdrawn"})
    job = run_report_job(job.pk)
    assert (job.status, job.error) == (Status.FAILED, "There is no EIP edition withdrawn.")
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The report could not be made" in page and "There is no EIP edition withdrawn." in page
    assert "hx-trigger" not in page and "refresh" not in page
    assert client.get(_urls(job)[2]).status_code == 404


def test_an_unexpected_error_fails_the_job_with_a_plain_message(world, client_as):
    client = client_as("company_user")
    job = job_of(client.get(_recp_url(world)))
    ReportJob.objects.filter(pk=job.pk).update(kind=ReportJob.Kind.ANNUAL_PDF, params={})
    job = run_report_job(job.pk)  # no year: the maker raises KeyError
    assert job.status == Status.FAILED
    assert job.error.startswith("The report could not be made because of an unexpected error.")


def test_a_job_nobody_finished_in_ten_minutes_is_failed_when_looked_at(world, client_as):
    client = client_as("company_user")
    job = job_of(client.get(_recp_url(world)))
    ReportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=11))
    page = client.get(job.get_absolute_url()).content.decode()
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert "was not finished within 10 minutes" in page


def test_a_vietnamese_job_page(world, client_as, settings):
    client = client_as("company_user")
    client.cookies["django_language"] = "vi"
    job = job_of(client.get(RECP_A1.format(world.a1.pk).replace("en", "vi")))
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Báo cáo đánh giá RECP (PDF)" in page and "Đang chờ tiến trình xử lý…" in page
    ReportJob.objects.filter(pk=job.pk).update(status=Status.SUCCEEDED, filename="r.pdf",
                                               size=2048, file="")
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Tệp không còn được lưu" in page  # no file on disk
    ReportJob.objects.filter(pk=job.pk).update(file="{}.pdf".format(job.pk))
    (settings.REPORT_DIR / "{}.pdf".format(job.pk)).write_bytes(b"%PDF-")
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Tải xuống r.pdf (2,0" in page


# --- reuse ---------------------------------------------------------------------------------------

def test_the_same_request_a_moment_later_reuses_the_job_and_its_file(world, client_as, ready):
    client = client_as("company_user")
    assert job_of(client.get(_recp_url(world))).pk == ready.pk
    assert job_of(client.get(_recp_url(world).replace("en", "vi"))).pk != ready.pk
    other = job_of(client_as("admin").get(_recp_url(world)))
    assert other.pk != ready.pk  # jobs are never shared between users


def test_a_change_to_the_data_makes_a_new_report(world, client_as, ready):
    from openeip.web.registry.models import ResourceFlow

    flow = ResourceFlow.objects.filter(company=world.a1).first()
    flow.cost_vnd = 3_000_000
    flow.save()
    assert job_of(client_as("company_user").get(_recp_url(world))).pk != ready.pk


def test_a_job_whose_file_is_gone_is_not_reused(world, client_as, settings, ready):
    (settings.REPORT_DIR / ready.file).unlink()
    assert job_of(client_as("company_user").get(_recp_url(world))).pk != ready.pk


def test_jobs_older_than_a_day_are_deleted_with_their_files(world, client_as, settings, ready):
    ReportJob.objects.filter(pk=ready.pk).update(
        created_at=timezone.now() - dt.timedelta(days=2))
    job_of(client_as("company_user").get(_recp_url(world)))
    assert not ReportJob.objects.filter(pk=ready.pk).exists()
    assert not (settings.REPORT_DIR / ready.file).exists()


# --- real workers: a thread of the web process, and huey through Redis ---------------------------

def _wait(job: ReportJob, seconds: float = 60) -> ReportJob:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            return job
        time.sleep(0.1)
    raise AssertionError("report job {} still {} after {}s".format(job.pk, job.status, seconds))


@pytest.mark.usefixtures("concurrent_db")
def test_a_thread_worker_makes_the_report_while_the_page_polls(world, client_as, settings):
    settings.TASK_QUEUE = "thread"
    client = client_as("company_user")
    job = job_of(client.get(_recp_url(world)))
    status_url = reverse("reports:job-status", args=[job.pk])
    for _attempt in range(300):
        fragment = client.get(status_url).content.decode()
        if "hx-trigger" not in fragment:
            break
        time.sleep(0.1)
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED, job.error
    assert "The report is ready" in fragment
    assert "Company A1" in pdf_text(b"".join(client.get(_urls(job)[2]).streaming_content))


@pytest.mark.redis
@pytest.mark.usefixtures("concurrent_db")
def test_a_redis_job_waits_for_a_huey_worker(world, redis_queue, consumer):  # noqa: F811
    job = start_report(world.users["park_manager"], ReportJob.Kind.ANNUAL_XLSX,
                       park=world.alpha, params={"year": 2024}, language="en")
    assert redis_queue.pending_count() == 1
    time.sleep(0.3)
    job.refresh_from_db()
    assert job.status == Status.PENDING  # nobody but a huey worker makes it

    consumer()
    job = _wait(job)
    assert job.status == Status.SUCCEEDED, job.error
    assert job.filename == "eip-annual-report-alpha-2024-en.xlsx"
    assert redis_queue.pending_count() == 0


def test_a_job_id_that_does_not_exist_is_404(client_as):
    assert client_as("admin").get(reverse("reports:job", args=[uuid.uuid4()])).status_code == 404
