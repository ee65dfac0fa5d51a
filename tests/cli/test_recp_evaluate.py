"""``openeip recp evaluate`` on real files: results written, bad rows located, nothing written."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from openeip.cli import app
from openeip.core.finance import OPTION_COLUMNS, RESULT_COLUMNS, SAVING_COLUMNS

runner = CliRunner()
DOCS = Path(__file__).resolve().parents[2] / "docs" / "recp-evaluate.md"

HEADER = ("option_id,name,investment_vnd,lifetime_years,discount_rate,extra_om_vnd,"
          "annual_savings_vnd,"
          "resource_1,saved_1,saved_unit_1,price_1,price_unit_1,baseline_1,"
          "energy_saved_mwh,ghg_avoided_tco2e,reduction_share")
GOOD_ROWS = [
    # 100e6 for 30e6 a year (given directly), 5 years at 10 %: the hand example
    "VSD-01,Drive on the pump,100000000,5,0.10,,30000000,,,,,,,,,",
    # 120 MWh × 1,833 VND/kWh = 219,960,000 a year, minus 1e6 O&M, 8 years at 10 %
    "LED-01,LED lighting,50000000,8,10%,1000000,,electricity,120,MWh,1833,VND/kWh,400,120,81.7,",
]


def write(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text("\n".join((header,) + rows) + "\n", encoding="utf-8")
    return path


def run(*args: Any) -> Any:
    return runner.invoke(app, [str(arg) for arg in args])


def read_results(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_it_evaluates_each_option_into_the_results_file(tmp_path: Path) -> None:
    options = write(tmp_path / "options.csv", *GOOD_ROWS)
    out = tmp_path / "results.csv"
    result = run("recp", "evaluate", options, "--out", out)
    assert result.exit_code == 0, result.output
    assert "Evaluated 2 option(s)" in result.output
    rows = read_results(out)
    assert list(rows[0]) == list(RESULT_COLUMNS)
    vsd, led = rows
    assert vsd["option_id"] == "VSD-01" and vsd["name"] == "Drive on the pump"
    assert vsd["annual_savings_vnd"] == "30000000"
    assert vsd["simple_payback_years"] == "3.333333"
    assert vsd["discounted_payback_years"] == "4.263267"
    assert vsd["npv_vnd"] == "13723603"
    assert vsd["irr"] == "0.152382"
    assert vsd["benefit_cost_ratio"] == "1.137236"
    assert vsd["macc_position"] == ""
    assert "levelised_cost_vnd_per_mwh: the option saves no energy" in vsd["notes"]
    assert led["annual_savings_vnd"] == "219960000"
    assert led["net_annual_benefit_vnd"] == "218960000"
    assert led["simple_payback_years"] == "0.228352"  # 50 / 218.96
    assert led["energy_saved_mwh"] == "120.000000"


def test_the_macc_columns_follow_the_baseline(tmp_path: Path) -> None:
    options = write(
        tmp_path / "options.csv",
        "A,,10000000,10,0,,,,,,,,,,,0.2",
        "B,,100000000,10,0,,,,,,,,,,,0.5",
        "LED-01,,0,10,0,,,,,,,,,,10,",
    )
    out = tmp_path / "results.csv"
    result = run("recp", "evaluate", options, "--out", out, "--baseline-tco2e", "100")
    assert result.exit_code == 0, result.output
    by_id = {row["option_id"]: row for row in read_results(out)}
    # LED costs nothing (0/t) and takes 10 t; then A: 20 % of 90 = 18 t for 1e6 → 55,556/t;
    # then B: 50 % of 72 = 36 t for 10e6 → 277,778/t
    assert [(by_id[k]["macc_position"], by_id[k]["macc_abatement_tco2e"],
             by_id[k]["macc_cumulative_tco2e"], by_id[k]["macc_cost_vnd_per_tco2e"])
            for k in ("LED-01", "A", "B")] == [
        ("1", "10.000000", "10.000000", "0"),
        ("2", "18.000000", "28.000000", "55556"),
        ("3", "36.000000", "64.000000", "277778"),
    ]


def test_every_bad_row_is_reported_with_file_row_and_column_and_nothing_is_written(
        tmp_path: Path) -> None:
    options = write(
        tmp_path / "options.csv",
        GOOD_ROWS[0],
        "NEG-LIFE,,1000000,-3,0.10,,,,,,,,,,,",
        "BAD-UNIT,,1000000,5,0.10,,,electricity,120,MWh,1833,VND/m³,,,,",
        "NO-PRICE,,1000000,5,0.10,,,water,5000,m³,,,,,,",
        "TOO-MUCH,,1000000,5,0.10,,,electricity,500,MWh,1833,VND/kWh,400,,,",
        "PERCENT,,1000000,5,12,,,,,,,,,,,",
        "TEXT,,lots,5,0.10,,,,,,,,,,,",
    )
    out = tmp_path / "results.csv"
    result = run("recp", "evaluate", options, "--out", out)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("options.csv, row 3, column lifetime_years: The lifetime of -3")
    assert lines[1].startswith("options.csv, row 4, column price_unit_1: The price of "
                               "electricity is in VND/m³, which does not fit a saving in MWh")
    assert lines[2].startswith("options.csv, row 5, column price_1: The price of water is "
                               "missing")
    assert lines[3].startswith("options.csv, row 6, column saved_1: The saving of 500 MWh of "
                               "electricity is larger than the 400 MWh consumed")
    assert lines[4].startswith("options.csv, row 7, column discount_rate: discount_rate = 12")
    assert lines[5] == ("options.csv, row 8, column investment_vnd: 'lots' is not a number; "
                        "write digits with a dot for decimals, such as 1234.5.")
    assert len(lines) == 6
    assert "6 problem(s); nothing was written" in result.stderr
    assert not out.exists()
    assert not (tmp_path / "results.csv.part").exists()


def test_a_failed_run_leaves_an_earlier_results_file_untouched(tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    out.write_text("earlier", encoding="utf-8")
    options = write(tmp_path / "options.csv", "X,,-5,5,0.1,,,,,,,,,,,")
    result = run("recp", "evaluate", options, "--out", out)
    assert result.exit_code == 1
    assert "row 2, column investment_vnd: investment_vnd cannot be negative" in result.stdout
    assert out.read_text(encoding="utf-8") == "earlier"


def test_missing_and_unknown_columns_are_reported_on_the_header_row(tmp_path: Path) -> None:
    options = write(tmp_path / "options.csv", "A,1000,5,0.1",
                    header="option_id,investment_vnd,lifetime_years,discout_rate")
    result = run("recp", "evaluate", options, "--out", tmp_path / "r.csv")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "options.csv, row 1, column discout_rate: Unknown column 'discout_rate'. The columns "
        "are described in docs/recp-evaluate.md; resource savings use numbered groups such as "
        "saved_1, price_1.",
        "options.csv, row 1, column discount_rate: The column 'discount_rate' is missing; add "
        "it.",
    ]


def test_a_resource_group_needs_its_quantity_unit_and_price_unit(tmp_path: Path) -> None:
    options = write(tmp_path / "options.csv",
                    "A,,1000000,5,0.1,,,steam,,,250000,,,,,",
                    "B,,1000000,5,0.1,,,coal,10,furlongs,2500000,VND/t,,,,")
    result = run("recp", "evaluate", options, "--out", tmp_path / "r.csv")
    assert result.exit_code == 1
    located = [line.split(":")[0] for line in result.stdout.splitlines()]
    assert located == ["options.csv, row 2, column saved_1", "options.csv, row 2, column "
                       "saved_unit_1", "options.csv, row 2, column price_unit_1",
                       "options.csv, row 3, column saved_unit_1"]


def test_duplicate_option_ids_are_refused(tmp_path: Path) -> None:
    options = write(tmp_path / "options.csv", GOOD_ROWS[0], GOOD_ROWS[0])
    result = run("recp", "evaluate", options, "--out", tmp_path / "r.csv")
    assert result.exit_code == 1
    assert result.stdout.startswith("options.csv, row 3, column option_id: The option_id "
                                    "'VSD-01' is already used in row 2")


def test_an_inconsistent_percentage_option_is_located_when_building_the_macc(
        tmp_path: Path) -> None:
    options = write(tmp_path / "options.csv", GOOD_ROWS[0], "P,,1000000,5,0.1,,,,,,,,,,30,0.2")
    out = tmp_path / "r.csv"
    result = run("recp", "evaluate", options, "--out", out, "--baseline-tco2e", "100")
    assert result.exit_code == 1
    assert result.stdout.startswith("options.csv, row 3, column ghg_avoided_tco2e: Option P: "
                                    "ghg_avoided = 30 tCO2e disagrees")
    assert not out.exists()


def test_a_file_with_only_a_header_is_refused(tmp_path: Path) -> None:
    options = write(tmp_path / "options.csv")
    result = run("recp", "evaluate", options, "--out", tmp_path / "r.csv")
    assert result.exit_code == 1
    assert "no options" in result.stdout


def test_thousands_separated_by_commas_are_refused_as_ambiguous(tmp_path: Path) -> None:
    options = write(tmp_path / "options.csv", 'A,,"100,000,000",5,0.1,,,,,,,,,,,')
    result = run("recp", "evaluate", options, "--out", tmp_path / "r.csv")
    assert result.exit_code == 1
    assert "column investment_vnd: '100,000,000' is not a number OpenEIP can read safely" in (
        result.stdout)


def test_an_unknown_language_is_refused(tmp_path: Path) -> None:
    options = write(tmp_path / "options.csv", GOOD_ROWS[0])
    result = run("recp", "evaluate", options, "--out", tmp_path / "r.csv", "--lang", "fr")
    assert result.exit_code == 2


def test_every_column_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    columns = list(OPTION_COLUMNS) + list(RESULT_COLUMNS) + [
        "{}_N".format(column) for column in SAVING_COLUMNS]
    assert [column for column in columns if "`{}`".format(column) not in text] == []
