"""The EIP reporting year is chosen, never guessed; the overview, the dossier and the CLI agree.

Park delta: firms D1–D4 reported every month of 2024 (1,000 kWh of grid electricity, 50 m³ of
water, 2 t of sludge a month); D1 adds January–March 2025. 2025 has 1 of 4 firms (25 %) and 3 of
its 12 months (25 %): below the 75 % thresholds, so 2024 stays the default and the page says why.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from openeip.cli import app
from openeip.core.domain import ReportingPeriod
from tests.conftest import tiny_dataset

VN35 = "vn-decree-35-2022"
runner = CliRunner()


@pytest.fixture
def delta(world):
    from openeip.web.registry.models import Park
    from openeip.web.registry.services.importer import import_dataset

    dataset = tiny_dataset("delta", ("D1", "D2", "D3", "D4"))
    months = [ReportingPeriod(2024, month) for month in range(1, 13)]
    flows = [dataclasses.replace(f, period=p) for p in months for f in dataset.flows]
    flows += [dataclasses.replace(f, period=ReportingPeriod(2025, month))
              for month in (1, 2, 3) for f in dataset.flows if f.company_code == "D1"]
    products = [dataclasses.replace(p, period=m) for m in months for p in dataset.products]
    import_dataset(dataclasses.replace(dataset, flows=flows, products=products), "delta")
    return Park.objects.get(slug="delta")


@pytest.fixture(autouse=True)
def _english_afterwards():
    from django.utils import translation

    yield
    translation.activate("en")


def overview(client, year=""):
    return client.get("/parks/delta/eip/{}/{}".format(VN35, "?year={}".format(year) if year
                                                       else ""))


def test_three_months_of_one_firm_in_2025_leave_2024_the_default_and_the_page_says_so(
        delta, client_as):
    response = overview(client_as("admin"))
    assert response.status_code == 200
    assert response.context["reporting"].year == 2024
    html = " ".join(response.content.decode().split())
    assert ("Reporting year 2024 (the latest year whose data are complete enough): 4 of 4 firms "
            "reporting, 100 % of their months.") in html
    assert "2025 is not used by default: only 1 of 4 firms reporting, 25 % of their months." in html
    assert 'href="?year=2025"' in html


def test_a_stated_partial_year_is_labelled_as_such(delta, client_as):
    response = overview(client_as("admin"), 2025)
    assert response.context["reporting"].year == 2025
    html = " ".join(response.content.decode().split())
    assert "Reporting year 2025 (as stated): 1 of 4 firms reporting, 25 % of their months." in html
    assert "2025 is not complete: its totals hold only the firms and months reported." in html


def test_the_overview_the_dossier_and_the_cli_give_the_same_compliance_for_the_year(
        delta, client_as, tmp_path, report_html):
    from openeip.web.eip.services.assessment import assess_park

    page = overview(client_as("admin"), 2024).context["result"].overall
    out = tmp_path / "delta-vi.pdf"
    result = runner.invoke(app, ["eip", "assess", "--park", "delta", "--edition", VN35,
                                 "--year", "2024", "--lang", "vi", "--out", str(out)])
    assert result.exit_code == 0, result.output
    printed = re.search(r"(\d+) trên (\d+) tiêu chí áp dụng \(([\d.,]+) %\)", result.output)
    assert (int(printed.group(1)), int(printed.group(2))) == (page.met, page.applicable)
    # Vietnamese numbers: 64,0 (decimal comma)
    assert Decimal(printed.group(3).replace(".", "").replace(",", ".")) == page.compliance_pct
    assert "Năm báo cáo 2024 (theo yêu cầu)" in result.output
    # a saved assessment of another year is named on the page, not shown as the figure
    assess_park(delta, VN35, year=2025)
    html = " ".join(overview(client_as("admin")).content.decode().split())
    assert "for the reporting year 2025" in html


def test_the_dossier_download_names_its_reporting_year(delta, client_as):
    import io

    import openpyxl

    from tests.web.report_jobs import fetch_report

    response = fetch_report(client_as("admin"),
                            "/parks/delta/eip/{}/dossier.xlsx?lang=en&year=2024".format(VN35))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True)
               if row and row[0]}
    assert summary["Reporting year"] == 2024
    assert summary["Reporting year and coverage"].startswith("Reporting year 2024 (as stated)")


def test_the_vietnamese_overview_names_the_year_and_a_saved_assessment_of_another_year(
        delta, client_as):
    from openeip.web.eip.services.assessment import assess_park

    assess_park(delta, VN35, year=2025)
    response = client_as("admin").get("/parks/delta/eip/{}/".format(VN35),
                                      HTTP_ACCEPT_LANGUAGE="vi")
    html = " ".join(response.content.decode().split())
    assert "Năm báo cáo 2024 (năm gần nhất có đủ số liệu)" in html
    assert "2025 không được dùng mặc định" in html
    assert "với năm báo cáo 2025" in html
