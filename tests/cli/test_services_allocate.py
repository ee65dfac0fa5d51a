"""``openeip services allocate``: shares written, bad rows refused, nothing written."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from openeip.cli import app

runner = CliRunner()

# the hand game of tests/core/test_services_allocation.py, in VND
GAME = ["members,cost_vnd,load", "A,100,2", "B,150,3", "C,200,5", "A+B,220,", "A+C,270,",
        "B+C,310,", "A+B+C,360,"]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: Any) -> Any:
    return runner.invoke(app, [str(arg) for arg in args])


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.mark.parametrize("method, expected", [
    ("shapley", {"A", "B", "C"}),
    ("scrb", {"A", "B", "C"}),
    ("load", {"A", "B", "C"}),
])
def test_every_method_writes_shares_that_add_up_to_the_grand_cost(tmp_path, method, expected):
    out = tmp_path / "alloc.csv"
    result = run("services", "allocate", write(tmp_path / "c.csv", GAME), "--method", method,
                 "--out", out)
    assert result.exit_code == 0, result.output
    rows = read(out)
    assert list(rows[0]) == ["participant", "method", "allocated_vnd"]
    assert {row["participant"] for row in rows} == expected
    assert {row["method"] for row in rows} == {method}
    assert sum(int(row["allocated_vnd"]) for row in rows) == 360


def test_the_shapley_shares_are_the_hand_computed_ones_in_whole_vnd(tmp_path):
    out = tmp_path / "alloc.csv"
    run("services", "allocate", write(tmp_path / "c.csv", GAME), "--out", out)
    shares = {row["participant"]: int(row["allocated_vnd"]) for row in read(out)}
    # 73 1/3, 118 1/3, 168 1/3 rounded by largest remainder to a total of 360
    assert sorted(shares.values()) in ([73, 118, 169], [73, 119, 168], [74, 118, 168])


def test_the_load_shares_follow_the_meters(tmp_path):
    out = tmp_path / "alloc.csv"
    run("services", "allocate", write(tmp_path / "c.csv", GAME), "--method", "load",
        "--out", out)
    assert {r["participant"]: r["allocated_vnd"] for r in read(out)} == {
        "A": "72", "B": "108", "C": "180"}


@pytest.mark.parametrize("bad_line, row, words", [
    ("B,-150,3", 3, "negative"),
    ("B+D,300,", 9, "'D' is unknown"),
    ("B,abc,3", 3, "not a number"),
])
def test_it_refuses_a_bad_row_and_names_it(tmp_path, bad_line, row, words):
    lines = list(GAME)
    if bad_line.startswith("B+D"):
        lines.append(bad_line)
    else:
        lines[2] = bad_line
    out = tmp_path / "alloc.csv"
    result = run("services", "allocate", write(tmp_path / "c.csv", lines), "--out", out)
    assert result.exit_code == 1
    assert "row {}".format(row) in result.output and words in result.output
    assert not out.exists()


def test_it_refuses_a_missing_singleton(tmp_path):
    lines = [line for line in GAME if line != "C,200,5"]
    out = tmp_path / "alloc.csv"
    result = run("services", "allocate", write(tmp_path / "c.csv", lines), "--out", out)
    assert result.exit_code == 1
    assert "'C' is unknown" in result.output and "row 5" in result.output
    assert not out.exists()


def test_it_refuses_a_file_without_the_grand_coalition(tmp_path):
    lines = [line for line in GAME if not line.startswith("A+B+C")]
    result = run("services", "allocate", write(tmp_path / "c.csv", lines), "--out",
                 tmp_path / "alloc.csv")
    assert result.exit_code == 1 and "A+B+C" in result.output


def test_the_load_method_needs_the_load_column(tmp_path):
    lines = [line.rsplit(",", 1)[0] for line in GAME]
    out = tmp_path / "alloc.csv"
    result = run("services", "allocate", write(tmp_path / "c.csv", lines), "--method", "load",
                 "--out", out)
    assert result.exit_code == 1 and "load" in result.output
    assert not out.exists()


def test_it_refuses_an_unknown_method(tmp_path):
    result = run("services", "allocate", write(tmp_path / "c.csv", GAME), "--method", "equal",
                 "--out", tmp_path / "alloc.csv")
    assert result.exit_code != 0


def test_it_speaks_vietnamese_when_asked(tmp_path):
    lines = list(GAME)
    lines[2] = "B,-150,3"
    result = run("services", "allocate", write(tmp_path / "c.csv", lines), "--out",
                 tmp_path / "alloc.csv", "--lang", "vi")
    assert result.exit_code == 1
    assert "dòng 3" in result.output
