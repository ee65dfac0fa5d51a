"""Eco-Fair pages and API per persona: certificate status and verification, matching and consent,
enquiries, the public showcase (no login, only what was published), batch pages, the export."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openeip.web.ecofair.models import (
    Certificate,
    CertifiedProduct,
    Enquiry,
    EnquiryStatus,
    Match,
    Showcase,
)
from openeip.web.ecofair.services.brokerage import trade_volume
from openeip.web.registry.models import AuditEntry
from tests.conftest import PERSONAS, SEES_A1
from tests.web.ecofair.helpers import ecofair_world

MANAGES_ALPHA = {"admin", "park_manager"}
pytestmark = pytest.mark.django_db


def test_certificates_carry_their_status_never_a_badge(world):
    e = ecofair_world(world)
    assert e.organic.status().value == "verified" and e.organic.alert  # 60 days left
    assert e.expired.status().value == "expired"
    pending = Certificate.objects.create(product=e.cashew, scheme="fairtrade", number="FT-1",
                                         issuer="FLOCERT", valid_until=e.organic.valid_until)
    assert pending.status().value == "pending"


def test_the_request_is_matched_to_the_verified_organic_cashews_only(world):
    e = ecofair_world(world)
    matches = list(Match.objects.filter(request=e.request))
    assert [m.product_id for m in matches] == [e.cashew.pk]
    assert matches[0].seller_id == world.a1.pk and "cashew" in matches[0].shared_words


def test_a_revoked_certificate_takes_the_product_out_of_the_match(world, client_as):
    e = ecofair_world(world)
    client_as("park_manager").post("/ecofair/certificates/{}/verdict/".format(e.organic.pk),
                                   {"verdict": "revoked", "note": "issuer's register"})
    from openeip.web.ecofair.services.matching import refresh_matches

    assert refresh_matches(e.request) == 0
    assert AuditEntry.objects.filter(object_type="ecofair_certificate",
                                     changes__status=["verified", "revoked"]).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_parks_managers_verify_a_certificate(world, client_as, persona):
    e = ecofair_world(world)
    pending = Certificate.objects.create(product=e.cashew, scheme="fairtrade", number="FT-1",
                                         issuer="FLOCERT", valid_until=e.organic.valid_until)
    client_as(persona).post("/ecofair/certificates/{}/verdict/".format(pending.pk),
                            {"verdict": "verified"})
    pending.refresh_from_db()
    assert pending.verified == (persona in MANAGES_ALPHA)


def test_the_seller_stays_anonymous_to_the_buyer_until_both_consent(world, client_as):
    e = ecofair_world(world)
    buyer = client_as("other_company_user")
    body = buyer.get("/ecofair/requests/{}/".format(e.request.pk)).content.decode()
    assert "Company A1" not in body and "Organic roasted cashew nuts" in body
    buyer.post("/ecofair/matches/{}/consent/".format(e.match.pk), {"side": "buyer"})
    assert "Company A1" not in buyer.get("/ecofair/requests/{}/".format(
        e.request.pk)).content.decode()
    buyer.logout()
    seller = client_as("company_user")
    assert "Company B1" not in seller.get("/companies/{}/ecofair/".format(
        world.a1.pk)).content.decode()
    seller.post("/ecofair/matches/{}/consent/".format(e.match.pk), {"side": "seller"})
    e.match.refresh_from_db()
    assert e.match.revealed
    assert "Company B1" in seller.get("/companies/{}/ecofair/".format(
        world.a1.pk)).content.decode()


def test_a_side_cannot_consent_for_the_other(world, client_as):
    e = ecofair_world(world)
    response = client_as("other_company_user").post(
        "/ecofair/matches/{}/consent/".format(e.match.pk), {"side": "seller"})
    assert response.status_code == 403
    e.match.refresh_from_db()
    assert not e.match.seller_consent


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_seller_answers_an_enquiry(world, client_as, persona):
    e = ecofair_world(world)
    client_as(persona).post("/ecofair/enquiries/{}/answer/".format(e.enquiry.pk),
                            {"answer": "accept"})
    e.enquiry.refresh_from_db()
    assert (e.enquiry.status == EnquiryStatus.ACCEPTED) == (persona in SEES_A1)


def test_an_accepted_purchase_intention_counts_in_the_parks_trade(world, client_as):
    e = ecofair_world(world)
    assert trade_volume(world.alpha)["intentions"] == 0
    client_as("company_user").post("/ecofair/enquiries/{}/answer/".format(e.enquiry.pk),
                                   {"answer": "accept"})
    volume = trade_volume(world.alpha)
    assert volume["intentions"] == 1 and volume["value_vnd"] == 300_000_000
    body = client_as("other_company_user").get(
        "/ecofair/enquiries/{}/".format(e.enquiry.pk)).content.decode()
    assert "Company A1" in body  # accepted: the buyer now sees who sells


def test_a_buyer_sends_an_enquiry_from_the_catalogue(world, client_as):
    e = ecofair_world(world)
    response = client_as("other_company_user").post(
        "/ecofair/products/{}/enquire/".format(e.cashew.pk),
        {"buyer": world.b1.pk, "kind": "enquiry", "message": "Samples?"})
    assert response.status_code == 302
    assert Enquiry.objects.filter(message="Samples?", seller=world.a1).exists()


def test_a_company_cannot_enquire_for_a_company_it_does_not_belong_to(world, client_as):
    e = ecofair_world(world)
    client_as("other_company_user").post("/ecofair/products/{}/enquire/".format(e.cashew.pk),
                                         {"buyer": world.a2.pk, "kind": "enquiry"})
    assert not Enquiry.objects.filter(buyer=world.a2).exists()


def test_the_showcase_needs_no_login_and_shows_only_what_was_published(world, client):
    e = ecofair_world(world)
    body = client.get("/parks/alpha/showcase/").content.decode()
    assert "Cotton towel" in body and "Organic roasted cashew nuts" not in body
    assert "Company A1" not in body
    Showcase.objects.filter(park=world.alpha).update(published=False)
    assert client.get("/parks/alpha/showcase/").status_code == 404
    assert client.get("/parks/alpha/showcase/gpp.csv").status_code == 404
    assert e.towel.published


def test_the_showcase_shows_the_parks_published_shared_services(world, client):
    from tests.web.services.helpers import services_world

    ecofair_world(world)
    services_world(world)
    body = client.get("/parks/alpha/showcase/").content.decode()
    assert "Common effluent plant" in body


def test_the_showcase_speaks_vietnamese(world, client):
    ecofair_world(world)
    client.cookies["django_language"] = "vi"
    body = client.get("/parks/alpha/showcase/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Khăn bông" in body and "KCN của chúng tôi" in body


def test_the_procurement_export_lists_published_certificates_with_their_status(world, client):
    ecofair_world(world)
    text = client.get("/parks/alpha/showcase/gpp.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["product"], r["certificate_number"], r["status"]) for r in rows] == [
        ("Cotton towel", "EU-TEX-42", "verified")]
    response = client.get("/parks/alpha/showcase/gpp.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, 5).value == "EU-TEX-42"


def test_the_batch_page_is_public_with_its_chain_and_qr_code(world, client):
    e = ecofair_world(world)
    body = client.get("/ecofair/batches/{}/".format(e.batch.token)).content.decode()
    assert "Cotton farm" in body and "declared, not verified" in body and "EU-TEX-42" in body
    svg = client.get("/ecofair/batches/{}/qr.svg".format(e.batch.token))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    e.batch.published = False
    e.batch.save()
    assert client.get("/ecofair/batches/{}/".format(e.batch.token)).status_code == 404


def test_label_readiness_reads_the_companys_recp_data(world, client_as):
    ecofair_world(world)
    response = client_as("company_user").get(
        "/companies/{}/ecofair/?label=vn_green_label&group=all".format(world.a1.pk))
    ready = response.context["readiness"]
    # the tiny world's A1 records electricity, tap water and sludge in 2024
    assert ready["year"] == 2024
    assert {"energy", "water", "waste"} <= set(ready["recorded"])
    results = {r.criterion.criterion_id: r.result.value for r in ready["results"]}
    assert results == {"VGL-REP-W": "met", "VGL-REP-WW": "missing", "VGL-REP-E": "met",
                       "VGL-PG": "evidence"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_company_adds_a_certificate_with_its_evidence(world, client_as, persona, settings,
                                                        tmp_path):
    settings.MEDIA_ROOT = tmp_path
    e = ecofair_world(world)
    client_as(persona).post("/companies/{}/ecofair/certificates/new/".format(world.a1.pk), {
        "product": e.cashew.pk, "scheme": "fairtrade", "number": "FT-9", "issuer": "FLOCERT",
        "valid_until": "2030-01-01",
        "evidence": SimpleUploadedFile("ft.pdf", b"%PDF-1.4 scan", "application/pdf")})
    added = Certificate.objects.filter(number="FT-9").first()
    assert (added is not None) == (persona in SEES_A1)
    if added is not None:
        assert added.status().value == "pending"
        for who in PERSONAS:
            response = client_as(who).get("/ecofair/certificates/{}/evidence/".format(added.pk))
            assert (response.status_code == 200) == (who in SEES_A1), who
            client_as(who).logout()


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_parks_managers_publish_the_showcase(world, client_as, persona):
    client_as(persona).post("/parks/alpha/ecofair/showcase/", {
        "published": "on", "intro_en": "Hello", "intro_vi": "Xin chào", "show_services": "on"})
    assert Showcase.objects.filter(park=world.alpha, published=True).exists() == (
        persona in MANAGES_ALPHA)


def test_the_api_posts_a_request_and_matches_it(world, client_as):
    ecofair_world(world)
    client = client_as("other_company_user")
    response = client.post("/api/ecofair/requests/", {
        "company": world.b1.pk, "title": "organic cashew", "schemes": ["organic"]},
        content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["matches"][0]["seller"] is None
    refused = client.post("/api/ecofair/requests/", {
        "company": world.a1.pk, "title": "anything", "schemes": []},
        content_type="application/json")
    assert refused.status_code == 400


def test_the_api_names_a_seller_only_when_it_may(world, client_as):
    e = ecofair_world(world)
    other = client_as("other_company_user").get(
        "/api/ecofair/products/{}/".format(e.cashew.pk)).json()
    assert other["seller"].startswith("a company of") and "Company A1" not in str(other)
    assert [c["status"] for c in other["certificates"]] == ["verified", "expired"]


def test_a_product_listed_by_nobody_is_not_in_the_catalogue(world, client_as):
    e = ecofair_world(world)
    CertifiedProduct.objects.filter(pk=e.cashew.pk).update(listed=False)
    response = client_as("other_company_user").get("/ecofair/products/{}/".format(e.cashew.pk))
    assert response.status_code == 404
