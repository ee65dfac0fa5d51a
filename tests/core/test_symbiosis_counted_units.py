"""Issue 12 §4: counted items and phased volumes in STREAMS.csv (unit_conversions.csv)."""

from __future__ import annotations

import pytest

from openeip.core.errors import IntakeError
from openeip.core.symbiosis.streams_file import read_streams_csv

HEADER = "id,company,direction,description,quantity,unit\n"


def _read(body: str):  # type: ignore[no-untyped-def]
    return read_streams_csv((HEADER + body).encode("utf-8"), "STREAMS.csv")


def test_pieces_of_pallets_and_lpg_by_phase_become_tonnes_per_year():
    rows = _read("S1,A,supply,500 pieces of wooden pallets per month,500,pieces/month\n"
                 "S2,B,demand,LPG for the boiler,10,m3 liquid/month\n"
                 "S3,C,demand,LPG for the boiler,1000,m3 khí/day\n"
                 "S4,D,supply,pallet gỗ hỏng,20,cái/tuần\n").rows
    by_id = {row.stream.id: row.stream for row in rows}
    assert by_id["S1"].resource_class == "waste_pallets"
    assert by_id["S1"].quantity == pytest.approx(500 * 0.025 * 12)      # 150 t/yr
    assert by_id["S2"].resource_class == "lpg"
    assert by_id["S2"].quantity == pytest.approx(10 * 0.54 * 12)        # 64.8 t/yr
    assert by_id["S3"].quantity == pytest.approx(1000 * 0.0022 * 365)   # 803 t/yr
    assert by_id["S4"].quantity == pytest.approx(20 * 0.025 * 365 / 7)


def test_a_volume_of_lpg_without_phase_or_pieces_of_a_class_without_mass_are_explained():
    with pytest.raises(IntakeError) as caught:
        _read("S1,A,demand,LPG for the boiler,10,m3/month\n"
              "S2,B,supply,fly ash,10,pieces/month\n")
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 2
    assert "row 2, column unit" in problems[0]
    assert "row 3, column unit" in problems[1] and "No mass is known for one 'pieces'" in (
        problems[1])
