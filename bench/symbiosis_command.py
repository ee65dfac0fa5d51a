"""Benchmark: THE COMMAND a user runs, ``openeip symbiosis match``, at national scale (issue 12 §6).

Targets on this 2-core machine: 1,000,000 rows end to end ≤ 60 s and ≤ 8 GiB peak; 100,000
rows ≤ 15 s and ≤ 1 GiB; time growing no faster than linearly from 10k to 1M rows.

The data come, by default, from ``bench/survey_streams.py`` (``--data survey``): a generator
that never reads the taxonomy or the rules — hand-written materials in English and Vietnamese
inside free text, mixed units, missing fields, unusable rows — so the engine is measured on
a file it was not tuned on. ``--data national`` takes ``bench/national_streams.py`` instead
(descriptions drawn from the taxonomy's names; the search was tuned on its files). Per size:

1. the file is generated (not timed; its seconds are reported);
2. ``openeip symbiosis match FILE --skip-invalid --top 10 --out FILE.csv`` runs as a subprocess
   (the console script users run) under ``/usr/bin/time``: wall seconds, CPU seconds (user +
   system, the process and its threads and children) and the peak resident memory — everything
   the user waits for (start-up, reading, classifying, matching, valuing, writing);
3. the **baseline in the same run**, ``baseline FILE OUT`` under ``/usr/bin/time``: the same
   file read, checked and classified as the command does, and one row per stream written back
   (id, class, yearly quantity, unit) without any matching — the floor of a command that reads
   and writes the rows — with the ratios command / baseline (wall and CPU); with ``--engine``
   also another process that reads the file (not timed) and times ``match_table`` alone;
4. the load average of the machine before and after each run, and the CPU seconds beside the
   wall seconds, since the machine is shared (wall seconds are inflated by other work, CPU
   seconds much less).

Then the growth of wall and CPU seconds per row from the smallest to the largest size
(1.0 = linear).

    python -m bench.symbiosis_command [--sizes 10000,100000] [--data survey|national]
                                      [--seed 3] [--parquet] [--engine]
    python -m bench.symbiosis_command engine FILE         (the engine baseline alone)
    python -m bench.symbiosis_command baseline FILE OUT   (read and write, no matching)

Prints JSON and writes it to bench/out/symbiosis_command.json. Nothing fails on time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"
TARGETS = {100_000: (15.0, 1.0), 1_000_000: (60.0, 8.0)}     # rows: (seconds, GiB)
TOP = 10


def engine(path: Path) -> dict[str, Any]:
    """Read ``path`` (not timed), then time ``match_table`` alone on its streams."""
    from openeip.core.forked import cores
    from openeip.core.symbiosis.match import match_table
    from openeip.core.symbiosis.streams_file import read_streams_csv

    started = time.perf_counter()
    streams = read_streams_csv(path.read_bytes(), path.name, skip_invalid=True,
                               workers=cores())
    read_s = time.perf_counter() - started
    supplies = list(streams.supplies().values())
    demands = list(streams.demands().values())
    wall, cpu = time.perf_counter(), time.process_time()
    table = match_table(supplies, demands, top_k=TOP)
    return {"read_and_classify_s_untimed": round(read_s, 2),
            "match_table_s": round(time.perf_counter() - wall, 2),
            "match_table_cpu_s": round(time.process_time() - cpu, 2),
            "candidates": len(table), "streams": len(streams.rows),
            "skipped_rows": len(streams.skipped),
            "peak_gib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2, 3)}


def read_and_write(path: Path, out: Path) -> None:
    """The floor of the command: read, check and classify the file, write a row per stream."""
    import csv

    from openeip.core.allocator import uncollected
    from openeip.core.forked import cores
    from openeip.core.symbiosis.streams_file import read_streams_csv

    with uncollected():           # as the command reads
        streams = read_streams_csv(path.read_bytes(), path.name, skip_invalid=True,
                                   workers=cores())
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("id", "direction", "resource_class", "quantity", "unit"))
        writer.writerows((r.stream.id, r.stream.direction.value, r.stream.resource_class,
                          "" if r.stream.quantity is None else r.stream.quantity,
                          r.stream.unit) for r in streams.rows)
    print("wrote {} stream(s)".format(len(streams.rows)))


def _command(path: Path, out: Path, baseline: bool = False) -> dict[str, Any]:
    """Run the user's command (or, ``baseline``, read and write without matching) under
    /usr/bin/time: wall, CPU, peak memory, its summary."""
    timing = out.with_suffix(".time")
    script = Path(sys.executable).with_name("openeip")       # the console script users run
    command = [str(script), "symbiosis", "match", str(path),
               "--skip-invalid", "--top", str(TOP), "--out", str(out)]
    if baseline:
        command = [sys.executable, "-m", "bench.symbiosis_command", "baseline", str(path),
                   str(out)]
    load_before = os.getloadavg()[0]
    completed = subprocess.run(["/usr/bin/time", "-o", str(timing), "-f", "%e %U %S %M",
                                *command], capture_output=True, text=True)
    wall, user, system, kib = timing.read_text().split()[-4:]
    found = re.search(r"wrote (\d+) candidate", completed.stdout)
    return {
        "exit_code": completed.returncode,     # not 0: failed or killed (e.g. out of memory)
        "wall_s": float(wall), "cpu_s": round(float(user) + float(system), 2),
        "peak_gib": round(int(kib) / 1024 ** 2, 3),
        "candidates": int(found.group(1)) if found else None,
        "output_mib": round(out.stat().st_size / 1024 ** 2, 1) if out.exists() else None,
        "left_out_rows": completed.stderr.count("Left out:"),
        "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2),
    }


def _generate(data: str, path: Path, rows: int, seed: int) -> int:
    """Write the file; how many rows were written unusable on purpose."""
    if data == "national":
        from bench.national_streams import write_streams as national

        tally = national(path, rows, seed=seed)
        return tally["bad_unit"] + tally["bad_direction"]
    from bench.survey_streams import write_streams as survey

    return survey(path, rows, seed=seed)["bad"]


def one_size(rows: int, seed: int, folder: Path, parquet: bool, data: str = "survey",
             with_engine: bool = False) -> dict[str, Any]:
    path = folder / "streams-{}.csv".format(rows)
    started = time.perf_counter()
    unusable = _generate(data, path, rows, seed)
    generate_s = time.perf_counter() - started
    result: dict[str, Any] = {"rows": rows, "generate_s_untimed": round(generate_s, 2),
                              "unusable_rows_written": unusable}
    result["baseline_read_write"] = _command(path, folder / "baseline-{}.csv".format(rows),
                                             baseline=True)
    result["command_csv"] = _command(path, folder / "matches-{}.csv".format(rows))
    if result["command_csv"]["exit_code"] != 0:
        path.unlink()
        return result
    if parquet:
        result["command_parquet"] = _command(path, folder / "matches-{}.parquet".format(rows))
    command = result["command_csv"]
    if with_engine:
        completed = subprocess.run([sys.executable, "-m", "bench.symbiosis_command", "engine",
                                    str(path)], capture_output=True, text=True, check=True)
        base = json.loads(completed.stdout[completed.stdout.index("{"):])
        result["baseline_engine"] = base
        result["ratio_command_to_engine_wall"] = round(command["wall_s"] / max(
            base["match_table_s"], 1e-6), 2)
        result["ratio_command_to_engine_cpu"] = round(command["cpu_s"] / max(
            base["match_table_cpu_s"], 1e-6), 2)
    floor = result["baseline_read_write"]
    result["ratio_command_to_read_write_wall"] = round(command["wall_s"] / max(
        floor["wall_s"], 1e-6), 2)
    result["ratio_command_to_read_write_cpu"] = round(command["cpu_s"] / max(
        floor["cpu_s"], 1e-6), 2)
    result["command_ms_per_1000_rows"] = round(1000 * command["wall_s"] / rows * 1000, 2)
    target = TARGETS.get(rows)
    if target:
        result["target"] = "wall <= {:g} s and peak <= {:g} GiB".format(*target)
        result["met"] = command["wall_s"] <= target[0] and command["peak_gib"] <= target[1]
    for leftover in (path, *folder.glob("matches-{}.*".format(rows)),
                     *folder.glob("baseline-{}.*".format(rows))):
        leftover.unlink(missing_ok=True)
    return result


def run(sizes: list[int], seed: int, parquet: bool, data: str = "survey",
        with_engine: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="openeip-bench-") as folder:
        results = [one_size(rows, seed, Path(folder), parquet, data, with_engine)
                   for rows in sorted(sizes)]
    done = [r for r in results if r["command_csv"]["exit_code"] == 0]
    first, last = done[0], done[-1]
    growth = ((last["command_csv"]["wall_s"] / last["rows"])
              / (first["command_csv"]["wall_s"] / first["rows"]))
    growth_cpu = ((last["command_csv"]["cpu_s"] / last["rows"])
                  / (first["command_csv"]["cpu_s"] / first["rows"]))
    return {
        "what": "openeip symbiosis match STREAMS.csv --skip-invalid --top 10 --out MATCHES.csv "
                "on bench/{}_streams.py data; baseline: the same file read, classified and "
                "written back one row per stream, same run".format(data),
        "cpus": os.cpu_count(),
        "sizes": results,
        "wall_per_row_growth_{}_to_{}".format(first["rows"], last["rows"]): round(growth, 2),
        "cpu_per_row_growth_{}_to_{}".format(first["rows"], last["rows"]): round(growth_cpu, 2),
        "linear_or_better": growth <= 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", default="all",
                        choices=("all", "engine", "baseline"))
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--data", choices=("survey", "national"), default="survey")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--engine", action="store_true",
                        help="also time match_table alone in another process")
    parser.add_argument("--parquet", action="store_true",
                        help="also time --out matches.parquet")
    args = parser.parse_args()
    if args.mode == "baseline":
        read_and_write(args.file, args.out)
        return
    if args.mode == "engine":
        print(json.dumps(engine(args.file)))
        return
    results = run([int(size) for size in args.sizes.split(",")], args.seed, args.parquet,
                  args.data, args.engine)
    OUT.mkdir(exist_ok=True)
    (OUT / "symbiosis_command.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
