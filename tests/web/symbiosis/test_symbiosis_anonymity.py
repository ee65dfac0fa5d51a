"""An anonymised counterpart cannot be worked out from anything a persona receives.

The shared world with real matching (the shipped rule book: SR-003 fly ash → clay, ratio 0.8,
reach 150 km): A1 (alpha) offers 24 t/yr of fly ash; A2 (alpha) needs 100 t of clay, B1 (beta)
60 t, 11 km north of A1 (about 15 km by road: band 5–20 km). Neither side of A1→B1 has revealed
itself.

The test collects, for each persona, every page and API answer about symbiosis it may read, then
moves the hidden firm's figures within their bands (a larger yearly quantity, a location 0.5 km
further: another road distance, transport cost and set of coordinates) and matches again. A
persona that may not see that firm must receive exactly the same bytes — so no arithmetic on what
it received can recover the hidden quantity, distance, coordinates or transport cost — while the
hidden truth did change. The published formulas are also tried directly on the answers.
"""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from openeip.core.symbiosis.rules import load_rules
from openeip.web.base import workflow
from openeip.web.symbiosis.models import Opportunity, Stream
from openeip.web.symbiosis.services import pipeline
from openeip.web.symbiosis.services.matching import refresh_matches
from tests.conftest import PERSONAS

CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+"')


def _locate(company, lat, lon):
    company.latitude, company.longitude = lat, lon
    company.save(update_fields=["latitude", "longitude"])


@pytest.fixture
def matched(world):
    _locate(world.a1, 10.900, 106.800)
    _locate(world.a2, 10.905, 106.800)
    _locate(world.b1, 11.000, 106.800)
    streams = {
        "a1": Stream.objects.create(company=world.a1, direction="supply", description="Fly ash",
                                    resource_class="fly_ash", quantity=24.0, unit="t"),
        "a2": Stream.objects.create(company=world.a2, direction="demand", description="Clay",
                                    resource_class="clay", quantity=100.0, unit="t"),
        "b1": Stream.objects.create(company=world.b1, direction="demand",
                                    description="Clay for bricks", resource_class="clay",
                                    quantity=60.0, unit="t"),
    }
    refresh_matches()
    world.streams = streams
    world.a1_b1 = Opportunity.objects.get(supply=streams["a1"], demand=streams["b1"],
                                          rule_code="SR-003")
    world.a1_a2 = Opportunity.objects.get(supply=streams["a1"], demand=streams["a2"],
                                          rule_code="SR-003")
    return world


def _urls(w):
    opp = w.a1_b1.pk
    return [
        "/symbiosis/", "/symbiosis/opportunities/{}/".format(opp),
        "/companies/{}/symbiosis/".format(w.a1.pk), "/companies/{}/symbiosis/".format(w.b1.pk),
        "/parks/alpha/symbiosis/", "/parks/alpha/symbiosis/network/",
        "/parks/alpha/symbiosis/map.geojson", "/parks/beta/symbiosis/",
        "/parks/beta/symbiosis/network/", "/parks/beta/symbiosis/map.geojson",
        "/api/symbiosis/opportunities/", "/api/symbiosis/opportunities/{}/".format(opp),
        "/api/symbiosis/opportunities/{}/records/".format(opp),
        "/api/symbiosis/parks/alpha/network/", "/api/symbiosis/parks/beta/network/",
        "/api/symbiosis/parks/alpha/summary/", "/api/symbiosis/streams/",
        "/api/companies/{}/".format(w.a1.pk), "/api/companies/{}/".format(w.b1.pk),
    ]


def _received(w, persona):
    """Everything ``persona`` gets back from the symbiosis pages and API, csrf tokens aside."""
    client = Client()
    if persona != "anonymous":
        client.force_login(w.users[persona])
    found = {}
    for url in _urls(w):
        response = client.get(url)
        found[url] = (response.status_code, CSRF.sub(b"", response.content))
    return found


def _answer(w, persona):
    client = Client()
    client.force_login(w.users[persona])
    return client.get("/api/symbiosis/opportunities/{}/".format(w.a1_b1.pk)).json()


def _attack(answer):
    """What the published formulas recover from an answer: the matched quantity (directly, from
    the benefit's quantity, or from a benefit term ÷ its per-unit factor), the road distance (by
    inverting the distance part 1/(1 + d/(R/4))) and the transport cost."""
    rule = next(r for r in load_rules().rules if r.code == answer["rule_code"])
    distance_part = next(p for p in answer["parts"] if p["name"] == "distance")["value"]
    benefit = answer["benefit"]
    return {
        "matched_quantity": answer["matched_quantity"],
        "benefit_quantity": benefit.get("quantity"),
        "waste_diverted_t": benefit.get("waste_diverted_t"),
        "distance_km": answer["distance_km"],
        "distance_from_part": (rule.max_distance_km / 4) * (1 / distance_part - 1),
        "transport_vnd": benefit.get("transport_vnd"),
        "score": answer["score"],
    }


def _move(w, company, **changes):
    if "quantity" in changes:
        Stream.objects.filter(pk=w.streams[company].pk).update(quantity=changes["quantity"])
    if "lat" in changes:
        _locate(getattr(w, company), changes["lat"], getattr(w, company).longitude)
    refresh_matches()


