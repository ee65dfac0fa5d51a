"""STREAMS.csv reading (issue 4 §8), yearly quantities and MATCHES.csv writing."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

import pytest

from openeip.core.domain import Direction
from openeip.core.errors import IntakeError, UnitError
from openeip.core.symbiosis.model import (
    Benefit,
    Candidate,
    Family,
    Form,
    ResourceClass,
    ScorePart,
)
from openeip.core.symbiosis.stream_quantities import (
    YearlyQuantity,
    in_class_unit,
    yearly_quantity,
)
from openeip.core.symbiosis.streams_file import MATCH_COLUMNS, matches_csv, read_streams_csv

FLY_ASH = ResourceClass("fly_ash", "ash", Family.BY_PRODUCT, Form.SOLID, False, "t",
                        "Fly ash", "Tro bay", density_t_per_m3=0.8)
STEAM = ResourceClass("steam_lp", "steam", Family.ENERGY, Form.STEAM, False, "MWh",
                      "Low-pressure steam", "Hơi thấp áp", ncv_gj_per_t=2.7)
SPENT_ACID = ResourceClass("spent_acid", "acid", Family.WASTE, Form.LIQUID, True, "m3",
                           "Spent pickling acid", "Axit tẩy gỉ thải")


@dataclass(frozen=True)
class _Taxonomy:
    classes: Mapping[str, ResourceClass]


TAXONOMY = _Taxonomy({c.code: c for c in (FLY_ASH, STEAM, SPENT_ACID)})
HEADER = "id,company,park,sector,lat,lon,direction,description,quantity,unit,resource_class\n"


def _read(body: str, header: str = HEADER, **options: object):  # type: ignore[no-untyped-def]
    return read_streams_csv((header + body).encode("utf-8"), "STREAMS.csv", taxonomy=TAXONOMY,
                            **options)  # type: ignore[arg-type]


def _problems(body: str, header: str = HEADER) -> list[str]:
    with pytest.raises(IntakeError) as caught:
        _read(body, header)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (120.0, "t/yr", YearlyQuantity(120.0, "t")),
    (35.0, "m3/day", YearlyQuantity(35.0 * 365, "m3")),           # 12,775 m3
    (2.0, "t/h", YearlyQuantity(2.0 * 8760, "t")),                # 17,520 t
    (500.0, "kg/month", YearlyQuantity(6.0, "t")),                # 0.5 t × 12
    (3.0, "tấn/ngày", YearlyQuantity(1095.0, "t")),
    (10.0, "khối / tháng", YearlyQuantity(120.0, "m3")),
    (7.2, "GJ/week", YearlyQuantity(2.0 * 365 / 7, "MWh")),       # 7.2 GJ = 2 MWh
    (90.0, "MWh/năm", YearlyQuantity(90.0, "MWh")),
])
def test_it_turns_rates_into_yearly_base_amounts(value: float, unit: str,
                                                 expected: YearlyQuantity) -> None:
    result = yearly_quantity(value, unit)
    assert result.unit == expected.unit
    assert result.value == pytest.approx(expected.value)


def test_hours_and_days_per_year_can_be_set() -> None:
    # a plant running 6,000 h/yr and 300 d/yr: 2 t/h → 12,000 t; 4 m3/day → 1,200 m3
    assert yearly_quantity(2.0, "t/h", hours_per_year=6000.0).value == pytest.approx(12_000.0)
    assert yearly_quantity(4.0, "m3/d", days_per_year=300.0).value == pytest.approx(1_200.0)


@pytest.mark.parametrize(("unit", "hint"), [
    ("t", "has no time"), ("t/fortnight", "not a time unit"),
    ("m2/yr", "mass, volume or energy"),
    ("/yr", "has no amount"), ("crates/yr", "Unknown unit"),
])
def test_it_refuses_units_without_time_or_amount(unit: str, hint: str) -> None:
    with pytest.raises(UnitError, match=hint):
        yearly_quantity(1.0, unit)


def test_it_converts_into_the_class_unit_through_density_and_calorific_value() -> None:
    # 100 m3 of fly ash at 0.8 t/m3 = 80 t; 36 t of steam at 2.7 GJ/t = 97.2 GJ = 27 MWh
    assert in_class_unit(YearlyQuantity(100.0, "m3"), FLY_ASH) == pytest.approx(80.0)
    assert in_class_unit(YearlyQuantity(36.0, "t"), STEAM) == pytest.approx(27.0)
    with pytest.raises(UnitError, match="no density"):
        in_class_unit(YearlyQuantity(5.0, "t"), SPENT_ACID)


def test_it_reads_a_file_with_every_column() -> None:
    streams = _read(
        "S1,Power A,PA,3510,21.0,105.8,supply,fly ash from boiler,2,t/day,fly_ash\n"
        ",Steel B,PB,2410,,,demand,steam for pickling,1.5,t/h,steam_lp\n").rows
    first, second = streams
    assert (first.row, first.stream.id, first.stream.direction) == (2, "S1", Direction.SUPPLY)
    assert first.stream.quantity == pytest.approx(730.0)      # 2 t × 365
    assert (first.stream.unit, first.stream.park, first.stream.sector) == ("t", "PA", "3510")
    assert (first.stream.latitude, first.stream.longitude) == (21.0, 105.8)
    # no id: its row number; 1.5 t/h × 8,760 h = 13,140 t × 2.7 GJ/t / 3.6 = 9,855 MWh
    assert second.stream.id == "3"
    assert second.stream.quantity == pytest.approx(9_855.0)
    assert second.stream.unit == "MWh"
    assert second.stream.latitude is None
    assert second.classification.corrected is True


def test_only_company_direction_and_description_are_required_and_bom_is_fine() -> None:
    content = ("\ufeffCompany,Direction,Description,resource_class\n"
               "A,Cung cấp,axit thải,spent_acid\nB,nhu cau,tro bay,fly_ash\n").encode("utf-8")
    rows = read_streams_csv(content, "s.csv", taxonomy=TAXONOMY).rows  # type: ignore[arg-type]
    assert [(r.stream.id, r.stream.direction, r.stream.quantity) for r in rows] == [
        ("2", Direction.SUPPLY, None), ("3", Direction.DEMAND, None)]
    assert rows[0].stream.hazardous is True
    assert rows[0].stream.unit == "m3"


def test_every_bad_row_is_reported_with_its_row_and_column() -> None:
    problems = _problems(
        "S1,A,,,,,sell,fly ash,1,t/yr,fly_ash\n"          # row 2: direction
        "S2,A,,,,,supply,fly ash,abc,t/yr,fly_ash\n"      # row 3: quantity
        "S3,A,,,,,supply,fly ash,5,t,fly_ash\n"           # row 4: unit without time
        "S4,A,,,95,105,supply,fly ash,5,t/yr,fly_ash\n"   # row 5: latitude
        "S4,B,,,,,demand,fly ash,5,t/yr,fly_ash\n"        # row 6: duplicate id
        ",,,,,,supply,fly ash,,,\n"                       # row 7: company missing
        "S8,A,,,,,supply,acid,5,t/yr,spent_acid\n")       # row 8: no density for t → m3
    assert problems == [
        "STREAMS.csv, row 2, column direction: 'sell' is not a direction: write supply (cung "
        "cấp) for something the firm offers or demand (nhu cầu) for something it needs.",
        "STREAMS.csv, row 3, column quantity: 'abc' is not a number; write digits with a dot "
            "for decimals, such as 1234.5.",
        "STREAMS.csv, row 4, column unit: The unit 't' has no time: a stream is a flow, so write "
        "it per year, month, day or hour, such as t/yr or t/day.",
        "STREAMS.csv, row 5, column lat: The latitude 95 is out of range; it must lie between -90 "
        "and 90 degrees (Viet Nam: about 8 to 24).",
        "STREAMS.csv, row 6, column id: The id 'S4' is already used in row 5; give each stream "
        "its own id.",
        "STREAMS.csv, row 7, column company: This cell is required; fill it in.",
        "STREAMS.csv, row 8, column unit: 'Spent pickling acid' is measured in m3, and no "
        "density or calorific value is known to convert t into it; give the quantity in m3 per "
        "year.",
    ]


def test_skip_invalid_keeps_the_good_rows_and_returns_the_problems() -> None:
    result = _read("S1,A,,,,,sell,fly ash,1,t/yr,fly_ash\n"
                   "S2,A,,,,,supply,fly ash,1,t/yr,fly_ash\n", skip_invalid=True)
    assert [r.stream.id for r in result.rows] == ["S2"]
    assert [(p.row, p.column) for p in result.skipped] == [(2, "direction")]


def test_header_problems_stop_everything() -> None:
    assert _problems("A,supply,x\n", header="company,direction,desciption\n") == [
        "STREAMS.csv, row 1, column desciption: Unknown column 'desciption'. The columns are id, "
        "company, park, sector, lat, lon, direction, description, quantity, unit "
        "(docs/symbiosis-match.md).",
        "STREAMS.csv, row 1, column description: The column 'description' is missing; add it.",
    ]


def test_other_quantity_mistakes() -> None:
    assert _problems("S1,A,,,,,supply,x,\"1,5\",t/yr,fly_ash\n"
                     "S2,A,,,,,supply,x,-1,t/yr,fly_ash\n"
                     "S3,A,,,,,supply,x,,t/yr,fly_ash\n"
                     "S4,A,,,,,supply,x,4,,fly_ash\n"
                     "S5,A,,,,,supply,x,4,t/yr,cement\n"
                     "S6,A,,,10,,supply,x,4,t/yr,fly_ash\n") == [
        # the one number reader of every file (openeip.core.numbers) names a decimal comma
        "STREAMS.csv, row 2, column quantity: '1,5' is written with a decimal comma; write it "
        "with a dot for decimals, such as 1.5.",
        "STREAMS.csv, row 3, column quantity: The quantity must be 0 or more, not -1.",
        "STREAMS.csv, row 4, column quantity: A unit is given but no quantity; fill in the "
        "quantity or clear the unit.",
        "STREAMS.csv, row 5, column unit: The quantity has no unit; write one with its time, "
        "such as t/yr, m3/day, MWh/yr or t/h.",
        "STREAMS.csv, row 6, column resource_class: 'cement' is not a class of the resource "
        "taxonomy; leave the cell empty to let the description decide.",
        "STREAMS.csv, row 7, column lon: Give both lat and lon (decimal degrees, such as 10.82 "
        "and 106.63), or neither.",
    ]


def test_months_and_temperature_are_read() -> None:
    header = "company,direction,description,resource_class,months,temperature_c\n"
    rows = _read("A,supply,steam,steam_lp,11-2;6,165\nB,supply,ash,fly_ash,1-12,\n",
                 header=header).rows
    assert rows[0].stream.months == frozenset({11, 12, 1, 2, 6})
    assert rows[0].stream.temperature_c == 165.0
    assert rows[1].stream.months == frozenset()      # all twelve = all year
    assert _problems("A,supply,steam,steam_lp,13,\n", header=header)[0].startswith(
        "STREAMS.csv, row 2, column months: '13' is not a list of months")


def _candidate(supply: str, demand: str, rank: int, score: float) -> Candidate:
    benefit = Benefit(quantity=730.0, avoided_purchase_vnd=1_000_000.4,
                      avoided_disposal_vnd=200_000.0, transport_vnd=150_000.0,
                      processing_vnd=50_000.0, co2e_avoided_t=12.34567, waste_diverted_t=730.0,
                      water_saved_m3=0.0, energy_recovered_mwh=0.0)
    return Candidate(supply, demand, "SR-001", "fly_ash", "cement additive", 12.345, 730.0, "t",
                     score, (ScorePart("class_fit", 0.5, 1.0), ScorePart("distance", 0.5, 0.8,
                                                                         "12 km")),
                     benefit, rank_for_supply=rank, rank_for_demand=1)


def test_matches_are_written_with_the_issue_columns_by_supply_then_rank() -> None:
    streams = {r.stream.id: r.stream for r in _read(
        "S1,Power A,,,,,supply,fly ash,2,t/day,fly_ash\n"
        "S2,Power B,,,,,supply,more ash,2,t/day,fly_ash\n"
        "D1,Cement C,,,,,demand,\"ash, for clinker\",5,t/day,fly_ash\n"
        "D2,Brick D,,,,,demand,ash for bricks,5,t/day,fly_ash\n").rows}
    text = matches_csv([_candidate("S2", "D1", 1, 0.9), _candidate("S1", "D2", 2, 0.7),
                        _candidate("S1", "D1", 1, 0.8)], streams,
                       selected={("S1", "D1", "SR-001")})
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [*MATCH_COLUMNS, "selected"]
    assert [(r[0], r[3], r[6], r[-1]) for r in rows[1:]] == [
        ("S1", "D1", "1", "yes"), ("S1", "D2", "2", "no"), ("S2", "D1", "1", "no")]
    # net = 1,000,000.4 + 200,000 − 150,000 − 50,000 = 1,000,000.4 → 1000000
    assert rows[1][1:] == [
        "Power A", "fly ash", "D1", "Cement C", "ash, for clinker", "1", "0.800", "fly_ash",
        "cement additive", "12.3", "730.000", "t", "1000000", "12.346",
        "class fit 0.50×1.00; distance 0.50×0.80 (12 km)", "yes"]
    assert "selected" not in matches_csv([], streams).splitlines()[0]
    # in Vietnamese the parts' names and digits are Vietnamese too (the notes are as given)
    vietnamese = list(csv.reader(io.StringIO(matches_csv(
        [_candidate("S1", "D1", 1, 0.8)], streams, language="vi"))))
    assert vietnamese[1][15] == ("mức phù hợp về nhóm 0,50×1,00; khoảng cách 0,50×0,80 "
                                 "(12 km)")


def test_descriptions_classified_on_forked_workers_give_the_same_streams(monkeypatch) -> None:
    """A large file's descriptions are shared out between forked workers (workers=2); the
    streams, classifications and problems are those of one process, batch after batch."""
    from openeip.core.symbiosis import streams_file

    monkeypatch.setattr(streams_file, "_PARALLEL_BYTES", 0)
    monkeypatch.setattr(streams_file, "_PARALLEL_TEXTS", 5)
    monkeypatch.setattr(streams_file, "_BATCH_ROWS", 40)
    materials = ("fly ash", "tro bay", "waste oil", "dầu thải", "sawdust", "mùn cưa",
                 "process steam", "hơi nước", "scrap steel", "miscellaneous items")
    lines = ["company,direction,description,quantity,unit,sector"]
    for n in range(150):
        direction = "supply" if n % 3 else "demand"
        quantity, unit = ("", "") if n % 7 == 0 else (str(10 + n), "t/yr")
        if n == 77:
            unit = "t"                     # a unit without time: a problem in the third batch
        lines.append(f"Firm {n % 23},{direction},{materials[n % 10]} lot {n % 31},"
                     f"{quantity},{unit},{'1701' if n % 4 == 0 else ''}")
    content = "\n".join(lines).encode()
    one, two = (read_streams_csv(content, "s.csv", skip_invalid=True, workers=w)
                for w in (1, 2))
    assert len(one.rows) == 149 and len(one.skipped) == 1 and one.skipped[0].row == 79
    assert [(r.row, r.stream, r.classification) for r in two.rows] == [
        (r.row, r.stream, r.classification) for r in one.rows]
    assert two.skipped == one.skipped
