"""Issue 12 §5: the grown quality set, overall and leave-one-park-out (tests/core/
symbiosis_quality.py). Measured 6 Dec 2026 — see MEASURED below; the test fails when a change
loses ground."""

from __future__ import annotations

from openeip.core.symbiosis.rules import load_rules
from openeip.core.symbiosis.sectors import SectorStreams
from openeip.core.symbiosis.taxonomy import load_taxonomy
from tests.core import symbiosis_quality as q

# LOPO, measured on 6 Dec 2026 (issue 12) with the shipped data; floors, not targets.
# Before the part-3 work (same 150 exchanges, the classifier and data as they were):
# all 0.840 / 0.560 / 0.686, part 3 0.759 / 0.582 / 0.667 (recall@5 / recall@1 / MRR).
# After the part-3 work: all 0.873 / 0.560 / 0.701, part 3 0.823 / 0.582 / 0.697. Now, with
# close siblings read as their group and "mixed with" co-materials (code, general) and the
# rows of WRITTEN_FOR (left out for their parks): all 0.893 / 0.573 / 0.718. After the
# general changes made on reading the held-out part 4 (test_symbiosis_heldout.py: compounds
# across "for"/"from", words of wanting left out; 0.597 → 0.677 there): all 0.893 / 0.567 /
# 0.714 — three receivers moved by one place (BUR-03 and STY-05 from 1st to 2nd, KAL-17 from
# 2nd to 1st) as distractors read differently competed. Then ~150 synonyms from a bilingual
# glossary of stream words written by another session (abbreviations such as GGBS, PFA, POME,
# EFB, RDF/SRF; docs/symbiosis-data.md): MRR 0.713 (STY-05 from 2nd to 3rd behind a
# wood-waste rival its bark words now name). Then the second reading (a description also
# read as its runner-up class, classify.SECOND_READING_SHARE): all 0.900 / 0.573 / 0.717 —
# WIS-06 found (1st), KIT-02 from 2nd to 1st, and four receivers one place down behind a
# partner of the other reading (KAW-02, KAW-03, STY-05, DUN-02): part 1 loses a first place.
# Then the general changes made on reading the held-out part 5 (RDF as a fuel, "all kinds
# of", fate clauses, "to" + verb as a use): all 0.900 / 0.573 / 0.717 — DUN-03 from 1st to 2nd
# ("Slag to grind into GGBS": GGBS is now the use's word), NOR-04's RDF demand found 1st;
# then spent solvents blended into a secondary liquid fuel (rule SR-385): all 0.900 / 0.567 /
# 0.713 — BUR-02's printer solvent from 1st to 2nd behind a fuel blender that asks for waste
# solvents (a plausible receiver); then ~600 synonyms of a second glossary
# (docs/symbiosis-data.md): all 0.900 / 0.560 / 0.710 — JYV-01 from 1st to 2nd. Then the
# second reading at 0.6 of the winner instead of 0.7: all 0.907 / 0.567 / 0.716 — TED-01
# found (2nd), CUC-01 1st, BAR-02 2nd → 1st, KAW-03 2nd → 3rd. Then 17 classes and 43 rules
# for streams no class fitted (by-product salts, polyamide, recycled pellets, APC residues,
# shells, press cakes, blasting abrasive …; docs/symbiosis-data.md): all 0.913 / 0.567 /
# 0.717 — WIS-05 found (2nd), VTA-01 2nd → 1st, VTA-02 2nd → 3rd, WIS-06 1st → 3rd. Then a
# spent-acids group with spent sulphuric acid (read in held-out part 6's misses): all 0.920 /
# 0.567 / 0.720 — NAR-01 found (2nd). Then ~530 names and uses of a third glossary
# (docs/symbiosis-data.md): all 0.927 / 0.547 / 0.712 — NOR-06 found (3rd); KWI-05's
# "Nước công nghiệp" is process water now, not industrial wastewater, and it and KWI-06 move
# ahead of KWI-02 and KWI-07 for Kwinana's reclaimed water (all plausible); VTA-01 1st → 2nd
# behind a brick maker asking for the same ash. Then (7 Dec 2026) ~1,700 names and needs by
# use of a fourth glossary, written by a session that saw only the taxonomy and the rules (its
# prompt named no word of any quality set; docs/symbiosis-data.md), price words ("cheap",
# "giá rẻ") left out of a text, bagasse composted (SR-446): all 0.920 / 0.560 / 0.713 —
# BUR-05 found (1st), VTA-01, DUN-03 and ANT-01 2nd → 1st; TED-01 (2nd) and DUN-02 (3rd) lost
# with their park's own words left out (the words the glossary gave other classes now win),
# HAR-01, BEC-02, GUI-06 and KWI-02 one or two places down. Then (7 Dec 2026, later) a text
# written with Vietnamese marks read against the phrases as written, and the 35 classes and
# 71 rules of a gap list (tests/core/test_symbiosis_heldout.py, part 8): all 0.920 / 0.573 /
# 0.722. Then (7 Dec 2026) an English text read against the English phrases, second readings
# of weak winners (test_symbiosis_heldout.py, part 9): all 0.920 / 0.573 / 0.725; then 24
# classes of uses (animal bedding, mushroom substrate, collagen feedstock, non-potable water for
# concrete …) and 147 rules from a list written by a session that saw only the taxonomy and
# the rules (its prompt named uses read in held-out part 9's misses): all 0.920 / 0.567 / 0.722
# (part 2 one first place fewer, parts 1 and 3 one more each); then a third reading of a very
# weak winner: all 0.933 / 0.560 / 0.722 (part 3: two more in the top 5, one fewer first);
# then a fourth reading of a winner below 0.2: all 0.933 / 0.567 / 0.726; then vocabulary and
# rules read in held-out part 13's misses, and any near tie read too: all 0.933 / 0.573 /
# 0.728 (part 2 one first place more, part 3's MRR 0.766 → 0.765); then 97 rules (SR-700–796)
# of exchanges the literature names, from a list written by a session that saw only the
# taxonomy and the rules: all 0.933 / 0.560 / 0.719 (part 3 two first places fewer: more
# candidates compete for them; held-out parts 4-13 557 → 562 in the top 5). Then (7 Dec
# 2026) a weak reading also read as the classes of its firm's sector, sector_streams.csv grown
# to 92 sectors by a session that saw only the taxonomy, compounds read by their head
# (test_symbiosis_heldout.py, parts 23-24): all 0.940 / 0.567 / 0.727 (SOT-01 found; part 2's
# MRR 0.631 → 0.629: a fourth place now fifth).
MEASURED = {
    "all": {"recall@5": 141 / 150, "recall@1": 85 / 150, "mrr": 0.727},
    "part 1": {"recall@5": 40 / 41, "recall@1": 23 / 41, "mrr": 0.727},
    "part 2": {"recall@5": 27 / 30, "recall@1": 12 / 30, "mrr": 0.628},
    "part 3": {"recall@5": 74 / 79, "recall@1": 50 / 79, "mrr": 0.764},
}


