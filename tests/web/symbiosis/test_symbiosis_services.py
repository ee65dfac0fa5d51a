"""Symbiosis services on hand-made data: who sees what, the pipeline, reveal, realised totals."""

from __future__ import annotations

import pytest

from openeip.core.errors import DomainError
from openeip.web.base import workflow
from openeip.web.registry.models import AuditEntry
from openeip.web.symbiosis.models import (
    ClassificationCorrection,
    ExchangeRecord,
    Opportunity,
    Stream,
)
from openeip.web.symbiosis.services import park_totals, pipeline
from openeip.web.symbiosis.services.presenting import present
from tests.conftest import PERSONAS
from tests.web.symbiosis_helpers import exchanges

#: opportunities each persona may see: either side's company must be visible to them
SEES = {
    "admin": {"a1_a2", "a1_b1", "b1_a2"},
    "park_manager": {"a1_a2", "a1_b1", "b1_a2"},   # every one touches alpha
    "company_user": {"a1_a2", "a1_b1"},
    "consultant": {"a1_a2", "a1_b1"},
    "other_company_user": {"a1_b1", "b1_a2"},
    "consultant_revoked": set(), "consultant_without_grant": set(), "anonymous": set(),
    "consultant_expired": set(), "consultant_not_started": set(), "lender_officer": set(),
}


@pytest.fixture
def ex(world):
    return exchanges(world)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", ["view", "change"])
def test_an_opportunity_is_visible_to_whoever_may_see_either_side(world, ex, persona, action):
    from django.contrib.auth.models import AnonymousUser

    user = world.users.get(persona, AnonymousUser())
    seen = set(Opportunity.objects.for_user(user, action).values_list("pk", flat=True))
    assert seen == {getattr(ex, name).pk for name in SEES[persona]}
    records = ExchangeRecord.objects.for_user(user, action)
    assert records.count() == 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_streams_follow_their_company(world, ex, persona):
    from django.contrib.auth.models import AnonymousUser

    user = world.users.get(persona, AnonymousUser())
    seen = set(Stream.objects.for_user(user).values_list("company__code", flat=True))
    expected = {"admin": {"A1", "A2", "B1"}, "park_manager": {"A1", "A2"},
                "company_user": {"A1"}, "consultant": {"A1"}, "other_company_user": {"B1"}}
    assert seen == expected.get(persona, set())


def test_a_correction_is_listed_only_to_its_author_and_admins(world):
    ClassificationCorrection.objects.create(normalised_text="tro bay", resource_class="fly_ash",
                                            corrected_by=world.users["company_user"])
    assert ClassificationCorrection.objects.for_user(world.users["company_user"]).count() == 1
    assert ClassificationCorrection.objects.for_user(world.users["admin"]).count() == 1
    assert ClassificationCorrection.objects.for_user(world.users["park_manager"]).count() == 0


def test_the_other_firm_is_anonymised_until_both_reveal(world, ex):
    b1_user = world.users["other_company_user"]
    shown = present(ex.a1_b1, b1_user, "en")
    assert shown["receiver"]["named"] and shown["receiver"]["name"] == "Company B1"
    supplier = shown["supplier"]
    assert not supplier["named"] and "Company A1" not in str(shown)
    assert supplier["park"] == "another park" and supplier["description"] != "Fly ash from boiler"
    assert supplier["size"] == "medium (101–200 staff)"  # 120 employees (Decree 80/2021)
    assert shown["distance_km"] is None and shown["distance_band"] == "20–50 km"
    # the distance part's note would name the kilometres: the band stands in for it
    # the distance part's and the quantity part's notes would name kilometres and tonnes: bands
    # stand in for them (ratio 1: SR-X is not in the rule book)
    assert [p["note"] for p in shown["parts"]] == [
        "rule SR-X", "20–50 km", "places 100 % of the supply and covers 25–50 % of the need"]
    assert shown["matched_quantity"] is None and shown["indicative"]
    pipeline.reveal(ex.a1_b1, "receiver", b1_user)
    assert not present(ex.a1_b1, b1_user, "en")["supplier"]["named"]
    pipeline.reveal(ex.a1_b1, "supplier", world.users["company_user"])
    shown = present(ex.a1_b1, b1_user, "en")
    assert shown["supplier"]["name"] == "Company A1" and shown["distance_km"] == 35.0
    assert shown["parts"][1]["note"] == "1.2 km"


def test_a_firm_cannot_reveal_the_other_side(world, ex):
    with pytest.raises(DomainError) as error:
        pipeline.reveal(ex.a1_b1, "supplier", world.users["other_company_user"])
    assert error.value.field == "side"
    assert not Opportunity.objects.get(pk=ex.a1_b1.pk).supplier_revealed


