"""Hostile uploads: a size limit, a zip bomb and a memory cap that fails only its own job.

Every parse of an upload runs in a child process (openeip.web.intake.services.sandbox); these tests
upload real hostile files through the page and the API and check the job fails with a clear
message while the web process keeps its memory.
"""

from __future__ import annotations

import resource

import pytest

from openeip.core.units import ureg
from openeip.web.intake.models import ImportJob
from openeip.web.intake.services import sandbox, uploads
from tests.hostile_files import zip_bomb
from tests.web.intake.test_intake_web import a3_workbook, api_client, api_upload, text, upload


def test_the_upload_form_refuses_a_file_above_the_size_limit(client_as, settings):
    settings.UPLOAD_MAX_MB = 0
    response = upload(client_as("park_manager"), a3_workbook(), name="big.xlsx")
    assert response.status_code == 200
    assert "files of up to 0 MB can be uploaded" in text(response)
    assert not ImportJob.objects.exists()


def test_the_api_refuses_a_file_above_the_size_limit_with_400(world, settings):
    settings.UPLOAD_MAX_MB = 0
    response = api_upload(api_client(world, "park_manager"), a3_workbook())
    assert response.status_code == 400
    assert "files of up to 0 MB can be uploaded" in response.data["file"][0]
    assert not ImportJob.objects.exists()


def test_a_zip_bomb_is_refused_from_its_zip_directory(world, settings):
    settings.UPLOAD_MAX_UNPACKED_MB = 4
    response = api_upload(api_client(world, "park_manager"), zip_bomb(8, level=1))
    assert response.status_code == 202
    assert response.data["status"] == "failed"
    assert [p["message"] for p in response.data["problems"]] == [
        "'data.xlsx' unpacks to 8 MB, more than the 4 MB a workbook may hold; split it into "
        "smaller files, or delete unused sheets, images and formatting."]


def test_a_file_needing_more_memory_than_allowed_fails_its_job_only(world, settings):
    settings.UPLOAD_MAX_UNPACKED_MB = 100_000  # let the bomb through to the memory cap
    settings.PARSE_MEMORY_MB = 64
    bomb = zip_bomb(160, level=1)  # one cell of 160 MiB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    response = api_upload(api_client(world, "park_manager"), bomb)
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert response.data["status"] == "failed"
    assert [p["message"] for p in response.data["problems"]] == [
        "Reading 'data.xlsx' needed more memory than one upload may use (64 MB), so it was "
        "stopped and nothing was written. Split the file into smaller ones; a workbook that "
        "unpacks to far more than its size is refused this way."]
    assert grown_mib < 32
    assert ImportJob.objects.get().status == ImportJob.Status.FAILED


def test_a_file_read_in_the_child_comes_back_with_quantities_of_the_one_registry(world):
    dataset = uploads.read(a3_workbook(), "a3.xlsx", ())
    assert [(f.description, f.quantity) for f in dataset.flows] == [
        ("Grid electricity", ureg.Quantity(800, "kWh")), ("Sludge", ureg.Quantity(1, "t"))]
    assert dataset.flows[0].quantity._REGISTRY is ureg
    assert 0 < sandbox.last_peak_kib() < 1024 * 1024


def test_problems_in_the_child_come_back_in_the_language_of_the_upload(world):
    from django.utils import translation

    from openeip.core.errors import IntakeError

    with translation.override("vi"), pytest.raises(IntakeError) as caught:
        uploads.read(b"\xff", "x.csv", ())
    message = caught.value.problems[0].message
    assert "UTF-8" in message
    assert not message.startswith("'x.csv' is not UTF-8 text")
