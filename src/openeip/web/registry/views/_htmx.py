"""Serving a page or just one of its regions, depending on whether htmx asked."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wants_region(request: HttpRequest, region_id: str) -> bool:
    """True when htmx asks to replace the element ``region_id`` (not when restoring history,
    which needs the whole page)."""
    headers = request.headers
    return (headers.get("HX-Request") == "true"
            and headers.get("HX-Target") == region_id
            and headers.get("HX-History-Restore-Request") != "true")


def render_page_or_region(request: HttpRequest, page: str, regions: dict[str, str],
                          context: dict[str, Any]) -> HttpResponse:
    """Render ``page``, or only the partial template of the region htmx targets."""
    template = next((partial for region_id, partial in regions.items()
                     if wants_region(request, region_id)), page)
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response
