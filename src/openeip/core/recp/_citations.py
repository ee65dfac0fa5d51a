"""Source notes of the option library as a reader cites them: title, clause and year.

The library (``recp_options.csv``) records where each option and effect range comes from as a
note for maintainers: a section of the project's research notes, free words and the notes'
confidence tags (``recp.md §2.3 textile row (insulate) [K]``). Readers never see that note;
:func:`citation` turns it into the works it stands for (``data/references.csv``) in the
current language, e.g. "Cleaner-production guides: typical options by sector …, textile dyeing
and finishing". A note that names no known work (one a user typed) is shown as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from openeip.core.catalogues import read_table
from openeip.core.i18n import current_language

__all__ = ["Reference", "citation", "references"]

_NOTES_FILE = "recp.md"
_SECTION = re.compile(r"recp\.md\s*§\s*(\d+(?:\.\d+)?)")
_CATEGORY = re.compile(r"category (\d)")
_TAG = re.compile(r"\[(?:K|V|NF)\](?:\s+[\w.-]+\.[a-z]{2,})?")


@dataclass(frozen=True)
class Reference:
    kind: str          # work, sector or generic
    key: str
    section: str
    keywords: tuple[str, ...]
    title_en: str
    title_vi: str
    year: str
    url: str

    def title(self, language: str) -> str:
        return self.title_vi if language == "vi" and self.title_vi else self.title_en

    def matches(self, text: str) -> bool:
        return any(word in text for word in self.keywords)


@cache
def references() -> tuple[Reference, ...]:
    """Every row of ``data/references.csv`` in file order."""
    return tuple(
        Reference(row["kind"], row["key"], row["section"],
                  tuple(word for word in row["keywords"].split("|") if word),
                  row["title_en"], row["title_vi"], row["year"], row["url"])
        for row in read_table("references.csv").rows)


def _top_level_parts(note: str) -> list[str]:
    """``note`` split at the semicolons outside parentheses."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(note):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth <= 0:
            parts.append(note[start:index])
            start = index + 1
    parts.append(note[start:])
    return [part.strip() for part in parts if part.strip()]


def _work(section: str, text: str) -> Reference | None:
    works = [r for r in references() if r.kind == "work" and r.section == section]
    keyed = [r for r in works if r.keywords and r.matches(text)]
    plain = [r for r in works if not r.keywords]
    return next(iter(keyed or plain), None)


def _cite_part(part: str, language: str) -> str | None:
    lowered = part.lower()
    generic = next((r for r in references() if r.kind == "generic" and r.matches(lowered)),
                   None)
    found = _SECTION.search(part)
    if found is None:
        if generic is not None:
            return generic.title(language)
        return None if _NOTES_FILE in part or _TAG.search(part) else part
    section = found.group(1)
    work = _work(section, lowered[found.end():] or lowered)
    if work is None:
        return generic.title(language) if generic else None
    clauses = []
    if section == "2.3":
        clauses = [r.title(language) for r in references()
                   if r.kind == "sector" and r.matches(lowered[found.end():])]
    category = _CATEGORY.search(lowered)
    if section == "2.1" and category:
        clauses = [("nhóm {}" if language == "vi" else "category {}").format(category.group(1))]
    text = work.title(language)
    if work.year:
        text += " ({})".format(work.year)
    if clauses:
        text += ", " + ", ".join(clauses)
    return text


def citation(note: str, language: str | None = None) -> str:
    """The works ``note`` cites, in ``language`` (default: the current one), '; '-separated.

    Never shows the notes' file name or confidence tags; a note without them is returned as
    it is (a source a user entered).
    """
    if not note:
        return ""
    language = language or current_language()
    cited: list[str] = []
    for part in _top_level_parts(note):
        text = _cite_part(part, language)
        if text and text not in cited:
            cited.append(text)
    return "; ".join(cited)
