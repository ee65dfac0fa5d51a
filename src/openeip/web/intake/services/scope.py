"""Who may import what into which park — decided here and nowhere else.

* a park's managers and platform admins: the whole file, the Park sheet and new companies too;
* company members and consultants with an active grant: only rows of the companies of that park
  they may change;
* anyone else: nothing.

The rules themselves live in :mod:`openeip.web.base.access`; this module only applies them
to an import.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from openeip.web.base.access import can_manage_park
from openeip.web.registry.models import Company, Park


class ImportRefused(Exception):
    """The user may not import anything into this park."""


def import_scope(user: Any, park: Park) -> set[str] | None:
    """The company codes ``user`` may import into ``park``; None means everything.

    Raises :class:`ImportRefused` when the user may import nothing there.
    """
    if user is not None and can_manage_park(user, park):
        return None
    codes = set(
        Company.objects.for_user(user, "change").filter(park=park).values_list("code", flat=True)
    )
    if not codes:
        raise ImportRefused(_(
            "You may not import into park '{park}': you are neither one of its managers nor a "
            "member of, or consultant to, one of its companies.").format(park=park.slug))
    return codes


def importable_parks(user: Any) -> Any:
    """Parks ``user`` may import at least some rows into."""
    companies = Company.objects.for_user(user, "change").values("park_id")
    return Park.objects.filter(
        Q(pk__in=Park.objects.for_user(user, "change").values("pk")) | Q(pk__in=companies)
    ).distinct()
