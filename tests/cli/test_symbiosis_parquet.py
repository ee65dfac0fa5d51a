"""``openeip symbiosis match … --out matches.parquet``: the same rows as the CSV, typed."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from openeip.cli import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
DIGITS = {"score": 3, "distance_km": 1, "matched_quantity": 3, "co2e_avoided_t_per_yr": 3}


def _as_csv_text(name: str, value: object) -> str:
    if value is None:
        return ""
    if name in DIGITS:
        assert isinstance(value, float)
        return "{:.{d}f}".format(value, d=DIGITS[name])
    return str(value)


def _round_trip(tmp_path: Path, *extra: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    by_csv, by_parquet = tmp_path / "m.csv", tmp_path / "m.parquet"
    for out in (by_csv, by_parquet):
        result = runner.invoke(app, ["symbiosis", "match", str(EXAMPLES / "streams-en.csv"),
                                     "--out", str(out), "--top", "3", *extra])
        assert result.exit_code == 0, result.output
    with by_csv.open(encoding="utf-8", newline="") as handle:
        expected = list(csv.DictReader(handle))
    table = pq.read_table(by_parquet)
    assert table.schema.field("rank").type == "int32"
    assert table.schema.field("net_benefit_vnd_per_yr").type == "int64"
    assert table.schema.field("score").type == "double"
    rows = [{name: _as_csv_text(name, value) for name, value in row.items()}
            for row in table.to_pylist()]
    return expected, rows


def test_parquet_holds_the_csv_rows(tmp_path: Path) -> None:
    expected, rows = _round_trip(tmp_path)
    assert len(rows) == 9 and rows == expected
    assert not list(tmp_path.glob("*.part"))


def test_parquet_with_the_optimal_network(tmp_path: Path) -> None:
    expected, rows = _round_trip(tmp_path, "--optimise")
    assert rows == expected and {row["selected"] for row in rows} == {"yes", "no"}


def test_another_extension_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["symbiosis", "match", str(EXAMPLES / "streams-en.csv"),
                                 "--out", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 2 and "name the matches file .csv or .parquet" in result.output

