"""``openeip symbiosis match`` on the hand-written example files and on broken ones."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from openeip.cli import app
from openeip.core.symbiosis.streams_file import MATCH_COLUMNS

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def run(*args: Any) -> Any:
    return runner.invoke(app, [str(arg) for arg in args])


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def pairs(rows: list[dict[str, str]]) -> set[tuple[str, str]]:
    return {(row["supply_id"], row["demand_id"]) for row in rows}


# The exchanges a person expects from the example park (ids of streams-en.csv; the Vietnamese
# file has the same streams as C1…C7 and N1…N7).
EXPECTED_EN = {
    ("S1", "D1"),   # fly ash → blended cement additive
    ("S2", "D2"),   # FGD gypsum → gypsum as set retarder
    ("S3", "D3"),   # spent grain → animal feed
    ("S4", "D4"),   # surplus LP steam → process steam of the dye house next door
    ("S5", "D5"),   # EAF slag → aggregates
    ("S6", "D6"),   # treated wastewater → cooling-tower make-up
    ("S7", "D7"),   # used lube oil → re-refining
}


def test_it_matches_the_english_example(tmp_path: Path) -> None:
    out = tmp_path / "matches.csv"
    result = run("symbiosis", "match", EXAMPLES / "streams-en.csv", "--out", out, "--top", "3")
    assert result.exit_code == 0, result.output
    assert "14 stream(s): 7 supplies, 7 demands" in result.output
    rows = read(out)
    assert list(rows[0]) == list(MATCH_COLUMNS)
    assert EXPECTED_EN - pairs(rows) == set()
    for row in rows:
        assert 0.0 < float(row["score"]) <= 1.0
        assert row["explanation"].startswith("class fit ")
        assert row["unit"] in ("t", "m3", "MWh")
    steam = next(r for r in rows if (r["supply_id"], r["demand_id"]) == ("S4", "D4"))
    # 2 t/h × 8,760 h offered, 1.2 t/h × 8,760 h needed: 10,512 t of steam can be taken
    assert float(steam["matched_quantity"]) == 10_512.0
    assert steam["unit"] == "t"
    assert float(steam["net_benefit_vnd_per_yr"]) > 0


def test_it_matches_the_vietnamese_example_with_vietnamese_messages(tmp_path: Path) -> None:
    out = tmp_path / "matches.csv"
    result = run("symbiosis", "match", EXAMPLES / "streams-vi.csv", "--out", out,
                 "--top", "3", "--lang", "vi")
    assert result.exit_code == 0, result.output
    rows = read(out)
    expected = {("C" + s[1:], "N" + d[1:]) for s, d in EXPECTED_EN}
    assert expected - pairs(rows) == set()
    fly_ash = next(r for r in rows if (r["supply_id"], r["demand_id"]) == ("C1", "N1"))
    assert fly_ash["resource_class"] == "fly_ash"
    assert float(fly_ash["matched_quantity"]) == 45.0 * 365      # 16,425 t/yr


def test_the_ranks_of_each_supply_start_at_one(tmp_path: Path) -> None:
    out = tmp_path / "matches.csv"
    assert run("symbiosis", "match", EXAMPLES / "streams-en.csv", "--out", out).exit_code == 0
    by_supply: dict[str, list[int]] = {}
    for row in read(out):
        if row["rank"]:
            by_supply.setdefault(row["supply_id"], []).append(int(row["rank"]))
    for ranks in by_supply.values():
        assert ranks == list(range(1, len(ranks) + 1))


def test_optimise_marks_a_network_within_every_supply(tmp_path: Path) -> None:
    out = tmp_path / "matches.csv"
    result = run("symbiosis", "match", EXAMPLES / "streams-en.csv", "--out", out, "--optimise")
    assert result.exit_code == 0, result.output
    assert "Optimal network (optimal)" in result.output
    rows = read(out)
    assert list(rows[0])[-1] == "selected"
    chosen = [row for row in rows if row["selected"] == "yes"]
    assert all(float(row["net_benefit_vnd_per_yr"]) > 0 for row in chosen)
    # gypsum, spent grain and treated water each have one receiver that nobody else serves
    # and a positive net benefit: any optimum sends them there
    assert {("S2", "D2"), ("S3", "D3"), ("S6", "D6")} <= pairs(chosen)
    assert {row["selected"] for row in rows} <= {"yes", "no"}
    # the binding limits worth most, highest value of one more unit first
    lines = result.output.splitlines()
    start = lines.index("Binding limits worth most (value of one more unit):")
    values = [float(line.rsplit(" add ", 1)[1].split()[0].replace(",", ""))
              for line in lines[start + 1:] if line.startswith("  ")]
    assert 0 < len(values) <= 5
    assert values == sorted(values, reverse=True) and values[-1] > 0
    assert any(line.startswith("  supply S2 (Dinh Vu Thermal Power, FGD gypsum") and
               "4,380.0 t/yr used" in line for line in lines)


def test_bad_rows_are_listed_with_their_row_and_nothing_is_written(tmp_path: Path) -> None:
    streams = tmp_path / "streams.csv"
    shutil.copy(EXAMPLES / "streams-en.csv", streams)
    with streams.open("a", encoding="utf-8") as handle:
        handle.write("X1,Bad Co,,,95,106,supply,fly ash,10,t/yr\n")       # row 16: latitude
        handle.write("X2,Bad Co,,,,,sell,fly ash,10,t/yr\n")              # row 17: direction
        handle.write("X3,Bad Co,,,,,supply,fly ash,10,t\n")               # row 18: no time
    out = tmp_path / "matches.csv"
    result = run("symbiosis", "match", streams, "--out", out)
    assert result.exit_code == 1
    assert "streams.csv, row 16, column lat: The latitude 95 is out of range" in result.output
    assert "streams.csv, row 17, column direction: 'sell' is not a direction" in result.output
    assert "streams.csv, row 18, column unit: The unit 't' has no time" in result.output
    assert "3 problem(s); nothing was written." in result.output
    assert not out.exists()

    result = run("symbiosis", "match", streams, "--out", out, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "Left out: streams.csv, row 16, column lat" in result.output
    assert EXPECTED_EN - pairs(read(out)) == set()


def test_an_unrecognised_description_is_named_but_not_an_error(tmp_path: Path) -> None:
    streams = tmp_path / "streams.csv"
    shutil.copy(EXAMPLES / "streams-en.csv", streams)
    with streams.open("a", encoding="utf-8") as handle:
        handle.write(",Odd Co,,,,,supply,qwzx plimf,,\n")                  # row 16, id "16"
    out = tmp_path / "matches.csv"
    result = run("symbiosis", "match", streams, "--out", out)
    assert result.exit_code == 0, result.output
    assert "streams.csv, row 16: no resource class was recognised in 'qwzx plimf'" in (
        result.output)
    assert "16" not in {row["supply_id"] for row in read(out)}


def test_scope_park_keeps_exchanges_inside_one_park(tmp_path: Path) -> None:
    out = tmp_path / "matches.csv"
    result = run("symbiosis", "match", EXAMPLES / "streams-en.csv", "--out", out,
                 "--scope", "park")
    assert result.exit_code == 0, result.output
    rows = read(out)
    parks = {row["id"]: row["park"] for row in read(EXAMPLES / "streams-en.csv")}
    assert rows and all(parks[r["supply_id"]] == parks[r["demand_id"]] for r in rows)
    assert ("S1", "D1") not in pairs(rows)          # the cement plant is in another park


def test_options_are_checked(tmp_path: Path) -> None:
    streams = EXAMPLES / "streams-en.csv"
    assert run("symbiosis", "match", streams, "--out", tmp_path / "m.txt").exit_code == 2
    assert run("symbiosis", "match", streams, "--out", tmp_path / "m.csv",
               "--scope", "world").exit_code == 2
    assert run("symbiosis", "match", streams, "--out", tmp_path / "m.csv",
               "--lang", "fr").exit_code == 2
    assert not (tmp_path / "m.csv").exists()


def test_it_names_the_grid_factor_year_the_benefits_used(tmp_path: Path) -> None:
    import datetime as dt

    from openeip.core.ghg import grid_factors

    out = tmp_path / "matches.csv"
    result = run("symbiosis", "match", EXAMPLES / "streams-en.csv", "--out", out, "--top", "1")
    assert result.exit_code == 0, result.output
    this_year, latest = dt.date.today().year, max(grid_factors())
    if this_year > latest:
        assert ("Note: Vietnam grid emission factor: no value is known for {}; the latest one, "
                "of {}, is used.".format(this_year, latest)) in result.output
    else:
        assert "Note:" not in result.output
