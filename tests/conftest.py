"""Shared fixtures: a tiny two-park world and the cast of personas every endpoint is tested with.

Personas: admin (platform admin), park_manager (of park 'alpha'), company_user (member of alpha's
company A1), other_company_user (member of beta's company B1), consultant (active grant on A1),
consultant_revoked (grant on A1 revoked), consultant_expired (grant on A1 that ended yesterday),
consultant_not_started (grant on A1 from tomorrow), consultant_without_grant, lender_officer
(officer of the lender 'green-bank', which sees only the finance dossiers shared with it),
anonymous.
Beside them, outside PERSONAS (so the existing sweeps keep their cast): trainer (runs alpha's
training sessions; tests/web/training/, and the sweep of test_every_endpoint.py asks every
route as the trainer too).

Keeping the suite fast (read this before adding tests of a new app):

* Rows many tests read: build them once with ``@shared_data`` (tests/shared_data.py), not a
  plain fixture. ``world`` below is one: built once per worker, every test runs in a savepoint
  rolled back to it, and each test gets its own copy of the objects. Build on it with
  ``@shared_data(needs=("world",))`` (see ``assessed`` in tests/web/test_reports_pdf.py, or
  ``demo_loaded`` in tests/cli/test_demo_cli.py for the whole demo park); names are global.
  Never seed the demo park in a plain fixture or in each test.
* Reports: assert their content on the HTML they are laid out from (``report_html`` fixture,
  ``report_text()`` of tests/web/report_text.py); keep one real-PDF test per report and language.
* Database-free tests run once: the PostgreSQL run selects ``-m database``, set here from each
  test's fixtures (``db``, ``transactional_db``, ``world``…), its ``django_db`` marker or
  DB_WORDS; a test reaching the database any other way gets ``@pytest.mark.database``. A test
  that reaches it but tests nothing a database decides (a page's translation) gets
  ``@pytest.mark.one_database`` and runs on SQLite only.
* Access: one HTTP sweep of every route × persona (tests/web/test_every_endpoint.py); other
  access rules at the queryset level (``Model.objects.for_user(user)``), not by page.
"""

from __future__ import annotations

import datetime
import functools
import inspect
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from openeip.core.domain import (
    Company,
    Direction,
    FlowKind,
    Park,
    Product,
    ReportingPeriod,
    ResourceFlow,
)
from openeip.core.intake import Dataset
from openeip.core.units import quantity
from tests.shared_data import DB_HELPER, FAST_HASHERS, _shared_data_finaliser, shared_data, sync
from tests.web.report_text import report_html

__all__ = ["_shared_data_finaliser", "report_html"]  # fixtures: pytest finds them here

PERSONAS = [
    "admin",
    "park_manager",
    "company_user",
    "other_company_user",
    "consultant",
    "consultant_revoked",
    "consultant_expired",
    "consultant_not_started",
    "consultant_without_grant",
    "lender_officer",
    "anonymous",
]
#: personas entitled to see company A1's data
SEES_A1 = {"admin", "park_manager", "company_user", "consultant"}
PASSWORD = "correct-horse-battery-staple"


def tiny_dataset(park_slug: str, codes: tuple[str, ...]) -> Dataset:
    """Two companies' flows for January 2024: numbers small enough to check by hand."""
    jan = ReportingPeriod(2024, 1)
    park = Park(slug=park_slug, name_en="Park " + park_slug, name_vi="KCN " + park_slug,
                province="Đồng Nai", area=quantity(100, "ha"), operator="Operator JSC")
    companies = [
        Company(code=code, name_en="Company " + code, name_vi="Công ty " + code,
                vsic_code="1313", employees=120, ownership="private_domestic")
        for code in codes
    ]
    flows = []
    products = []
    for company in companies:
        flows += [
            ResourceFlow(company.code, jan, Direction.INPUT, FlowKind.ENERGY, "Grid electricity",
                         quantity(1000, "kWh"), source="grid", cost_vnd=Decimal("2000000")),
            ResourceFlow(company.code, jan, Direction.INPUT, FlowKind.WATER, "Tap water",
                         quantity(50, "m³"), source="supplier"),
            ResourceFlow(company.code, jan, Direction.OUTPUT, FlowKind.WASTE, "Sludge",
                         quantity(2, "t"), fate="landfill", hazardous=True,
                         classification_code="12 06 05"),
        ]
        products.append(Product(company.code, jan, "Dyed fabric", quantity(10, "t"),
                                Decimal("500000000")))
    return Dataset(park=park, companies=companies, products=products, flows=flows,
                   company_rows=list(range(2, 2 + len(companies))),
                   product_rows=list(range(2, 2 + len(products))),
                   flow_rows=list(range(2, 2 + len(flows))))


