"""The grown quality set (issue 12 §5): documented exchanges (parts 1, 2 and 3) with their
distractors, evaluated overall and leave-one-park-out (LOPO).

LOPO: when the exchanges of park P are scored, everything written while looking at P's
exchanges is taken out first — the classes, synonyms, rules and sector rows listed in
:data:`WRITTEN_FOR` — so P is scored as an unseen park. Every other stream stays (matching is
over the whole set). Metrics per documented supply: the rank of its documented receiver among
the supply's candidates (top 10): recall@1, recall@5 and MRR (1/rank, 0 beyond 10).
"""

from __future__ import annotations

import csv
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from openeip.core.domain import Direction
from openeip.core.symbiosis.classify import Classifier, with_readings_of
from openeip.core.symbiosis.match import match
from openeip.core.symbiosis.model import Scope, Stream, SynergyRule
from openeip.core.symbiosis.rules import load_rules
from openeip.core.symbiosis.sectors import SectorStreams
from openeip.core.symbiosis.taxonomy import Taxonomy, load_taxonomy

TOP = 10


@dataclass(frozen=True)
class Written:
    """What was written while looking at one park's exchanges."""

    classes: frozenset[str] = frozenset()                  # whole classes (and their rules)
    synonyms: Mapping[str, frozenset[str]] = field(default_factory=dict)   # class → phrases
    rules: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()                  # sector_streams.csv keys


# Honest list for the work of issue 12 (6 Dec 2026):
# * aluminosilicate_residue and SR-367: written with Kwinana's lithium refineries in mind;
# * sector_streams.csv rows cite the case each was written from (pulp_paper and sugar:
#   Guitang; power: Kalundborg; refinery and lithium: Kwinana; steel: Ulsan);
# * brick_raw_materials and its rules SR-368..371: added after part 2 was first scored, on
#   seeing TED-01 (TEDA) miss, with KPH-01 (Khánh Phú) in view.
# Nothing else was tuned on documented_exchanges_more.csv. Rules and synonyms written by
# earlier work while looking at part-1 parks are not recorded anywhere and are NOT excluded:
# for those parks the LOPO figure is optimistic.
# Part 3 (documented_exchanges_part3.csv) was measured first with the classifier as it was;
# then, after looking at its misses:
# * synonyms of weee (end-of-life electronics, appliances: Burnside, Kitakyushu), metal_scrap
#   (end-of-life vehicles: Kitakyushu), food_processing_residues (beet pulp: Wissington) and
#   fats_oils_grease (fish fat, biodiesel feedstock: An Giang) — listed below;
# * rules SR-372 lignin → biomass fuels (Kalundborg), SR-373 bauxite residue sand → aggregates
#   (Kwinana), SR-374 foundry sand → cement-kiln co-processing (Styria) — listed below;
# * GENERAL changes of the word reader that no park list can take out (they are code):
#   end-of-life words (end-of-life, broken, damaged, defective, obsolete, expired, off-spec,
#   hư hỏng, hết hạn) are waste words, and a text carrying a waste word is not read as a
#   service for that waste (BUR-02 "Thu gom dung môi thải …" was read as waste collection);
#   words after "as" / "làm nguyên liệu …" say the use; a service phrase that is a bare verb
#   once its waste word is out ("thu gom phế liệu") is no whole match in a text without one.
#   Their effect on the LOPO figures is reported apart in docs/symbiosis-precision.md.
# Then, on 6 Dec 2026 (raising LOPO recall, issue 12), after reading the LOPO misses:
# * GENERAL (code, cannot be taken out): words after "mixed with" / "trộn với" are a
#   co-material, neither the stream nor its use, and the mixing verb goes with them
#   (NAN-02 "Phối trộn với bùn mía để ủ phân hữu cơ" was read as press mud); words that fit
#   two sibling classes alike name their group (KWI-10 "Sand and fill for road base",
#   KAL-17 under LOPO); "e-waste" is one word; ASCII "dien tu" / "tu lanh" keep "tu";
# * written for parks (listed below): synonyms of cooling_blowdown (used cooling water;
#   Kalundborg), of composting_digestion (biogas substrate; Händelö, Sotenäs and Kalundborg,
#   whose biogas demands were in view), rule SR-375 stone_dust → aggregates (Wissington),
#   SR-376/377 biological and paper sludge → biomass fuels (Kymenlaakso) and SR-378 red mud
#   → soil amendment (Kwinana).
_USED_COOLING = ("used cooling water", "spent cooling water", "cooling water return",
                 "nước làm mát đã qua sử dụng", "nước giải nhiệt thải")
_BIOGAS_FEED = ("biogas substrate", "substrate for biogas",
                "cơ chất biogas", "cơ chất cho hầm biogas")
