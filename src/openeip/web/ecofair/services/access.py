"""Who may see what of the Eco-Fair: the rules are declared on the models (``access =
Owner(...)``, :mod:`openeip.web.base.access`); these helpers name what the views ask.

* products, certificates, batches, requests: the registry's company rule (the company's members,
  its consultants with a grant in force, its park's managers, admins) — and a *listed* product
  (with its certificates) is visible to every signed-in user, as a catalogue is;
* matches and enquiries belong to both sides: whoever may see the buyer or the seller company;
  the other side's identity is shown only when both have consented;
* a park's showcase page is public once the park publishes it; a batch page once the batch is.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from openeip.web.base.access import may
from openeip.web.ecofair.models import Certificate, CertifiedProduct, Enquiry, Match
from openeip.web.registry.models import Company


def _signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def visible_companies(user: Any, action: str = "view") -> QuerySet[Company]:
    return Company.objects.for_user(user, action)


def visible_products(user: Any) -> QuerySet[CertifiedProduct]:
    """The user's companies' products and every listed one (declared on the model)."""
    return CertifiedProduct.objects.for_user(user)


def own_products(user: Any, action: str = "view") -> QuerySet[CertifiedProduct]:
    return CertifiedProduct.objects.for_user(user, action)


def visible_certificates(user: Any) -> QuerySet[Certificate]:
    return Certificate.objects.for_user(user)


def visible_matches(user: Any) -> QuerySet[Match]:
    return Match.objects.for_user(user)


def visible_enquiries(user: Any) -> QuerySet[Enquiry]:
    return Enquiry.objects.for_user(user)


def sides(user: Any, row: Match | Enquiry, action: str = "view") -> set[str]:
    """'buyer' and/or 'seller': the sides of ``row`` the user may act for."""
    companies = set(visible_companies(user, action).filter(
        pk__in=(row.buyer_id, row.seller_id)).values_list("pk", flat=True))
    return ({"buyer"} if row.buyer_id in companies else set()) | (
        {"seller"} if row.seller_id in companies else set())


def may_verify(user: Any, certificate: Certificate) -> bool:
    """The park's managers (the facilitator) and admins check a certificate with its issuer:
    the certificate's "approve" right."""
    return may(user, "approve", certificate)


def seller_names(user: Any, products: Any) -> None:
    """Set ``seller_label`` on each product: the company's name when the company published the
    product on its park's showcase or the user may see the company, else an anonymous label
    (its park and sector) — contact goes through a consented enquiry."""
    from django.utils.translation import gettext as _

    from openeip.web.base.labels import sector_label

    products = list(products)
    own = set(CertifiedProduct.objects.for_user(user, "change").filter(
        pk__in=[p.pk for p in products]).values_list("pk", flat=True)) if _signed_in(
        user) else set()
    for product in products:
        company = product.company
        if product.published or product.pk in own:
            product.seller_label = company.name
        else:
            product.seller_label = _("a company of {park} ({sector})").format(
                park=company.park.name, sector=sector_label(company.vsic_code, company.vsic_name))
