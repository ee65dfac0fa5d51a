"""``openeip finance lines | evaluate | check | projects | dossier`` as a user runs them."""

from __future__ import annotations

import csv
import io
from typing import Any

import numpy_financial as npf
import pytest
from typer.testing import CliRunner

from openeip.cli import app
from openeip.core.finance import PROJECT_RESULT_COLUMNS

runner = CliRunner()

HEADER = ("id,investment_vnd,annual_savings_vnd,lifetime_years,discount_rate,loan_share,"
          "loan_rate,loan_years,grace_years,tax_rate,inflation,repayment\n")


def run(*args: Any) -> Any:
    return runner.invoke(app, ["finance", *(str(arg) for arg in args)])


def test_lines_header_first_then_the_line_id_first(tmp_path):
    result = run("lines", "--shipped-only")
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows[0] == ["id", "lender", "instrument", "source"]
    assert {row[0] for row in rows[1:]} == {"gctf", "vepf", "green-credit-generic",
                                            "vn-taxonomy-2025"}
    gctf = next(row for row in rows if row[0] == "gctf")
    assert gctf[2] == "guarantee,refund" and gctf[3].startswith("https://gctf.vncpc.org")


def test_evaluate_writes_the_figures_of_the_hand_case(tmp_path):
    source = tmp_path / "projects.csv"
    source.write_text(HEADER + "hand,1000,300,5,0.10,0.6,0.10,4,1,0.2,0,equal\n"
                      "cash,1000,300,5,10 %,0,0,0,0,0,0,\n", encoding="utf-8")
    out = tmp_path / "results.csv"
    result = run("evaluate", source, "--out", out)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert list(rows[0])[-7:] == list(PROJECT_RESULT_COLUMNS)
    hand = rows[0]
    assert float(hand["min_dscr"]) == pytest.approx(292 / 260, abs=1e-6)
    assert float(hand["payback_years"]) == pytest.approx(1000 / 280, abs=1e-6)
    assert float(hand["project_irr"]) == pytest.approx(npf.irr([-1000] + [280] * 5), abs=1e-6)
    assert float(hand["equity_irr"]) == pytest.approx(npf.irr([-400, 232, 32, 48, 64, 280]),
                                                      abs=1e-6)
    cash = rows[1]
    assert cash["min_dscr"] == "" and cash["llcr"] == ""  # no loan
    assert "cash: min_dscr is empty: no loan" in result.output


def test_evaluate_locates_every_bad_cell_and_writes_nothing(tmp_path):
    source = tmp_path / "projects.csv"
    source.write_text(HEADER + "a,1000,300,5,0.10,0.6,0.10,4,4,0.2,0,annuity\n"
                      "b,lots,300,5,0.10,0.6,0.10,4,1,0.2,0,balloon\n"
                      "a,1000,300,5,0.10,0.6,0.10,4,1,0.2,0,equal\n", encoding="utf-8")
    out = tmp_path / "results.csv"
    result = run("evaluate", source, "--out", out)
    assert result.exit_code == 1
    assert "row 2, column grace_years" in result.output
    assert "row 3, column investment_vnd" in result.output
    assert "row 3, column repayment" in result.output
    assert "row 4, column id" in result.output
    assert not out.exists() and not (tmp_path / "results.csv.part").exists()


def test_evaluate_names_a_missing_column(tmp_path):
    source = tmp_path / "projects.csv"
    source.write_text("id,investment_vnd\nx,1\n", encoding="utf-8")
    result = run("evaluate", source, "--out", tmp_path / "r.csv")
    assert result.exit_code == 1 and "column annual_savings_vnd" in result.output


@pytest.fixture
def project(world):
    from tests.web.finance.helpers import a1_project

    return a1_project(world, facts={"is_sme": {"value": True}})


def test_check_lists_each_line_with_reasons(project):
    result = run("check", "--company", "alpha/A1")
    assert result.exit_code == 0, result.output
    assert "#{} A1 compressor".format(project.pk) in result.output
    assert "  gctf: unknown" in result.output
    assert "improvement-30 [met]" in result.output and "30 %" in result.output
    vi = run("check", "--company", "alpha/A1", "--lang", "vi")
    assert "chưa rõ" in vi.output or "chưa biết" in vi.output


def test_check_of_an_unknown_company_says_how_to_name_it(world):
    result = run("check", "--company", "alpha/ZZ")
    assert result.exit_code == 1 and "PARK/CODE" in result.output


def test_projects_and_dossier(project, tmp_path):
    result = run("projects")
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows[0][0] == "id" and rows[1][0] == str(project.pk)
    out = tmp_path / "dossier.xlsx"
    result = run("dossier", "--project", project.pk, "--lang", "vi", "--out", out)
    assert result.exit_code == 0, result.output
    import openpyxl

    book = openpyxl.load_workbook(out)
    assert "Dòng tiền" in book.sheetnames
    assert run("dossier", "--project", 999, "--out", tmp_path / "x.pdf").exit_code == 1


def test_check_without_projects_takes_each_evaluated_option(world):
    from tests.web.finance.helpers import a1_option

    a1_option(world)
    result = run("check", "--company", "alpha/A1")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("VSD on the air compressor")
    # an option has no financing plan: its loan is unknown, not zero
    assert "credit-size [unknown]" in result.output
    assert "improvement-30 [met]" in result.output
