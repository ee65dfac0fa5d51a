"""Every URL the project serves, asked by every persona: nobody gets data they are not entitled to.

The detailed persona tests of each page and endpoint live beside their features; this sweep
guards the whole surface. A new URL pattern fails ``test_every_route_is_in_the_sweep`` until it
is added to ROUTES with the personas entitled to it.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from openeip.web.intake.models import ImportJob
from openeip.web.registry.models import Product, ReportingPeriod, ResourceFlow
from tests.conftest import PERSONAS, SEES_A1

ANYONE = set(PERSONAS)
SIGNED_IN = ANYONE - {"anonymous"}
MANAGES_ALPHA = {"admin", "park_manager"}
SEES_JOB = {"admin", "park_manager", "company_user"}  # the job's owner and the park's managers
#: Who may see what is decided by the querysets (``for_user``), whose rules run on both
#: databases in each app's own tests; this sweep of every route × persona (the largest file of
#: the suite) runs once, on SQLite.
pytestmark = pytest.mark.one_database
SECRET = "Company A1"  # A1's name: must never reach a persona not entitled to A1
ASKED_REPORT = {"company_user"}  # a report job is its asker's alone
#: report links start a job: an entitled persona is sent to the job's page
STARTS_A_REPORT = {"reports:company-recp", "reports:eip-dossier-pdf", "reports:eip-dossier-xlsx",
                   "reports:eip-annual-pdf", "reports:eip-annual-xlsx"}

Url = Callable[[SimpleNamespace], str]


def _a1_flow(w: SimpleNamespace) -> int:
    return ResourceFlow.objects.filter(company=w.a1).order_by("pk").first().pk


def _a1_product(w: SimpleNamespace) -> int:
    return Product.objects.filter(company=w.a1).first().pk


def _recp_a1(w: SimpleNamespace) -> Any:
    """A1's RECP assessment (created on first use)."""
    from openeip.web.recp.models import Assessment

    assessment, _created = Assessment.objects.get_or_create(company=w.a1, title="A1 scan")
    return assessment


def _recp_a1_option(w: SimpleNamespace) -> Any:
    """An option of A1's RECP assessment (created on first use)."""
    from openeip.web.recp.models import AssessmentOption

    option, _created = AssessmentOption.objects.get_or_create(
        assessment=_recp_a1(w), title_en="A1 option", category="good_housekeeping",
        defaults={"discount_rate": "0.10"})
    return option


def _recp_a1_price(w: SimpleNamespace) -> Any:
    """A1's own water price (created on first use)."""
    from openeip.web.recp.models import CompanyPrice

    price, _created = CompanyPrice.objects.get_or_create(
        company=w.a1, resource="water", defaults={"price": 12000, "unit": "VND/m³"})
    return price


def _symbiosis(w: SimpleNamespace) -> Any:
    """Symbiosis streams and opportunities of tests/web/symbiosis_helpers.py (made on first use):
    A1→A2 in alpha, A1→B1 across parks (B1 sees it with A1 anonymised), B1→A2. A1's ash is
    read with a runner-up and the classes of its firm's sector, so that the company page's
    longest cell (why the class) is in the sweep, and in the layout sweep at phone width."""
    if not hasattr(w, "symbiosis"):
        from tests.web.symbiosis_helpers import exchanges

        w.symbiosis = exchanges(w)
        ash = w.symbiosis.a1_ash
        ash.alternatives = [["bottom_ash", 0.31]]
        ash.sector_classes = ["bottom_ash", "gypsum"]
        ash.save(update_fields=["alternatives", "sector_classes"])
    return w.symbiosis


# EIP assessment (eip app): alpha's evidence, saved assessment and plan action, made on first use
EIP_EDITION = "vn-decree-82-2018"


def _eip_evidence(w: SimpleNamespace) -> Any:
    import datetime

    from openeip.web.eip.models import Evidence

    row, _created = Evidence.objects.get_or_create(
        park=w.alpha, edition_id=EIP_EDITION, criterion_id="VN82-1",
        defaults={"value_bool": True, "as_of": datetime.date(2025, 1, 1)})
    return row


def _eip_assessment(w: SimpleNamespace) -> Any:
    import datetime

    from openeip.web.eip.models import ParkAssessment
    from openeip.web.eip.services.assessment import assess_park

    row = ParkAssessment.objects.filter(park=w.alpha).first()
    return row or assess_park(w.alpha, EIP_EDITION, as_of=datetime.date(2025, 1, 1))[1]


def _eip_action(w: SimpleNamespace) -> Any:
    from openeip.web.eip.models import PlanAction

    row, _created = PlanAction.objects.get_or_create(
        park=w.alpha, edition_id=EIP_EDITION, source="library", ref="SWEEP-1",
        defaults={"title_en": "Sweep action", "criterion_ids": ["VN82-1"]})
    return row


def _alpha_series_value(w: SimpleNamespace) -> Any:
    """A grid factor set for 2026 in alpha (created on first use)."""
    from openeip.web.registry.models import SeriesValue

    row, _created = SeriesValue.objects.get_or_create(
        series="grid_factors", year=2026, park=w.alpha, defaults={"value": "0.7",
                                                                  "source": "sweep"})
    return row


def _finance_a1(w: SimpleNamespace) -> Any:
    """A finance project of A1 shared with the lender 'green-bank' (created on first use)."""
    from openeip.web.finance.models import DossierShare, FinanceProject

    project, _created = FinanceProject.objects.get_or_create(
        company=w.a1, title="A1 boiler", defaults={
            "investment_vnd": 1_000_000_000, "annual_savings_vnd": 300_000_000,
            "lifetime_years": 8, "discount_rate": "0.10", "loan_share": "0.6",
            "loan_rate": "0.09", "loan_years": 5, "grace_years": 1, "tax_rate": "0.2"})
    share, _created = DossierShare.objects.get_or_create(project=project, institution=w.lender)
    w.finance_share = share
    return project


