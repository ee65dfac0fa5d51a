"""Benchmark: the symbiosis pages of a park with 1,000 firms (about 6,000 streams) on PostgreSQL.

Target (issue 4): pages fast for the 40-firm demo park and not pathological for 1,000 firms.
Fills a fresh database ``openeip_bench_symbiosis`` with one park of ``--companies`` firms and
their synthetic streams (:func:`openeip.core.symbiosis.synthetic.synthetic_streams`, classes
already set, so the classifier is not what is timed), runs one refresh (match + optimal network +
persisting the opportunities), then asks every symbiosis page and API endpoint ``--repeat``
times in-process through Django's test client and reports the median and worst time, the number
of SQL queries and the size of the answer. Baseline in the same run: the login page.

    python -m bench.symbiosis_web [--companies 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

DATABASE = "openeip_bench_symbiosis"
PG = "postgres://postgres@127.0.0.1:5432/"


def _recreate_database() -> None:
    import psycopg

    with psycopg.connect(PG + "postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS {} WITH (FORCE)".format(DATABASE))
        connection.execute("CREATE DATABASE {}".format(DATABASE))


def fill(companies: int) -> dict[str, object]:
    """One park, its firms and their streams; returns counts."""
    from openeip.core.symbiosis.synthetic import synthetic_streams
    from openeip.web.registry.models import Company, Park
    from openeip.web.symbiosis.models import Stream

    streams = synthetic_streams(companies * 6, 1, seed=7)
    park = Park.objects.create(slug="bench", name_en="Bench park", name_vi="KCN thử",
                               province="Đồng Nai", area_ha=1000)
    firms = {}
    for number, code in enumerate(sorted({s.company for s in streams})):
        first = next(s for s in streams if s.company == code)
        firms[code] = Company(park=park, code=code, name_en="Firm " + code,
                              name_vi="Công ty " + code, vsic_code="1709",
                              vsic_name="Paper", employees=20 + (number * 37) % 400,
                              latitude=first.latitude, longitude=first.longitude)
    Company.objects.bulk_create(firms.values(), batch_size=500)
    Stream.objects.bulk_create([
        Stream(company=firms[s.company], direction=s.direction.value,
               description="{} {}".format(s.description, s.id)[:200],
               resource_class=s.resource_class, classification_confidence=0.9,
               quantity=s.quantity, unit=s.unit, temperature_c=s.temperature_c,
               hazardous=s.hazardous, months=sorted(s.months))
        for s in streams], batch_size=1000)
    return {"companies": len(firms), "streams": len(streams)}


def _time(client: object, url: str, repeat: int) -> dict[str, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)  # type: ignore[attr-defined]
            seconds.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return {"median_ms": round(1000 * statistics.median(seconds), 1),
            "max_ms": round(1000 * max(seconds), 1), "queries": len(queries.captured_queries),
            "kib": round(len(response.content) / 1024, 1)}


def pages(repeat: int) -> dict[str, object]:
    from django.contrib.auth.models import User
    from django.db.models import Count
    from django.test import Client

    from openeip.web.registry.models import Company, CompanyMembership, Park, ParkManager
    from openeip.web.symbiosis.models import Opportunity

    park = Park.objects.get(slug="bench")
    manager = User.objects.create_user("bench-manager")
    ParkManager.objects.create(user=manager, park=park)
    busiest = (Opportunity.objects.values("supply__company").order_by("supply__company")
               .annotate(n=Count("pk")).order_by("-n").first())
    company = Company.objects.get(pk=busiest["supply__company"]) if busiest else (
        Company.objects.filter(park=park).first())
    member = User.objects.create_user("bench-member")
    CompanyMembership.objects.create(user=member, company=company)
    opportunity = Opportunity.objects.order_by("-score").first()
    client = Client(HTTP_HOST="localhost")
    found: dict[str, object] = {"baseline_login_page": _time(client, "/accounts/login/", repeat)}
    client.force_login(manager)
    for name, url in (
            ("park_ranking", "/parks/bench/symbiosis/"),
            ("park_ranking_page_20", "/parks/bench/symbiosis/?page=20"),
            ("park_network", "/parks/bench/symbiosis/network/"),
            ("park_map_geojson", "/parks/bench/symbiosis/map.geojson"),
            ("opportunity", "/symbiosis/opportunities/{}/".format(opportunity.pk)),
            ("api_opportunities", "/api/symbiosis/opportunities/?park=bench"),
            ("api_park_summary", "/api/symbiosis/parks/bench/summary/"),
            ("home_manager", "/symbiosis/")):
        found[name] = _time(client, url, repeat)
    client.force_login(member)
    found["company_page_busiest_firm"] = _time(
        client, "/companies/{}/symbiosis/".format(company.pk), repeat)
    found["home_member"] = _time(client, "/symbiosis/", repeat)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    _recreate_database()
    os.environ["DATABASE_URL"] = PG + DATABASE
    from openeip.cli._app import setup_django

    setup_django(migrate=True)
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from openeip.web.symbiosis.models import Opportunity
    from openeip.web.symbiosis.services.matching import refresh_matches

    result: dict[str, object] = {"filled": fill(args.companies)}
    start = time.perf_counter()
    from openeip.web.registry.models import Park

    outcome = refresh_matches(Park.objects.get(slug="bench"))
    result["refresh"] = {**outcome, "wall_s": round(time.perf_counter() - start, 2)}
    result["opportunities"] = Opportunity.objects.count()
    result["pages"] = pages(args.repeat)
    result["target"] = "pages well under a second for 1,000 firms; nothing grows with the park"
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