def test_once_both_are_named_a_side_cannot_withdraw(world, ex):
    pipeline.reveal(ex.a1_a2, "supplier", world.users["company_user"])
    pipeline.reveal(ex.a1_a2, "supplier", world.users["company_user"], revealed=False)
    assert not Opportunity.objects.get(pk=ex.a1_a2.pk).supplier_revealed
    pipeline.reveal(ex.a1_a2, "supplier", world.users["park_manager"])
    pipeline.reveal(ex.a1_a2, "receiver", world.users["park_manager"])
    with pytest.raises(DomainError):
        pipeline.reveal(ex.a1_a2, "receiver", world.users["park_manager"], revealed=False)


def test_the_pipeline_allows_only_its_moves_and_audits_both_firms(world, ex):
    user = world.users["park_manager"]
    workflow.transition(ex.a1_b1, "contacted", user)
    workflow.transition(ex.a1_b1, "feasibility", user)
    with pytest.raises(DomainError) as error:
        workflow.transition(ex.a1_b1, "operating", user)
    assert error.value.field == "status"
    with pytest.raises(DomainError, match="reveal"):
        workflow.transition(ex.a1_b1, "agreed", user)
    entries = AuditEntry.objects.filter(object_type="symbiosis_opportunity")
    assert sorted(entries.values_list("company__code", flat=True)) == ["A1", "A1", "B1", "B1"]
    assert entries.first().changes == {"status": ["contacted", "feasibility"]}


def _operate(ex, world):
    user = world.users["admin"]
    pipeline.reveal(ex.a1_a2, "supplier", user)
    pipeline.reveal(ex.a1_a2, "receiver", user)
    for status in ("contacted", "feasibility", "agreed", "operating"):
        workflow.transition(ex.a1_a2, status, user)


def test_realised_quantities_need_an_operating_exchange(world, ex):
    with pytest.raises(DomainError) as error:
        pipeline.record_quantity(ex.a1_a2, 2024, 1, 2.0, world.users["admin"])
    assert error.value.field == "status"
    _operate(ex, world)
    with pytest.raises(DomainError) as error:
        pipeline.record_quantity(ex.a1_a2, 2024, 13, 2.0, world.users["admin"])
    assert error.value.field == "month"
    with pytest.raises(DomainError):
        pipeline.record_quantity(ex.a1_a2, 2024, 1, -1.0, world.users["admin"])


def test_park_totals_scale_the_per_unit_benefit_by_realised_quantities(world, ex):
    _operate(ex, world)
    admin = world.users["admin"]
    # Monthly records win over the whole-year one: 2 + 3 = 5 t in 2024 (the 40 t is ignored).
    pipeline.record_quantity(ex.a1_a2, 2024, 0, 40.0, admin)
    pipeline.record_quantity(ex.a1_a2, 2024, 1, 2.0, admin)
    pipeline.record_quantity(ex.a1_a2, 2024, 2, 3.0, admin)
    pipeline.record_quantity(ex.a1_a2, 2024, 2, 3.0, admin)  # the same month again: replaced
    totals = park_totals(world.alpha, 2024)
    # 5 t × 100,000 VND/t = 500,000 VND; 5 × 0.2 = 1 t CO2e; 5 × 1 = 5 t diverted.
    assert totals == {"operating_exchanges": 1, "firms_in_operating_exchanges": 2,
                      "realised_t": 5.0, "realised_m3": 0.0, "realised_mwh": 0.0,
                      "net_benefit_vnd": 500_000.0, "co2e_avoided_t": pytest.approx(1.0),
                      "waste_diverted_t": 5.0}
    # beta takes no part in A1→A2; a year without records still counts the operating exchange.
    assert park_totals(world.beta, 2024)["operating_exchanges"] == 0
    assert park_totals(world.alpha, 2023)["realised_t"] == 0.0
    assert park_totals(world.alpha, 2023)["operating_exchanges"] == 1


def test_park_totals_use_the_whole_year_record_without_monthly_ones(world, ex):
    _operate(ex, world)
    pipeline.record_quantity(ex.a1_a2, 2025, 0, 12.0, world.users["admin"])
    workflow.transition(ex.a1_a2, "ended", world.users["admin"])
    totals = park_totals(world.alpha, 2025)
    # ended, but recorded in 2025: 12 t × 100,000 = 1,200,000 VND
    assert totals["operating_exchanges"] == 1
    assert totals["net_benefit_vnd"] == 1_200_000.0 and totals["realised_t"] == 12.0


def test_the_admin_lists_symbiosis_read_only(client_as, ex):
    client = client_as("admin")
    for model in ("stream", "opportunity", "exchangerecord", "classificationcorrection"):
        assert client.get("/admin/symbiosis/{}/".format(model)).status_code == 200
    assert client.get("/admin/symbiosis/opportunity/{}/change/".format(
        ex.a1_a2.pk)).status_code == 200   # shown, not editable
    assert client.get("/admin/symbiosis/opportunity/add/").status_code == 403