def _truth(w):
    fresh = Opportunity.objects.get(pk=w.a1_b1.pk)
    return (fresh.matched_quantity, fresh.distance_km, fresh.benefit["transport_vnd"],
            fresh.supply.quantity, fresh.demand.quantity)


#: the personas from whom B1 (the receiver) is hidden, and from whom A1 (the supplier) is
HIDDEN_B1 = [p for p in PERSONAS if p not in ("admin", "other_company_user")]
HIDDEN_A1 = ["other_company_user", "consultant_revoked", "consultant_without_grant",
             "anonymous"]


@pytest.mark.parametrize(("hidden", "personas", "changes"), [
    ("b1", HIDDEN_B1, {"quantity": 64.0, "lat": 11.005}),
    ("a1", HIDDEN_A1, {"quantity": 26.0, "lat": 10.899}),
])
def test_moving_the_hidden_firm_within_its_bands_changes_nothing_anyone_else_receives(
        matched, hidden, personas, changes):
    before = {persona: _received(matched, persona) for persona in personas}
    truth = _truth(matched)
    _move(matched, hidden, **changes)
    moved = _truth(matched)
    # the hidden figures really changed: matched quantity or the counterpart's quantity,
    # road distance and transport cost
    assert moved[1] != truth[1] and moved[2] != truth[2] and moved[3:] != truth[3:]
    for persona in personas:
        after = _received(matched, persona)
        for url, answer in before[persona].items():
            assert after[url] == answer, (persona, url)


@pytest.mark.parametrize("persona", ["company_user", "consultant", "park_manager",
                                     "other_company_user"])
def test_the_published_formulas_recover_no_hidden_figure(matched, persona):
    """Each recovery gives the same figure whatever the truth, so it can be right for at most
    one of two worlds that differ only in the hidden firm."""
    hidden = "a1" if persona == "other_company_user" else "b1"
    first = _attack(_answer(matched, persona))
    assert first["matched_quantity"] is None and first["distance_km"] is None
    truth = _truth(matched)
    _move(matched, hidden, quantity=truth[3 if hidden == "a1" else 4] * 1.05,
          lat=getattr(matched, hidden).latitude + (0.005 if hidden == "b1" else -0.001))
    second = _attack(_answer(matched, persona))
    moved = _truth(matched)
    assert first == second
    assert moved[1] != truth[1] and moved[2] != truth[2]
    # a recovered distance is the band's middle, never the road distance
    assert first["distance_from_part"] == pytest.approx(12.5)
    assert truth[1] != pytest.approx(12.5) and moved[1] != pytest.approx(12.5)


def test_the_anonymised_view_shows_share_and_distance_bands_and_an_indicative_benefit(matched):
    answer = _answer(matched, "company_user")      # A1's member: B1 is hidden
    assert answer["indicative"] and answer["receiver"]["named"] is False
    assert answer["receiver"]["quantity"] is None and answer["selected_quantity"] is None
    # 24 t of A1's ash, ratio 0.8, B1's need 60 t: all of the supply placed, 32 % covered
    assert (answer["placed_band"], answer["covered_band"]) == ("100 %", "25–50 %")
    assert answer["distance_band"] == "5–20 km"
    # the benefit is that of A1's own 24 t at 12.5 km, two significant figures
    assert answer["benefit"]["quantity"] == 24.0 and answer["benefit"]["indicative"]
    assert answer["drawn_quantity"] == 24.0
    notes = {p["name"]: p["note"] for p in answer["parts"]}
    assert notes["quantity_fit"] == (
        "places 100 % of the supply and covers 25–50 % of the need")
    assert notes["distance"] == "5–20 km"
    parts = answer["parts"]
    assert answer["score"] == pytest.approx(
        sum(p["weight"] * p["value"] for p in parts) / sum(p["weight"] for p in parts),
        abs=1e-6)


def test_park_managers_see_their_own_park_exactly_and_both_reveals_show_all(matched):
    manager = Client()
    manager.force_login(matched.users["park_manager"])
    own = manager.get("/api/symbiosis/opportunities/{}/".format(matched.a1_a2.pk)).json()
    assert not own["indicative"] and own["matched_quantity"] == 24.0
    assert own["distance_km"] == pytest.approx(matched.a1_a2.distance_km)
    pipeline.reveal(matched.a1_b1, "supplier", matched.users["company_user"])
    pipeline.reveal(matched.a1_b1, "receiver", matched.users["other_company_user"])
    for persona in ("company_user", "other_company_user"):
        answer = _answer(matched, persona)
        assert not answer["indicative"] and answer["matched_quantity"] == 24.0
        assert answer["distance_km"] == pytest.approx(Opportunity.objects.get(
            pk=matched.a1_b1.pk).distance_km)
        assert answer["benefit"] == Opportunity.objects.get(pk=matched.a1_b1.pk).benefit


def test_no_quantity_can_be_recorded_on_an_exchange_that_ended_before_both_were_named(matched):
    from openeip.core.errors import DomainError

    workflow.transition(matched.a1_b1, "ended", matched.users["park_manager"])
    with pytest.raises(DomainError):
        pipeline.record_quantity(matched.a1_b1, 2024, 0, 12.0, matched.users["company_user"])
    assert json.loads(json.dumps(_answer(matched, "other_company_user")))["status"] == "ended"
