"""`make bench`: run every benchmark, each heavy step in its own process, and print the figures.

Figures are reported against baselines measured in the same run; nothing here fails on time.
Each step says when it starts and how long it took, since the whole run takes minutes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
STEP_COUNT = 12  # the steps.run calls in main()


class Steps:
    """Runs benchmark steps in child processes, printing "[i/n] what …" and the time each took."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0

    def run(self, what: str, *args: str) -> dict[str, object]:
        """``python *args`` (e.g. "-m", "bench.dashboard_load"): the JSON object it printed."""
        self.done += 1
        print("[{}/{}] {} …".format(self.done, self.total, what), flush=True)
        started = time.perf_counter()
        completed = subprocess.run([sys.executable, *args], capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if completed.returncode != 0:
            sys.stderr.write(completed.stderr[-4000:])
            raise SystemExit("[{}/{}] {} failed after {:.1f} s (exit code {})".format(
                self.done, self.total, what, elapsed, completed.returncode))
        print("[{}/{}] {}: done in {:.1f} s".format(self.done, self.total, what, elapsed),
              flush=True)
        return dict(json.loads(completed.stdout[completed.stdout.index("{"):]))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    steps = Steps(STEP_COUNT)
    workbook = OUT / "flows-100k.xlsx"
    results: dict[str, object] = {}
    results["workbook"] = steps.run("write a 100,000-row workbook",
                                    "-m", "bench.import_workbook", "make", str(workbook), "100000")
    read = steps.run("read it with openpyxl alone (baseline)",
                     "-m", "bench.import_workbook", "read", str(workbook))
    run = steps.run("import it", "-m", "bench.import_workbook", "run", str(workbook))
    results["import_100k"] = {
        "baseline_openpyxl_read_s": read["read_s"],
        **run,
        "ratio_total_to_read": float(run["total_s"]) / float(read["read_s"]),  # type: ignore[arg-type]
        "target": "total_s <= 60 and peak_mib <= 1024",
    }
    # re-importing the same 100k rows changed, against the fresh import (issue 17 §7)
    results["import_update_100k"] = steps.run("re-import 100k changed rows (against a fresh "
                                              "import)", "-m", "bench.import_update")
    results["dashboard"] = steps.run("park dashboard under load", "-m", "bench.dashboard_load")
    results["recp_indicators_national"] = steps.run("national RECP indicators",
                                                    "-m", "bench.recp_indicators")
    # industrial symbiosis (issue 4 §9)
    results["symbiosis_match"] = steps.run("symbiosis matching", "-m", "bench.symbiosis_match")
    results["symbiosis_optimise"] = steps.run("symbiosis network optimisation",
                                              "-m", "bench.symbiosis_optimise")
    results["symbiosis_classify"] = steps.run("symbiosis classification",
                                              "-m", "bench.symbiosis_classify")
    results["symbiosis_command"] = steps.run("the symbiosis match command at 10k, 100k and 1M "
                                             "rows", "-m", "bench.symbiosis_command")
    results["symbiosis_web"] = steps.run("symbiosis pages of a 1,000-firm park",
                                         "-m", "bench.symbiosis_web")
    # monitoring and verification (issue 13): 200 hourly meters over two years on PostgreSQL
    # (a tenth of the 2,000; bench/monitor_scale.py says how each figure extrapolates)
    results["monitor_scale"] = steps.run("meter readings: the import command, baselines, "
                                         "meter-year read, meter page under load",
                                         "-m", "bench.monitor_scale", "--meters", "200")
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
