"""The unit operation of a flow is stored, audited, exported and offered by the API."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from openeip.core.domain import Direction, FlowKind, ReportingPeriod, ResourceFlow
from openeip.core.units import quantity
from openeip.web.registry import adapters
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.models import ResourceFlow as FlowRow
from openeip.web.registry.services import writer

JAN = ReportingPeriod(2024, 1)


def steam(unit_operation: str) -> ResourceFlow:
    return ResourceFlow("A1", JAN, Direction.INPUT, FlowKind.HEAT, "Steam", quantity(12, "MWh"),
                        unit_operation=unit_operation)


@pytest.fixture
def company_client(world) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=world.users["company_user"])
    client.credentials(HTTP_AUTHORIZATION="Token " + token.key)
    return client


def test_a_changed_unit_operation_is_stored_and_audited_with_its_old_value(world):
    user = world.users["company_user"]
    writer.save_flow(steam("Dyeing"), world.a1, user, "api")
    row, created = writer.save_flow(steam("Washing"), world.a1, user, "api")
    assert (created, row.unit_operation) == (False, "Washing")
    entry = AuditEntry.objects.get(action="update")
    assert entry.changes == {"unit_operation": ["Dyeing", "Washing"]}


def test_a_stored_flow_reads_back_with_its_unit_operation(world):
    writer.save_flow(steam("Dyeing"), world.a1, world.users["company_user"], "api")
    row = FlowRow.objects.get(company=world.a1, description="Steam")
    assert adapters.flow_to_domain(row, "A1").unit_operation == "Dyeing"


def test_the_api_takes_an_optional_unit_operation(world, company_client):
    flow = {"company": world.a1.pk, "period": "2024-01", "direction": "input", "kind": "water",
            "description": "Rinse water", "quantity": 10, "unit": "m³", "source": "supplier",
            "unit_operation": " Rinsing "}
    response = company_client.post("/api/flows/", flow, format="json")
    assert response.status_code == 201
    assert response.json()["unit_operation"] == "Rinsing"
    del flow["unit_operation"]
    flow["description"] = "Well water"
    assert company_client.post("/api/flows/", flow, format="json").json()["unit_operation"] == ""


def test_the_api_names_the_field_when_the_unit_operation_is_too_long(world, company_client):
    flow = {"company": world.a1.pk, "period": "2024-01", "direction": "input", "kind": "water",
            "description": "Rinse water", "quantity": 10, "unit": "m³",
            "unit_operation": "z" * 101}
    response = company_client.post("/api/flows/", flow, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["unit_operation"]
    assert not FlowRow.objects.filter(description="Rinse water").exists()