SEES_A1_FINANCE = SEES_A1 | {"lender_officer"}  # A1's dossier is shared with the lender
PREPARES_A1 = {"admin", "company_user", "consultant"}
#: routes where a persona outside SEES_A1 is entitled to A1's data (a dossier shared with them)
ALSO_SEES_A1 = {route: {"lender_officer"} for route in (
    "finance:home", "finance:project", "finance:shared", "finance:dossier-pdf",
    "finance:dossier-xlsx", "api:finance-project-list", "api:finance-project-detail")}


def _services(w: SimpleNamespace) -> Any:
    """The shared-services world of tests/web/services/helpers.py (made on first use)."""
    from tests.web.services.helpers import services_world

    return services_world(w)


def _ecofair(w: SimpleNamespace) -> Any:
    """The Eco-Fair world of tests/web/ecofair/helpers.py (made on first use)."""
    from tests.web.ecofair.helpers import ecofair_world

    return ecofair_world(w)


def _monitor(w: SimpleNamespace) -> Any:
    """A1's meters with readings and a baseline (tests/web/monitor/helpers.py)."""
    from tests.web.monitor.helpers import baseline, metered

    baseline(w)
    return metered(w)


def _monitor_baseline(w: SimpleNamespace) -> Any:
    from tests.web.monitor.helpers import baseline

    return baseline(w)


def _grievance(w: SimpleNamespace) -> Any:
    """A grievance of alpha naming A1, shared with A1 (made on first use)."""
    if not hasattr(w, "grievance"):
        from tests.web.community.helpers import a1_case

        w.grievance = a1_case(w)
    return w.grievance


def _meeting(w: SimpleNamespace) -> Any:
    """A dialogue meeting of alpha with one commitment (made on first use)."""
    import datetime

    from openeip.web.community.models import Commitment, Meeting

    row, created = Meeting.objects.get_or_create(
        park=w.alpha, title="Sweep meeting", defaults={
            "date": datetime.date(2026, 5, 1), "participants": {"residents": 12}})
    if created:
        Commitment.objects.create(meeting=row, text_vi="Trồng cây", owner="operator",
                                  due=datetime.date(2026, 9, 1))
    return row


def _training(w: SimpleNamespace) -> Any:
    """A held session of alpha's RECP course (A1's and A2's staff attended, Lan of A1 has a
    certificate), made on first use (tests/web/training/helpers.py)."""
    if not hasattr(w, "training"):
        from tests.web.training.helpers import held_session

        w.training = held_session(w)
    return w.training


#: the company's members and the park's handlers see a case shared with A1 (a consultant of A1
#: does not: the case is the company's to answer, not its data)
ANSWERS_A1 = {"admin", "park_manager", "company_user"}

