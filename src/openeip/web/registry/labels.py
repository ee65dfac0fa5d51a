"""Catalogue labels and unit symbols as pages show them, in the active Django language."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import get_language

from openeip.core import catalogues


def current_language() -> str:
    """'vi' or 'en': the catalogues carry these two."""
    return "vi" if (get_language() or "en").split("-")[0] == "vi" else "en"


def kind_label(code: str) -> str:
    info = catalogues.flow_kinds().get(code)
    return info.label.text(current_language()) if info else code


def fate_label(code: str) -> str:
    label = catalogues.fates().get(code)
    return label.text(current_language()) if label else code


def source_label(code: str) -> str:
    label = catalogues.sources().get(code)
    return label.text(current_language()) if label else code


def ownership_label(code: str) -> str:
    label = catalogues.ownerships().get(code)
    return label.text(current_language()) if label else code


def sector_label(vsic_code: str, stored_name: str) -> str:
    """The VSIC 2018 name in the current language, or the name stored with the company."""
    sector = catalogues.vsic_sectors().get(vsic_code)
    return sector.label.text(current_language()) if sector else stored_name


def unit_display(stored: str) -> str:
    """'m**3' as stored in base units → 'm³'."""
    return stored.replace("**3", "³").replace("**2", "²")


def month_label(year: int, month: int) -> str:
    """A reporting period as this language writes it: 'January 2024', 'Tháng 1 2024'; '2024'
    for a whole year (month 0)."""
    return date_format(datetime.date(year, month or 1, 1), "YEAR_MONTH_FORMAT" if month else "Y")


def lazy_choices(labels: dict[str, Any]) -> list[tuple[str, Any]]:
    """Model choices whose labels follow the active language (the catalogues carry en and vi)."""
    text: Callable[[Any], str] = lazy(lambda label: label.text(current_language()), str)
    return [(code, text(label)) for code, label in labels.items()]


def cost_class_label(code: str) -> str:
    """An investment class ('no', 'low', 'medium', 'high') in words; '–' for none."""
    from openeip.core.recp import COST_CLASSES

    label = COST_CLASSES.get(code)
    return label.text(current_language()) if label else (code or "–")
