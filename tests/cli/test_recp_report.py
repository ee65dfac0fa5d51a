"""``openeip recp report --company ID --lang vi|en --out report.pdf`` on the test database."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from openeip.cli import app
from tests.web.recp.test_reports_pdf import assessed, pdf_text  # noqa: F401  (the fixture)
from tests.web.recp.test_series_runout_web import c1  # noqa: F401  (the fixture)
from tests.web.report_text import report_text

runner = CliRunner()


def run(*args: Any) -> Any:
    return runner.invoke(app, ["recp", "report", *(str(arg) for arg in args)])


# PDF layout: no database decides it; the PostgreSQL run checks the data (report_html)
@pytest.mark.one_database
def test_it_writes_the_report_in_english_and_in_vietnamese(assessed, tmp_path):  # noqa: F811
    english, vietnamese = tmp_path / "a1-en.pdf", tmp_path / "a1-vi.pdf"
    first = run("--company", assessed.a1.pk, "--lang", "en", "--out", english)
    second = run("--company", "alpha/A1", "--lang", "vi", "--out", vietnamese)
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert first.output.strip() == "Wrote the RECP report of A1 to {}.".format(english)
    english_text, vietnamese_text = pdf_text(english.read_bytes()), pdf_text(
        vietnamese.read_bytes())
    assert "Company A1" in english_text and "7,097,888" in english_text
    assert "Công ty A1" in vietnamese_text and "7.097.888" in vietnamese_text
    assert not list(tmp_path.glob("*.part"))


def test_an_unknown_company_exits_1_with_a_clear_message_and_writes_nothing(world, tmp_path):
    out = tmp_path / "report.pdf"
    result = run("--company", "alpha/NOPE", "--out", out)
    assert result.exit_code == 1
    assert "There is no company 'alpha/NOPE'" in result.output
    assert not out.exists()


def test_a_company_given_by_code_alone_is_explained(world, tmp_path):
    result = run("--company", "A1", "--out", tmp_path / "report.pdf")
    assert result.exit_code == 1
    assert "give its number in OpenEIP" in result.output


def test_the_report_must_be_named_pdf(world, tmp_path):
    result = run("--company", world.a1.pk, "--out", tmp_path / "report.docx")
    assert result.exit_code == 2
    assert "name the report file .pdf" in result.output


def test_an_unknown_language_is_refused(world, tmp_path):
    result = run("--company", world.a1.pk, "--lang", "fr", "--out", tmp_path / "r.pdf")
    assert result.exit_code == 2
    assert "use vi or en" in result.output


def test_the_report_of_2026_data_is_written_and_names_the_years_used(c1, tmp_path,  # noqa: F811
                                                                     report_html):
    out = tmp_path / "c1-vi.pdf"
    result = run("--company", "gamma/C1", "--lang", "vi", "--out", out)
    assert result.exit_code == 0, result.output
    assert "Lưu ý: Hệ số phát thải lưới điện Việt Nam: chưa có giá trị cho năm 2026; dùng giá " \
           "trị mới nhất, của năm 2024." in result.output
    assert "Biểu giá điện EVN: chưa có giá trị cho năm 2026" in result.output
    assert "Công ty" in report_text(out.read_bytes())     # written (as its HTML here)
