"""Load the demo park and its demo accounts; running it again changes nothing.

The accounts have fixed, published passwords: they exist so that a visitor can try each role of
the platform on an embedded demo database, never on a production one, so loading refuses to run
when ``OPENEIP_PRODUCTION`` is set.

=================  ====================  ==============================================
username           password              role
=================  ====================  ==============================================
demo-admin         openeip-admin         platform admin
demo-manager       openeip-manager       park manager of the demo park ``rach-may``
demo-member        openeip-member        member of company ``DYE-01``
demo-consultant    openeip-consultant    consultant with an active grant on ``DYE-01``
=================  ====================  ==============================================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core.synthetic import DEMO_PARK_SLUG, demo_park
from openeip.web.env import ConfigurationError, env_bool
from openeip.web.registry.models import (
    Company,
    CompanyMembership,
    ConsultantGrant,
    Park,
    ParkManager,
)
from openeip.web.registry.services.importer import ImportResult, import_dataset

#: the company whose member and consultant the demo accounts are
DEMO_COMPANY_CODE = "DYE-01"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str


def _accounts() -> list[DemoAccount]:
    return [
        DemoAccount("demo-admin", "openeip-admin",
                    _("platform admin: sees and changes everything")),
        DemoAccount("demo-manager", "openeip-manager",
                    _("park manager of {park}").format(park=DEMO_PARK_SLUG)),
        DemoAccount("demo-member", "openeip-member",
                    _("member of company {code}").format(code=DEMO_COMPANY_CODE)),
        DemoAccount("demo-consultant", "openeip-consultant",
                    _("consultant with an active grant on {code}").format(code=DEMO_COMPANY_CODE)),
    ]


def _user(account: DemoAccount, *, superuser: bool = False) -> Any:
    """The account's user, created or repaired; a user already in order is not written."""
    user, created = get_user_model().objects.get_or_create(
        username=account.username,
        defaults={"email": account.username + "@demo.openeip.invalid"},
    )
    if created or not user.check_password(account.password) or not user.is_active or (
            user.is_superuser, user.is_staff) != (superuser, superuser):
        user.set_password(account.password)
        user.is_active = True
        user.is_superuser = user.is_staff = superuser
        user.save()
    return user


@transaction.atomic
def create_demo_accounts(park: Park, company: Company) -> list[DemoAccount]:
    accounts = _accounts()
    admin, manager, member, consultant = accounts
    _user(admin, superuser=True)
    ParkManager.objects.get_or_create(user=_user(manager), park=park)
    member_user = _user(member)
    CompanyMembership.objects.get_or_create(user=member_user, company=company)
    consultant_user = _user(consultant)
    if not ConsultantGrant.objects.active().filter(company=company,
                                                    consultant=consultant_user).exists():
        ConsultantGrant.objects.create(company=company, consultant=consultant_user,
                                       granted_by=member_user)
    return accounts


def load_demo_park(stdout: IO[str] | None = None, seed: int = 2024
                   ) -> tuple[Park, list[DemoAccount]]:
    """Import the demo park (idempotent) and create the demo accounts; return the park and the
    accounts. The other apps' demo data is seeded by :func:`openeip.web.demo.load_demo`.

    ``stdout`` receives the import's created/updated/unchanged counts, one table per line.
    """
    if env_bool("OPENEIP_PRODUCTION", False):
        raise ConfigurationError(_(
            "The demo creates accounts with published passwords; it does not run when "
            "OPENEIP_PRODUCTION is set. Use a separate demo database."))
    result: ImportResult = import_dataset(demo_park(seed), DEMO_PARK_SLUG, via="cli")
    if stdout is not None:
        stdout.write("{:<10} {:>8} {:>8} {:>9}\n".format(
            "", _("created"), _("updated"), _("unchanged")))
        for line in result.lines():
            stdout.write(line + "\n")
    park = Park.objects.get(slug=DEMO_PARK_SLUG)
    company = Company.objects.get(park=park, code=DEMO_COMPANY_CODE)
    return park, create_demo_accounts(park, company)
