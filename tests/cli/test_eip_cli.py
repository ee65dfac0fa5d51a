"""``openeip eip editions | assess | annual-report | import-edition`` on the test database.

The world of tests/conftest.py: park alpha (100 ha, firms A1 and A2, January 2024 flows; no RECP
option implemented, no symbiosis exchange, no wastewater, no green space registered). One piece
of evidence is added: Decree 35 Art. 37(1)(a) answered "yes". So under the Decree 35 edition,
as of 31 Dec 2024, exactly one criterion is met — every computed one is either 0 (RECP share 0 of
2 firms, 0 symbiosis links, both below their thresholds) or has no data — and the applicable
criteria are all but the new-parks-only ones (alpha has no EIP profile).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from openeip.cli import app
from openeip.core.eip.editions import edition_to_yaml, load_edition, shipped_editions
from tests.web.recp.test_reports_pdf import pdf_text
from tests.web.report_text import report_text

runner = CliRunner()
VN35 = "vn-decree-35-2022"


def run(*args: Any) -> Any:
    return runner.invoke(app, ["eip", *(str(arg) for arg in args)])


@pytest.fixture
def evidenced(world):
    from openeip.web.eip.services.assessment import add_evidence

    add_evidence(world.alpha, VN35, "VN35-37.1a", value_bool=True, as_of=dt.date(2024, 6, 1),
                 note="Inspection records 2021–2023")
    return world


def _applicable(edition_id: str) -> int:
    return sum(1 for c in load_edition(edition_id).criteria if not c.new_parks_only)


def test_editions_lists_every_shipped_edition_header_first(world):
    result = run("editions")
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.output.splitlines()]
    assert lines[0] == ["id", "title", "issuer", "published", "status", "criteria"]
    rows = {line[0]: line for line in lines[1:]}
    for edition in shipped_editions():
        assert rows[edition.id][3] == edition.published.isoformat()
        assert rows[edition.id][5] == str(len(edition.criteria))
    assert rows[VN35][4] == "in_force"


def test_editions_in_vietnamese_give_the_vietnamese_titles(world):
    result = run("editions", "--lang", "vi")
    titles = [line.split("\t")[1] for line in result.output.splitlines()[1:]]
    assert load_edition(VN35).title_vi in titles


# PDF layout: no database decides it; the PostgreSQL run checks the data (report_html)
@pytest.mark.one_database
def test_assess_writes_the_dossier_in_english_and_in_vietnamese(evidenced, tmp_path):
    english, vietnamese = tmp_path / "alpha-en.pdf", tmp_path / "alpha-vi.pdf"
    first = run("assess", "--park", "alpha", "--edition", VN35, "--as-of", "2024-12-31",
                "--out", english)
    second = run("assess", "--park", "alpha", "--edition", VN35, "--as-of", "2024-12-31",
                 "--lang", "vi", "--out", vietnamese)
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    applicable = _applicable(VN35)
    assert first.output.strip().startswith(
        "Wrote the EIP dossier of alpha under {} to {}: 1 of {} applicable criteria met".format(
            VN35, english, applicable))
    english_text = pdf_text(english.read_bytes())
    vietnamese_text = pdf_text(vietnamese.read_bytes())
    criterion = load_edition(VN35).criterion("VN35-37.1a")
    assert "Eco-industrial park (EIP) certification dossier" in english_text
    assert "Park alpha" in english_text and "1 of {} applicable criteria met".format(
        applicable) in english_text
    assert "Inspection records" in english_text  # the evidence note (may wrap at its dash)
    assert "KCN alpha" in vietnamese_text
    assert " ".join(criterion.text_vi.split())[:60] in vietnamese_text
    assert not list(tmp_path.glob("*.part"))


def test_assess_with_an_xlsx_out_writes_the_workbook(evidenced, tmp_path):
    out = tmp_path / "alpha.xlsx"
    result = run("assess", "--park", "alpha", "--edition", VN35, "--as-of", "2024-12-31",
                 "--out", out)
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    rows = list(workbook["Criteria"].iter_rows(values_only=True))
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_id["VN35-37.1a"]["Status"] == "met"
    assert by_id["VN35-37.1a"]["Verification"] == "secondary source"
    assert by_id["VN35-B5-ENV.2"]["Value (number)"] == 0  # 0 of 2 firms apply RECP


def test_assess_does_not_add_to_the_history_unless_asked(evidenced, tmp_path, report_html):
    from openeip.web.eip.models import ParkAssessment

    run("assess", "--park", "alpha", "--edition", VN35, "--out", tmp_path / "a.pdf")
    assert ParkAssessment.objects.count() == 0
    run("assess", "--park", "alpha", "--edition", VN35, "--save", "--out", tmp_path / "b.pdf")
    assert ParkAssessment.objects.filter(park=evidenced.alpha, edition_id=VN35).count() == 1


def test_an_unknown_park_or_edition_exits_1_and_writes_nothing(world, tmp_path):
    out = tmp_path / "x.pdf"
    park = run("assess", "--park", "nowhere", "--edition", VN35, "--out", out)
    edition = run("assess", "--park", "alpha", "--edition", "no-such-edition", "--out", out)
    assert park.exit_code == 1 and "There is no park 'nowhere'" in park.output
    assert edition.exit_code == 1 and "There is no EIP edition no-such-edition" in edition.output
    assert not out.exists()


def test_the_assessment_date_must_be_a_past_date(world, tmp_path):
    bad = run("assess", "--park", "alpha", "--edition", VN35, "--as-of", "31/12/2024",
              "--out", tmp_path / "r.pdf")
    future = run("assess", "--park", "alpha", "--edition", VN35, "--as-of", "2999-01-01",
                 "--out", tmp_path / "r.pdf")
    assert bad.exit_code == 2 and "give the date as YYYY-MM-DD" in bad.output
    assert future.exit_code == 2 and "the date is in the future" in future.output


def test_the_out_file_must_be_pdf_or_xlsx_and_the_language_vi_or_en(world, tmp_path):
    suffix = run("assess", "--park", "alpha", "--edition", VN35, "--out", tmp_path / "r.docx")
    lang = run("assess", "--park", "alpha", "--edition", VN35, "--lang", "fr",
               "--out", tmp_path / "r.pdf")
    assert suffix.exit_code == 2 and "name the file .pdf or .xlsx" in suffix.output
    assert lang.exit_code == 2 and "use vi or en" in lang.output


def test_annual_report_writes_forms_a5_and_b5(evidenced, tmp_path):
    out = tmp_path / "annual.pdf"
    result = run("annual-report", "--park", "alpha", "--year", 2024, "--out", out)
    assert result.exit_code == 0, result.output
    text = pdf_text(out.read_bytes())
    assert "Annual eco-industrial park report 2024" in text
    assert "Form A.5" in text and "Form B5" in text and "Not the official form." in text


def _edition_file(tmp_path, edition_id: str, duplicate: bool = False):
    base = load_edition(VN35)
    criteria = base.criteria[:2] + ((base.criteria[0],) if duplicate else ())
    edition = dataclasses.replace(base, id=edition_id, status="custom", based_on=VN35,
                                  criteria=criteria)
    path = tmp_path / "{}.yaml".format(edition_id)
    path.write_text(edition_to_yaml(edition), encoding="utf-8")
    return path


def test_import_edition_adds_a_new_edition(world, tmp_path):
    from openeip.web.eip.models import ImportedEdition

    result = run("import-edition", _edition_file(tmp_path, "alpha-targets-2025"))
    assert result.exit_code == 0, result.output
    assert "Imported edition alpha-targets-2025" in result.output
    assert ImportedEdition.objects.filter(edition_id="alpha-targets-2025").exists()
    listed = run("editions").output
    assert "\nalpha-targets-2025\t" in listed


def test_import_edition_names_the_problem_and_saves_nothing(world, tmp_path):
    from openeip.web.eip.models import ImportedEdition

    result = run("import-edition", _edition_file(tmp_path, "broken", duplicate=True))
    assert result.exit_code == 1
    assert "VN35-37.1a" in result.output and "nothing was written" in result.output
    assert not ImportedEdition.objects.exists()


def test_a_shipped_edition_cannot_be_replaced(world, tmp_path):
    path = tmp_path / "vn35.yaml"
    path.write_text(edition_to_yaml(load_edition(VN35)), encoding="utf-8")
    result = run("import-edition", path)
    assert result.exit_code == 1
    assert "is shipped with OpenEIP and cannot be replaced" in result.output


def test_an_xlsx_edition_is_imported_and_assessed_under(world, tmp_path, report_html):
    from openeip.core.eip.editions import write_edition_template

    workbook = tmp_path / "targets.xlsx"
    write_edition_template(workbook)  # the Decree 35 edition under the id "…-custom"
    imported = run("import-edition", workbook)
    assert imported.exit_code == 0, imported.output
    assert "Imported edition vn-decree-35-2022-custom from targets.xlsx." in imported.output
    out = tmp_path / "custom.pdf"
    assessed = run("assess", "--park", "alpha", "--edition", "vn-decree-35-2022-custom",
                   "--out", out)
    assert assessed.exit_code == 0, assessed.output
    assert "under vn-decree-35-2022-custom" in assessed.output
    assert "— imported" in report_text(out.read_bytes())  # the edition's status on the cover
