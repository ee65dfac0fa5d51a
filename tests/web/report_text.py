"""A report's words, read from its PDF or from the HTML the PDF is laid out from.

Laying a report out as PDF (WeasyPrint) takes seconds; its words, numbers and tables are all in
the HTML it is laid out from, made by the same code. Tests of a report's content ask for the
``report_html`` fixture (reports come out as that HTML, in a fraction of the time) and read them
with :func:`report_text`; one test per report and language keeps reading the real PDF (the layout,
the fonts, the page breaks, the running header: what only the PDF has).
"""

from __future__ import annotations

import io
from html.parser import HTMLParser
from typing import Any

import pypdf
import pytest

#: elements that start a new line or cell: their words never run into their neighbours'
BLOCKS = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
          "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
          "img", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
          "tfoot", "th", "thead", "tr", "ul"}
#: elements whose content is not printed as words
UNPRINTED = {"head", "script", "style", "svg", "title"}


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in UNPRINTED:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in UNPRINTED:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The words of a report's HTML, every run of white space as one space."""
    parser = _Words()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with every run of white space (line breaks in table cells) as one space."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def report_text(document: bytes) -> str:
    """The words of a report as made: a real PDF, or its HTML under ``report_html``."""
    if document.startswith(b"%PDF-"):
        return pdf_text(document)
    return html_text(document.decode("utf-8"))


@pytest.fixture
def report_html(monkeypatch: pytest.MonkeyPatch) -> None:
    """Within the test, reports come out as the HTML they would be laid out from (not PDF)."""
    from openeip.web.base import pdf

    def html_instead(template_name: str, context: Any, language: str) -> bytes:
        return pdf.render_html(template_name, context, language).encode("utf-8")

    monkeypatch.setattr(pdf, "render_pdf", html_instead)
