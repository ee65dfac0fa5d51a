"""The second synthetic national STREAMS.csv (bench/national_streams.py) reads as a user file."""

from __future__ import annotations

import csv
from pathlib import Path

from bench.national_streams import BAD_DIRECTIONS, BAD_UNITS, write_streams

from openeip.core.symbiosis.streams_file import read_streams_csv


def test_it_is_seeded_and_its_unusable_rows_are_left_out(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    tally = write_streams(first, 400, seed=3)
    write_streams(second, 400, seed=3)
    assert first.read_bytes() == second.read_bytes()
    with first.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == tally["rows"] == 400
    bad = {number for number, row in enumerate(rows, start=2)
           if row["unit"] in BAD_UNITS or row["direction"] in BAD_DIRECTIONS}
    assert bad and sum(not row["quantity"] for row in rows) == tally["no_quantity"] > 0
    units = {row["unit"] for row in rows}
    assert units >= {"t/month", "kg/day"} and any(unit.startswith("m3/") for unit in units)
    streams = read_streams_csv(first.read_bytes(), "a.csv", skip_invalid=True)
    skipped = {problem.row for problem in streams.skipped}
    assert bad <= skipped
    # the others: a description read as a class whose unit the amount cannot be converted to
    others = [p for p in streams.skipped if p.row not in bad]
    assert all(p.column == "unit" and "no density or calorific value" in p.message
               for p in others)
    assert len(others) < 0.05 * 400
    assert len(streams.rows) == 400 - len(skipped)
