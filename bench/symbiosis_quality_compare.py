"""The grown symbiosis quality set (parts 1, 2 and 3, with distractors) scored by whatever code
is on PYTHONPATH — so the same figures can be taken before and after a change:

    PYTHONPATH=OLD/src python -m bench.symbiosis_quality_compare src/openeip/data/symbiosis
    PYTHONPATH=src     python -m bench.symbiosis_quality_compare src/openeip/data/symbiosis

Prints recall@1, recall@5, MRR (top 10) and the supplies with no candidate for their
documented receiver, for all and per part (part 3 when the folder has it). No
leave-one-park-out here (old code has no exclusion list): see tests/core/symbiosis_quality.py
for that.
"""

from __future__ import annotations

import csv
import inspect
import sys
import zlib
from pathlib import Path

from openeip.core.domain import Direction
from openeip.core.symbiosis.classify import Classifier
from openeip.core.symbiosis.match import match
from openeip.core.symbiosis.model import Scope, Stream


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    if name.startswith("documented_exchanges_part3") and not (folder / name).exists():
        return []                       # an older data folder
    with open(folder / name, encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def main(folder: Path) -> None:
    part1 = _rows(folder, "documented_exchanges.csv")
    part2 = _rows(folder, "documented_exchanges_more.csv")
    part3 = _rows(folder, "documented_exchanges_part3.csv")
    distractors = (_rows(folder, "documented_exchanges_distractors.csv")
                   + _rows(folder, "documented_exchanges_more_distractors.csv")
                   + _rows(folder, "documented_exchanges_part3_distractors.csv"))
    parks = {r["park"]: (float(r["park_lat"]), float(r["park_lon"]))
             for r in part1 + part2 + part3}
    classifier = Classifier()
    with_sector = "sector" in inspect.signature(classifier.classify).parameters

    def stream(sid: str, company: str, park: str, sector: str, direction: Direction,
               text: str) -> Stream:
        lat, lon = parks[park]
        h = zlib.crc32(company.encode("utf-8"))
        found = (classifier.classify(text, direction, sector) if with_sector
                 else classifier.classify(text, direction))
        return Stream(id=sid, company=company, direction=direction, description=text,
                      resource_class=found.resource_class, park=park, sector=sector,
                      latitude=lat + ((h % 19) - 9) / 1000,
                      longitude=lon + (((h // 19) % 19) - 9) / 1000)

    supplies, demands, pairs = [], [], {}
    for r in part1 + part2 + part3:
        supplies.append(stream(r["case_id"] + "-S", r["supplier"], r["park"],
                               r["supplier_sector"], Direction.SUPPLY, r["supply_description"]))
        demands.append(stream(r["case_id"] + "-D", r["receiver"], r["park"],
                              r["receiver_sector"], Direction.DEMAND, r["demand_description"]))
        pairs[r["case_id"] + "-S"] = r["case_id"] + "-D"
    for r in distractors:
        direction = Direction(r["direction"])
        s = stream(r["id"], r["company"], r["park"], r["sector"], direction, r["description"])
        (supplies if direction is Direction.SUPPLY else demands).append(s)
    rank = {(c.supply_id, c.demand_id): c.rank_for_supply
            for c in match(supplies, demands, top_k=10, scope=Scope.REGION)}
    ranks = {s: rank.get((s, d), 0) for s, d in pairs.items()}
    part_of = {r["case_id"] + "-S": name for name, part in
               (("part1", part1), ("part2", part2), ("part3", part3)) for r in part}
    for name in ("all", "part1", "part2", "part3"):
        values = [r for k, r in ranks.items() if name in ("all", part_of[k])]
        n = len(values)
        if not n:
            continue
        print("{} n={} recall@1 {:.3f} recall@5 {:.3f} MRR {:.3f} no candidate {}".format(
            name, n, sum(v == 1 for v in values) / n, sum(1 <= v <= 5 for v in values) / n,
            sum(1 / v for v in values if v) / n, sum(v == 0 for v in values)))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "src/openeip/data/symbiosis"))
