"""The single-row writer: every create, change and delete is audited and keeps park totals exact.

The world holds, for 2024-01, in park alpha: A1 and A2 each with 1000 kWh grid electricity, 50 m³
tap water and 2 t sludge; in park beta: B1 with the same.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from openeip.core.domain import Direction, FlowKind, Product, ReportingPeriod, ResourceFlow
from openeip.core.errors import DomainError
from openeip.core.units import quantity
from openeip.web.registry.models import AuditEntry, ParkPeriodTotal
from openeip.web.registry.models import Product as ProductRow
from openeip.web.registry.models import ResourceFlow as FlowRow
from openeip.web.registry.services import writer

JAN = ReportingPeriod(2024, 1)
FEB = ReportingPeriod(2024, 2)


def water(description: str, cubic_metres: float, period: ReportingPeriod = JAN) -> ResourceFlow:
    return ResourceFlow("A1", period, Direction.INPUT, FlowKind.WATER, description,
                        quantity(cubic_metres, "m³"), source="supplier")


def park_total(park, kind: str, direction: str = "input", period: str = "2024-01") -> float | None:
    year, _, month = period.partition("-")
    row = ParkPeriodTotal.objects.filter(park=park, kind=kind, direction=direction,
                                         period__year=int(year),
                                         period__month=int(month or 0)).first()
    return None if row is None else row.total


def test_creating_a_flow_stores_it_in_base_units_and_audits_every_value(world):
    user = world.users["company_user"]
    row, created = writer.save_flow(water("Well water", 10), world.a1, user, "api")
    assert created is True
    assert (row.quantity, row.unit, row.base_quantity, row.base_unit) == (10.0, "m³", 10.0, "m**3")
    entry = AuditEntry.objects.get(action="create")
    assert (entry.user, entry.via, entry.company, entry.object_type) == (
        user, "api", world.a1, "flow")
    assert entry.object_key == "A1 input water Well water @ 2024-01"
    assert entry.changes == {
        "company": [None, "A1"], "period": [None, "2024-01"], "direction": [None, "input"],
        "kind": [None, "water"], "description": [None, "Well water"],
        "classification_code": [None, ""], "hazardous": [None, False], "quantity": [None, 10.0],
        "unit": [None, "m³"], "base_quantity": [None, 10.0], "base_unit": [None, "m**3"],
        "fate": [None, ""], "source": [None, "supplier"], "unit_operation": [None, ""],
    }


def test_creating_a_flow_adds_it_to_the_park_totals(world):
    assert park_total(world.alpha, "water") == 100.0
    writer.save_flow(water("Well water", 10), world.a1, world.users["company_user"], "api")
    assert park_total(world.alpha, "water") == 110.0
    assert park_total(world.beta, "water") == 50.0


def test_saving_a_stored_key_updates_it_and_records_before_and_after(world):
    row, created = writer.save_flow(water("Tap water", 60), world.a1, None, "cli")
    assert created is False
    assert row.pk == FlowRow.objects.get(company=world.a1, description="Tap water").pk
    entry = AuditEntry.objects.get(action="update")
    assert entry.changes == {"quantity": [50.0, 60.0], "base_quantity": [50.0, 60.0]}
    assert entry.user is None
    assert park_total(world.alpha, "water") == 110.0


def test_saving_the_same_values_again_writes_no_audit_entry(world):
    before = AuditEntry.objects.count()
    row, created = writer.save_flow(water("Tap water", 50), world.a1, None, "cli")
    assert created is False
    assert AuditEntry.objects.count() == before


def test_moving_a_flow_to_another_month_refreshes_both_months(world):
    stored = FlowRow.objects.get(company=world.a1, description="Tap water")
    writer.save_flow(water("Tap water", 50, FEB), world.a1, None, "cli", instance=stored)
    assert park_total(world.alpha, "water", period="2024-01") == 50.0
    assert park_total(world.alpha, "water", period="2024-02") == 50.0
    assert AuditEntry.objects.get(action="update").changes == {"period": ["2024-01", "2024-02"]}


def test_it_refuses_to_give_a_flow_the_key_of_another_flow(world):
    writer.save_flow(water("Well water", 10), world.a1, None, "cli")
    stored = FlowRow.objects.get(company=world.a1, description="Tap water")
    with pytest.raises(DomainError) as caught:
        writer.save_flow(water("Well water", 50), world.a1, None, "cli", instance=stored)
    assert caught.value.field == "description"
    assert FlowRow.objects.get(pk=stored.pk).description == "Tap water"


def test_an_unsaved_instance_asks_for_a_new_row_and_is_refused_when_the_key_is_taken(world):
    with pytest.raises(DomainError) as caught:
        writer.save_flow(water("Tap water", 70), world.a1, None, "api", instance=FlowRow())
    assert caught.value.field == "description"
    assert FlowRow.objects.get(company=world.a1, description="Tap water").quantity == 50.0
    assert not AuditEntry.objects.filter(action__in=["create", "update"]).exists()


def test_deleting_a_flow_records_its_old_values_and_lowers_the_totals(world):
    sludge = FlowRow.objects.get(company=world.a1, description="Sludge")
    assert park_total(world.alpha, "waste", "output") == 4.0
    writer.delete_flow(sludge, world.users["park_manager"], "web")
    assert park_total(world.alpha, "waste", "output") == 2.0
    entry = AuditEntry.objects.get(action="delete")
    assert entry.object_key == "A1 output waste Sludge @ 2024-01"
    assert entry.changes["quantity"] == [2.0, None]
    assert entry.changes["fate"] == ["landfill", None]
    assert entry.changes["hazardous"] == [True, None]
    assert not FlowRow.objects.filter(pk=sludge.pk).exists()


def test_deleting_the_last_flows_of_a_kind_removes_its_total(world):
    writer.delete_flows(FlowRow.objects.filter(company__park=world.alpha, kind="water"), None,
                        "admin")
    assert park_total(world.alpha, "water") is None
    assert park_total(world.alpha, "energy") == 2.0
    assert AuditEntry.objects.filter(action="delete").count() == 2


def test_a_product_is_created_changed_and_deleted_with_audit_entries(world):
    cloth = Product("A1", JAN, "Grey cloth", quantity(4, "t"), Decimal("1000"))
    row, created = writer.save_product(cloth, world.a1, None, "api")
    assert created is True
    assert AuditEntry.objects.get(action="create").changes["sales_value_vnd"] == [None, "1000.00"]
    more = Product("A1", JAN, "Grey cloth", quantity(5, "t"), Decimal("1000"))
    writer.save_product(more, world.a1, None, "api", instance=row)
    assert AuditEntry.objects.get(action="update").changes == {"quantity": [4.0, 5.0]}
    writer.delete_product(row, None, "api")
    assert AuditEntry.objects.get(action="delete").changes["name"] == ["Grey cloth", None]
    assert not ProductRow.objects.filter(name="Grey cloth").exists()


# The admin: a superuser's edits go through the same writer and are audited.

def _flow_form(flow: FlowRow, **changes: object) -> dict[str, object]:
    data = {"company": flow.company_id, "period": flow.period_id, "direction": flow.direction,
            "kind": flow.kind, "description": flow.description,
            "classification_code": flow.classification_code, "quantity": flow.quantity,
            "unit": flow.unit, "cost_vnd": flow.cost_vnd or "", "fate": flow.fate,
            "source": flow.source}
    if flow.hazardous:
        data["hazardous"] = "on"
    data.update(changes)
    return data


def test_an_admin_change_is_audited_with_before_and_after(world, client_as):
    tap = FlowRow.objects.get(company=world.a1, description="Tap water")
    response = client_as("admin").post("/admin/registry/resourceflow/{}/change/".format(tap.pk),
                                       _flow_form(tap, quantity="55"))
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="update")
    assert (entry.via, entry.user) == ("admin", world.users["admin"])
    assert entry.changes == {"quantity": [50.0, 55.0], "base_quantity": [50.0, 55.0]}
    assert park_total(world.alpha, "water") == 105.0


def test_the_admin_refuses_a_unit_that_does_not_fit_the_kind(world, client_as):
    tap = FlowRow.objects.get(company=world.a1, description="Tap water")
    response = client_as("admin").post("/admin/registry/resourceflow/{}/change/".format(tap.pk),
                                       _flow_form(tap, unit="kWh"))
    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["unit"]
    assert message.endswith("does not fit a water flow; use a unit of volume.")
    assert FlowRow.objects.get(pk=tap.pk).unit == "m³"
    assert not AuditEntry.objects.filter(action="update").exists()


def test_an_admin_delete_is_audited_and_lowers_the_totals(world, client_as):
    sludge = FlowRow.objects.get(company=world.a1, description="Sludge")
    response = client_as("admin").post(
        "/admin/registry/resourceflow/{}/delete/".format(sludge.pk), {"post": "yes"})
    assert response.status_code == 302
    assert AuditEntry.objects.get(action="delete").via == "admin"
    assert park_total(world.alpha, "waste", "output") == 2.0


def test_a_product_added_in_the_admin_is_audited(world, client_as):
    period = world.a1.products.get().period
    response = client_as("admin").post("/admin/registry/product/add/", {
        "company": world.a1.pk, "period": period.pk, "name": "Grey cloth", "quantity": "4",
        "unit": "tấn", "sales_value_vnd": ""})
    assert response.status_code == 302
    row = ProductRow.objects.get(name="Grey cloth")
    assert (row.quantity, row.unit) == (4.0, "t")
    entry = AuditEntry.objects.get(action="create")
    assert (entry.via, entry.object_key) == ("admin", "A1 Grey cloth @ 2024-01")
