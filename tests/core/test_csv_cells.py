"""CSV exports never hand a spreadsheet a formula, and OpenEIP reads its own guarded text back."""

from __future__ import annotations

import io

import pytest

from openeip.core.csv_cells import guard, unguard
from openeip.core.intake import read_dataset, write_dataset
from tests.core.test_intake_write import dataset


@pytest.mark.parametrize(("text", "written"), [
    ("=1+1", "'=1+1"), ("+A1", "'+A1"), ("-cmd", "'-cmd"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("'=x", "''=x"), ("Điện lưới", "Điện lưới"),
    ("it's", "it's"), ("'quoted'", "'quoted'"), ("", ""),
])
def test_guard_prefixes_formula_like_text_and_unguard_undoes_it(text, written):
    assert guard(text) == written
    assert unguard(written) == text


def test_a_csv_export_guards_text_and_reads_back_the_same_text():
    original = dataset()
    stream = io.BytesIO()
    write_dataset(original, stream, "csv")
    lines = stream.getvalue().decode("utf-8-sig").splitlines()
    assert any(",'=PET resin (text)," in line for line in lines)
    assert not any(",=" in line or ",+" in line or ",@" in line for line in lines)
    copy = read_dataset(stream.getvalue(), "export.csv")
    assert copy.flows == original.flows
    assert copy.flows[4].description == "=PET resin (text)"


def test_the_recp_results_file_guards_the_option_name_but_not_negative_figures(tmp_path):
    from tests.cli.test_recp_evaluate import HEADER, read_results, run, write

    options = write(tmp_path / "options.csv",
                    "VSD-01,=HYPERLINK(\"http://x\"),100000000,5,0.10,,1000000,,,,,,,,,")
    out = tmp_path / "results.csv"
    assert run("recp", "evaluate", options, "--out", out).exit_code == 0
    row = read_results(out)[0]
    assert row["name"] == "'=HYPERLINK(\"http://x\")"
    assert row["npv_vnd"].startswith("-")  # a loss is a number, not guarded
    assert HEADER
