"""The classifier on a hand-made taxonomy (tests/core/symbiosis_fixture_taxonomy.py).

Ten classes, so idf_t = ln(1 + 10 / n_t): a word used by one class weighs ln 11 = 2.3979;
"ash"/"tro" (three classes: ash, fly_ash, bottom_ash) ln(13/3) = 1.4663; "plastic"/"nhua"
(two classes) ln 6 = 1.7918; "hot"/"nong" (three hot-water classes) ln(13/3); "water"/"nuoc"
(four with process water) ln 3.5 = 1.2528.
"""

from __future__ import annotations

import csv
import math
from importlib import resources

import pytest

from openeip.core.domain import Direction
from openeip.core.errors import DomainError
from openeip.core.symbiosis._words import words
from openeip.core.symbiosis.classify import Classifier, normalise, tokens
from tests.core.symbiosis_fixture_taxonomy import (
    HEAT_TAXONOMY,
    STEAM_TAXONOMY,
    TAXONOMY,
    B,
    FixtureTaxonomy,
    S,
    W,
    rc,
)

LN11 = math.log(11)
ASH = math.log(13 / 3)
PLASTIC = math.log(6)
WATER = math.log(3.5)


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier(TAXONOMY)


def test_normalise_folds_vietnamese_and_punctuation() -> None:
    assert normalise("  Bùn thải (sinh học), ĐẶC!") == "bun thai sinh hoc dac"
    assert normalise("Dầu nhớt thải/đã qua sử dụng") == "dau nhot thai da qua su dung"
    assert normalise("CO₂ 12 m³/ngày") == "co2 12 m3 ngay"
    # NFD input (decomposed accents, as some keyboards send) folds the same way
    assert normalise("Xi\u0309 \u0111a\u0301y lo\u0300") == normalise("Xỉ đáy lò") == "xi day lo"


def test_tokens_drop_stop_words_plurals_numbers_and_float_waste_words() -> None:
    assert tokens("Ashes from the boilers, 300 t") == (("ash", "boiler"), False)
    assert tokens("waste plastic") == tokens("plastic waste") == (("plastic",), True)
    assert tokens("nhựa phế liệu của công ty") == (("nhua", "cong", "ty"), True)
    # "của" (of) is a stop word; its folded look-alike "cua" (crab) is not
    assert tokens("vỏ cua") == (("vo", "cua"), False)
    assert tokens("by-product") == (("by", "product"), False)   # only waste words: kept


def test_a_negation_makes_one_word_with_what_it_negates() -> None:
    assert tokens("non-ferrous slag") == (("nonferrous", "slag"), False)
    assert tokens("non-condensable gases") == (("noncondensable", "gas"), False)
    assert tokens("khí nén không dầu") == (("khi", "nen", "khongdau"), False)
    assert tokens("nước thải không chứa dầu")[0] == ("nuoc", "khongchuadau")
    assert tokens("không khí") == (("khongkhi",), False)               # air stays a word
    # a negated hazard says what the stream is not: it is no word of the stream
    assert tokens("non-hazardous sludge") == (("sludge",), False)
    assert tokens("bùn không nguy hại")[0] == ("bun", "hai")
    # what a stream is free of is no word of it either
    assert tokens("wet material, must be solvent-free") == (("wet", "material", "must"), False)
    assert tokens("oil-free compressed air")[0] == ("compressed", "air")
    assert tokens("water free of chlorides")[0] == ("water", "nonchloride")
    assert tokens("free lime")[0] == ("free", "lime")                  # no negation there
    # ... up to the end of its clause: the things a need excludes are none of its words
    assert tokens("dầu khoáng thải không lẫn dầu tổng hợp và dầu thực vật, nước < 5 %")[0] == (
        "dau", "khoang", "khonglandau", "nuoc")
    assert tokens("dau thai khong lan dau tong hop de chung cat")[0] == (
        "dau", "khonglandau", "chung", "cat")
    assert tokens("water free of chlorides and sulphates for boilers")[0] == (
        "water", "nonchloride", "boiler")
    assert tokens("khí nén không dầu và nước")[0] == ("khi", "nen", "khongdau", "nuoc")


