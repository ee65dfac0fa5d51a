"""A description that names two resources is read twice (classify.further_readings; a very weak
one three times): the search matches every reading and each stream keeps the k best of their
union, one row per partner."""

from __future__ import annotations

import numpy as np

from openeip.core.domain import Direction
from openeip.core.symbiosis._pool import Ranked, best_of_readings
from openeip.core.symbiosis.classify import Classifier, further_readings, with_further_readings
from openeip.core.symbiosis.match import all_pairs_baseline, match_table
from openeip.core.symbiosis.model import Classification, Stream
from openeip.core.symbiosis.scoring import FURTHER_READING_FIT
from openeip.core.symbiosis.streams_file import read_streams_csv
from openeip.core.symbiosis.taxonomy import load_taxonomy

STREAMS = b"""id,company,park,lat,lon,direction,description,quantity,unit
S1,Steelworks,P,10.800,106.700,supply,waste heat and CO2-rich flue gas,,
D1,Greenhouse A,P,10.801,106.701,demand,CO2 for greenhouses,,
D2,Greenhouse B,P,10.802,106.702,demand,heat for greenhouses,,
D3,Brickworks,P,10.803,106.703,demand,fly ash,,
"""


def test_the_runner_up_is_a_second_reading_unless_close_kin_or_far_behind():
    taxonomy = load_taxonomy()
    found = Classification("co2_gas", 0.44, (), (("flue_gas_heat", 0.33), ("heat", 0.22)))
    assert further_readings(found, taxonomy) == ("flue_gas_heat",)       # 0.33 ≥ 0.6 × 0.44
    assert further_readings(Classification("co2_gas", 0.5, (), (("flue_gas_heat", 0.29),)),
                            taxonomy) == ()                              # 0.29 < 0.30
    # a group and its class are one reading, not two
    assert further_readings(Classification("ashes", 0.5, (), (("fly_ash", 0.5),)),
                            taxonomy) == ()
    assert further_readings(Classification("co2_gas", 1.0, (), (("flue_gas_heat", 0.9),),
                                           corrected=True), taxonomy) == ()
    # a weak winner (below 0.4) is read a second way from 0.3 of its confidence
    assert further_readings(Classification("co2_gas", 0.3, (), (("flue_gas_heat", 0.09),)),
                            taxonomy) == ("flue_gas_heat",)              # 0.09 ≥ 0.3 × 0.3
    assert further_readings(Classification("co2_gas", 0.3, (), (("flue_gas_heat", 0.08),)),
                            taxonomy) == ()
    assert further_readings(Classification("co2_gas", 0.4, (), (("flue_gas_heat", 0.2),)),
                            taxonomy) == ()                              # 0.2 < 0.6 × 0.4


def test_a_very_weak_winner_is_read_more_ways_and_kin_is_passed_over():
    taxonomy = load_taxonomy()
    alternatives = (("flue_gas_heat", 0.2), ("fly_ash", 0.1), ("steam", 0.07))
    # below 0.3: the two runner-ups from 0.3 of the winner (0.25 × 0.3 = 0.075)
    assert further_readings(Classification("co2_gas", 0.25, (), alternatives), taxonomy) == (
        "flue_gas_heat", "fly_ash")
    # below 0.2: three
    assert further_readings(Classification("co2_gas", 0.15, (), alternatives), taxonomy) == (
        "flue_gas_heat", "fly_ash", "steam")
    # from 0.3 (and below 0.4): one only
    assert further_readings(Classification("co2_gas", 0.3, (), alternatives), taxonomy) == (
        "flue_gas_heat",)
    # a runner-up of the winner's or an earlier reading's lineage is passed over, not an end
    kin = (("ashes", 0.2), ("fly_ash", 0.15), ("co2_gas", 0.1), ("steam", 0.09))
    assert further_readings(Classification("bottom_ash", 0.25, (), kin), taxonomy) == (
        "fly_ash", "co2_gas")


def test_the_readings_are_chained_and_all_searched():
    content = STREAMS.replace(b"waste heat and CO2-rich flue gas", b"mixed stuff")
    taxonomy = load_taxonomy()
    stream = read_streams_csv(content, "streams.csv").rows[0].stream
    chained = with_further_readings(stream, ("co2_gas", "flue_gas_heat"), taxonomy)
    first, second = chained.also_read_as, chained.also_read_as and chained.also_read_as.also_read_as
    assert first is not None and second is not None and second.also_read_as is None
    assert (first.resource_class, second.resource_class) == ("co2_gas", "flue_gas_heat")
    assert first.further_reading and second.further_reading and not chained.further_reading
    demands = [row.stream for row in read_streams_csv(STREAMS, "streams.csv").rows[1:]]
    table = match_table([chained], demands, top_k=5)
    assert {(table.demands[d].id, table.supplies[s].resource_class)
            for s, d in zip(table.supply_index.tolist(), table.demand_index.tolist(),
                            strict=True)} == {("D1", "co2_gas"), ("D2", "flue_gas_heat")}
    assert table.supply_stream.tolist() == [0, 0]


