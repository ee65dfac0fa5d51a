"""Editions the platform knows: the shipped ones (core) plus those an admin imported.

A shipped id can never be overwritten; an imported id cannot be imported again with a different
content (a change is a new edition with its own id, so past assessments stay reproducible).
"""

from __future__ import annotations

from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core.eip.editions import (
    edition_to_yaml,
    load_edition,
    parse_edition,
    read_edition_file,
    shipped_editions,
)
from openeip.core.eip.model import Edition
from openeip.core.errors import DomainError
from openeip.web.eip.models import ImportedEdition


def imported_editions() -> dict[str, Edition]:
    """Every imported edition, parsed from its stored YAML."""
    result: dict[str, Edition] = {}
    for row in ImportedEdition.objects.all():
        result[row.edition_id] = parse_edition(yaml.safe_load(row.content), row.edition_id)
    return result


def all_editions() -> list[Edition]:
    """Shipped editions first (in force before historic), then imported ones."""
    shipped = list(shipped_editions())
    shipped.sort(key=lambda edition: (edition.status != "in_force", edition.id))
    return shipped + sorted(imported_editions().values(), key=lambda edition: edition.id)


def get_edition(edition_id: str) -> Edition:
    """The edition with this id; DomainError when there is none."""
    shipped_ids = {edition.id for edition in shipped_editions()}
    extra = None
    if edition_id not in shipped_ids:
        extra = imported_editions()
        if edition_id not in extra:
            raise DomainError(_("There is no EIP edition {id}.").format(id=edition_id),
                              "edition_id")
    return load_edition(edition_id, extra)


def edition_ids() -> set[str]:
    return {edition.id for edition in shipped_editions()} | set(
        ImportedEdition.objects.values_list("edition_id", flat=True))


@transaction.atomic
def import_edition(content: bytes, filename: str, user: Any = None) -> ImportedEdition:
    """Parse a YAML or XLSX edition and store it; IntakeError / DomainError, nothing saved."""
    edition = read_edition_file(content, filename)
    if edition.id in {shipped.id for shipped in shipped_editions()}:
        raise DomainError(
            _("Edition {id} is shipped with OpenEIP and cannot be replaced; give your edition "
              "a new id (and name the shipped one in based_on).").format(id=edition.id),
            "edition_id")
    text = edition_to_yaml(edition)
    existing = ImportedEdition.objects.select_for_update().filter(
        edition_id=edition.id).first()
    if existing is not None:
        if existing.content == text:
            return existing
        raise DomainError(
            _("Edition {id} was already imported with a different content; import the changed "
              "edition under a new id.").format(id=edition.id), "edition_id")
    return ImportedEdition.objects.create(edition_id=edition.id, content=text,
                                          filename=filename[:200], imported_by=user)