def test_what_a_container_held_weighs_as_a_tail() -> None:
    from openeip.core.symbiosis._words import words

    def stream(text: str) -> list[str]:
        return [word.text for word in words(text).core if not word.tail]

    assert stream("Bồn IBC (đã chứa chất hoạt động bề mặt)") == ["bon", "ibc"]
    assert stream("phuy từng chứa dầu") == ["phuy"]
    assert stream("bùn chứa dầu") == ["bun", "chua", "dau"]        # oily sludge: its oil


def test_an_exact_synonym_wins_with_its_confidence_worked_out(classifier: Classifier) -> None:
    result = classifier.classify("fly ash")
    # fly_ash: whole phrase (ln11 + ln13/3) × 1.5 = 5.7964; its ancestor "ash" is no rival;
    # bottom_ash matched half of its phrase "bottom ash": ln13/3 × 1/2 = 0.7332.
    s1 = (LN11 + ASH) * 1.5
    s2 = ASH / 2
    assert result.resource_class == "fly_ash"
    assert result.confidence == pytest.approx(round(s1 / (s1 + s2), 4))   # 0.8877
    assert result.decisive_terms == ("fly ash",)
    # bottom_ash counts in the confidence but is no alternative: its one word lies inside
    # the winner's longer phrase ("fly ash" is not bottom ash; classify._inside_winner)
    assert result.alternatives == ()
    assert not result.corrected


@pytest.mark.parametrize("text", ["Tro bay", "tro bay", "TRO BAY", "Tro  bay!"])
def test_vietnamese_with_and_without_diacritics_and_case(classifier: Classifier,
                                                         text: str) -> None:
    result = classifier.classify(text)
    assert result.resource_class == "fly_ash"
    assert result.decisive_terms == (text.strip("!"),)


def test_decisive_terms_are_written_as_in_the_text(classifier: Classifier) -> None:
    result = classifier.classify("Chúng tôi có Xỉ Đáy Lò từ lò hơi đốt than")
    assert result.resource_class == "bottom_ash"
    assert result.decisive_terms[0] == "Xỉ Đáy Lò"
    unaccented = classifier.classify("chung toi co xi day lo tu lo hoi dot than")
    assert unaccented.resource_class == "bottom_ash"
    assert unaccented.decisive_terms[0] == "xi day lo"


def test_a_whole_synonym_beats_part_of_a_longer_one(classifier: Classifier) -> None:
    # "ash" is the whole name of the group and only part of "fly ash"/"bottom ash"
    result = classifier.classify("ash")
    assert result.resource_class == "ash"
    # s(ash) = 1.5 × ln13/3; the children match half of "fly ash"/"bottom ash": 0.5 × ln13/3
    # each; confidence 1.5 / (1.5 + 0.5) = 0.75, the children 0.5 / 2 = 0.25
    assert result.confidence == pytest.approx(0.75)
    assert result.alternatives == (("bottom_ash", 0.25), ("fly_ash", 0.25))


def test_waste_words_and_direction_decide_between_material_and_waste(
        classifier: Classifier) -> None:
    # "plastic": material whole 1.5 × ln6; waste class whole via "waste plastic" but its phrase
    # carries a waste word the text does not: × 0.85
    plain = classifier.classify("plastic")
    assert plain.resource_class == "plastic"
    assert plain.confidence == pytest.approx(round(1.5 / (1.5 + 1.5 * 0.85), 4))   # 0.5405
    for text in ("plastic waste", "waste plastic", "nhựa thải", "nhua phe lieu", "Plastic scraps"):
        assert classifier.classify(text).resource_class == "plastic_waste", text
    # the waste word makes the material a disfavoured family (× 0.8): 1.5 / (1.5 + 1.2·0.85)
    assert classifier.classify("plastic waste").confidence == pytest.approx(
        round(1.5 / (1.5 + 1.5 * 0.85 * 0.8), 4))                                 # 0.5952
    # a supply of plain "nhựa" is most likely a waste: the material gets × 0.8, so
    # 1.5 × 0.8 = 1.2 (material) < 1.5 × 0.85 = 1.275 (waste)
    supply = classifier.classify("nhựa", Direction.SUPPLY)
    assert supply.resource_class == "plastic_waste"
    assert supply.confidence == pytest.approx(round(1.275 / (1.275 + 1.2), 4))    # 0.5152
    assert classifier.classify("nhựa", Direction.DEMAND).resource_class == "plastic"


