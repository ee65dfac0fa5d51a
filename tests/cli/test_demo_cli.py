"""``openeip demo --no-serve``, ``parks``, ``companies`` and ``generate``."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

from openeip.cli import app
from openeip.core.intake import read_dataset
from openeip.core.synthetic import demo_park, generate
from tests.shared_data import shared_data

runner = CliRunner()


def _counts() -> dict[str, int]:
    from django.contrib.auth import get_user_model

    from openeip.web.registry.models import (
        AuditEntry,
        Company,
        CompanyMembership,
        CompanyPeriodTotal,
        ConsultantGrant,
        Park,
        ParkManager,
        ParkPeriodTotal,
        Product,
        ResourceFlow,
    )

    return {
        "parks": Park.objects.count(),
        "companies": Company.objects.count(),
        "products": Product.objects.count(),
        "flows": ResourceFlow.objects.count(),
        "park_totals": ParkPeriodTotal.objects.count(),
        "company_totals": CompanyPeriodTotal.objects.count(),
        "users": get_user_model().objects.count(),
        "managers": ParkManager.objects.count(),
        "members": CompanyMembership.objects.count(),
        "grants": ConsultantGrant.objects.active().count(),
        "audit": AuditEntry.objects.count(),
    }


@shared_data
def demo_loaded() -> SimpleNamespace:
    """`openeip demo --no-serve --port 8123` run once (the whole demo park: many seconds); each
    test is rolled back to it."""
    first = runner.invoke(app, ["demo", "--no-serve", "--port", "8123"])
    return SimpleNamespace(exit_code=first.exit_code, output=first.output, counts=_counts())


def test_demo_without_serving_loads_the_park_once_however_often_it_runs(
        demo_loaded: SimpleNamespace) -> None:
    expected = demo_park()
    assert demo_loaded.exit_code == 0, demo_loaded.output
    after_first = demo_loaded.counts
    assert after_first == _counts()
    assert after_first["parks"] == 1 and after_first["companies"] == 40
    assert after_first["products"] == len(expected.products)
    assert after_first["flows"] == len(expected.flows)
    # data completeness: one row of totals per company and month reported
    assert after_first["company_totals"] == len(expected.products)
    assert (after_first["users"], after_first["managers"], after_first["members"],
            after_first["grants"]) == (6, 1, 1, 1)  # + the lender officer and the trainer

    second = runner.invoke(app, ["demo", "--no-serve"])
    assert second.exit_code == 0, second.output
    assert _counts() == after_first
    assert ["flows", "0", "0", str(len(expected.flows))] in [
        line.split() for line in second.output.splitlines()]


def test_every_demo_company_gets_indicators_and_an_evaluated_quick_scan_once(
        demo_loaded: SimpleNamespace) -> None:
    """The demo park's RECP: every company has indicators and a quick scan with evaluated
    options, and seeding the RECP part again changes nothing."""
    from openeip.core.synthetic import DEMO_PARK_SLUG
    from openeip.web.recp.models import Assessment, IndicatorSnapshot
    from openeip.web.recp.services.demo import seed_recp_demo
    from openeip.web.registry.models import Company, Park
    from openeip.web.registry.services.demo import DEMO_COMPANY_CODE

    assert demo_loaded.exit_code == 0, demo_loaded.output
    companies = Company.objects.filter(park__slug=DEMO_PARK_SLUG)
    assert companies.count() == 40
    for company in companies:
        snapshot = IndicatorSnapshot.objects.get(company=company, gwp_set="AR5")
        assert snapshot.year == 2024
        assert snapshot.payload["indicators"]["rows"], company.code
        assessment = Assessment.objects.get(company=company)
        assert (assessment.kind, assessment.baseline_period.year) == ("quick_scan", 2024)
        options = list(assessment.options.order_by("pk"))
        assert len(options) >= 2, company.code
        assert all(o.template_code and o.results["figures"]["annual_savings_vnd"] > 0
                   and o.results["gwp_set"] == "AR5" for o in options), company.code
        # the lead's approved option saves a metered flow: the monitor demo implements it and
        # verifies it with its meter (tests/web/monitor/test_monitor_demo.py)
        moved = "verified" if company.code == DEMO_COMPANY_CODE else "studied"
        assert [o.status for o in options] == [moved] + ["identified"] * (len(options) - 1)
    before = _recp_state()
    seed_recp_demo(Park.objects.get(slug=DEMO_PARK_SLUG), DEMO_COMPANY_CODE)
    assert _recp_state() == before


def _recp_state() -> dict[str, object]:
    from openeip.web.recp.models import Assessment, AssessmentOption, IndicatorSnapshot
    from openeip.web.registry.models import AuditEntry

    return {
        "assessments": sorted(Assessment.objects.values_list("pk", "company__code", "title")),
        "options": sorted(AssessmentOption.objects.values_list(
            "pk", "template_code", "status", "investment_vnd", "evaluated_at")),
        "snapshots": sorted(IndicatorSnapshot.objects.values_list("pk", "source_key")),
        "audit": AuditEntry.objects.count(),
    }


def test_demo_prints_the_accounts_and_the_url(demo_loaded: SimpleNamespace) -> None:
    result = demo_loaded  # run with --port 8123
    assert result.exit_code == 0, result.output
    for username, password in (("demo-admin", "openeip-admin"),
                               ("demo-manager", "openeip-manager"),
                               ("demo-member", "openeip-member"),
                               ("demo-consultant", "openeip-consultant")):
        assert username in result.output and password in result.output
    assert "http://127.0.0.1:8123/" in result.output


def test_each_demo_account_sees_what_its_role_allows(demo_loaded: SimpleNamespace) -> None:
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    from openeip.web.registry.models import Company, Park

    assert demo_loaded.exit_code == 0, demo_loaded.output
    seen = {}
    for username, password in (("demo-admin", "openeip-admin"),
                               ("demo-manager", "openeip-manager"),
                               ("demo-member", "openeip-member"),
                               ("demo-consultant", "openeip-consultant")):
        # django-axes counts every sign-in against the request it comes with
        user = authenticate(RequestFactory().post("/accounts/login/"), username=username,
                            password=password)
        assert user is not None, username
        seen[username] = (Park.objects.for_user(user).count(),
                          sorted(Company.objects.for_user(user).values_list("code", flat=True)))
    assert seen["demo-admin"][0] == 1 and len(seen["demo-admin"][1]) == 40
    assert seen["demo-manager"][0] == 1 and len(seen["demo-manager"][1]) == 40
    assert seen["demo-member"] == (0, ["DYE-01"])
    assert seen["demo-consultant"] == (0, ["DYE-01"])


@pytest.mark.django_db
def test_demo_refuses_to_run_on_a_production_database(monkeypatch: Any) -> None:
    from openeip.web.registry.models import Park

    monkeypatch.setenv("OPENEIP_PRODUCTION", "true")
    result = runner.invoke(app, ["demo", "--no-serve"])
    assert result.exit_code == 1
    assert "OPENEIP_PRODUCTION" in result.output
    assert Park.objects.count() == 0


def test_parks_prints_a_header_then_one_tab_separated_line_per_park(
        world: SimpleNamespace) -> None:
    result = runner.invoke(app, ["parks"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "slug\tname_en\tname_vi\tprovince\tcompanies",
        "alpha\tPark alpha\tKCN alpha\tĐồng Nai\t2",
        "beta\tPark beta\tKCN beta\tĐồng Nai\t1",
    ]


def test_companies_of_one_park_start_with_their_code(world: SimpleNamespace) -> None:
    result = runner.invoke(app, ["companies", "--park", "alpha"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "code\tpark\tname_en\tname_vi\tvsic_code",
        "A1\talpha\tCompany A1\tCông ty A1\t1313",
        "A2\talpha\tCompany A2\tCông ty A2\t1313",
    ]


def test_companies_without_a_park_lists_every_park(world: SimpleNamespace) -> None:
    result = runner.invoke(app, ["companies"])
    assert [line.split("\t")[:2] for line in result.stdout.splitlines()[1:]] == [
        ["A1", "alpha"], ["A2", "alpha"], ["B1", "beta"]]


def test_companies_of_an_unknown_park_says_how_to_find_the_parks(
        world: SimpleNamespace) -> None:
    result = runner.invoke(app, ["companies", "--park", "gamma"])
    assert result.exit_code == 1
    assert "There is no park 'gamma'; `openeip parks` lists them." in result.output


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_generate_writes_one_file_per_park_that_reads_back_unchanged(
        tmp_path: Path, fmt: str) -> None:
    result = runner.invoke(app, ["generate", "--parks", "2", "--companies", "5", "--months", "3",
                                 "--seed", "4", "--format", fmt, str(tmp_path)])
    assert result.exit_code == 0, result.output
    expected = list(generate(2, 5, 3, seed=4))
    files = sorted(tmp_path.iterdir())
    assert [file.name for file in files] == sorted(
        "{}.{}".format(dataset.park.slug, fmt) for dataset in expected if dataset.park)
    for dataset in expected:
        assert dataset.park is not None
        path = tmp_path / "{}.{}".format(dataset.park.slug, fmt)
        back = read_dataset(path.read_bytes(), path.name)
        assert (back.park, back.companies, back.products, back.flows) == (
            dataset.park, dataset.companies, dataset.products, dataset.flows)
    assert sum(len(dataset.companies) for dataset in expected) == 5


def test_generate_rejects_an_unknown_format(tmp_path: Path) -> None:
    result = runner.invoke(app, ["generate", "--parks", "1", "--companies", "1", "--months", "1",
                                 "--format", "ods", str(tmp_path)])
    assert result.exit_code == 2
    assert "xlsx, csv, json" in result.output
    assert list(tmp_path.iterdir()) == []


def test_generate_rejects_zero_parks(tmp_path: Path) -> None:
    result = runner.invoke(app, ["generate", "--parks", "0", "--companies", "1", "--months", "1",
                                 str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "parks must be at least 1, not 0." in result.output
    assert not (tmp_path / "out").exists()
