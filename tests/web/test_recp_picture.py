"""The typed read-back of a stored RECP picture (no database: the payload is plain JSON)."""

from __future__ import annotations

import datetime

import pytest

from openeip.web.recp.services.picture import RecpPicture

OLD = {  # a snapshot stored before suggestions, peers and notices were kept
    "year": 2024, "gwp_set": "AR5", "ghg": {"by_year": {}},
    "indicators": {"periods": ["2024"], "denominators": [{"key": "mass", "unit": "t"}],
                   "rows": []},
}


def test_an_older_snapshot_reads_with_empty_parts():
    picture = RecpPicture.read(OLD)
    assert (picture.year, picture.gwp_set) == (2024, "AR5")
    assert picture.indicators.denominator_keys == ["mass"]
    assert picture.indicators.excluded == [] and picture.indicators.raw is OLD["indicators"]
    assert (picture.suggestions, picture.peers, picture.notices, picture.hotspots) == (
        [], [], [], [])
    assert picture.computed_at is None


def test_notices_and_the_time_read_back_typed():
    notice = {"code": "latest_used", "series": "grid_factors", "data_year": 2026,
              "used_year": 2024, "source": ""}
    picture = RecpPicture.read({**OLD, "notices": [notice, notice],
                                "computed_at": "2026-12-06T07:00:00+00:00"})
    (read,) = picture.series_notices()
    assert (read.data_year, read.used_year) == (2026, 2024)
    assert picture.computed_at == datetime.datetime(2026, 12, 6, 7, tzinfo=datetime.UTC)


def test_a_payload_without_indicators_is_refused():
    with pytest.raises(KeyError):
        RecpPicture.read({"year": 2024, "gwp_set": "AR5", "ghg": {}})