#: route name -> (URL for the world, personas who get 200, whether the body may hold A1's data)
ROUTES: dict[str, tuple[Url, set[str], bool]] = {
    "home": (lambda w: "/", ANYONE, True),
    # enrolment in the optional second factor (tests/web/test_two_factor.py)
    "two_factor": (lambda w: "/accounts/two-factor/", MANAGES_ALPHA, False),
    "registry:parks": (lambda w: "/parks/", ANYONE, False),
    "registry:park": (lambda w: "/parks/alpha/", MANAGES_ALPHA, True),
    "registry:park-map": (lambda w: "/parks/alpha/map.geojson", MANAGES_ALPHA, True),
    "registry:companies": (lambda w: "/companies/", SIGNED_IN, True),
    "registry:company": (lambda w: "/companies/{}/".format(w.a1.pk), SEES_A1, True),
    "registry:company-audit": (lambda w: "/companies/{}/audit/".format(w.a1.pk), SEES_A1, True),
    "registry:series-values": (lambda w: "/factor-values/?{}".format(_alpha_series_value(w).pk),
                               MANAGES_ALPHA, False),
    "registry:series-value": (lambda w: "/factor-values/{}/".format(_alpha_series_value(w).pk),
                              MANAGES_ALPHA, False),
    # a consultant's portfolio: only the companies of grants in force (tests/web/test_portfolio.py)
    "registry:portfolio": (lambda w: "/clients/", SIGNED_IN, True),
    "intake:upload": (lambda w: "/import/", SIGNED_IN - {
        "consultant_revoked", "consultant_expired", "consultant_not_started",
        "consultant_without_grant", "lender_officer"}, True),
    "intake:template": (lambda w: "/import/template.xlsx", ANYONE, False),  # holds no data
    "intake:job": (lambda w: "/import/jobs/{}/".format(w.job.pk), SEES_JOB, True),
    "intake:job-status": (lambda w: "/import/jobs/{}/status/".format(w.job.pk), SEES_JOB, True),
    "api:api-root": (lambda w: "/api/", SIGNED_IN, False),
    "api:me": (lambda w: "/api/me/", SIGNED_IN, True),
    "api:park-list": (lambda w: "/api/parks/", SIGNED_IN, True),
    "api:park-detail": (lambda w: "/api/parks/alpha/", MANAGES_ALPHA, True),
    "api:company-list": (lambda w: "/api/companies/", SIGNED_IN, True),
    "api:company-detail": (lambda w: "/api/companies/{}/".format(w.a1.pk), SEES_A1, True),
    "api:period-list": (lambda w: "/api/periods/", SIGNED_IN, False),
    "api:period-detail": (lambda w: "/api/periods/{}/".format(ReportingPeriod.objects.first().pk),
                      SIGNED_IN, False),
    "api:product-list": (lambda w: "/api/products/", SIGNED_IN, True),
    "api:product-detail": (lambda w: "/api/products/{}/".format(_a1_product(w)), SEES_A1, True),
    "api:flow-list": (lambda w: "/api/flows/", SIGNED_IN, True),
    "api:flow-detail": (lambda w: "/api/flows/{}/".format(_a1_flow(w)), SEES_A1, True),
    "api:series-value-list": (lambda w: "/api/factor-values/?{}".format(
        _alpha_series_value(w).pk), SIGNED_IN, False),
    "api:series-value-detail": (lambda w: "/api/factor-values/{}/".format(
        _alpha_series_value(w).pk), MANAGES_ALPHA, False),
    "api:intake-import-job": (lambda w: "/api/import/{}/".format(w.job.pk), SEES_JOB, True),
    "reports:company-recp": (lambda w: "/companies/{}/recp/report.pdf?lang=vi".format(w.a1.pk),
                             SEES_A1, True),
    # a report job (reports.views.jobs): seen only by the user who asked for it (A1's company user)
    "reports:job": (lambda w: "/reports/jobs/{}/".format(w.report_job.pk), ASKED_REPORT, True),
    "reports:job-status": (lambda w: "/reports/jobs/{}/status/".format(w.report_job.pk),
                           ASKED_REPORT, True),
    "reports:job-file": (lambda w: "/reports/jobs/{}/file".format(w.report_job.pk),
                         ASKED_REPORT, True),
    # RECP (recp app): assessments and options of A1, created on first use by _recp_a1
    "api:recp-assessment-list": (lambda w: "/api/recp/assessments/", SIGNED_IN, True),
    "api:recp-assessment-detail": (
        lambda w: "/api/recp/assessments/{}/".format(_recp_a1(w).pk), SEES_A1, True),
    "api:recp-assessment-macc": (
        lambda w: "/api/recp/assessments/{}/macc/".format(_recp_a1(w).pk), SEES_A1, True),
    "api:recp-option-list": (lambda w: "/api/recp/options/", SIGNED_IN, True),
    "api:recp-option-detail": (
        lambda w: "/api/recp/options/{}/".format(_recp_a1_option(w).pk), SEES_A1, True),
    "api:recp-company-summary": (
        lambda w: "/api/recp/companies/{}/summary/".format(w.a1.pk), SEES_A1, True),
    "api:recp-price-list": (lambda w: "/api/recp/prices/", SIGNED_IN, True),
    "api:recp-price-detail": (lambda w: "/api/recp/prices/{}/".format(_recp_a1_price(w).pk),
                              SEES_A1, True),
    "api:recp-library-list": (lambda w: "/api/recp/library/", SIGNED_IN, False),
    "api:recp-library-detail": (lambda w: "/api/recp/library/STM-01/", SIGNED_IN, False),
    # RECP pages of A1 (recp.pages): dashboard, losses, assessments, option sheets and forms
    "recp:dashboard": (lambda w: "/companies/{}/recp/".format(w.a1.pk), SEES_A1, True),
    "recp:losses": (lambda w: "/companies/{}/recp/losses/".format(w.a1.pk), SEES_A1, True),
    "recp:assessments": (
        lambda w: "/companies/{}/recp/assessments/".format(w.a1.pk), SEES_A1, True),
    "recp:assessment": (lambda w: "/companies/{}/recp/assessments/{}/".format(
        w.a1.pk, _recp_a1(w).pk), SEES_A1, True),
    "recp:option-new": (lambda w: "/companies/{}/recp/assessments/{}/options/new/".format(
        w.a1.pk, _recp_a1(w).pk), SEES_A1, True),
    "recp:option": (lambda w: "/companies/{}/recp/assessments/{}/options/{}/".format(
        w.a1.pk, _recp_a1(w).pk, _recp_a1_option(w).pk), SEES_A1, True),
    # EIP reports (reports.eip_views): alpha's dossier and annual report, managers and admin
    "reports:eip-dossier-pdf": (
        lambda w: "/parks/alpha/eip/vn-decree-35-2022/dossier.pdf?lang=vi", MANAGES_ALPHA, True),
    "reports:eip-dossier-xlsx": (
        lambda w: "/parks/alpha/eip/intl-eip-framework-2.0/dossier.xlsx?lang=en", MANAGES_ALPHA,
        True),
    "reports:eip-annual-pdf": (
        lambda w: "/parks/alpha/eip/annual-report.pdf?year=2024", MANAGES_ALPHA, True),
    "reports:eip-annual-xlsx": (
        lambda w: "/parks/alpha/eip/annual-report.xlsx?year=2024&lang=vi", MANAGES_ALPHA, True),
    # Industrial symbiosis (symbiosis app): pages and API. A1→B1 is shown to B1's user with A1
    # anonymised, so "Company A1" must not reach them (checked by the sweep's last assertion).
    "symbiosis:home": (lambda w: "/symbiosis/", SIGNED_IN, True),
    "symbiosis:park": (lambda w: "/parks/alpha/symbiosis/?status=identified", MANAGES_ALPHA, True),
    "symbiosis:park-network": (lambda w: "/parks/alpha/symbiosis/network/", MANAGES_ALPHA, True),
    "symbiosis:park-map": (lambda w: "/parks/alpha/symbiosis/map/", MANAGES_ALPHA, True),
    "symbiosis:park-map-geojson": (
        lambda w: "/parks/alpha/symbiosis/map.geojson", MANAGES_ALPHA, True),
    "symbiosis:company": (lambda w: "/companies/{}/symbiosis/".format(w.a1.pk), SEES_A1, True),
    "symbiosis:opportunity": (lambda w: "/symbiosis/opportunities/{}/".format(
        _symbiosis(w).a1_b1.pk), SEES_A1 | {"other_company_user"}, True),
    # the curators' list of classification corrections (admins hold every permission)
    "symbiosis:corrections": (lambda w: "/symbiosis/corrections/", {"admin"}, True),
    "api:symbiosis-classes": (lambda w: "/api/symbiosis/classes/", SIGNED_IN, False),
    "api:symbiosis-park-summary": (
        lambda w: "/api/symbiosis/parks/alpha/summary/", MANAGES_ALPHA, True),
    "api:symbiosis-park-network": (
        lambda w: "/api/symbiosis/parks/alpha/network/", MANAGES_ALPHA, True),
    "api:symbiosis-stream-list": (lambda w: "/api/symbiosis/streams/", SIGNED_IN, True),
    "api:symbiosis-stream-detail": (lambda w: "/api/symbiosis/streams/{}/".format(
        _symbiosis(w).a1_ash.pk), SEES_A1, True),
    "api:symbiosis-opportunity-list": (
        lambda w: "/api/symbiosis/opportunities/", SIGNED_IN, True),
    "api:symbiosis-opportunity-detail": (lambda w: "/api/symbiosis/opportunities/{}/".format(
        _symbiosis(w).a1_b1.pk), SEES_A1 | {"other_company_user"}, True),
    "api:symbiosis-opportunity-records": (
        lambda w: "/api/symbiosis/opportunities/{}/records/".format(_symbiosis(w).a1_b1.pk),
        SEES_A1 | {"other_company_user"}, True),
    # EIP assessment (eip app): editions for everyone signed in, a park's pages and records for
    # its managers; POST-only actions and the evidence file are listed in NOT_SWEPT
    "eip:index": (lambda w: "/eip/", SIGNED_IN, False),
    "eip:edition": (lambda w: "/eip/editions/intl-eip-framework-2.0/", SIGNED_IN, False),
    "eip:edition-import": (lambda w: "/eip/editions/import/", {"admin"}, False),
    "eip:edition-yaml": (lambda w: "/eip/editions/vn-decree-82-2018/edition.yaml", SIGNED_IN,
                         False),
    "eip:edition-xlsx": (lambda w: "/eip/editions/vn-decree-82-2018/edition.xlsx", SIGNED_IN,
                         False),
    "eip:park": (lambda w: "/parks/alpha/eip/", MANAGES_ALPHA, True),
    "eip:enterprises": (lambda w: "/parks/alpha/eip/enterprises/", MANAGES_ALPHA, True),
    "eip:sources": (lambda w: "/parks/alpha/eip/sources/?year=2027", MANAGES_ALPHA, True),
    "eip:overview": (lambda w: "/parks/alpha/eip/{}/".format(EIP_EDITION), MANAGES_ALPHA, True),
    "eip:criteria": (lambda w: "/parks/alpha/eip/{}/criteria/".format(EIP_EDITION),
                     MANAGES_ALPHA, True),
    "eip:gaps": (lambda w: "/parks/alpha/eip/{}/gaps/".format(EIP_EDITION), MANAGES_ALPHA, True),
    "eip:history": (lambda w: "/parks/alpha/eip/{}/history/?{}".format(
        EIP_EDITION, _eip_assessment(w).pk), MANAGES_ALPHA, True),
    "eip:evidence": (lambda w: "/parks/alpha/eip/{}/evidence/?{}".format(
        EIP_EDITION, _eip_evidence(w).pk), MANAGES_ALPHA, True),
    "eip:actions": (lambda w: "/parks/alpha/eip/{}/actions/?{}".format(
        EIP_EDITION, _eip_action(w).pk), MANAGES_ALPHA, True),
    "eip:roadmap": (lambda w: "/parks/alpha/eip/vn-decree-35-2022/roadmap/", MANAGES_ALPHA,
                    True),
    "api:eip-edition-list": (lambda w: "/api/eip/editions/", SIGNED_IN, False),
    "api:eip-edition-detail": (lambda w: "/api/eip/editions/vn-decree-35-2022/", SIGNED_IN,
                               False),
    "api:eip-evidence-list": (lambda w: "/api/eip/evidence/?{}".format(_eip_evidence(w).pk),
                              SIGNED_IN, True),
    "api:eip-evidence-detail": (lambda w: "/api/eip/evidence/{}/".format(_eip_evidence(w).pk),
                                MANAGES_ALPHA, True),
    "api:eip-assessment-list": (
        lambda w: "/api/eip/assessments/?{}".format(_eip_assessment(w).pk), SIGNED_IN, True),
    "api:eip-assessment-detail": (
        lambda w: "/api/eip/assessments/{}/".format(_eip_assessment(w).pk), MANAGES_ALPHA, True),
    "api:eip-action-list": (lambda w: "/api/eip/actions/?{}".format(_eip_action(w).pk),
                            SIGNED_IN, True),
    "api:eip-action-detail": (lambda w: "/api/eip/actions/{}/".format(_eip_action(w).pk),
                              MANAGES_ALPHA, True),
    # Green finance (finance app): lines for everyone signed in; A1's project for A1's side and
    # the lender it is shared with (tests/web/finance/)
    "finance:home": (lambda w: "/finance/?{}".format(_finance_a1(w).pk), SIGNED_IN, True),
    "finance:lines": (lambda w: "/finance/lines/", SIGNED_IN, False),
    "finance:line": (lambda w: "/finance/lines/gctf/", SIGNED_IN, False),
    "finance:line-yaml": (lambda w: "/finance/lines/vepf/line.yaml", SIGNED_IN, False),
    "finance:line-xlsx": (lambda w: "/finance/lines/vepf/line.xlsx", SIGNED_IN, False),
    "finance:line-import": (lambda w: "/finance/lines/import/", {"admin"}, False),
    "finance:company": (lambda w: "/companies/{}/finance/".format(w.a1.pk), SEES_A1, True),
    "finance:project-new": (lambda w: "/companies/{}/finance/new/".format(w.a1.pk),
                            PREPARES_A1, True),
    "finance:project": (lambda w: "/finance/projects/{}/".format(_finance_a1(w).pk),
                        SEES_A1_FINANCE, True),
    "finance:project-edit": (lambda w: "/finance/projects/{}/edit/".format(_finance_a1(w).pk),
                             PREPARES_A1, True),
    "finance:shared": (lambda w: "/finance/shared/{}/".format(
        (_finance_a1(w), w.finance_share)[1].token), SEES_A1_FINANCE, True),
    "finance:dossier-pdf": (lambda w: "/finance/projects/{}/dossier.pdf?lang=vi".format(
        _finance_a1(w).pk), SEES_A1_FINANCE, True),
    "finance:dossier-xlsx": (lambda w: "/finance/projects/{}/dossier.xlsx?lang=en".format(
        _finance_a1(w).pk), SEES_A1_FINANCE, True),
    "finance:park": (lambda w: "/parks/alpha/finance/", MANAGES_ALPHA, True),
    "api:finance-line-list": (lambda w: "/api/finance/lines/", SIGNED_IN, False),
    "api:finance-line-detail": (lambda w: "/api/finance/lines/gctf/", SIGNED_IN, False),
    "api:finance-park-summary": (lambda w: "/api/finance/parks/alpha/summary/", MANAGES_ALPHA,
                                 True),
    "api:finance-project-list": (lambda w: "/api/finance/projects/?{}".format(
        _finance_a1(w).pk), SIGNED_IN, True),
    "api:finance-project-detail": (lambda w: "/api/finance/projects/{}/".format(
        _finance_a1(w).pk), SEES_A1_FINANCE, True),
    # Shared services (services app): alpha's effluent plant with A1 and A2 connected, its cost
    # shared, A1's request and a joint procurement (tests/web/services/helpers.py)
    "services:park": (lambda w: "/parks/alpha/services/?{}".format(_services(w).asset.pk),
                      MANAGES_ALPHA, True),
    "services:asset-new": (lambda w: "/parks/alpha/services/assets/new/", MANAGES_ALPHA, False),
    "services:joint-new": (lambda w: "/parks/alpha/services/joint/new/", MANAGES_ALPHA, False),
    "services:asset": (lambda w: "/services/assets/{}/".format(_services(w).asset.pk), SEES_A1,
                       True),
    "services:allocate": (lambda w: "/services/assets/{}/allocate/".format(
        _services(w).asset.pk), MANAGES_ALPHA, True),
    "services:allocation": (lambda w: "/services/allocations/{}/".format(
        _services(w).allocation.pk), MANAGES_ALPHA, True),
    "services:tenant-report": (lambda w: "/services/allocations/{}/companies/{}/".format(
        _services(w).allocation.pk, w.a1.pk), SEES_A1, True),
    "services:tenant-csv": (lambda w: "/services/allocations/{}/companies/{}/coalitions.csv"
                            .format(_services(w).allocation.pk, w.a1.pk), SEES_A1, True),
    "services:company": (lambda w: "/companies/{}/services/?{}".format(
        w.a1.pk, _services(w).asset.pk), SEES_A1, True),
    "services:request": (lambda w: "/services/requests/{}/".format(_services(w).request.pk),
                         SEES_A1, True),
    "services:joint": (lambda w: "/services/joint/{}/".format(_services(w).joint.pk), SEES_A1,
                       True),
    "api:services-asset-list": (lambda w: "/api/services/assets/?{}".format(
        _services(w).asset.pk), SIGNED_IN, True),
    "api:services-asset-detail": (lambda w: "/api/services/assets/{}/".format(
        _services(w).asset.pk), SEES_A1, True),
    # Eco-Fair (ecofair app): A1's listed cashews (seller anonymised to those who may not see
    # A1), A2's towel on alpha's public showcase with a batch, B1's request matched to A1's
    # cashews and B1's purchase intention (tests/web/ecofair/helpers.py)
    "ecofair:showcase": (lambda w: "/parks/alpha/showcase/?{}".format(_ecofair(w).towel.pk),
                         ANYONE, True),
    "ecofair:gpp-csv": (lambda w: "/parks/alpha/showcase/gpp.csv?{}".format(
        _ecofair(w).towel.pk), ANYONE, True),
    "ecofair:gpp-xlsx": (lambda w: "/parks/alpha/showcase/gpp.xlsx?{}".format(
        _ecofair(w).towel.pk), ANYONE, True),
    "ecofair:batch-public": (lambda w: "/ecofair/batches/{}/".format(_ecofair(w).batch.token),
                             ANYONE, True),
    "ecofair:batch-qr": (lambda w: "/ecofair/batches/{}/qr.svg".format(
        _ecofair(w).batch.token), ANYONE, True),
    "ecofair:park": (lambda w: "/parks/alpha/ecofair/?{}".format(_ecofair(w).cashew.pk),
                     MANAGES_ALPHA, True),
    "ecofair:company": (lambda w: "/companies/{}/ecofair/?{}".format(
        w.a1.pk, _ecofair(w).cashew.pk), SEES_A1, True),
    "ecofair:catalogue": (lambda w: "/ecofair/?{}".format(_ecofair(w).cashew.pk), SIGNED_IN,
                          True),
    "ecofair:product": (lambda w: "/ecofair/products/{}/".format(_ecofair(w).cashew.pk),
                        SIGNED_IN, True),
    "ecofair:enquiry": (lambda w: "/ecofair/enquiries/{}/".format(_ecofair(w).enquiry.pk),
                        SEES_A1 | {"other_company_user"}, True),
    "ecofair:requests": (lambda w: "/ecofair/requests/?{}".format(_ecofair(w).request.pk),
                         SIGNED_IN, True),
    "ecofair:request": (lambda w: "/ecofair/requests/{}/".format(_ecofair(w).request.pk),
                        {"admin", "other_company_user"}, True),
    "api:ecofair-product-list": (lambda w: "/api/ecofair/products/?{}".format(
        _ecofair(w).cashew.pk), SIGNED_IN, True),
    "api:ecofair-product-detail": (lambda w: "/api/ecofair/products/{}/".format(
        _ecofair(w).cashew.pk), SIGNED_IN, True),
    "api:ecofair-request-list": (lambda w: "/api/ecofair/requests/?{}".format(
        _ecofair(w).request.pk), SIGNED_IN, True),
    "api:ecofair-request-detail": (lambda w: "/api/ecofair/requests/{}/".format(
        _ecofair(w).request.pk), {"admin", "other_company_user"}, True),
    # monitoring (monitor app): A1's meter E1 with a baseline, the park's own meter PW
    "monitor:park": (lambda w: "/parks/alpha/monitor/?{}".format(_monitor(w).pw.pk),
                     MANAGES_ALPHA, True),
    "monitor:company": (lambda w: "/companies/{}/monitor/?{}".format(w.a1.pk, _monitor(w).e1.pk),
                        SEES_A1, True),
    "monitor:meter": (lambda w: "/monitor/meters/{}/".format(_monitor(w).e1.pk), SEES_A1, True),
    # the meter's editing forms and its exchange links: for those who may change the meter
    "monitor:meter-baseline": (lambda w: "/monitor/meters/{}/baseline/".format(
        _monitor(w).e1.pk), SEES_A1, True),
    "monitor:meter-adjustment": (lambda w: "/monitor/meters/{}/adjustments/".format(
        _monitor(w).e1.pk), SEES_A1, True),
    "monitor:meter-target": (lambda w: "/monitor/meters/{}/targets/".format(
        _monitor(w).e1.pk), SEES_A1, True),
    "monitor:meter-exchange": (lambda w: "/monitor/meters/{}/exchanges/".format(
        _monitor(w).e1.pk), SEES_A1, True),
    "monitor:upload": (lambda w: "/monitor/upload/", SIGNED_IN, False),
    "api:monitor-meter-list": (lambda w: "/api/monitor/meters/?{}".format(_monitor(w).e1.pk),
                               SIGNED_IN, True),
    "api:monitor-meter-detail": (lambda w: "/api/monitor/meters/{}/".format(_monitor(w).e1.pk),
                                 SEES_A1, True),
    "api:monitor-meter-readings": (
        lambda w: "/api/monitor/meters/{}/readings/".format(_monitor(w).e1.pk), SEES_A1, True),
    "api:monitor-baseline-list": (lambda w: "/api/monitor/baselines/?{}".format(
        _monitor(w).e1.pk), SIGNED_IN, True),
    "api:monitor-baseline-detail": (lambda w: "/api/monitor/baselines/{}/".format(
        _monitor_baseline(w).pk), SEES_A1, True),
    # Grievances and community dialogue (community app): the public form, follow page and
    # statistics for everyone, no account needed; a park's cases for its handlers; a case
    # shared with A1 for A1's members (tests/web/community/)
    "community:grievance": (lambda w: "/grievance/", ANYONE, False),
    "community:grievance-follow": (lambda w: "/grievance/follow/", ANYONE, False),
    "community:grievance-statistics": (
        lambda w: "/grievance/statistics/?{}".format(_grievance(w).pk), ANYONE, False),
    "community:park-grievances": (
        lambda w: "/parks/alpha/grievances/?{}".format(_grievance(w).pk), MANAGES_ALPHA, True),
    "community:grievance-new": (lambda w: "/parks/alpha/grievances/new/", MANAGES_ALPHA, True),
    "community:grievance-trends": (lambda w: "/parks/alpha/grievances/trends/", MANAGES_ALPHA,
                                   True),
    "community:grievance-map": (lambda w: "/parks/alpha/grievances/map.geojson", MANAGES_ALPHA,
                                True),
    "community:grievance-settings": (lambda w: "/parks/alpha/grievances/settings/",
                                     MANAGES_ALPHA, False),
    "community:grievance-detail": (lambda w: "/parks/alpha/grievances/{}/".format(
        _grievance(w).pk), MANAGES_ALPHA, True),
    "community:company-grievances": (lambda w: "/companies/{}/grievances/?{}".format(
        w.a1.pk, _grievance(w).pk), SEES_A1, True),
    "community:company-grievance": (lambda w: "/companies/{}/grievances/{}/".format(
        w.a1.pk, _grievance(w).pk), ANSWERS_A1, True),
    "community:meetings": (lambda w: "/parks/alpha/dialogue/?{}".format(_meeting(w).pk),
                           MANAGES_ALPHA, True),
    "community:meeting": (lambda w: "/parks/alpha/dialogue/{}/".format(_meeting(w).pk),
                          MANAGES_ALPHA, True),
    "api:grievance-list": (lambda w: "/api/grievances/?{}".format(_grievance(w).pk), SIGNED_IN,
                           True),
    "api:grievance-detail": (lambda w: "/api/grievances/{}/".format(_grievance(w).pk),
                             MANAGES_ALPHA, True),
    "api:dialogue-list": (lambda w: "/api/dialogues/?{}".format(_meeting(w).pk), SIGNED_IN,
                          True),
    "api:dialogue-detail": (lambda w: "/api/dialogues/{}/".format(_meeting(w).pk),
                            MANAGES_ALPHA, True),
    # Capacity building (training app): the catalogue, sessions' public facts, the check-in page
    # and certificate verification for everyone; the roster's QR code and a park's training page
    # for its managers and trainers (TRAINER_ROUTES); a company's record for those who see it
    "training:catalogue": (lambda w: "/training/?{}".format(_training(w).pk), ANYONE, False),
    "training:course": (lambda w: "/training/courses/{}/".format(_training(w).course.code),
                        ANYONE, False),
    "training:session": (lambda w: "/training/sessions/{}/".format(_training(w).pk), ANYONE,
                         True),
    "training:qr": (lambda w: "/training/sessions/{}/qr.svg".format(_training(w).pk),
                    MANAGES_ALPHA, False),
    "training:checkin": (lambda w: "/training/checkin/{}/".format(_training(w).checkin_token),
                         ANYONE, False),
    "training:quiz": (lambda w: "/training/checkin/{}/quiz/post/".format(
        _training(w).checkin_token), ANYONE, False),
    "training:feedback": (lambda w: "/training/checkin/{}/feedback/".format(
        _training(w).checkin_token), ANYONE, False),
    "training:verify": (lambda w: "/certificates/{}/".format(_training(w).certificate.code),
                        ANYONE, False),
    "training:certificate-pdf": (lambda w: "/certificates/{}/certificate.pdf".format(
        _training(w).certificate.code), ANYONE, False),
    "training:company": (lambda w: "/companies/{}/training/?{}".format(
        w.a1.pk, _training(w).pk), SEES_A1, True),
    "training:park": (lambda w: "/parks/alpha/training/?{}".format(_training(w).pk),
                      MANAGES_ALPHA, True),
    "api:training-course-list": (lambda w: "/api/training/courses/?{}".format(
        _training(w).pk), SIGNED_IN, False),
    "api:training-course-detail": (lambda w: "/api/training/courses/{}/".format(
        _training(w).course.code), SIGNED_IN, False),
    "api:training-session-list": (lambda w: "/api/training/sessions/?{}".format(
        _training(w).pk), SIGNED_IN, False),
    "api:training-session-detail": (lambda w: "/api/training/sessions/{}/".format(
        _training(w).pk), SIGNED_IN, False),
    "api:training-registration-list": (lambda w: "/api/training/registrations/?{}".format(
        _training(w).pk), SIGNED_IN, True),
    "api:training-registration-detail": (lambda w: "/api/training/registrations/{}/".format(
        _training(w).regs["Lan"].pk), SEES_A1, True),
}
#: routes the trainer persona (a trainer of alpha, outside PERSONAS) may use beyond those open to
#: everyone signed in; the sweep asks every route as the trainer too
TRAINER_ROUTES = {"training:qr", "training:park", "api:training-registration-detail"}
#: served by Django or drf-spectacular themselves, or POST-only; tested where they are used
NOT_SWEPT = {
    "set_language", "login", "logout", "password_change", "password_change_done",
    "password_reset", "password_reset_done", "password_reset_confirm",
    "password_reset_complete", "api-schema", "api-docs", "api:token", "api:intake-import",
    # POST-only: import a failed job's file again with the suggested fuels, tested per persona in
    # tests/web/test_intake_fuel_suggestions.py
    "intake:job-accept-fuels",
    # a redirect to the same section for another client, tested in tests/web/test_portfolio.py
    "registry:client-switch",
    # the second step of a sign-in, tested in tests/web/test_two_factor.py
    "two_factor_verify",
    # POST-only actions on an RECP option, tested in tests/web/test_recp_api_*.py
    "api:recp-option-transition", "api:recp-option-evaluate", "api:recp-option-verify",
    # POST-only actions of the RECP pages, tested in tests/web/test_recp_pages_assessments.py
    "recp:option-status", "recp:option-verify",
    # POST-only symbiosis actions, tested in tests/web/test_symbiosis_pages.py and _api.py
    "symbiosis:park-refresh", "symbiosis:company-streams-refresh", "symbiosis:stream-class",
    "symbiosis:opportunity-status", "symbiosis:opportunity-reveal",
    "symbiosis:opportunity-record", "api:symbiosis-park-refresh",
    "symbiosis:correction-promote",   # POST-only, tests/web/test_symbiosis_corrections.py
    "api:symbiosis-company-streams-refresh", "api:symbiosis-stream-set-class",
    "api:symbiosis-opportunity-transition", "api:symbiosis-opportunity-reveal",
    # EIP: POST-only actions, and the evidence file (needs an upload), tested per persona in
    # tests/web/test_eip_pages.py
    "eip:assess", "eip:actions-refresh", "eip:action", "eip:profile", "eip:evidence-file",
    "api:eip-action-refresh",
    # finance: POST-only actions and the evidence file (needs an upload), tested per persona in
    # tests/web/finance/
    "finance:project-stage", "finance:project-share", "finance:project-evidence",
    "finance:evidence-file", "api:finance-project-transition",
    # services: POST-only actions, tested per persona in tests/web/services/
    "services:utilisation-add", "services:request-new", "services:request-status",
    "services:joint-pledge", "services:joint-status",
    # … and reading meters (tests/web/services/test_services_metering.py)
    "services:utilisation-from-meters", "services:connection-meter",
    # ecofair: POST-only actions and the certificate's evidence file (needs an upload), tested
    # per persona in tests/web/ecofair/
    "ecofair:showcase-settings", "ecofair:certificate-verdict", "ecofair:product-new",
    "ecofair:certificate-new", "ecofair:batch-new", "ecofair:step-new", "ecofair:enquiry-new",
    "ecofair:enquiry-answer", "ecofair:match-consent", "ecofair:certificate-evidence",
    # monitor: recording an exchange's quantity (POST-only) and the token-authenticated push,
    # tested per persona in tests/web/monitor/test_monitor_wiring_exchanges.py and
    # test_monitor_api.py
    "monitor:exchange-record",
    "api:monitor-push",
    # community: the tracking code's page redirects unless a case was just filed (tested in
    # tests/web/community/test_grievance_public.py); POST-only actions and the attachment file,
    # tested per persona in tests/web/community/
    "community:grievance-filed", "community:grievance-stage", "community:grievance-plan",
    "community:commitment-new",
    "community:attachment-new", "community:attachment", "community:commitment-plan",
    "community:commitment-follow-up",
    # training: POST-only actions, tested per persona in tests/web/training/test_training.py
    "training:register", "training:attendance", "training:issue", "training:invite",
    "training:cancel",
}


