"""Benchmark: classifying the descriptions of a national stream file.

A million stream rows carry few distinct descriptions (firms of a sector write the same few
things). The set: every name and synonym of the shipped taxonomy, each also with a provenance
tail ("… from plant 17"), in upper case and without diacritics, drawn with a fixed seed into
``--rows`` rows. Timed: building the classifier (index of the taxonomy), classifying each
distinct text once cold (``classify``), and ``classify_many`` over all rows (memoised). Baseline
in the same run: a dict look-up of every row in a prepared {text: class} table — what a perfect
memo would cost.

    python -m bench.symbiosis_classify [--rows 1000000] [--seed 2024]

Prints JSON and writes it to bench/out/symbiosis_classify.json. Nothing fails on time.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from openeip.core.domain import Direction
from openeip.core.symbiosis._words import fold
from openeip.core.symbiosis.classify import Classifier
from openeip.core.symbiosis.taxonomy import load_taxonomy

OUT = Path(__file__).resolve().parent / "out"


def _texts() -> list[str]:
    out: list[str] = []
    for rc in load_taxonomy():
        for phrase in (rc.name_en, rc.name_vi, *rc.synonyms_en, *rc.synonyms_vi):
            out += [phrase, phrase.upper(), fold(phrase), "{} from plant 17".format(phrase),
                    "{} từ nhà máy số 3".format(phrase)]
    return sorted(set(out))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    distinct = _texts()
    rows = random.Random(args.seed).choices(distinct, k=args.rows)

    started = time.perf_counter()
    classifier = Classifier()
    build_s = time.perf_counter() - started

    cold = Classifier()
    started = time.perf_counter()
    for text in distinct:
        cold.classify(text, Direction.SUPPLY)
    cold_s = time.perf_counter() - started

    started = time.perf_counter()
    results = classifier.classify_many(rows, Direction.SUPPLY)
    many_s = time.perf_counter() - started

    table = {text: cold.classify(text, Direction.SUPPLY).resource_class for text in distinct}
    started = time.perf_counter()
    looked_up = [table[text] for text in rows]
    baseline_s = time.perf_counter() - started

    unclassified = sum(1 for r in results if not r.resource_class)
    figures = {
        "rows": args.rows,
        "distinct_texts": len(distinct),
        "classes": len(load_taxonomy()),
        "build_s": round(build_s, 3),
        "cold_per_text_ms": round(1000 * cold_s / len(distinct), 3),
        "classify_many_s": round(many_s, 3),
        "baseline_dict_lookup_s": round(baseline_s, 3),
        "ratio_to_baseline": round(many_s / max(baseline_s, 1e-9), 1),
        "unclassified_rows": unclassified,
        "agrees_with_cold": all(r.resource_class == c for r, c in zip(results, looked_up,
                                                                     strict=True)),
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "symbiosis_classify.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
