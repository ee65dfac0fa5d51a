"""The report renderer: a Django template → HTML → PDF (WeasyPrint), in one language.

The page layout (A4, running header with the company and the date, page numbers in the footer)
lives in the template's CSS. Fonts are DejaVu Sans from the files matplotlib ships, declared
with ``@font-face``: every machine that renders the charts renders the text with the same
glyphs, Vietnamese diacritics included, whatever fonts the system has.
"""

from __future__ import annotations

import base64
import importlib.util
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from openeip.core.i18n import language as core_language

__all__ = ["FONT_FILES", "image_uri", "render_html", "render_pdf", "reporting_progress",
           "step"]

def _matplotlib_data() -> Path:
    """matplotlib's data folder (``matplotlib.get_data_path()``), found without importing it:
    every command and worker imports this module, few draw a chart."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.origin is not None, "matplotlib is a dependency"
    return Path(spec.origin).parent / "mpl-data"


_FONT_DIR = _matplotlib_data() / "fonts" / "ttf"
#: CSS font-weight/style → the DejaVu Sans file that draws it
FONT_FILES = {
    ("normal", "normal"): _FONT_DIR / "DejaVuSans.ttf",
    ("bold", "normal"): _FONT_DIR / "DejaVuSans-Bold.ttf",
    ("normal", "italic"): _FONT_DIR / "DejaVuSans-Oblique.ttf",
    ("bold", "italic"): _FONT_DIR / "DejaVuSans-BoldOblique.ttf",
}


#: who hears of each step of the report being made (a background job); nobody by default
_listener: ContextVar[Callable[[str], None] | None] = ContextVar("report_progress", default=None)


@contextmanager
def reporting_progress(listener: Callable[[str], None]) -> Iterator[None]:
    """Within the block, every :func:`step` of a report is passed to ``listener``."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def step(name: str) -> None:
    """Tell the listener (if any) which step the report has reached: 'layout', 'writing'…"""
    listener = _listener.get()
    if listener is not None:
        listener(name)


def image_uri(svg: str) -> str:
    """An SVG document as a data URI an <img> can show (no file, no web request)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _fonts() -> list[dict[str, str]]:
    return [{"weight": weight, "style": style, "url": path.as_uri()}
            for (weight, style), path in FONT_FILES.items()]


def render_html(template_name: str, context: Mapping[str, Any], language: str) -> str:
    """The report's HTML in ``language`` ('vi' or 'en'), for Django's and core's messages."""
    with translation.override(language), core_language(language):
        return render_to_string(template_name, {**context, "report_fonts": _fonts(),
                                                "report_language": language})


def render_pdf(template_name: str, context: Mapping[str, Any], language: str) -> bytes:
    """The report as PDF bytes."""
    from weasyprint import HTML  # imported late: it loads Pango, which only reports need

    html = render_html(template_name, context, language)
    step("layout")
    document = HTML(string=html, base_url=str(_FONT_DIR)).render()
    step("writing")
    return bytes(document.write_pdf())