def test_a_demand_for_waste_paper_style_input_keeps_the_waste_class(
        classifier: Classifier) -> None:
    # a recycler's demand that says "scrap" is a waste even though demands favour materials
    assert classifier.classify("plastic scrap", Direction.DEMAND).resource_class == "plastic_waste"
    assert classifier.classify("hạt nhựa", Direction.DEMAND).resource_class == "plastic"


def test_temperature_picks_the_band(classifier: Classifier) -> None:
    hot = classifier.classify("Hot water 75 °C from the compressors")
    assert hot.resource_class == "hot_water_60_90"
    assert hot.decisive_terms == ("Hot water", "75 °C")
    # 60–90: whole (ln13/3 + ln3.5) × 1.5 × 1.6; <60: the same × 0.5
    assert hot.confidence == pytest.approx(round(1.6 / (1.6 + 0.5), 4))   # 0.7619
    assert classifier.classify("nước nóng 50 độ").resource_class == "hot_water_lt60"
    assert classifier.classify("nuoc nong 60oC").resource_class == "hot_water_60_90"
    # no temperature: the text says no more than the group
    assert classifier.classify("hot water").resource_class == "hot_water"


def test_nothing_matched_gives_an_empty_class(classifier: Classifier) -> None:
    result = classifier.classify("hello world 42")
    assert (result.resource_class, result.confidence, result.decisive_terms) == ("", 0.0, ())


def test_unexplained_indexed_words_lower_the_confidence(classifier: Classifier) -> None:
    exact = classifier.classify("Bã hèm bia")
    assert (exact.resource_class, exact.confidence) == ("spent_grain", 1.0)
    mixed = classifier.classify("bã hèm bia và nhựa")
    # "nhựa" is indexed (ln 6) but not the winner's: 3·ln11·1.5 / (3·ln11·1.5 + ln6·1.5 + ln6)
    s1 = 3 * LN11 * 1.5
    assert mixed.resource_class == "spent_grain"
    assert mixed.confidence == pytest.approx(round(s1 / (s1 + 1.5 * PLASTIC + PLASTIC), 4))


def test_the_same_text_always_gets_the_same_answer(classifier: Classifier) -> None:
    texts = ["fly ash", "nhựa thải", "hot water 80 C", "ash"]
    first = [classifier.classify(t) for t in texts]
    again = Classifier(TAXONOMY).classify_many(reversed(texts))
    assert first == list(reversed(again))


def test_a_correction_decides_with_full_confidence() -> None:
    corrected = Classifier(TAXONOMY, corrections={"tro xi lo hoi": "bottom_ash"})
    result = corrected.classify("Tro, xỉ lò hơi")
    assert result.resource_class == "bottom_ash"
    assert (result.confidence, result.corrected, result.decisive_terms) == (1.0, True, ())
    assert corrected.classify("tro bay").resource_class == "fly_ash"      # others unchanged


def test_a_correction_to_an_unknown_class_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        Classifier(TAXONOMY, corrections={"tro": "no_such_class"})
    assert error.value.field == "corrections"
    assert "no_such_class" in str(error.value)