def _route_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue
            inner = namespace
            if pattern.namespace:
                inner = "{}{}:".format(namespace, pattern.namespace)
            names |= _route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_route_is_in_the_sweep():
    served = _route_names(get_resolver().url_patterns)
    assert served - set(ROUTES) - NOT_SWEPT == set()
    assert set(ROUTES) - served == set()


@pytest.fixture
def sweep_world(world: SimpleNamespace) -> SimpleNamespace:
    world.job = ImportJob.objects.create(
        park=world.alpha, user=world.users["company_user"], filename="a1.csv",
        content=b"company_code\n", rows=1, status=ImportJob.Status.FAILED,
        problems=[{"sheet": "a1.csv", "row": None, "column": None, "message": SECRET,
                   "values": {}}],
        problem_count=1)
    world.report_job = _made_report(world)
    return world


def _made_report(world: SimpleNamespace) -> Any:
    """A report of A1 the company user asked for, with a file that holds A1's name."""
    from django.conf import settings

    from openeip.web.reports.models import ReportJob

    job = ReportJob.objects.create(
        user=world.users["company_user"], kind=ReportJob.Kind.RECP_PDF, park=world.alpha,
        company=world.a1, language="en", fingerprint="sweep", status=ReportJob.Status.SUCCEEDED,
        filename="recp-report-A1-en.pdf")
    settings.REPORT_DIR.mkdir(parents=True, exist_ok=True)
    (settings.REPORT_DIR / "{}.pdf".format(job.pk)).write_bytes(SECRET.encode())
    ReportJob.objects.filter(pk=job.pk).update(file="{}.pdf".format(job.pk))
    job.refresh_from_db()
    return job


