"""Benchmark: `openeip import` of a 100,000-row workbook into a fresh database, then the same rows
with every quantity changed (an update of 100,000 existing rows), on SQLite and PostgreSQL.

Target (issue 17 §7): the update takes no more than twice the fresh import, on both databases.
Each figure is the wall-clock time of the user's command in its own process. Baseline measured in
the same run: `openeip validate` of the same file (reading and checking it, no database), so the
ratio of the database part alone can be read too.

    python -m bench.import_update [--rows 100000] [--databases sqlite,postgresql]

PostgreSQL: a database recreated for the run, ``BENCH_PG_DATABASE`` (default
``openeip_bench_update``) on ``BENCH_PG_URL`` (default ``postgres://postgres@127.0.0.1:5432/``).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.import_workbook import dataset_of

OPENEIP = str(Path(sys.executable).with_name("openeip"))
PG = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/")
PG_DATABASE = os.environ.get("BENCH_PG_DATABASE", "openeip_bench_update")


def write_files(rows: int, folder: Path) -> tuple[Path, Path, str]:
    """The fresh workbook and the same rows with every flow's quantity changed; the park slug."""
    from openeip.core.intake import write_dataset

    dataset = dataset_of(rows)
    changed = replace(dataset, flows=[replace(flow, quantity=flow.quantity * 1.25)
                                      for flow in dataset.flows])
    paths = (folder / "fresh.xlsx", folder / "updated.xlsx")
    for path, content in zip(paths, (dataset, changed), strict=True):
        buffer = io.BytesIO()
        write_dataset(content, buffer, "xlsx")
        path.write_bytes(buffer.getvalue())
    assert dataset.park is not None
    return paths[0], paths[1], dataset.park.slug


def _timed(env: dict[str, str], *args: str) -> tuple[float, str]:
    start = time.perf_counter()
    completed = subprocess.run([OPENEIP, *args], env=env, capture_output=True, text=True,
                               check=False)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit("openeip {} failed:\n{}{}".format(" ".join(args), completed.stdout,
                                                           completed.stderr[-3000:]))
    return elapsed, completed.stdout


def _flows_line(output: str) -> list[int]:
    """created, updated, unchanged of the 'flows' line of `openeip import`."""
    line = next(line for line in output.splitlines() if line.startswith("flows"))
    return [int(number) for number in line.split()[1:]]


def _recreate_postgres() -> str:
    import psycopg

    with psycopg.connect(PG + "postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS {} WITH (FORCE)".format(PG_DATABASE))
        connection.execute("CREATE DATABASE {}".format(PG_DATABASE))
    return PG + PG_DATABASE


def run_on(database: str, fresh: Path, updated: Path, park: str, data_dir: Path
           ) -> dict[str, Any]:
    env = {**os.environ, "OPENEIP_DATA_DIR": str(data_dir / database)}
    env.pop("DATABASE_URL", None)
    if database == "postgresql":
        env["DATABASE_URL"] = _recreate_postgres()
    _timed(env, "manage", "migrate", "--verbosity", "0")
    fresh_s, fresh_out = _timed(env, "import", str(fresh), "--park", park)
    update_s, update_out = _timed(env, "import", str(updated), "--park", park)
    again_s, again_out = _timed(env, "import", str(updated), "--park", park)
    return {
        "fresh_s": fresh_s, "update_s": update_s, "unchanged_s": again_s,
        "flows_fresh": _flows_line(fresh_out), "flows_update": _flows_line(update_out),
        "flows_again": _flows_line(again_out),
        "ratio_update_to_fresh": update_s / fresh_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        fresh, updated, park = write_files(args.rows, work)
        validate_s, _out = _timed({**os.environ}, "validate", str(fresh))
        results: dict[str, Any] = {"rows": args.rows, "baseline_validate_s": validate_s}
        for database in args.databases.split(","):
            figures = run_on(database, fresh, updated, park, work)
            figures["ratio_database_part"] = ((figures["update_s"] - validate_s)
                                              / (figures["fresh_s"] - validate_s))
            results[database] = figures
        results["target"] = "update_s <= 2 * fresh_s on each database"
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
