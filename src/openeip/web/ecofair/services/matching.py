"""Buyers' requests matched against the listed products (core.ecofair.matching), stored as
:class:`Match` rows; the symbiosis classifier gives both texts their resource class."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db import transaction
from django.utils import timezone

from openeip.core.ecofair.certificates import CertificateStatus
from openeip.core.ecofair.matching import Offer, Wanted, match_requests
from openeip.web.ecofair.models import BuyerRequest, CertifiedProduct, Match


@lru_cache(maxsize=1)
def _taxonomy() -> Any:
    from openeip.core.symbiosis.taxonomy import load_taxonomy

    return load_taxonomy()


def classify(text: str) -> tuple[str, float, tuple[str, ...]]:
    from openeip.web.symbiosis.services.streams import classifier

    found = classifier().classify(text)
    if not found.resource_class:
        return ("", 0.0, ())
    return (found.resource_class, found.confidence,
            tuple(_taxonomy().ancestors(found.resource_class)))


def offers() -> list[tuple[CertifiedProduct, Offer]]:
    today = timezone.localdate()
    rows = []
    for product in (CertifiedProduct.objects.filter(listed=True)
                    .prefetch_related("certificates")):
        verified = frozenset(c.scheme for c in product.certificates.all()
                             if c.status(today) is CertificateStatus.VERIFIED)
        text = " ".join(filter(None, (product.name_en, product.name_vi, product.description)))
        rows.append((product, Offer(str(product.pk), text, verified)))
    return rows


def refresh_matches(request: BuyerRequest) -> int:
    """Match ``request`` again: new pairs are added, consents of kept pairs stay, pairs no
    longer proposed (and not yet consented by anyone) go. Returns the number of matches."""
    listed = offers()
    by_id = {offer.id: product for product, offer in listed}
    wanted = Wanted(str(request.pk), " ".join(filter(None, (request.title,
                                                            request.description))),
                    frozenset(request.schemes or ()))
    found = match_requests([wanted], [offer for _p, offer in listed], classify)
    found = [m for m in found if by_id[m.product_id].company_id != request.company_id]
    with transaction.atomic():
        keep = {int(m.product_id) for m in found}
        (Match.objects.filter(request=request, buyer_consent=False, seller_consent=False)
         .exclude(product_id__in=keep).delete())
        for item in found:
            product = by_id[item.product_id]
            Match.objects.update_or_create(
                request=request, product=product,
                defaults={"buyer": request.company, "seller": product.company,
                          "score": item.score, "shared_words": list(item.shared_words),
                          "same_class": item.same_class})
    return Match.objects.filter(request=request).count()