_WEEE = ("end-of-life electronics", "old computers", "computers and monitors",
         "household appliances", "home appliances", "white goods",
         "refrigerators and washing machines", "tv sets", "thiết bị điện tử thải",
         "máy tính cũ", "đồ điện gia dụng thải", "đồ gia dụng điện cũ",
         "tủ lạnh và máy giặt cũ")
_ELV = ("end-of-life vehicles", "elv", "scrap cars", "car wrecks", "ô tô phế liệu",
        "xe ô tô thải bỏ", "xe cũ phế liệu")
WRITTEN_FOR: dict[str, Written] = {
    "Kwinana Industrial Area": Written(classes=frozenset({"aluminosilicate_residue"}),
                                       rules=frozenset({"SR-367", "SR-373", "SR-378"}),
                                       sectors=frozenset({"refinery", "lithium"})),
    "Burnside Industrial Park, Dartmouth": Written(synonyms={"weee": frozenset(_WEEE)}),
    "Kitakyushu Eco-Town": Written(synonyms={"weee": frozenset(_WEEE),
                                             "metal_scrap": frozenset(_ELV)}),
    "British Sugar Wissington, Norfolk": Written(synonyms={"food_processing_residues": frozenset(
        {"beet pulp", "sugar beet pulp", "pressed pulp", "bã củ cải đường"})},
        rules=frozenset({"SR-375"})),
    "Kymenlaakso (Kuusankoski), Kouvola": Written(rules=frozenset({"SR-376", "SR-377"})),
    "Händelö, Norrköping": Written(synonyms={"composting_digestion": frozenset(_BIOGAS_FEED)}),
    "Sotenäs industrial symbiosis centre": Written(
        synonyms={"composting_digestion": frozenset(_BIOGAS_FEED)}),
    "Long Xuyên pangasius processors, An Giang": Written(synonyms={"fats_oils_grease": frozenset(
        {"fish fat", "fish oil residue", "biodiesel feedstock", "mỡ cá", "dầu cá thô",
         "nguyên liệu biodiesel"})}),
    "Styria recycling network": Written(rules=frozenset({"SR-374"})),
    "Guitang Group complex, Guigang": Written(sectors=frozenset({"pulp_paper", "sugar"})),
    "Kalundborg Symbiosis": Written(rules=frozenset({"SR-372"}), sectors=frozenset({"power"}),
                                    synonyms={"cooling_blowdown": frozenset(_USED_COOLING),
                                              "composting_digestion": frozenset(_BIOGAS_FEED)}),
    "Tianjin Economic-Technological Development Area (TEDA)": Written(
        classes=frozenset({"brick_raw_materials"})),
    "Khánh Phú industrial zone, Ninh Bình": Written(classes=frozenset({"brick_raw_materials"})),
    "Ulsan Mipo and Onsan industrial complexes": Written(sectors=frozenset({"steel"})),
}


def rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("openeip.data.symbiosis") / name).read_text(encoding="utf-8")
    lines: Iterator[str] = (line for line in text.splitlines() if not line.startswith("#"))
    return list(csv.DictReader(lines))


PARTS = {"part 1": "documented_exchanges.csv", "part 2": "documented_exchanges_more.csv",
         "part 3": "documented_exchanges_part3.csv"}
EXCHANGES = [row for name in PARTS.values() for row in rows(name)]
DISTRACTORS = (rows("documented_exchanges_distractors.csv")
               + rows("documented_exchanges_more_distractors.csv")
               + rows("documented_exchanges_part3_distractors.csv"))
PARKS = {row["park"]: (float(row["park_lat"]), float(row["park_lon"])) for row in EXCHANGES}
HeldOut = tuple[list[dict[str, str]], list[dict[str, str]], dict[str, tuple[float, float]]]


def held_out(part: int) -> HeldOut:
    """A held-out part (tests/core/test_symbiosis_heldout.py; not in the LOPO figures): its
    exchanges, its distractors and its parks' places."""
    exchanges = rows("documented_exchanges_part{}.csv".format(part))
    parks = {row["park"]: (float(row["park_lat"] or "nan"), float(row["park_lon"] or "nan"))
             for row in exchanges}
    return exchanges, rows("documented_exchanges_part{}_distractors.csv".format(part)), parks


HELD_OUT, HELD_OUT_DISTRACTORS, HELD_OUT_PARKS = held_out(4)


