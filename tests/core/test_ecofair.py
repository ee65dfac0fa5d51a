"""Eco-Fair core: certificate status, label readiness from RECP data, request matching."""

from __future__ import annotations

import datetime

from openeip.core.ecofair.certificates import CertificateStatus, expiry_alert, schemes, status_of
from openeip.core.ecofair.matching import Offer, Wanted, match_requests
from openeip.core.ecofair.readiness import Readiness, criteria, readiness

TODAY = datetime.date(2026, 12, 6)


def test_a_certificate_is_verified_only_when_checked_unrevoked_and_in_date():
    def status(**kw):
        base = {"verified": True, "revoked": False, "valid_until": TODAY, "today": TODAY}
        return status_of(**{**base, **kw})

    assert status() is CertificateStatus.VERIFIED
    assert status(valid_until=TODAY - datetime.timedelta(days=1)) is CertificateStatus.EXPIRED
    assert status(verified=False) is CertificateStatus.PENDING
    assert status(revoked=True) is CertificateStatus.REVOKED


def test_an_expiry_alert_is_due_ninety_days_ahead_for_verified_certificates_only():
    soon = TODAY + datetime.timedelta(days=90)
    assert expiry_alert(verified=True, revoked=False, valid_until=soon, today=TODAY)
    assert not expiry_alert(verified=True, revoked=False, valid_until=soon
                            + datetime.timedelta(days=1), today=TODAY)
    assert not expiry_alert(verified=False, revoked=False, valid_until=soon, today=TODAY)


def test_the_vietnam_green_label_runs_thirty_six_months_as_cited():
    scheme = schemes()["vn_green_label"]
    assert scheme.validity_months == 36 and "41/2013" in scheme.source
    assert schemes()["fairtrade"].verification == "unverified"


def test_every_criterion_names_its_source_and_verification():
    for criterion in criteria():
        assert criterion.source and criterion.verification in ("primary", "secondary",
                                                                "unverified")


def test_readiness_follows_the_recorded_recp_data():
    results = {r.criterion.criterion_id: r.result
               for r in readiness("eu_ecolabel", "textiles", {"energy", "water"})}
    assert results["EUEL-TEX-15"] is Readiness.MET          # energy recorded
    assert results["EUEL-TEX-16W"] is Readiness.MISSING     # no wastewater recorded
    assert results["EUEL-TEX-13"] is Readiness.EVIDENCE
    vgl = readiness("vn_green_label", "food", {"waste"})
    assert {r.criterion.criterion_id for r in vgl} == {"VGL-REP-W", "VGL-REP-WW", "VGL-REP-E",
                                                       "VGL-PG"}


def test_a_request_matches_products_by_words_in_both_languages():
    offers = [Offer("p1", "Hạt điều hữu cơ rang muối", frozenset({"organic"})),
              Offer("p2", "Recycled plastic pellets", frozenset()),
              Offer("p3", "Hạt điều thường", frozenset())]
    found = match_requests([Wanted("r1", "hat dieu huu co", frozenset({"organic"}))], offers)
    assert [m.product_id for m in found] == ["p1"]          # p3 lacks the verified scheme
    assert found[0].score == 0.7 and found[0].schemes == ("organic",)
    open_request = match_requests([Wanted("r2", "hạt điều")], offers)
    assert [m.product_id for m in open_request] == ["p1", "p3"]


def test_the_classifier_adds_a_shared_class():
    def classify(text):
        return ("plastic_pe", 0.9, ("plastic_pe", "plastic")) if "plastic" in text.lower() or \
            "nhựa" in text.lower() else ("", 0.0, ())

    found = match_requests([Wanted("r", "nhựa tái chế dạng hạt")],
                           [Offer("p", "Recycled plastic pellets")], classify)
    assert found and found[0].same_class == "plastic_pe" and found[0].score >= 0.3
