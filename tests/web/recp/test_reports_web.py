"""The report link /companies/<pk>/recp/report.pdf: only for those who may see the company.

The link asks for a report job and leads to its page; fetch_report follows it to the file."""

from __future__ import annotations

import pytest

from tests.conftest import PERSONAS, SEES_A1
from tests.web.recp.test_reports_pdf import pdf_text
from tests.web.report_jobs import fetch_report
from tests.web.report_text import report_text


def _url(company, lang="vi"):
    return "/companies/{}/recp/report.pdf?lang={}".format(company.pk, lang)


@pytest.mark.parametrize("persona", sorted(SEES_A1))
def test_an_entitled_persona_downloads_a1s_report(world, client_as, persona, report_html):
    response = fetch_report(client_as(persona), _url(world.a1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="recp-report-A1-vi.pdf"'
    assert "Công ty A1" in report_text(response.content)


# PDF layout: no database decides it (the persona sweep above checks the data on both); one
# real PDF of the link, the report's own PDF tests in test_reports_pdf.py
@pytest.mark.one_database
def test_the_link_gives_a_real_pdf(world, client_as):
    response = fetch_report(client_as("company_user"), _url(world.a1))
    assert response.content.startswith(b"%PDF-")
    assert "Công ty A1" in pdf_text(response.content)


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - SEES_A1 - {"anonymous"}))
def test_anyone_else_signed_in_gets_404(world, client_as, persona):
    assert client_as(persona).get(_url(world.a1)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login_page(world, client_as):
    response = client_as("anonymous").get(_url(world.a1))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_company_that_does_not_exist_is_404(world, client_as):
    assert client_as("admin").get("/companies/999999/recp/report.pdf").status_code == 404


def test_the_language_comes_from_lang_else_from_the_page(world, client_as, report_html):
    client = client_as("company_user")
    english = fetch_report(client, _url(world.a1, "en"))
    assert "Company A1" in report_text(english.content)
    page_language = fetch_report(client, "/companies/{}/recp/report.pdf".format(world.a1.pk),
                                 HTTP_ACCEPT_LANGUAGE="vi")
    assert "Công ty A1" in report_text(page_language.content)


def test_an_unknown_language_is_refused_with_what_to_use(world, client_as):
    response = client_as("company_user").get(_url(world.a1, "fr"))
    assert response.status_code == 400
    assert "use vi or en" in response.content.decode()


def test_another_companys_assessment_number_is_refused(world, client_as):
    from openeip.web.recp.models import Assessment

    theirs = Assessment.objects.create(company=world.b1, title="B1 scan")
    response = client_as("admin").get(_url(world.a1, "en") + "&assessment={}".format(theirs.pk))
    assert response.status_code == 400
    assert "has no assessment" in response.content.decode()
