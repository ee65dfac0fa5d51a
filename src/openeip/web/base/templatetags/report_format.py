"""Template filters for the printed reports: fixed decimals, money, signed changes."""

from __future__ import annotations

from typing import Any

from django import template

from openeip.web.base import formatting

register = template.Library()


@register.filter
def fixed(value: Any, decimals: int = 0) -> str:
    return formatting.fixed(value, int(decimals))


@register.filter
def change(value: Any, decimals: int = 1) -> str:
    return formatting.signed_percent(value, int(decimals))


@register.filter
def number(value: Any) -> str:
    return formatting.number(value) or "–"