def test_classify_many_classifies_each_distinct_text_once(classifier: Classifier) -> None:
    texts = ["fly ash", "Tro bay", "tro bay", "nhựa thải", "hot water 70 °C"] * 200_000
    fresh = Classifier(TAXONOMY)
    results = fresh.classify_many(texts, Direction.SUPPLY)
    assert len(results) == 1_000_000
    assert len({id(r) for r in results}) == 5             # one result object per distinct text
    # "Tro bay" and "tro bay" share one scoring (same words), each with its own decisive terms
    assert len(fresh._cache) == 4
    assert results[1].decisive_terms == ("Tro bay",) and results[2].decisive_terms == ("tro bay",)
    assert results[:5] == [classifier.classify(t, Direction.SUPPLY) for t in texts[:5]]


# -- provenance words, skipped words, waste phrases, pressure bands (a second small taxonomy) --


@pytest.fixture(scope="module")
def steam_classifier() -> Classifier:
    return Classifier(STEAM_TAXONOMY)


def test_words_after_from_or_for_weigh_a_quarter(steam_classifier: Classifier) -> None:
    # Six classes: "hoi"/"nuoc" are used by the three steam classes, idf ln(1 + 6/3) = ln 3;
    # "rac", "sinh", "hoat" by the refuse class only, ln 7.
    result = steam_classifier.classify("Hơi nước từ lò đốt rác sinh hoạt")
    # steam: whole "hơi nước" 1.5 × 2 ln3 = 3.2958; refuse: whole phrase after "từ":
    # 1.5 × 3 ln7 × 0.25 = 2.1892 — without the rule refuse would win (8.7568)
    steam = 1.5 * 2 * math.log(3)
    refuse = 1.5 * 3 * math.log(7) * 0.25
    assert result.resource_class == "steam"
    assert result.decisive_terms == ("Hơi nước",)
    # the refuse words are indexed but not steam's: unexplained u = 3 ln7 × 0.25 = 1.4594
    unexplained = 3 * math.log(7) * 0.25
    total = steam + refuse + unexplained
    assert result.confidence == pytest.approx(round(steam / total, 4))          # 0.4746
    assert result.alternatives[0] == ("household_refuse", pytest.approx(round(refuse / total, 4)))
    # the same without diacritics ("tu" counts as "từ" only in a text without any)
    assert steam_classifier.classify("Hoi nuoc tu lo dot rac sinh hoat").resource_class == "steam"


def test_a_phrase_is_found_with_one_word_between(steam_classifier: Classifier) -> None:
    # "hơi cao áp" inside "hơi nước cao áp" (one word skipped: × 0.9)
    result = steam_classifier.classify("Hơi nước cao áp dư")
    assert result.resource_class == "steam_hp"
    assert result.decisive_terms == ("Hơi nước cao áp",)


def test_multi_word_waste_phrases_float(steam_classifier: Classifier) -> None:
    assert tokens("Dầu nhớt đã qua sử dụng") == (("dau", "nhot"), True)
    assert steam_classifier.classify("Dầu nhớt đã qua sử dụng").resource_class == "used_oil"
    assert steam_classifier.classify("dầu nhớt", Direction.DEMAND).resource_class == "lube_oil"


def test_pressure_bands_with_inclusive_bounds(steam_classifier: Classifier) -> None:
    # "≤ 5 bar" includes 5; "> 20 bar" excludes 20
    assert steam_classifier.classify("steam 5 bar").resource_class == "steam_lp"
    assert steam_classifier.classify("steam 20 bar").resource_class == "steam"
    high = steam_classifier.classify("Steam at 40 barg")
    # steam_hp takes the group's word "steam" and the pressure inside its band
    assert (high.resource_class, high.decisive_terms) == ("steam_hp", ("Steam", "40 barg"))
    assert steam_classifier.classify("steam").resource_class == "steam"



