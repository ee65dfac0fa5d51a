"""`make bench`: run every benchmark, each heavy step in its own process, and print the figures.

Figures are reported against baselines measured in the same run; nothing here fails on time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def _step(*args: str) -> dict[str, object]:
    completed = subprocess.run([sys.executable, "-m", *args], check=True, capture_output=True,
                               text=True)
    return dict(json.loads(completed.stdout[completed.stdout.index("{"):]))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    workbook = OUT / "flows-100k.xlsx"
    results: dict[str, object] = {}
    results["workbook"] = _step("bench.import_workbook", "make", str(workbook), "100000")
    read = _step("bench.import_workbook", "read", str(workbook))
    run = _step("bench.import_workbook", "run", str(workbook))
    results["import_100k"] = {
        "baseline_openpyxl_read_s": read["read_s"],
        **run,
        "ratio_total_to_read": float(run["total_s"]) / float(read["read_s"]),  # type: ignore[arg-type]
        "target": "total_s <= 60 and peak_mib <= 1024",
    }
    # re-importing the same 100k rows changed, against the fresh import (issue 17 §7)
    results["import_update_100k"] = _step("bench.import_update")
    results["dashboard"] = _step("bench.dashboard_load")
    results["recp_indicators_national"] = _step("bench.recp_indicators")
    # industrial symbiosis (issue 4 §9)
    results["symbiosis_match"] = _step("bench.symbiosis_match")
    results["symbiosis_optimise"] = _step("bench.symbiosis_optimise")
    results["symbiosis_classify"] = _step("bench.symbiosis_classify")
    results["symbiosis_web"] = _step("bench.symbiosis_web")  # pages of a 1,000-firm park
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