def _denied_status(route: str, persona: str) -> set[int]:
    """Anonymous: the API says 401, pages send to the login page. Signed in: 404 for an object
    one may not see (so its existence is not revealed), 403 for a page one may never use."""
    if persona == "anonymous":
        return {401} if route.startswith("api:") else {302}
    return {404, 403}


def _problem(route: str, persona: str, response: Any) -> str:
    """What is wrong with ``persona``'s answer on ``route`` ("" when nothing is)."""
    _url_for, entitled, may_hold_a1 = ROUTES[route]
    status = response.status_code
    if persona == "trainer":  # outside PERSONAS: every signed-in route plus its own
        entitled = entitled | {"trainer"} if entitled >= SIGNED_IN or route in TRAINER_ROUTES \
            else entitled
    if persona in entitled and route in STARTS_A_REPORT:
        if status != 302 or not response["Location"].startswith("/reports/jobs/"):
            return "{}, expected a redirect to the report job".format(status)
    elif persona in entitled:
        if status != 200:
            return "{}, expected 200".format(status)
    elif status not in _denied_status(route, persona):
        return "{}, expected one of {}".format(status, sorted(_denied_status(route, persona)))
    body = b"".join(response) if response.streaming else response.content
    sees_a1 = persona in SEES_A1 | ALSO_SEES_A1.get(route, set()) and may_hold_a1
    if not sees_a1 and SECRET.encode() in body:
        return "holds A1's name"
    return ""


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_every_persona_gets_a_route_only_if_entitled_and_never_a1s_data_otherwise(
        sweep_world, client_as, route, report_html):
    """Each route once, asked by every persona in turn (the trainer too), on one world: the
    route's objects are made once and every wrong answer is listed, not only the first. A PDF
    comes out as the HTML it is laid out from (``report_html``), so its words are read too."""
    url = ROUTES[route][0](sweep_world)
    wrong = ["{}: {}".format(persona, problem) for persona in [*PERSONAS, "trainer"]
             if (problem := _problem(route, persona, client_as(persona).get(url)))]
    assert wrong == []