def test_a_temperature_moves_the_words_to_the_sibling_whose_band_holds_it() -> None:
    heat = Classifier(HEAT_TAXONOMY)
    # Only the 60–90 °C class says "nước nóng"; 45 °C is in the band below 60 °C. The warm-water
    # class takes its sibling's words: both score 1.5 (ln2.5 + ln4), × 1.6 inside, × 0.5 outside
    result = heat.classify("nước nóng 45 độ")
    assert (result.resource_class, result.decisive_terms) == ("warm_water", ("nước nóng", "45 độ"))
    assert result.confidence == pytest.approx(round(1.6 / (1.6 + 0.5), 4))          # 0.7619
    assert heat.classify("nuoc nong 80 do").resource_class == "hot_water"
    assert heat.classify("Heat").resource_class == "heat"
    assert heat.classify("nước ấm").resource_class == "warm_water"
    # the number and its unit are not resource words ("do" is not diesel oil here)
    assert tokens("nuoc nong 80 do") == (("nuoc", "nong"), False)


# -- the shipped taxonomy ------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Classifier:
    return Classifier()


@pytest.mark.parametrize(("text", "direction", "expected"), [
    ("Tro bay", Direction.SUPPLY, "fly_ash"),
    ("tro bay nhiet dien", Direction.SUPPLY, "fly_ash"),
    ("Coal fly ash from the ESP", Direction.SUPPLY, "fly_ash"),
    ("Bã hèm bia", Direction.SUPPLY, "spent_grain"),
    ("ba hem bia", Direction.SUPPLY, "spent_grain"),
    ("Xỉ lò cao dạng hạt", Direction.SUPPLY, "bf_slag"),
    ("Nước nóng 75 °C", Direction.SUPPLY, "hot_water_60_90"),
    ("hơi nước thừa 3 bar", Direction.SUPPLY, "steam_lp"),
    ("Cát khuôn đúc thải", Direction.SUPPLY, "foundry_sand"),
    ("Trấu", Direction.DEMAND, "rice_husk"),
    ("Limestone", Direction.DEMAND, "limestone"),
    ("Nước khử khoáng cho lò hơi", Direction.DEMAND, "demin_water"),
])
def test_shipped_taxonomy_cases_in_both_languages(shipped: Classifier, text: str,
                                                  direction: Direction, expected: str) -> None:
    assert shipped.classify(text, direction).resource_class == expected