def place(park: str, company: str, parks: Mapping[str, tuple[float, float]] = PARKS
          ) -> tuple[float, float]:
    """A firm's position: the park's centre moved by up to ±0.009° (about 1 km)."""
    lat, lon = parks[park]
    h = zlib.crc32(company.encode("utf-8"))
    return lat + ((h % 19) - 9) / 1000, lon + (((h // 19) % 19) - 9) / 1000


@dataclass(frozen=True)
class Knowledge:
    taxonomy: Taxonomy
    rules: tuple[SynergyRule, ...]
    classifier: Classifier


def knowledge(without: Written | None = None) -> Knowledge:
    """The shipped taxonomy, rules and classifier, less what ``without`` lists."""
    taxonomy = load_taxonomy()
    book = load_rules()
    if without is None:
        return Knowledge(taxonomy, book.rules, Classifier())
    if without.classes or without.synonyms:
        reduced = Taxonomy([
            replace(rc, synonyms_en=tuple(p for p in rc.synonyms_en if p not in drop),
                    synonyms_vi=tuple(p for p in rc.synonyms_vi if p not in drop))
            for rc in taxonomy if rc.code not in without.classes
            for drop in (without.synonyms.get(rc.code, frozenset()),)])
    else:       # the same classes: their classifiers share one lexicon
        reduced = taxonomy
    rules = tuple(r for r in book.rules if r.code not in without.rules
                  and r.supply_class in reduced and r.demand_class in reduced)
    sectors = SectorStreams.shipped(reduced.classes).without(without.sectors)
    return Knowledge(reduced, rules, Classifier(reduced, sectors=sectors))


def streams(k: Knowledge, exchanges: list[dict[str, str]] = EXCHANGES,
            distractors: list[dict[str, str]] = DISTRACTORS,
            parks: Mapping[str, tuple[float, float]] = PARKS, park: str | None = None
            ) -> tuple[list[Stream], list[Stream], dict[str, str], dict[str, str]]:
    """Supplies, demands, documented supply → receiver, supply id → park; with ``park``, only
    that park's supplies (every demand)."""
    supplies: list[Stream] = []
    demands: list[Stream] = []
    pairs: dict[str, str] = {}
    park_of: dict[str, str] = {}

    def stream(sid: str, company: str, park: str, sector: str, direction: Direction,
               text: str) -> Stream:
        lat, lon = place(park, company, parks)
        found = k.classifier.classify(text, direction, sector)
        return with_readings_of(Stream(
            id=sid, company=company, direction=direction, description=text,
            resource_class=found.resource_class, park=park, sector=sector, latitude=lat,
            longitude=lon), found, k.taxonomy)

    for row in exchanges:
        case = row["case_id"]
        if park is None or row["park"] == park:
            supplies.append(stream(case + "-S", row["supplier"], row["park"],
                                   row["supplier_sector"], Direction.SUPPLY,
                                   row["supply_description"]))
            pairs[case + "-S"] = case + "-D"
            park_of[case + "-S"] = row["park"]
        demands.append(stream(case + "-D", row["receiver"], row["park"],
                              row["receiver_sector"], Direction.DEMAND,
                              row["demand_description"]))
    for row in distractors:
        direction = Direction(row["direction"])
        if direction is Direction.SUPPLY and park is not None and row["park"] != park:
            continue
        s = stream(row["id"], row["company"], row["park"], row["sector"], direction,
                   row["description"])
        (supplies if direction is Direction.SUPPLY else demands).append(s)
    return supplies, demands, pairs, park_of


def ranks(k: Knowledge, *sets: Any, park: str | None = None
          ) -> tuple[dict[str, int], dict[str, str]]:
    """Each documented supply's rank of its receiver (0 = beyond the top 10), and its park;
    ``sets``: (exchanges, distractors, parks) instead of parts 1-3; with ``park``, only that
    park's supplies are matched (against every demand): a supply's first ten places depend
    on its own scores alone, since a candidate outside its own top k has k better ones."""
    supplies, demands, pairs, park_of = streams(k, *sets, park=park)
    found = match(supplies, demands, top_k=TOP, scope=Scope.REGION, taxonomy=k.taxonomy,
                  rules=k.rules)
    rank = {(c.supply_id, c.demand_id): c.rank_for_supply for c in found}
    return {s: rank.get((s, d), 0) for s, d in pairs.items()}, park_of


def metrics(values: list[int]) -> dict[str, float]:
    n = max(len(values), 1)
    return {"n": len(values),
            "recall@1": sum(r == 1 for r in values) / n,
            "recall@5": sum(1 <= r <= 5 for r in values) / n,
            "mrr": sum(1 / r for r in values if r) / n}


def part_of() -> dict[str, str]:
    """Each documented supply's part ("part 1" …)."""
    return {row["case_id"] + "-S": part for part, name in PARTS.items() for row in rows(name)}


def leave_one_park_out() -> tuple[dict[str, int], dict[str, str]]:
    """Every documented supply's rank, its park scored without what was written for it."""
    base, park_of = ranks(knowledge())
    out = dict(base)
    built: list[tuple[Written, Knowledge]] = []   # parks leaving out the same things share one
    for park, written in WRITTEN_FOR.items():
        k = next((k for w, k in built if w == written), None)
        if k is None:
            k = knowledge(written)
            built.append((written, k))
        held, _ = ranks(k, park=park)
        out.update(held)
    return out, park_of