def test_both_readings_find_their_partners_and_each_stream_keeps_one_row_per_partner(
        pruned_search):
    rows = read_streams_csv(STREAMS, "streams.csv").rows
    supply = rows[0].stream
    assert (supply.resource_class, supply.also_read_as and supply.also_read_as.resource_class
            ) == ("co2_gas", "flue_gas_heat")
    streams = [row.stream for row in rows]
    table = match_table(streams[:1], streams[1:], top_k=5)
    found = {(table.demands[d].id, table.supplies[s].resource_class)
             for s, d in zip(table.supply_index.tolist(), table.demand_index.tolist(),
                             strict=True)}
    assert found == {("D1", "co2_gas"), ("D2", "flue_gas_heat")}         # not the fly ash
    assert table.supply_stream.tolist() == [0, 0]      # both rows are the file's supply 0
    # the second reading's class fit is its rule's, lowered by FURTHER_READING_FIT
    st, (s, d) = table.setup, table.positions
    rule_fit = st.choice.class_fit[st.sup.cls[s], st.dem.cls[d]]
    second = np.array([table.supplies[i].further_reading for i in table.supply_index.tolist()])
    assert np.allclose(table.scores.class_fit,
                       np.where(second, FURTHER_READING_FIT, 1.0) * rule_fit)
    assert second.tolist().count(True) == 1
    assert sorted(table.rank_for_supply.tolist()) == [1, 2]
    # the explanation says which reading found the row, in the reader's language
    for language, words in (("en", "offer also read as Flue-gas and exhaust heat, a class its "
                                   "description fits less well than its first; class fit "
                                   "lowered"),
                            ("vi", "nguồn cung cũng được hiểu là")):
        notes = {c.demand_id: c.explanation() for c in table.candidates(language)}
        assert words.lower() in notes["D2"].lower() and words.lower() not in notes["D1"].lower()
        # asked for outside that language, the text stays in it, part names included
        assert notes["D1"].startswith({"en": "class fit 0.20×", "vi": "mức phù hợp"}[language])
    baseline = all_pairs_baseline(streams[:1], streams[1:], top_k=5)
    assert sorted(zip(baseline.demand_stream.tolist(), baseline.rank_for_supply.tolist(),
                      strict=True)) == sorted(zip(table.demand_stream.tolist(),
                                                  table.rank_for_supply.tolist(), strict=True))


def test_a_pair_found_by_both_readings_keeps_its_best_row_and_the_ranks_close_up():
    # supply positions 0 and 1 are one stream read twice; demands 0 and 1 two streams
    found = Ranked(s=np.array([0, 1, 1]), d=np.array([0, 0, 1]), r=np.array([4, 7, 7]),
                   score=np.array([0.6, 0.8, 0.5]), rank_s=np.array([1, 1, 2]),
                   rank_d=np.array([2, 1, 1]))
    identity = np.arange(2)
    merged = best_of_readings(found, (identity, identity), (np.array([0, 0]), identity), 1)
    # the pair (stream 0, demand 0) keeps its row of the second reading (0.8); with k = 1
    # the supply keeps it, demand 1 keeps its only row (ranked 2nd for the supply: beyond k)
    assert merged.s.tolist() == [1, 1] and merged.d.tolist() == [0, 1]
    assert merged.score.tolist() == [0.8, 0.5]
    assert merged.rank_s.tolist() == [1, 0] and merged.rank_d.tolist() == [1, 1]


def test_equal_rows_of_a_stream_read_three_times_keep_the_earlier_reading_in_any_order():
    # supply positions 0, 1 and 2 are one stream and its two further readings; one demand
    identity = np.arange(3)
    for rows in ([1, 2], [2, 1]):
        found = Ranked(s=np.array(rows), d=np.array([0, 0]), r=np.array(rows),
                       score=np.array([0.7, 0.7]), rank_s=np.array([1, 2]),
                       rank_d=np.array([1, 2]))
        merged = best_of_readings(found, (identity, np.arange(1)),
                                  (np.zeros(3, dtype=np.int64), np.arange(1)), 5)
        assert merged.s.tolist() == [1] and merged.r.tolist() == [1]