def test_every_sector_profile_stream_gets_a_class(shipped: Classifier) -> None:
    text = (resources.files("openeip.data") / "sector_profiles.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    offers = {"waste", "by_product", "wastewater", "heat"}
    needs = {"material", "energy", "water"}
    streams = [(row["description"], Direction.SUPPLY if row["kind"] in offers
                else Direction.DEMAND) for row in rows if row["item"] == "flow"
               and ((row["direction"] == "output" and row["kind"] in offers)
                    or (row["direction"] == "input" and row["kind"] in needs))]
    assert len(streams) > 50
    assert [t for t, d in streams if not shipped.classify(t, d).resource_class] == []


def test_the_use_breaks_a_tie_of_classes_named_by_a_generic_word(shipped: Classifier) -> None:
    # "raw material" is a word of several classes alike; the use says which: the minerals
    # (the group of cement), not the first class in the order of the codes — and not cement
    # itself, which is what the material is for
    tied = shipped.classify("raw material", Direction.DEMAND)
    assert tied.alternatives[0][1] == tied.confidence          # a tie without the use
    found = shipped.classify("raw material for cement", Direction.DEMAND)
    assert found.resource_class == "minerals"
    assert found.decisive_terms == ("raw material",)
    # a use that names a class of none of the tied ones leaves the tie as it was (the boiler
    # no longer qualifies: limestone is now also named as a fluidised-bed boiler's sorbent)
    assert shipped.classify("raw material for the warehouse", Direction.DEMAND).resource_class \
        == tied.resource_class


def test_a_use_after_for_is_read_before_the_stream_as_english_compounds_put_it(
        classifier: Classifier) -> None:
    # "water for process" = "process water": the whole phrase, both words at full weight
    # ((ln 11 + ln 3.5) × 1.5), where the tail alone would weigh "process" a quarter
    found = classifier.classify("water for process", Direction.DEMAND)
    alone = classifier.classify("process water", Direction.DEMAND)
    assert (found.resource_class, found.confidence) == ("process_water", alone.confidence)
    assert found.decisive_terms == ("water for process",)
    # Vietnamese puts the head first already: no reordering ("nhựa cho nước" is not a phrase)
    assert classifier.classify("nhựa cho nước", Direction.DEMAND).resource_class == "plastic"


def test_words_of_wanting_and_buying_are_not_the_stream(classifier: Classifier) -> None:
    plain = classifier.classify("nhựa", Direction.DEMAND)
    for text in ("Cần nhựa", "Nhu cầu nhựa", "Thu mua nhựa", "need plastic", "buying plastic",
                 "can mua nhua"):      # "cần mua" typed without marks
        found = classifier.classify(text, Direction.DEMAND)
        assert (found.resource_class, found.confidence) == ("plastic", plain.confidence), text
    # "can" is a word and "cans" a stream: only the Vietnamese "cần" (with its marks) goes
    assert tokens("used aluminium cans")[0] == ("aluminum", "can")
    assert tokens("can dau")[0] == ("can", "dau")           # "cặn dầu", oil residue, stays


def test_a_word_guessed_by_its_letters_keeps_its_first_letter(classifier: Classifier) -> None:
    assert classifier.nearest_word("plastik") == ("plastic", 0.7143)     # 2 × 5 / (7 + 7)
    assert classifier.nearest_word("elastic") is None                    # as alike, but an e


def test_all_kinds_of_a_class_is_read_as_its_group(shipped: Classifier) -> None:
    # a re-refiner taking "all kinds of" used oil names the group, so that hydraulic oil
    # reaches it as well as engine oil; the words alone name the member
    assert shipped.classify("used engine oil", Direction.DEMAND).resource_class \
        == "used_lube_oil"
    for text in ("We take all kinds of used engine oil", "Nhận các loại nhớt thải",
                 "Nhan cac loai nhot thai"):
        found = shipped.classify(text, Direction.DEMAND)
        assert found.resource_class == "used_oils", text
        assert "the text names all kinds of them: read as the group" in found.decisive_terms
    # "loại" alone is no such word: "kim loại" is metal
    metal = shipped.classify("kim loại phế liệu", Direction.SUPPLY)
    assert metal.decisive_terms == ("kim loại",)
    # a group already is all kinds of its classes: "các loại axit thải" is spent acids, not
    # every hazardous waste
    assert shipped.classify("Nhận các loại axit thải", Direction.DEMAND).resource_class \
        == shipped.classify("Nhận axit thải", Direction.DEMAND).resource_class == "spent_acids"
    # never a top group ("all kinds of waste" is not every residue there is)
    assert shipped.classify("all kinds of waste", Direction.SUPPLY).resource_class \
        != "residues"


def test_what_is_done_with_the_stream_today_is_no_word_of_it() -> None:
    # after "currently" / "hiện" the words weigh as a tail (where it goes, not what it is)
    assert [w.tail for w in words("plastic, currently sent to landfill").core] == [
        False, True, True]
    assert [w.tail for w in words("Tro xỉ, hiện đổ bỏ").core] == [False, False, True, True]
    assert [w.tail for w in words("tro xi, hien do bo").core] == [False, False, True, True]
    # "thực hiện", "thể hiện" are other words
    assert not any(w.tail for w in words("nhựa thực hiện phân loại").core)
    # ... and it ends with its sentence: what follows is the stream again (here a need: who
    # needs it, the kiln, weighs as a tail)
    assert [w.tail for w in words("Lò sấy hiện đốt củi. Cần nhiên liệu rắn").core] == [
        True, True, True, True, False, False, False]
    assert [w.tail for w in words("Tro bay, hien chon lap; 3.5 t/h, kho").core] == [
        False, False, True, True, False]


def test_to_before_a_verb_says_what_the_stream_is_for() -> None:
    assert [w.tail for w in words("water to cut our draw of drinking water").core] == [
        False, True, True, True, True]
    # "to" before a place or a number is no use: "sent to landfill", "10 to 20 t"
    assert not any(w.tail for w in words("sludge sent to landfill").core)


def test_who_needs_it_is_no_word_of_what_is_needed() -> None:
    # before a verb of needing: the firm or its unit, weighed as a tail
    assert [w.tail for w in words("Our fluidised-bed boiler needs solid fuel").core] == [
        True, True, True, False, False]
    assert [w.tail for w in words("Trại heo cần nguyên liệu giá rẻ").core][:2] == [True, True]
    # the participle follows the thing, and "không cần" needs nothing
    assert not any(w.tail for w in words("Sawdust needed").core)
    assert not any(w.tail for w in words("Nước tưới cây, không cần chất lượng cao").core)


def test_a_registers_label_before_a_colon_is_no_word_of_the_stream() -> None:
    """A register's category or a table's name before a colon is no word of the stream,
    its waste words still marking it; a material before its details stays the stream."""
    found = words("Chất thải rắn công nghiệp thông thường: ống uPVC lỗi")
    assert found.texts == ("ong", "upvc", "loi") and found.marked
    assert words("Annual waste summary: spent ethylene glycol").texts == ("ethylene", "glycol")
    assert words("Off-spec water-based paint: wrong tints").texts == (
        "water", "based", "paint", "wrong", "tint")
    assert words("Phe lieu nhom 6063 sach: dau duoi thanh dun").texts[:2] == ("nhom", "sach")
    # a time is no label's end, and a label with nothing after it stays
    assert words("Nguyên liệu 10:30 ống nhựa").texts[:2] == ("nguyen", "lieu")
    assert words("Nguyên liệu: 10:30").texts == words("Nguyên liệu").texts
    # and the stream's class is read from what follows
    found_class = Classifier().classify(
        "Chất thải rắn công nghiệp thông thường: ống uPVC lỗi kích thước, đầu ống cắt",
        Direction.SUPPLY)
    assert found_class.resource_class == "waste_pvc"


def test_a_compound_split_by_a_hyphen_or_a_space_is_one_word() -> None:
    assert tokens("float glass off-cuts")[0] == tokens("float glass offcuts")[0] == (
        "float", "glass", "offcut")
    assert tokens("PVC off cuts")[0] == ("pvc", "offcut")


def test_how_a_stream_arises_is_no_word_of_what_it_is() -> None:
    """An English participle with its agent ("raised by", "co-produced with") after the
    stream's words starts a tail, as "from" does; "mixed with" stays a co-material."""
    def read(text: str) -> list[tuple[str, bool]]:
        return [(w.text, w.tail) for w in words(text).core]

    assert read("Steam raised by burning substitute fuels") == [
        ("steam", False), ("burning", True), ("substitute", True), ("fuel", True)]
    assert read("Hydrogen co-produced with caustic soda") == [
        ("hydrogen", False), ("caustic", True), ("soda", True)]
    assert read("Fly ash collected by the precipitators") == [
        ("fly", False), ("ash", False), ("precipitator", True)]
    assert read("Plastic film mixed with paper") == [("plastic", False), ("film", False)]
    # first in the text it names nothing yet; Vietnamese has no such participles
    assert read("Collected by the precipitators: fly ash")[0] == ("collected", False)


# --- words folded alike but written apart --------------------------------------------------

def _toned_classifier() -> Classifier:
    return Classifier(FixtureTaxonomy({c.code: c for c in (
        rc("stone_dust", "", B, S, "Stone dust", "Bụi đá", vi=("bột đá",)),
        rc("leather_waste", "", W, S, "Leather scrap", "Da vụn", vi=("bụi da", "da thuộc vụn")),
        rc("textile_scraps", "", W, S, "Textile scraps", "Vải vụn", vi=("vai vun",)),
        rc("chemical_solution", "", W, S, "Spent solution", "Hoá chất thải"),
    )}))


def test_words_folded_alike_keep_apart_when_written_with_their_marks() -> None:
    toned = _toned_classifier()
    # "đá" (stone) and "da" (leather) fold to one word; written with marks they are two
    assert toned.classify("Bụi đá từ máy cắt").resource_class == "stone_dust"
    assert toned.classify("Bụi da từ máy mài giày").resource_class == "leather_waste"
    # "vãi" (spilt) is not "vải" (cloth): "bụi rơi vãi" names no class here
    assert toned.classify("bụi rơi vãi").resource_class != "textile_scraps"
    # without marks the writer could mean either: both read as before
    assert toned.classify("bui da").resource_class in {"stone_dust", "leather_waste"}
    assert toned.classify("vai vun cotton").resource_class == "textile_scraps"
    # a tone is one however it is placed: old "hoá" and new "hóa"
    assert (toned.classify("Hóa chất thải").resource_class
            == toned.classify("Hoá chất thải").resource_class == "chemical_solution")


def test_a_text_marked_only_in_part_is_read_folded_when_its_marks_find_nothing() -> None:
    toned = _toned_classifier()
    # "hòa chat": a wrong mark and a word typed without: the marked lexicon finds nothing
    assert toned.classify("hòa chat thải").resource_class == "chemical_solution"


# --- English words that Vietnamese typed without marks also spells --------------------------

def _false_friends_classifier() -> Classifier:
    return Classifier(FixtureTaxonomy({c.code: c for c in (
        rc("coal", "", B, S, "Coal", "Than đá", vi=("than",)),
        rc("wire", "", W, S, "Cable scrap", "Dây cáp", vi=("dây điện",)),
        rc("sheet", "", W, S, "Steel sheet offcuts", "Tôn vụn", vi=("tôn",)),
        rc("chips", "", W, S, "Stone chippings", "Đá dăm"),
        rc("hydrogen", "", W, S, "Hydrogen", "Khí hydro", vi=("khí H2 dư",)),
    )}))


def test_an_english_text_is_read_against_the_english_phrases() -> None:
    friends = _false_friends_classifier()
    # "than", "day" and "tons" are English here, not "than" (coal), "dây" (wire), "tôn" (sheet)
    found = friends.classify("Hard chippings for slabs, cheaper than marble, 20 tons per day")
    assert found.resource_class == "chips" and found.alternatives == ()
    assert words("Hard chippings for our slabs, cheaper than marble").english
    # a formula reads alike in both languages: "H2" of a Vietnamese phrase counts in English
    assert friends.classify("H2 by-product from our electrolysers, rest vented"
                            ).resource_class == "hydrogen"
    # Vietnamese typed without marks is not English: "than" is coal there
    assert not words("than cam tan dung cho lo hoi").english
    assert friends.classify("than cam tan dung cho lo hoi").resource_class == "coal"
    # an English text that names a thing only by its Vietnamese name still finds it
    assert friends.classify("We sell day dien from our cable plant").resource_class == "wire"


def test_what_a_container_held_is_not_the_stream() -> None:
    def read(text: str) -> list[tuple[str, bool]]:
        return [(w.text, w.tail) for w in words(text).core]

    assert read("Phuy nhựa đựng hóa chất") == [
        ("phuy", False), ("nhua", False), ("hoa", True), ("chat", True)]
    assert read("Drums that contained solvents") == [("drum", False), ("solvent", True)]


def test_a_decisive_term_closes_the_bracket_it_opens():
    # "Fuel oil (FO, boiler)": the words that decided were "Fuel oil (FO" as written
    from openeip.core.symbiosis.classify import Classifier
    from openeip.core.symbiosis.model import Direction

    found = Classifier().classify("Fuel oil (FO, boiler)", Direction.DEMAND)
    assert found.resource_class == "fuel_oil" and "Fuel oil (FO)" in found.decisive_terms
