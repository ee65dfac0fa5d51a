"""How pages show numbers, units and catalogue labels, in the request's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from openeip.core import formatting
from openeip.core.eip.references import issuer_name
from openeip.web.base import labels
from openeip.web.base.labels import (
    fate_label,
    kind_label,
    month_label,
    source_label,
    unit_display,
)

register = template.Library()


@register.filter
def num(value: Any) -> str:
    """A number with the language's separators and just enough decimals
    (:func:`openeip.core.formatting.number`)."""
    return formatting.number(value, get_language() or "en")


@register.filter
def km(value: Any) -> str:
    """A distance with one decimal and its unit: '2.4 km', '< 0.1 km' (not '0.00322 km')."""
    if value is None or value == "":
        return formatting.NO_VALUE
    language = get_language() or "en"
    if float(value) < 0.05:
        return "< {} km".format(formatting.fixed(0.1, 1, language))
    return "{} km".format(formatting.fixed(float(value), 1, language))


@register.filter
def percent(part: Any, whole: Any) -> str:
    """``part`` as a whole-number percentage of ``whole`` ('' when whole is 0)."""
    if not whole:
        return ""
    return "{} %".format(num(round(100 * float(part) / float(whole))))


register.filter("unit", unit_display)
register.filter("edition_issuer", issuer_name)
register.filter("table_label", labels.table_label)
register.filter("version_label", labels.version_label)
register.filter("audit_label", labels.audit_label)
register.filter("classification_label", labels.classification_label)
register.filter("kind_label", kind_label)
register.filter("fate_label", fate_label)
register.filter("source_label", source_label)


@register.simple_tag(takes_context=True)
def page_url(context: Any, page_param: str, number: int) -> str:
    """The current query string with ``page_param`` set to ``number`` (filters kept)."""
    params = context["request"].GET.copy()
    params[page_param] = number
    return "?" + params.urlencode()


@register.filter
def sector_label(vsic_code: str, stored_name: str) -> str:
    """{{ company.vsic_code|sector_label:company.vsic_name }}: the sector in this language."""
    return labels.sector_label(vsic_code, stored_name)


@register.filter
def period_label(period: Any) -> str:
    """A ReportingPeriod as this language writes it: 'January 2024' / 'Tháng 1 2024', '2024'."""
    return month_label(period.year, period.month)


@register.filter
def criterion_name(criterion_id: str, edition: Any) -> str:
    """{{ id|criterion_name:edition }}: what the criterion asks, in this language ('' if none)."""
    for criterion in getattr(edition, "criteria", ()):
        if criterion.id == criterion_id:
            text = criterion.text_vi if labels.current_language() == "vi" else ""
            return str(text or criterion.text_en)
    return ""


@register.filter
def cost_class(code: str) -> str:
    """An investment class code ('low') in words ('Low cost'); '–' for none."""
    return labels.cost_class_label(code or "")


@register.filter
def flow_name(name: str) -> str:
    """A flow or product name in this language when it is a synthetic (demo) name."""
    from openeip.core.synthetic import flow_name as synthetic_name

    return synthetic_name(name or "", labels.current_language())
