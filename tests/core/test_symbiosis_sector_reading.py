"""A description whose words decide weakly is also read as the classes of its firm's sector it
resembles most (classify.SECTOR_READINGS; data/symbiosis/sector_streams.csv): a battery
recycler that "needs more NCM-containing feed" is also read as used lithium-ion batteries."""

from __future__ import annotations

from pathlib import Path

from openeip.core.domain import Direction
from openeip.core.symbiosis.classify import (
    SECTOR_READINGS,
    WEAK_READING,
    Classifier,
    further_readings,
)
from openeip.core.symbiosis.match import match_table
from openeip.core.symbiosis.model import Classification
from openeip.core.symbiosis.taxonomy import load_taxonomy
from tests.core.test_symbiosis_match_rows import _both

NEED = "Need steady feed of NCM material for the hydromet line."
STREAMS = """id,company,park,lat,lon,direction,description,quantity,unit,sector
S1,Cell maker,P,10.800,106.700,supply,"Electrode scrap, used Li-ion cells",30,t/month,
D1,Recycler,P,10.801,106.701,demand,"{need}",,,battery recycling
D2,Recycler B,P,10.802,106.702,demand,"{need}",,,
""".format(need=NEED).encode()


def test_only_a_weak_reading_of_a_known_sector_is_read_its_way() -> None:
    classifier = Classifier()
    plain = classifier.classify(NEED, Direction.DEMAND)
    found = classifier.classify(NEED, Direction.DEMAND, "battery recycling")
    typical = classifier._sectors.classes("battery recycling", Direction.DEMAND)
    assert found.confidence < WEAK_READING and found.resource_class not in typical
    assert plain.sector_classes == ()
    assert len(found.sector_classes) == SECTOR_READINGS
    assert set(found.sector_classes) <= typical - {code for code, _ in found.alternatives}
    # words that decide: no sector reading, whatever the sector
    strong = classifier.classify("fly ash from the coal boiler", Direction.SUPPLY,
                                 "battery recycling")
    assert strong.confidence >= WEAK_READING and strong.sector_classes == ()


def test_the_sector_readings_follow_the_words_readings() -> None:
    taxonomy = load_taxonomy()
    found = Classification("co2_gas", 0.3, (), (("flue_gas_heat", 0.2),),
                           sector_classes=("li_ion_batteries", "co2_gas", "heat"))
    # the winner itself and kin of a reading taken (heat above flue-gas heat) are passed over
    assert further_readings(found, taxonomy) == ("flue_gas_heat", "li_ion_batteries")


def test_a_candidate_through_a_sector_reading_says_so_in_both_paths(tmp_path: Path) -> None:
    from openeip.core.symbiosis.streams_file import read_streams_csv

    streams_file = read_streams_csv(STREAMS, "streams.csv")
    supplies = list(streams_file.supplies().values())
    demands = list(streams_file.demands().values())
    table = match_table(supplies, demands, top_k=5)
    found = {c.demand_id: c for c in table.candidates("en")}
    assert "D1" in found and "D2" not in found
    assert "need also read as Used lithium-ion" in found["D1"].explanation()
    assert "typical of its firm's sector" in found["D1"].explanation()
    for language in ("en", "vi"):
        old, new, count = _both(STREAMS, language, 5, chunk_rows=10, folder=tmp_path)
        assert count == 1 and new == old
    assert "ngành của doanh nghiệp" in new
