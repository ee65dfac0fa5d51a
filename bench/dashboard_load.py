"""Benchmark: the park dashboard with 1,000 companies and ~1 million flow rows on PostgreSQL.

Target (foundation issue): p95 ≤ 200 ms with 20 concurrent users on loopback, no errors.
Loads a fresh database ``openeip_bench`` through the real importer, serves it with gunicorn and
drives it with wrk (20 connections). Baseline measured in the same run, same server: the login
page (a template render with no data queries), so the ratio shows what the dashboard costs.

    python -m bench.dashboard_load [--companies 1000] [--months 99] [--seconds 30]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from dataclasses import replace

from bench.page_load import manager_session, served, status_of, wrk

DATABASE = "openeip_bench"
PG = "postgres://postgres@127.0.0.1:5432/"
PORT = 8765


def _recreate_database() -> None:
    import psycopg

    with psycopg.connect(PG + "postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS {} WITH (FORCE)".format(DATABASE))
        connection.execute("CREATE DATABASE {}".format(DATABASE))


def load(companies: int, months: int) -> dict[str, object]:
    """Generate one park and import it in chunks of 100 companies; returns counts and seconds."""
    from openeip.cli._app import setup_django

    setup_django(migrate=True)
    from openeip.core.synthetic import generate
    from openeip.web.registry.services.importer import import_dataset

    start = time.perf_counter()
    dataset = next(generate(parks=1, companies=companies, months=months, seed=11))
    generated = time.perf_counter()
    assert dataset.park is not None
    slug = dataset.park.slug
    flows = 0
    for first in range(0, len(dataset.companies), 100):
        codes = {c.code for c in dataset.companies[first:first + 100]}
        chunk = replace(
            dataset,
            park=dataset.park if first == 0 else None,
            companies=dataset.companies[first:first + 100],
            products=[p for p in dataset.products if p.company_code in codes],
            flows=[f for f in dataset.flows if f.company_code in codes],
            company_rows=[], product_rows=[], flow_rows=[],
        )
        flows += import_dataset(chunk, slug).created["flows"]
    return {"park": slug, "companies": len(dataset.companies), "flows": flows,
            "generate_s": generated - start, "import_s": time.perf_counter() - generated}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--months", type=int, default=99)  # ≈ 1 million flow rows
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--reuse", action="store_true",
                        help="keep the database of the previous run instead of loading anew")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench` installs it (Debian package wrk)")
    os.environ["DATABASE_URL"] = PG + DATABASE
    os.environ.setdefault("OPENEIP_ALLOWED_HOSTS", "127.0.0.1,localhost")
    if args.reuse:
        from openeip.cli._app import setup_django

        setup_django(migrate=True)
        from openeip.web.registry.models import Company, Park, ResourceFlow

        park = Park.objects.get()
        loaded = {"park": park.slug, "companies": Company.objects.count(),
                  "flows": ResourceFlow.objects.count(), "reused": True}
    else:
        _recreate_database()
        loaded = load(args.companies, args.months)
    cookie = manager_session("bench-manager", str(loaded["park"]))
    with served(PORT, os.environ.copy()) as base:
        dashboard_url = "{}/parks/{}/".format(base, loaded["park"])
        status = status_of(dashboard_url, cookie)
        assert status == 200, status
        baseline = wrk(base + "/accounts/login/", cookie, args.seconds)
        dashboard = wrk(dashboard_url, cookie, args.seconds)
    print(json.dumps({"loaded": loaded, "baseline_login_page": baseline,
                      "park_dashboard": dashboard,
                      "p95_ratio_dashboard_to_baseline":
                          dashboard["p95_ms"] / baseline["p95_ms"]}, indent=2))


if __name__ == "__main__":
    main()