@shared_data
def world() -> SimpleNamespace:
    """Parks alpha (A1, A2) and beta (B1) of :func:`tiny_dataset`, and a user per persona.

    Built once and shared (tests/shared_data.py): each test is rolled back to it.
    """
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from openeip.web.registry.models import (
        Company as CompanyModel,
    )
    from openeip.web.registry.models import (
        CompanyMembership,
        ConsultantGrant,
        ParkManager,
    )
    from openeip.web.registry.models import (
        Park as ParkModel,
    )
    from openeip.web.registry.services.importer import import_dataset

    import_dataset(tiny_dataset("alpha", ("A1", "A2")), "alpha")
    import_dataset(tiny_dataset("beta", ("B1",)), "beta")
    alpha = ParkModel.objects.get(slug="alpha")
    beta = ParkModel.objects.get(slug="beta")
    a1 = CompanyModel.objects.get(park=alpha, code="A1")
    a2 = CompanyModel.objects.get(park=alpha, code="A2")
    b1 = CompanyModel.objects.get(park=beta, code="B1")

    users_model = get_user_model()

    def user(name: str, **extra: Any) -> Any:
        return users_model.objects.create_user(name, name + "@example.org", PASSWORD, **extra)

    users = {
        "admin": user("admin", is_superuser=True, is_staff=True),
        "park_manager": user("park_manager"),
        "company_user": user("company_user"),
        "other_company_user": user("other_company_user"),
        "consultant": user("consultant"),
        "consultant_revoked": user("consultant_revoked"),
        "consultant_expired": user("consultant_expired"),
        "consultant_not_started": user("consultant_not_started"),
        "consultant_without_grant": user("consultant_without_grant"),
        "lender_officer": user("lender_officer"),
        "trainer": user("trainer"),
    }
    ParkManager.objects.create(user=users["park_manager"], park=alpha)
    from openeip.web.training.models import Trainer

    Trainer.objects.create(user=users["trainer"], park=alpha)
    CompanyMembership.objects.create(user=users["company_user"], company=a1)
    CompanyMembership.objects.create(user=users["other_company_user"], company=b1)
    ConsultantGrant.objects.create(company=a1, consultant=users["consultant"],
                                   granted_by=users["company_user"])
    ConsultantGrant.objects.create(company=a1, consultant=users["consultant_revoked"],
                                   granted_by=users["company_user"]).revoke()
    today = timezone.localdate()
    ConsultantGrant.objects.create(company=a1, consultant=users["consultant_expired"],
                                   granted_by=users["company_user"],
                                   starts_on=today - datetime.timedelta(days=30),
                                   ends_on=today - datetime.timedelta(days=1))
    ConsultantGrant.objects.create(company=a1, consultant=users["consultant_not_started"],
                                   granted_by=users["company_user"],
                                   starts_on=today + datetime.timedelta(days=1),
                                   ends_on=today + datetime.timedelta(days=30))
    from openeip.web.finance.models import LenderInstitution, LenderOfficer

    lender = LenderInstitution.objects.create(code="green-bank", name_en="Green Bank",
                                              name_vi="Ngân hàng Xanh")
    LenderOfficer.objects.create(user=users["lender_officer"], institution=lender)
    sessions = {name: _saved_session(person) for name, person in users.items()}
    return SimpleNamespace(alpha=alpha, beta=beta, a1=a1, a2=a2, b1=b1, users=users,
                           lender=lender, sessions=sessions)


