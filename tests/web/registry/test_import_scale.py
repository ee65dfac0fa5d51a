"""Imports at scale: the set-based update of existing rows, and imports of one park serialised.

The concurrency tests run real `openeip import` processes against the committed PostgreSQL test
database; another connection of the test plays the import that holds the park.
"""

from __future__ import annotations

import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection

from openeip.core.intake import write_dataset
from openeip.web.registry.models import AuditEntry, Park, Product, ResourceFlow
from openeip.web.registry.services import bulk
from openeip.web.registry.services.importer import import_dataset
from tests.conftest import tiny_dataset
from tests.web.processes import database_url, start_openeip


def changed(dataset, factor: float = 2.0):
    """Every flow's quantity times ``factor`` and its cost plus 1 VND; products untouched."""
    return replace(dataset, flows=[
        replace(flow, quantity=flow.quantity * factor,
                cost_vnd=None if flow.cost_vnd is None else flow.cost_vnd + 1)
        for flow in dataset.flows])


@pytest.mark.django_db
def test_reimporting_changed_flows_updates_exactly_those_values_and_audits_each():
    import_dataset(tiny_dataset("alpha", ("A1", "A2")), "alpha")
    before = {f.pk: f for f in ResourceFlow.objects.all()}
    entries_before = AuditEntry.objects.count()

    result = import_dataset(changed(tiny_dataset("alpha", ("A1", "A2"))), "alpha")

    assert result.updated["flows"] == 6 and result.unchanged["products"] == 2
    after = {f.pk: f for f in ResourceFlow.objects.all()}
    assert after.keys() == before.keys()  # updated in place, nothing created
    electricity = ResourceFlow.objects.get(company__code="A1", description="Grid electricity")
    assert (electricity.quantity, electricity.unit) == (2000.0, "kWh")
    assert electricity.cost_vnd == Decimal("2000001.00")
    assert electricity.base_quantity == pytest.approx(2.0)  # MWh
    sludge = ResourceFlow.objects.get(company__code="A2", description="Sludge")
    assert (sludge.quantity, sludge.hazardous, sludge.fate) == (4.0, True, "landfill")
    assert sludge.cost_vnd is None
    assert all(after[pk].updated_at >= before[pk].updated_at for pk in before)
    updates = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE)
    assert AuditEntry.objects.count() - entries_before == updates.count() == 6
    assert updates.get(object_key__startswith="A1 input energy").changes["quantity"] == [
        1000.0, 2000.0]


@pytest.mark.django_db
def test_update_by_pk_sets_only_the_named_fields_of_the_given_rows():
    import_dataset(tiny_dataset("alpha", ("A1", "A2")), "alpha")
    a1, a2 = Product.objects.order_by("company__code")
    bulk.update_by_pk(Product, ["quantity", "sales_value_vnd"],
                      [(a1.pk, {"quantity": 12.5, "sales_value_vnd": Decimal("7.25")})])
    a1.refresh_from_db()
    a2.refresh_from_db()
    assert (a1.quantity, a1.sales_value_vnd, a1.unit) == (12.5, Decimal("7.25"), "t")
    assert (a2.quantity, a2.sales_value_vnd) == (10.0, Decimal("500000000.00"))
    bulk.update_by_pk(Product, ["quantity"], [])  # nothing to do, nothing done


# --- two imports of one park at once (PostgreSQL) ---------------------------------------------

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="other processes cannot open the SQLite test database")


def data_file(path: Path, dataset) -> Path:
    with path.open("wb") as stream:
        write_dataset(dataset, stream, "json")
    return path


def table_line(output: str, table: str) -> list[int]:
    line = next(line for line in output.splitlines() if line.startswith(table))
    return [int(number) for number in line.split()[1:]]