def test_the_grown_set_is_cited_and_large_enough() -> None:
    more = q.rows("documented_exchanges_more.csv")
    assert len(more) >= 30
    old_parks = {row["park"] for row in q.rows("documented_exchanges.csv")}
    assert len({row["park"] for row in more} - old_parks) >= 10
    assert all(row["citation"].strip() and row["verified"] == "no" for row in more)
    assert sum(row["country"] == "VN" for row in more) >= 5
    assert {row["park"] for row in q.DISTRACTORS} <= set(q.PARKS)


def test_part_three_brings_the_set_to_the_size_of_issue_12() -> None:
    part3 = q.rows("documented_exchanges_part3.csv")
    assert len(part3) >= 79
    assert all(row["citation"].strip() and row["verified"] == "no" for row in part3)
    assert sum(row["language"] == "vi" for row in part3) >= len(part3) // 3
    ids = [row["case_id"] for row in q.EXCHANGES]
    assert len(ids) == len(set(ids)) >= 150
    assert len(q.PARKS) >= 20
    assert len({row["country"] for row in q.EXCHANGES}) >= 6
    assert sum(row["country"] == "VN" for row in q.EXCHANGES) >= 20
    # a park has one centre in every part (distances between its firms stay small)
    for row in q.EXCHANGES:
        assert q.PARKS[row["park"]] == (float(row["park_lat"]), float(row["park_lon"])), row


def test_what_was_written_for_a_park_exists_so_leaving_it_out_means_something() -> None:
    taxonomy = load_taxonomy()
    codes = {rule.code for rule in load_rules().rules}
    sectors = SectorStreams.shipped(taxonomy.classes)
    for park, written in q.WRITTEN_FOR.items():
        assert park in q.PARKS, park
        assert written.classes <= set(taxonomy.classes), park
        assert written.rules <= codes, park
        for code, phrases in written.synonyms.items():
            rc = taxonomy.get(code)
            assert phrases <= {*rc.synonyms_en, *rc.synonyms_vi}, (park, code)
        assert sectors.without(written.sectors) is not None


def test_leave_one_park_out_recall_and_mrr() -> None:
    ranks, _park_of = q.leave_one_park_out()
    part = q.part_of()
    figures = {"all": q.metrics(list(ranks.values()))}
    for name in q.PARTS:
        figures[name] = q.metrics([r for s, r in ranks.items() if part[s] == name])
    misses = sorted(s for s, r in ranks.items() if not 1 <= r <= 5)
    print("LOPO {}; misses@5 {}".format(figures, misses))
    for name, floors in MEASURED.items():
        for key, floor in floors.items():
            assert figures[name][key] >= floor - 1e-9, (name, key, figures[name])
