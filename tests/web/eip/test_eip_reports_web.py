"""The EIP report downloads of a park: only its managers and the platform admin get them."""

from __future__ import annotations

import io

import openpyxl
import pytest

from tests.conftest import PERSONAS
from tests.web.recp.test_reports_pdf import pdf_text
from tests.web.report_jobs import fetch_report
from tests.web.report_text import report_text

MANAGES_ALPHA = {"admin", "park_manager"}
VN35 = "vn-decree-35-2022"
INTL = "intl-eip-framework-2.0"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _dossier(edition=VN35, fmt="pdf", query="?lang=en", slug="alpha"):
    return "/parks/{}/eip/{}/dossier.{}{}".format(slug, edition, fmt, query)


@pytest.mark.parametrize("persona", sorted(MANAGES_ALPHA))
def test_a_manager_downloads_the_dossier(client_as, persona, report_html):
    response = fetch_report(client_as(persona), _dossier())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="eip-dossier-alpha-vn-decree-35-2022-en.pdf"')
    text = report_text(response.content)
    assert "Eco-industrial park (EIP) certification dossier" in text and "Park alpha" in text


# PDF layout: no database decides it (the managers above check the data on both); one real PDF
# of the link
@pytest.mark.one_database
def test_the_dossier_link_gives_a_real_pdf(client_as):
    response = fetch_report(client_as("park_manager"), _dossier())
    text = pdf_text(response.content)
    assert "Eco-industrial park (EIP) certification dossier" in text and "Park alpha" in text


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - MANAGES_ALPHA - {"anonymous"}))
def test_anyone_else_signed_in_gets_404_for_every_download(client_as, persona):
    client = client_as(persona)
    for url in (_dossier(), _dossier(fmt="xlsx"), "/parks/alpha/eip/annual-report.pdf",
                "/parks/alpha/eip/annual-report.xlsx"):
        assert client.get(url).status_code == 404, url


def test_an_anonymous_visitor_is_sent_to_the_login_page(client_as):
    response = client_as("anonymous").get(_dossier())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_park_manager_of_alpha_cannot_fetch_beta(client_as):
    assert client_as("park_manager").get(_dossier(slug="beta")).status_code == 404


def test_the_international_dossier_says_its_thresholds_are_unverified(client_as, report_html):
    response = fetch_report(client_as("park_manager"), _dossier(edition=INTL))
    text = report_text(response.content)
    assert "Thresholds not verified against the primary text." in text
    assert "unverified" in text


def test_the_dossier_workbook_in_vietnamese(client_as):
    response = fetch_report(client_as("admin"), _dossier(fmt="xlsx", query="?lang=vi"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == (
        'attachment; filename="eip-dossier-alpha-vn-decree-35-2022-vi.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) >= 8
    ids = [row[0] for row in workbook.worksheets[2].iter_rows(min_row=2, values_only=True)]
    assert "VN35-37.1a" in ids


def test_the_annual_report_of_a_year_as_pdf_and_xlsx(client_as):
    client = client_as("park_manager")
    pdf = fetch_report(client, "/parks/alpha/eip/annual-report.pdf?year=2024&lang=en")
    assert pdf.status_code == 200
    assert pdf["Content-Disposition"] == (
        'inline; filename="eip-annual-report-alpha-2024-en.pdf"')
    assert "Annual eco-industrial park report 2024" in pdf_text(pdf.content)
    xlsx = fetch_report(client, "/parks/alpha/eip/annual-report.xlsx?year=2024&lang=en")
    sheets = openpyxl.load_workbook(io.BytesIO(xlsx.content)).sheetnames
    assert sheets[:3] == ["Report", "Form A.5 (park)", "Form B5 (enterprises)"]


def test_downloads_do_not_add_to_the_history(client_as, report_html):
    from openeip.web.eip.models import ParkAssessment

    fetch_report(client_as("admin"), _dossier())
    assert not ParkAssessment.objects.exists()


def test_bad_requests_say_what_to_use(client_as):
    client = client_as("admin")
    language = client.get(_dossier(query="?lang=fr"))
    assert language.status_code == 400 and "use vi or en" in language.content.decode()
    year = client.get("/parks/alpha/eip/annual-report.pdf?year=20x4")
    assert year.status_code == 400 and "give a year from 1990" in year.content.decode()
    assert client.get(_dossier(edition="no-such-edition")).status_code == 404


def test_the_dossier_as_of_a_date_with_the_intended_values_of_a_target_year(client_as, report_html):
    import datetime as dt

    from openeip.web.eip.services.assessment import add_evidence
    from openeip.web.registry.models import Park

    alpha = Park.objects.get(slug="alpha")
    next_year = dt.date.today().year + 1
    add_evidence(alpha, VN35, "VN35-37.1b", value_bool=True, target_year=next_year,
                 as_of=dt.date.today())
    response = fetch_report(client_as("admin"), _dossier(
        query="?lang=en&as_of=2024-12-31&target_year={}".format(next_year)))
    text = report_text(response.content)
    assert response.status_code == 200
    assert "31 Dec 2024" in text  # the cover's "Assessed as of"
    assert "Intended by {}: ".format(next_year) in text and "intended: yes" in text


def test_bad_dates_are_refused_with_what_to_give(client_as):
    client = client_as("admin")
    bad_date = client.get(_dossier(query="?as_of=31/12/2024"))
    future = client.get(_dossier(query="?as_of=2999-01-01"))
    past_target = client.get(_dossier(query="?target_year=2001"))
    assert bad_date.status_code == 400 and "YYYY-MM-DD" in bad_date.content.decode()
    assert future.status_code == 400 and "is in the future" in future.content.decode()
    assert past_target.status_code == 400 and "must be" in past_target.content.decode()