def _saved_session(user: Any) -> str:
    """The key of a saved session of ``user``, as the test client's force_login makes it (the
    same three keys), without the login signal's writes: made once with the world."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return str(store.session_key)


@pytest.fixture
def client_as(world: SimpleNamespace, client: Any) -> Any:
    """client_as('company_user') → a Django test client logged in as that persona.

    It carries the persona's session saved with the world (``world.sessions``) instead of
    logging in for each request: force_login wrote a session, the last login and the login
    signal's rows every time, some 8 ms a request and the largest part of the endpoint sweep.
    """
    from http.cookies import SimpleCookie

    from django.conf import settings

    def login(persona: str) -> Any:
        client.cookies = SimpleCookie()        # as client.logout(), the saved session kept
        if persona != "anonymous":
            client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona]
        return client

    return login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


#: fixtures that give a test the test database (pytest-django's; every other one goes through them)
DB_FIXTURES = {"_django_db_helper", "django_db_setup", "live_server"}
#: words in a test's module, or in one of its own fixtures, that show it reaches the database
#: another way (a process of its own on the test database, a choice by database vendor). The
#: module of such processes by its name: the word "processes" alone also marked the tests of
#: the symbiosis search's forked workers, which run on no database (15 tests, 22 s, ran twice)
DB_WORDS = ("connection.vendor", "settings_dict", "DATABASE_URL", "database_url",
            "tests.web.processes")


def _reaches_the_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") or DB_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    sources = [getattr(item, "module", None)]
    info = getattr(item, "_fixtureinfo", None)
    for definitions in (info.name2fixturedefs.values() if info else ()):
        sources += [definition.func for definition in definitions  # the suite's own fixtures
                    if str(getattr(definition.func, "__module__", "")).startswith("tests.")]
    return any(word in _source(source) for source in sources if source is not None
               for word in DB_WORDS)


@functools.cache
def _source(thing: Any) -> str:
    try:
        return inspect.getsource(thing)
    except (OSError, TypeError):
        return ""


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> Any:
    """Mark every test that reaches the database ``database`` (before ``-m`` selects), and,
    once every plugin has ordered the tests, put the longest files first (LONG_FILES).

    The PostgreSQL run (`make pytest-postgres`) runs ``-m database`` only: the tests that touch
    no database run once, in the SQLite run. A test is marked from its fixtures (``db``,
    ``transactional_db``, ``live_server``, every fixture built on them such as ``world``), its
    ``django_db`` marker, or, when it reaches the database another way, from the words of
    DB_WORDS in its module or fixtures; or mark it ``@pytest.mark.database`` by hand.
    """
    for item in items:
        if _reaches_the_database(item):
            item.add_marker(pytest.mark.database)
    result = yield
    # the longest files first (a stable sort: the rest keep their order), for xdist
    items.sort(key=lambda item: -LONG_FILES.get(item.nodeid.partition("::")[0], 0))
    return result


#: Files whose tests take 15 s or more together (seconds, the longer of the SQLite and the
#: PostgreSQL run, `pytest --durations=0` summed per file on the 2-core machine while another
#: suite ran beside it, 7 Dec 2026). The two xdist workers take whole files (--dist loadfile)
#: in the order of collection (--no-loadscope-reorder in the Makefile): these come first, so
#: that a worker does not spend its last minute on one file while the other has finished.
#: They are sorted after every plugin's own order (the hook above), pytest-django's among them,
#: which puts the tests of transactional_db and those of no database after the others: sorted
#: before it, the browser sweep, the restore drill and the symbiosis quality files still ran
#: near the end, and on PostgreSQL one worker ran 40 s longer than the other. (Under --dist
#: loadfile a worker already ran a file's transactional tests before the next file's others.)
LONG_FILES = {
    "tests/web/reports/test_report_jobs.py": 137, "tests/cli/test_demo_cli.py": 121,
    "tests/web/test_every_endpoint.py": 105, "tests/core/test_symbiosis_search_national.py": 81,
    "tests/cli/test_eip_cli.py": 67, "tests/e2e/test_layout.py": 65,
    "tests/cli/test_backup_cli.py": 62, "tests/web/intake/test_tasks.py": 62,
    "tests/core/test_symbiosis_recall_grown.py": 60, "tests/core/test_symbiosis_heldout.py": 49,
    "tests/web/test_api_contract.py": 44, "tests/core/test_symbiosis_match_rows.py": 39,
    "tests/web/recp/test_reports_pdf.py": 39, "tests/web/intake/test_intake_web.py": 30,
    "tests/web/registry/test_import_scale.py": 26, "tests/web/test_pseudo_locale.py": 23,
    "tests/cli/test_monitor_cli.py": 23, "tests/e2e/test_content_security_policy.py": 22,
    "tests/cli/test_recp_report.py": 22, "tests/core/test_symbiosis_taxonomy.py": 21,
    "tests/e2e/test_symbiosis_pages.py": 20, "tests/web/recp/test_recp_pages_assessments.py": 18,
    "tests/web/recp/test_reports_web.py": 18, "tests/web/symbiosis/test_symbiosis_anonymity.py": 16,
    "tests/web/registry/test_api.py": 15, "tests/web/eip/test_eip_demo.py": 15,
}


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: Any, request: Any) -> Any:
    """Before a test's own transaction opens, open (or roll back) the shared data it needs."""
    if fixturedef.argname == DB_HELPER:
        sync(request)
    return (yield)


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """A language a test (or a request it made) left active must not reach the next test: the
    order of tests differs between the SQLite and the PostgreSQL run."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Rolled-back tests reuse primary keys and data versions; cached pages must not leak."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def api(world: SimpleNamespace) -> Any:
    """api('company_user') → an APIClient sending that persona's token; 'anonymous' sends none."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def client(persona: str) -> APIClient:
        result = APIClient()
        if persona != "anonymous":
            token, _ = Token.objects.get_or_create(user=world.users[persona])
            result.credentials(HTTP_AUTHORIZATION="Token " + token.key)
        return result

    return client


@pytest.fixture(autouse=True)
def _report_files_in_tmp(settings: Any, tmp_path_factory: Any) -> None:
    """Report jobs write their files under the test's own folder, never under ./var."""
    settings.REPORT_DIR = tmp_path_factory.mktemp("reports")


@pytest.fixture(autouse=True, scope="session")
def _csrf_tokens_of_one_letter() -> Any:
    """Every CSRF token of the suite reads "aaaa…": a random token in a page (the logout form,
    htmx's headers) must not hold the letters a test asserts are absent ("B1" once did)."""
    from django.middleware import csrf

    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(csrf, "get_random_string", lambda length, allowed_chars="": "a" * length)
    yield
    monkeypatch.undo()
