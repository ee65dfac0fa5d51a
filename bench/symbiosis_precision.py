"""Issue 12 §5: a precision sample — proposed top-5 candidates judged by hand.

The matcher runs on the documented set (``tests/core/symbiosis_quality.py``: the documented
exchanges of the case literature and their parks' distractor streams, all parks at once,
scope region, the shipped knowledge); every supply's candidates ranked 1–5 form the
population; a seeded random sample of ``--size`` of them is written as CSV with empty
``judgement`` and ``reason`` columns for a person to fill in by the rules of
``docs/symbiosis-precision.md``. ``--held-out N``: the held-out part N (4, 5 …) on its own
(its exchanges and distractors) instead of parts 1-3.

    python -m bench.symbiosis_precision OUT.csv [--size 60] [--seed 12] [--held-out N]
    python -m bench.symbiosis_precision --score JUDGED.csv     (the share judged plausible)
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

COLUMNS = ("supply_id", "supply_description", "demand_id", "demand_description", "rank",
           "score", "supply_class", "demand_class", "use", "distance_km", "documented_pair",
           "judgement", "reason")


def sample(size: int, seed: int, held_out: int | None = None) -> list[dict[str, str]]:
    from tests.core import symbiosis_quality as q

    from openeip.core.symbiosis.match import match
    from openeip.core.symbiosis.model import Scope

    k = q.knowledge()
    sets = q.held_out(held_out) if held_out else ()
    supplies, demands, pairs, _park_of = q.streams(k, *sets)
    found = match(supplies, demands, top_k=q.TOP, scope=Scope.REGION, taxonomy=k.taxonomy,
                  rules=k.rules)
    by_id = {s.id: s for s in (*supplies, *demands)}
    population = sorted((c for c in found if 1 <= c.rank_for_supply <= 5),
                        key=lambda c: (c.supply_id, c.rank_for_supply))
    chosen = random.Random(seed).sample(population, min(size, len(population)))
    chosen.sort(key=lambda c: (c.supply_id, c.rank_for_supply))
    return [{
        "supply_id": c.supply_id, "supply_description": by_id[c.supply_id].description,
        "demand_id": c.demand_id, "demand_description": by_id[c.demand_id].description,
        "rank": str(c.rank_for_supply), "score": "{:.3f}".format(c.score),
        "supply_class": c.resource_class,
        "demand_class": by_id[c.demand_id].resource_class, "use": c.use,
        "distance_km": "" if c.distance_km is None else "{:.0f}".format(c.distance_km),
        "documented_pair": "yes" if pairs.get(c.supply_id) == c.demand_id else "no",
        "judgement": "", "reason": ""} for c in chosen]


def score(path: Path) -> dict[str, float]:
    rows = list(csv.DictReader(line for line in path.read_text(encoding="utf-8").splitlines()
                               if not line.startswith("#")))
    judged = [r for r in rows if r["judgement"] in ("plausible", "implausible")]
    plausible = sum(r["judgement"] == "plausible" for r in judged)
    return {"judged": len(judged), "plausible": plausible,
            "precision": round(plausible / len(judged), 3) if judged else float("nan")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--size", type=int, default=60)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--score", type=Path)
    parser.add_argument("--held-out", type=int, help="a held-out part: 4, 5 …")
    args = parser.parse_args()
    if args.score:
        print(score(args.score))
        return
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sample(args.size, args.seed, args.held_out))


if __name__ == "__main__":
    main()
