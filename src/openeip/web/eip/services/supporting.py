"""Records shown beside a criterion they support but do not answer, in the reader's language.

Which criteria and which records is core's data (``data/eip/record_support.csv``,
:mod:`openeip.core.eip.supporting`); the values are the indicators of the assessment's year (as
computed now, or as a saved assessment stored them). A value that could not be computed shows
why ("no records on the platform for 2026"), never a silent 0. The pages, the gap list, the
dossier (PDF and XLSX) and the annual report all take these notes from :func:`support_notes`.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from openeip.core.eip.catalogue import indicator_catalogue
from openeip.core.eip.indicators import IndicatorValue, unit_label
from openeip.core.eip.model import Edition
from openeip.core.eip.supporting import SupportingRecords, supporting_records
from openeip.core.i18n import language as core_language
from openeip.core.i18n import render
from openeip.web.base import formatting
from openeip.web.base.labels import current_language
from openeip.web.eip.services.content import SupportNote
from openeip.web.eip.services.indicators import values_from_json

__all__ = ["support_notes"]

def _line(value: IndicatorValue, language: str) -> str:
    definition = indicator_catalogue().get(value.code)
    name = definition.name(language) if definition else value.code
    detail = render(value.detail)
    if value.value is None:
        return _("{name}: {detail}").format(name=name, detail=detail)
    if value.unit in ("count", "people"):       # the count says it all: "Women trained: 3"
        return _("{name}: {detail}").format(name=name, detail=formatting.number(value.value))
    shown = "{} {}".format(formatting.number(value.value), unit_label(value.unit)).strip()
    return _("{name}: {value} ({detail})").format(name=name, value=shown, detail=detail)


def _note(records: SupportingRecords, language: str) -> SupportNote:
    rule = records.rule
    return SupportNote(lines=tuple(_line(value, language) for value in records.values),
                       needs=rule.needs(language), verification=rule.verification)


def support_notes(edition: Edition, indicator_values: dict[str, Any],
                  language: str | None = None) -> dict[str, SupportNote]:
    """{criterion id: what the records show and what still needs evidence} for ``edition``
    from the assessment's indicator values (as stored: ``values_to_json``)."""
    language = language or current_language()
    found = supporting_records(edition, values_from_json(indicator_values))
    with translation.override(language), core_language(language):
        return {criterion_id: _note(records, language) for criterion_id, records in found.items()}
