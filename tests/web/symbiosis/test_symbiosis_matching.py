"""Streams from flows, classification with corrections, and match refreshes persisted.

The world's January 2024 flows plus three more (A1: 2 t fly ash out; A2: 10 t clay in; B1: 5 t
clay in) are the only data of 2024, so each is scaled to a year: × 12 / 1 month. One rule,
fly ash → clay (ratio 1), stands in for the shipped rule book so the expected candidates are
known by hand: A1's 24 t/yr of ash against A2's 120 t and B1's 60 t of clay.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from openeip.core.symbiosis.model import SynergyRule
from openeip.web.base.workflow import transition
from openeip.web.registry.models import ReportingPeriod, ResourceFlow
from openeip.web.symbiosis.models import ClassificationCorrection, Opportunity, Stream
from openeip.web.symbiosis.services.classes import set_class
from openeip.web.symbiosis.services.matching import refresh_matches, size_band
from openeip.web.symbiosis.services.streams import streams_from_flows

RULES = (SynergyRule(code="SR-T1", supply_class="fly_ash", demand_class="clay",
                     kind="by_product_exchange", use_en="clay substitute in bricks",
                     use_vi="thay đất sét trong gạch", substitution_ratio=1.0,
                     avoided_fate="landfill", max_distance_km=300.0),)


def _flow(company, direction, kind, description, tonnes, fate=""):
    period = ReportingPeriod.objects.get(year=2024, month=1)
    return ResourceFlow.objects.create(
        company=company, period=period, direction=direction, kind=kind,
        description=description, quantity=tonnes, unit="t", base_quantity=tonnes,
        base_unit="t", fate=fate, cost_vnd=Decimal("0"))


@pytest.fixture
def flows(world):
    _flow(world.a1, "output", "waste", "Fly ash", 2, fate="landfill")
    _flow(world.a2, "input", "material", "Clay", 10)
    _flow(world.b1, "input", "material", "Clay", 5)
    return world


def _build(world):
    for company in (world.a1, world.a2, world.b1):
        streams_from_flows(company)


def test_offers_and_needs_come_from_the_flows_scaled_to_a_year(flows):
    streams_from_flows(flows.a1)
    ash = Stream.objects.get(company=flows.a1, description="Fly ash")
    assert (ash.direction, ash.resource_class, ash.quantity, ash.unit, ash.year) == (
        "supply", "fly_ash", 24.0, "t", 2024)
    assert "fly ash" in [term.lower() for term in ash.decisive_terms]
    kinds = dict(Stream.objects.filter(company=flows.a1).values_list("description",
                                                                     "direction"))
    # the world's own flows: sludge (waste out) is an offer; electricity and water are needs
    assert kinds == {"Fly ash": "supply", "Sludge": "supply", "Grid electricity": "demand",
                     "Tap water": "demand"}
    water = Stream.objects.get(company=flows.a1, description="Tap water")
    assert water.unit == "m3" and water.quantity == 600.0   # 50 m³ × 12


def test_building_again_keeps_confirmed_classes_and_deactivates_vanished_flows(flows):
    streams_from_flows(flows.a1)
    ash = Stream.objects.get(company=flows.a1, description="Fly ash")
    set_class(ash, "bottom_ash", flows.users["company_user"])
    assert ClassificationCorrection.objects.get().normalised_text == "fly ash"
    ResourceFlow.objects.filter(company=flows.a1, description="Sludge").delete()
    streams_from_flows(flows.a1)
    ash.refresh_from_db()
    assert ash.resource_class == "bottom_ash" and ash.confirmed
    assert not Stream.objects.get(company=flows.a1, description="Sludge").active
    # a company's correction decides its own streams only: another firm's same words keep the
    # classifier's class (tests/web/test_symbiosis_corrections.py covers the scopes)
    _flow(flows.b1, "output", "waste", "FLY ASH", 1)
    streams_from_flows(flows.b1)
    theirs = Stream.objects.get(company=flows.b1, description="FLY ASH")
    assert theirs.resource_class == "fly_ash" and theirs.classification_confidence < 1.0


def test_refresh_persists_the_candidates_of_the_park_and_the_optimal_network(flows):
    _build(flows)
    outcome = refresh_matches(flows.alpha, rules=RULES)
    assert outcome["candidates"] == 2 and outcome["created"] == 2
    rows = {(o.supply.company.code, o.demand.company.code): o
            for o in Opportunity.objects.select_related("supply__company", "demand__company")}
    assert set(rows) == {("A1", "A2"), ("A1", "B1")}
    a1_a2 = rows[("A1", "A2")]
    assert (a1_a2.rule_code, a1_a2.matched_quantity, a1_a2.unit) == ("SR-T1", 24.0, "t")
    assert a1_a2.parts and {"name", "weight", "value", "note_en", "note_vi"} <= set(
        a1_a2.parts[0])
    assert a1_a2.score == pytest.approx(sum(p["weight"] * p["value"] for p in a1_a2.parts),
                                        abs=1e-4)
    assert a1_a2.benefit["quantity"] == 24.0 and "net_vnd" in a1_a2.benefit
    assert a1_a2.benefit["unpriced"] == []          # clay has a virgin-input price
    selected = [o for o in rows.values() if o.selected]
    assert selected and sum(o.selected_quantity for o in selected) <= 24.0 + 1e-6


def test_a_benefit_without_a_price_is_stored_flagged_and_explained(flows, monkeypatch):
    from dataclasses import replace

    from openeip.core.symbiosis.factors import load_factors
    from openeip.web.symbiosis.services import matching

    shipped = load_factors()
    no_clay = replace(shipped, classes={code: row for code, row in shipped.classes.items()
                                        if code not in ("clay", "minerals", "materials")})
    monkeypatch.setattr(matching, "benefit_factors", lambda park: no_clay)
    _build(flows)
    refresh_matches(flows.alpha, rules=RULES)
    a1_a2 = Opportunity.objects.get(demand__company=flows.a2)
    assert a1_a2.benefit["unpriced"] == ["avoided_purchase_vnd"]
    assert a1_a2.benefit["avoided_purchase_vnd"] == 0.0
    class_fit = next(p for p in a1_a2.parts if p["name"] == "class_fit")
    assert class_fit["note_en"] == (
        "rule SR-T1 (engineering practice): Coal fly ash → Clay and corrective raw materials; "
        "virgin-input price unknown for Clay and corrective raw materials: avoided purchase "
        "not counted")


def test_a_second_refresh_keeps_statuses_and_marks_what_it_no_longer_finds(flows):
    _build(flows)
    refresh_matches(flows.alpha, rules=RULES)
    again = refresh_matches(flows.alpha, rules=RULES)
    # nothing changed, so nothing is written
    assert (again["created"], again["updated"], again["unchanged"], again["removed"]) == (
        0, 0, 2, 0)
    Opportunity.objects.update(score=0.0)
    assert refresh_matches(flows.alpha, rules=RULES)["updated"] == 2
    assert not Opportunity.objects.filter(score=0.0).exists()
    a1_b1 = Opportunity.objects.get(demand__company=flows.b1)
    transition(a1_b1, "contacted", flows.users["admin"])
    ResourceFlow.objects.filter(company__in=(flows.a2, flows.b1), description="Clay").delete()
    for company in (flows.a2, flows.b1):
        streams_from_flows(company)
    last = refresh_matches(flows.alpha, rules=RULES)
    assert (last["candidates"], last["removed"], last["kept_not_current"]) == (0, 1, 1)
    kept = Opportunity.objects.get()
    assert kept.pk == a1_b1.pk and kept.status == "contacted" and not kept.current


def test_size_bands_follow_decree_80():
    assert [size_band(n) for n in (None, 10, 11, 100, 101, 200, 201)] == [
        "", "micro", "small", "small", "medium", "medium", "large"]


def test_the_benefits_use_the_parks_factor_year_and_say_which_grid_year_served(flows):
    from openeip.core.ghg import grid_factors
    from openeip.web.registry.models.series import SeriesValue

    latest = max(grid_factors())
    _build(flows)
    flows.alpha.factor_year = latest + 5
    flows.alpha.save(update_fields=["factor_year"])
    outcome = refresh_matches(flows.alpha, rules=RULES)
    assert outcome["notices"] == [{"code": "latest_used", "series": "grid_factors",
                                   "data_year": latest + 5, "used_year": latest, "source": ""}]
    SeriesValue.objects.create(series="grid_factors", year=latest + 5, value=Decimal("0.7"),
                               source="Letter of the park's utility", park=flows.alpha)
    (notice,) = refresh_matches(flows.alpha, rules=RULES)["notices"]
    assert (notice["code"], notice["source"]) == ("override_used",
                                                  "Letter of the park's utility")
    flows.alpha.factor_year = latest
    flows.alpha.save(update_fields=["factor_year"])
    assert refresh_matches(flows.alpha, rules=RULES)["notices"] == []


def test_a_weak_need_is_read_as_its_sectors_classes_and_matched_so(flows, client):
    # a battery recycler (VSIC 3830) whose words say little: also read as used Li-ion cells
    flows.a2.vsic_code, flows.a2.vsic_name = "3830", ""
    flows.a2.save()
    _flow(flows.a1, "output", "waste", "Used Li-ion cells", 3, fate="landfill")
    _flow(flows.a2, "input", "material", "Need steady feed of NCM material for the hydromet line.",
          4)
    _build(flows)
    need = Stream.objects.get(company=flows.a2, description__startswith="Need steady feed")
    assert need.classification_confidence < 0.4
    assert "li_ion_batteries" in need.sector_classes
    refresh_matches(flows.alpha, rules=RULES)
    found = Opportunity.objects.get(supply__description="Used Li-ion cells", demand=need)
    assert any("typical of its firm's sector" in part["note_en"] for part in found.parts)
    assert any("ngành của doanh nghiệp" in part["note_vi"] for part in found.parts)
    client.force_login(flows.users["park_manager"])
    page = client.get("/companies/{}/symbiosis/".format(flows.a2.pk)).content.decode()
    assert "typical of the firm's sector: " in page and "Used lithium-ion" in page