def test_the_network_leaves_out_a_reading_in_another_unit_than_its_stream():
    from openeip.core.symbiosis.run import match_and_optimise

    content = STREAMS.replace(b"CO2-rich flue gas,,", b"CO2-rich flue gas,5000,t/yr").replace(
        b"CO2 for greenhouses,,", b"CO2 for greenhouses,3000,t/yr").replace(
        b"heat for greenhouses,,", b"heat for greenhouses,2000,MWh/yr")
    streams = [row.stream for row in read_streams_csv(content, "streams.csv").rows]
    reading = streams[0].also_read_as
    assert reading is not None and (reading.unit, reading.quantity) == ("MWh", None)
    run = match_and_optimise(streams[:1], streams[1:], top_k=5)
    assert {(c.demand_id, c.resource_class) for c in run.candidates["en"]} == {
        ("D1", "co2_gas"), ("D2", "flue_gas_heat")}
    assert run.network is not None and run.network_problem == ""
    assert {s.demand_id for s in run.network.selected} <= {"D1"}


def test_a_reading_inside_the_winners_words_is_no_second_reading():
    taxonomy, classifier = load_taxonomy(), Classifier()

    def read(text: str) -> tuple[str, str, tuple[str, ...]]:
        found = classifier.classify(text, Direction.SUPPLY)
        return (found.resource_class, "".join(further_readings(found, taxonomy)[:1]),
                tuple(code for code, _c in found.alternatives))

    # a longer phrase of the winner holds the words: the ash is not the husk it came from
    code, second, alternatives = read("Rice husk ash")
    assert (code, second) == ("rice_husk_ash", "") and "rice_husk" not in alternatives
    # the same words, read as a family a supply rarely is: spent acid is not fresh acid
    code, second, alternatives = read("Spent pickling acid")
    assert code == "spent_pickling_acid" and "hydrochloric_acid" not in alternatives
    # a waste reading of a product's words stays (off-spec boards are e-waste too), and so
    # does a reading of other words ("waste heat and CO2-rich flue gas")
    assert set(read("Rejected boards and off-spec electronic components")[:2]) == {
        "weee", "electronic_components"}
    assert read("waste heat and CO2-rich flue gas")[1] == "flue_gas_heat"


def test_a_hazardous_stream_stays_hazardous_in_its_further_readings():
    # read as a class that is not hazardous, the material is still what the firm said it was
    taxonomy = load_taxonomy()
    hazardous = next(c for c in taxonomy if c.hazardous)
    harmless = next(c for c in taxonomy if not c.hazardous and c.base_unit == hazardous.base_unit)
    stream = Stream(id="S1", company="A", direction=Direction.SUPPLY, description="x",
                    resource_class=hazardous.code, hazardous=True)
    read = with_further_readings(stream, (harmless.code,), taxonomy)
    assert read.also_read_as is not None and read.also_read_as.resource_class == harmless.code
    assert read.also_read_as.hazardous
    # and a harmless stream read as a hazardous class is hazardous in that reading
    other = with_further_readings(
        Stream(id="S2", company="A", direction=Direction.SUPPLY, description="x",
               resource_class=harmless.code), (hazardous.code,), taxonomy)
    assert other.also_read_as is not None and other.also_read_as.hazardous and not other.hazardous


def test_a_hazardous_class_is_not_read_as_its_harmless_sibling():
    """The sludges' hazardous and biological classes differ by the hazard the words named: a
    hazardous sludge is not also read as "(non-hazardous)" biological sludge (a new user found
    it proposed as boiler fuel under that name); other readings stay."""
    taxonomy = load_taxonomy()
    found = Classification("sludge_hazardous", 0.59, (),
                           (("sludge_bio", 0.41), ("water_treatment_sludge", 0.35)))
    assert taxonomy.classes["sludge_hazardous"].parent == taxonomy.classes["sludge_bio"].parent
    assert "sludge_bio" not in further_readings(found, taxonomy)
    # the other way round a harmless winner may still be read as the hazardous class
    assert further_readings(Classification("sludge_bio", 0.5, (), (("sludge_hazardous", 0.45),)),
                            taxonomy) == ("sludge_hazardous",)


def test_the_cut_of_the_further_readings_never_falls_inside_a_tie():
    # a weak winner gets one further reading; its two runners-up differ by 0.0001 (which came
    # first changed when a word was added to an unrelated class): both are read
    taxonomy = load_taxonomy()
    found = Classification("steam_lp", 0.3354, (), (
        ("hot_water_60_90", 0.1453), ("co2_gas", 0.1452), ("electricity_grid", 0.1278)))
    assert further_readings(found, taxonomy) == ("hot_water_60_90", "co2_gas")
    # 0.1278 is less than 0.98 of 0.1452: a rank, not a tie
    assert "electricity_grid" not in further_readings(found, taxonomy)
