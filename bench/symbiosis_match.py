"""Benchmark: matching a synthetic national set of symbiosis streams (issue 4 §9).

Targets: 1,000,000 stream rows over 400 parks matched to top-10 in ≤ 60 s and ≤ 8 GiB on this
2-core machine, scaling about linearly with the number of candidates; at 20,000 rows the same
run also times the all-pairs scoring baseline and reports the ratio.

Each size runs in its own process so its peak memory (``ru_maxrss``) is its own. Per size:
generating the streams (``openeip.core.symbiosis.synthetic``; NOT timed as matching, reported),
classifying every description again with the classifier (timed separately; the share that
agrees with the generated class is reported), then ``openeip.core.symbiosis.match.match`` on
the generated classes (timed: wall seconds, CPU seconds of all the matcher's threads,
candidates returned, peak memory).
The engine is timed through ``match_table``, which returns the top-k as columns: ``match``
itself also builds one ``Candidate`` object (with notes and benefit) per row, which at a
million streams is millions of objects nobody reads at once; at 20,000 rows the object
building is timed as well.

    python -m bench.symbiosis_match [--rows 1000000] [--parks 400] [--top 10] [--seed 2024]
    python -m bench.symbiosis_match one --rows 20000 --parks 400 [--baseline]

Prints JSON and writes it to bench/out/symbiosis_match.json. Nothing fails on time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"
TARGET_S = 60.0
TARGET_GIB = 8.0
BASELINE_ROWS = 20_000


def _peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024  # KiB on Linux


def one(rows: int, parks: int, top: int, seed: int, baseline: bool) -> dict[str, Any]:
    from openeip.core.domain import Direction
    from openeip.core.symbiosis.classify import Classifier
    from openeip.core.symbiosis.match import all_pairs_baseline, match_table
    from openeip.core.symbiosis.synthetic import synthetic_streams

    started = time.perf_counter()
    streams = synthetic_streams(rows, parks, seed=seed)
    generate_s = time.perf_counter() - started
    supplies = [s for s in streams if s.direction is Direction.SUPPLY]
    demands = [s for s in streams if s.direction is Direction.DEMAND]

    classifier = Classifier()
    wall, cpu = time.perf_counter(), time.process_time()
    agree = 0
    for direction, group in ((Direction.SUPPLY, supplies), (Direction.DEMAND, demands)):
        answers = classifier.classify_many([s.description for s in group], direction)
        agree += sum(a.resource_class == s.resource_class
                     for a, s in zip(answers, group, strict=True))
    classify_s, classify_cpu = time.perf_counter() - wall, time.process_time() - cpu

    peak_before_match = _peak_gib()
    wall, cpu = time.perf_counter(), time.process_time()
    table = match_table(supplies, demands, top_k=top)
    match_s, match_cpu = time.perf_counter() - wall, time.process_time() - cpu
    candidates = len(table)
    result: dict[str, Any] = {
        "rows": rows, "parks": parks, "top_k": top, "seed": seed,
        "supplies": len(supplies), "demands": len(demands),
        "generate_s_untimed": round(generate_s, 2),
        "classify_s": round(classify_s, 2), "classify_cpu_s": round(classify_cpu, 2),
        "distinct_descriptions": len({s.description for s in streams}),
        "classifier_agrees_with_generated_class": round(agree / len(streams), 4),
        "match_s": round(match_s, 2), "match_cpu_s": round(match_cpu, 2),
        "candidates": candidates,
        "match_s_per_1000_candidates": round(1000 * match_s / max(1, candidates), 4),
        "match_stats": {key: value for key, value in table.stats.items()
                        if not key.startswith("_") and isinstance(value, (int, float))},
        "peak_gib_before_match": round(peak_before_match, 2),
        "peak_gib": round(_peak_gib(), 2),
        "load_average": round(os.getloadavg()[0], 2),
    }
    if baseline:
        wall = time.perf_counter()
        objects = table.candidates()
        result["candidate_objects_s"] = round(time.perf_counter() - wall, 2)
        result["with_benefit"] = sum(c.benefit is not None for c in objects)
        wall, cpu = time.perf_counter(), time.process_time()
        pairs = all_pairs_baseline(supplies, demands, top_k=top)
        result["all_pairs_baseline_s"] = round(time.perf_counter() - wall, 2)
        result["all_pairs_baseline_cpu_s"] = round(time.process_time() - cpu, 2)
        result["all_pairs_pairs_scored"] = len(supplies) * len(demands)
        result["all_pairs_candidates"] = len(pairs)
        same = set(zip(pairs.supply_index.tolist(), pairs.demand_index.tolist(), strict=True))
        result["all_pairs_same_candidates_share"] = round(len(same & set(zip(
            table.supply_index.tolist(), table.demand_index.tolist(), strict=True)))
            / max(1, len(same)), 4)
        result["ratio_all_pairs_to_match"] = round(
            result["all_pairs_baseline_s"] / max(match_s, 1e-6), 1)
        result["ratio_all_pairs_to_match_cpu"] = round(
            result["all_pairs_baseline_cpu_s"] / max(match_cpu, 1e-6), 1)
    return result


def _run_one(rows: int, parks: int, top: int, seed: int, baseline: bool) -> dict[str, Any]:
    args = [sys.executable, "-m", "bench.symbiosis_match", "one", "--rows", str(rows),
            "--parks", str(parks), "--top", str(top), "--seed", str(seed)]
    completed = subprocess.run([*args, *(["--baseline"] if baseline else [])], check=True,
                               capture_output=True, text=True)
    return dict(json.loads(completed.stdout[completed.stdout.index("{"):]))


def run(rows: int, parks: int, top: int, seed: int) -> dict[str, Any]:
    sizes = sorted({max(BASELINE_ROWS, rows // 4), max(BASELINE_ROWS, rows // 2), rows})
    small = _run_one(BASELINE_ROWS, parks, top, seed, baseline=True)
    scaling = [_run_one(size, parks, top, seed, baseline=False) for size in sizes]
    full = scaling[-1]
    return {
        "target": "match_s <= {:g} and peak memory <= {:g} GiB at {} rows".format(
            TARGET_S, TARGET_GIB, rows),
        "met": (full["match_s"] <= TARGET_S
                and full["peak_gib"] <= TARGET_GIB),
        "full": full,
        "scaling": [{key: run[key] for key in ("rows", "candidates", "match_s", "match_cpu_s",
                                               "match_s_per_1000_candidates", "peak_gib")}
                    for run in scaling],
        "baseline_20k": {key: small[key] for key in small if key.startswith(("all_pairs",
                                                                            "ratio", "match",
                                                                            "rows", "cand"))},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", default="all", choices=("all", "one"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--parks", type=int, default=400)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--baseline", action="store_true")
    args = parser.parse_args()
    if args.mode == "one":
        print(json.dumps(one(args.rows, args.parks, args.top, args.seed, args.baseline)))
        return
    results = run(args.rows, args.parks, args.top, args.seed)
    OUT.mkdir(exist_ok=True)
    (OUT / "symbiosis_match.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
