"""Benchmark: validate + import of a 100,000-row flows workbook into a fresh SQLite database.

Target (foundation issue): ≤ 60 s and ≤ 1 GiB peak memory. Baseline measured in the same run:
openpyxl merely reading every cell of the same workbook, so the ratio says what validation and
import cost on top of reading the file at all.

    python -m bench.import_workbook make OUT.xlsx [ROWS]
    python -m bench.import_workbook read FILE          # baseline, in its own process
    python -m bench.import_workbook run FILE           # validate + import, in its own process
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any


def dataset_of(rows: int) -> Any:
    """A synthetic park with exactly ``rows`` flows (its companies' products included)."""
    from openeip.core.synthetic import generate

    companies = max(1, rows // 250)
    while True:
        dataset = next(generate(parks=1, companies=companies, months=24, seed=7))
        if len(dataset.flows) >= rows:
            break
        companies = int(companies * 1.5) + 1
    dataset = replace(dataset, flows=dataset.flows[:rows], flow_rows=dataset.flow_rows[:rows])
    used = {flow.company_code for flow in dataset.flows}
    keep = [i for i, c in enumerate(dataset.companies) if c.code in used]
    dataset = replace(
        dataset,
        companies=[dataset.companies[i] for i in keep],
        company_rows=[dataset.company_rows[i] for i in keep],
        products=[p for p in dataset.products if p.company_code in used],
    )
    dataset.product_rows = list(range(2, 2 + len(dataset.products)))
    return dataset


def make(path: Path, rows: int) -> dict[str, int]:
    from openeip.core.intake import write_dataset

    dataset = dataset_of(rows)
    buffer = io.BytesIO()
    write_dataset(dataset, buffer, "xlsx")
    path.write_bytes(buffer.getvalue())
    return {"flows": len(dataset.flows), "products": len(dataset.products),
            "companies": len(dataset.companies), "bytes": len(buffer.getvalue())}


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_only(path: Path) -> dict[str, float]:
    import openpyxl

    start = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = sum(len(row) for sheet in workbook.worksheets for row in sheet.iter_rows(
        values_only=True))
    workbook.close()
    return {"read_s": time.perf_counter() - start, "cells": cells, "peak_mib": _peak_mib()}


def run(path: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["OPENEIP_DATA_DIR"] = data_dir
        os.environ.pop("DATABASE_URL", None)
        from openeip.cli._app import setup_django

        setup_django(migrate=True)
        from openeip.core.intake import read_dataset
        from openeip.web.registry.services.importer import import_dataset

        content = path.read_bytes()
        start = time.perf_counter()
        dataset = read_dataset(content, path.name)
        validated = time.perf_counter()
        result = import_dataset(dataset, dataset.park.slug if dataset.park else "bench")
        imported = time.perf_counter()
        return {
            "validate_s": validated - start,
            "import_s": imported - validated,
            "total_s": imported - start,
            "flows_created": result.created["flows"],
            "peak_mib": _peak_mib(),
        }


if __name__ == "__main__":
    command, target = sys.argv[1], Path(sys.argv[2])
    if command == "make":
        print(json.dumps(make(target, int(sys.argv[3]) if len(sys.argv) > 3 else 100_000)))
    elif command == "read":
        print(json.dumps(read_only(target)))
    elif command == "run":
        print(json.dumps(run(target)))
    else:
        raise SystemExit("unknown command {!r}".format(command))