def wait_for_lock_waiter(seconds: float = 30) -> None:
    """Until a backend of the test database waits for a lock (the import we started)."""
    import psycopg

    deadline = time.monotonic() + seconds
    with psycopg.connect(database_url(), autocommit=True) as watcher:
        while time.monotonic() < deadline:
            waiting = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'").fetchone()
            if waiting and waiting[0]:
                return
            time.sleep(0.05)
    raise AssertionError("no import waited for the lock")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_imports_creating_the_same_park_both_succeed_writing_each_row_once(
        tmp_path):
    codes = tuple("C{}".format(number) for number in range(1, 151))
    source = data_file(tmp_path / "park.json", tiny_dataset("gamma", codes))

    imports = [start_openeip("import", source, "--park", "gamma") for _twice in range(2)]
    outputs = [process.communicate(timeout=120) for process in imports]

    assert [process.returncode for process in imports] == [0, 0], outputs
    parks = sorted(table_line(out, "parks") for out, _err in outputs)
    assert parks == [[0, 0, 1], [1, 0, 0]]  # one created the park, the other found it
    flows = sorted(table_line(out, "flows") for out, _err in outputs)
    assert flows == [[0, 0, 450], [450, 0, 0]]
    assert Park.objects.filter(slug="gamma").count() == 1
    assert ResourceFlow.objects.filter(company__park__slug="gamma").count() == 450


@pytest.fixture
def holder():
    """Another connection of the test, in an open transaction: the import that holds a lock."""
    import psycopg

    with psycopg.connect(database_url()) as other:
        yield other
        other.rollback()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_import_waits_for_the_one_holding_the_park_says_so_then_applies_its_own(
        tmp_path, holder):
    import_dataset(tiny_dataset("alpha", ("A1",)), "alpha")
    source = data_file(tmp_path / "new.json", changed(tiny_dataset("alpha", ("A1",))))
    holder.execute("SELECT id FROM registry_park WHERE slug = 'alpha' FOR UPDATE")

    process = start_openeip("import", source, "--park", "alpha")
    wait_for_lock_waiter()
    assert process.poll() is None  # still waiting
    holder.commit()
    out, err = process.communicate(timeout=60)

    assert process.returncode == 0, err
    assert "Another import into park 'alpha' is running; waiting for it to finish…" in err
    assert table_line(out, "flows") == [0, 3, 0]
    assert ResourceFlow.objects.get(description="Tap water").quantity == 100.0


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_import_that_waits_too_long_gives_up_with_a_clear_message_and_writes_nothing(
        tmp_path, holder):
    import_dataset(tiny_dataset("alpha", ("A1",)), "alpha")
    source = data_file(tmp_path / "new.json", changed(tiny_dataset("alpha", ("A1",))))
    holder.execute("SELECT id FROM registry_park WHERE slug = 'alpha' FOR UPDATE")

    process = start_openeip("import", source, "--park", "alpha",
                            OPENEIP_IMPORT_LOCK_WAIT_SECONDS="1")
    out, err = process.communicate(timeout=60)

    assert process.returncode == 1
    assert out.splitlines() == [
        "Park: Another import into park 'alpha' is still running and did not finish while this "
        "one waited; nothing was written. Try again when it has finished."]
    assert "Traceback" not in err
    assert ResourceFlow.objects.get(description="Tap water").quantity == 50.0


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_park_created_meanwhile_by_another_transaction_is_updated_not_duplicated(
        tmp_path, holder):
    import_dataset(tiny_dataset("beta", ("B1",)), "beta")
    columns = [name for (name,) in holder.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'registry_park' "
        "AND column_name NOT IN ('id', 'slug')").fetchall()]
    listed = ", ".join(columns)
    # an uncommitted copy of beta under the slug the file will create
    holder.execute("INSERT INTO registry_park (slug, {0}) SELECT 'gamma', {0} FROM registry_park "
                   "WHERE slug = 'beta'".format(listed))
    source = data_file(tmp_path / "gamma.json", tiny_dataset("gamma", ("G1",)))

    process = start_openeip("import", source, "--park", "gamma")
    wait_for_lock_waiter()  # its insert waits for ours
    holder.commit()
    out, err = process.communicate(timeout=60)

    assert process.returncode == 0, err
    assert "IntegrityError" not in err
    assert table_line(out, "parks") == [0, 1, 0]  # found, and its names set from the file
    gamma = Park.objects.get(slug="gamma")
    assert gamma.name_en == "Park gamma"
    assert ResourceFlow.objects.filter(company__park=gamma).count() == 3

