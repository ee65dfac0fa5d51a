"""What the park map's script needs from the server: the tile server, if any, and its labels in
the page's language (Leaflet's own are English only)."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def park_map_config() -> dict[str, str]:
    """Passed to the page with json_script; an empty tile URL means no base map at all, so by
    default the map loads nothing from another server."""
    return {
        "tileUrl": settings.OPENEIP_MAP_TILE_URL,
        "attribution": settings.OPENEIP_MAP_ATTRIBUTION,
        "zoomIn": _("Zoom in"),
        "zoomOut": _("Zoom out"),
        "closePopup": _("Close"),
        "employees": _("Employees"),
    }
